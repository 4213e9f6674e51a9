"""Circulars (kebijakan): the validated circular kept as JSON, with its period."""

from __future__ import annotations

import json
import sqlite3

from ..clock import now_iso
from ..domain.circulars import Circular


def get(conn: sqlite3.Connection, nama: str) -> Circular | None:
    row = conn.execute("SELECT isi FROM kebijakan WHERE nama = ?", (nama,)).fetchone()
    return Circular.from_dict(json.loads(row[0])) if row else None


def put(conn: sqlite3.Connection, c: Circular) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO kebijakan (nama, judul, mulai, sampai, isi, dipasang_pada) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            c.nama,
            c.judul,
            c.mulai.isoformat(),
            c.sampai.isoformat(),
            json.dumps(c.to_dict(), ensure_ascii=False, sort_keys=True),
            now_iso(),
        ),
    )


def all_circulars(conn: sqlite3.Connection) -> list[tuple[Circular, str]]:
    """Every circular with its install time, by start date then name."""
    rows = conn.execute("SELECT isi, dipasang_pada FROM kebijakan ORDER BY mulai, nama")
    return [(Circular.from_dict(json.loads(isi)), at) for isi, at in rows]
