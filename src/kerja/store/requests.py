"""Employees' requests (table permohonan)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

COLUMNS = (
    "id",
    "nip",
    "jenis",
    "tanggal",
    "sampai",
    "kode",
    "masuk",
    "pulang",
    "mode",
    "alasan",
    "lampiran",
    "status",
    "diajukan_pada",
    "diputus_oleh",
    "diputus_pada",
    "alasan_putusan",
    "hasil",
)
_SELECT = (
    f"SELECT {', '.join('r.' + c for c in COLUMNS)}, p.nama FROM permohonan r JOIN pegawai p ON p.nip = r.nip"
)


def _row(r: sqlite3.Row) -> dict[str, Any]:
    d = dict(r)
    d["hasil"] = json.loads(d["hasil"]) if d["hasil"] else None
    return d


def insert(conn: sqlite3.Connection, row: dict[str, Any]) -> int:
    keys = [k for k in COLUMNS if k in row and k != "id"]
    cur = conn.execute(
        f"INSERT INTO permohonan ({', '.join(keys)}) VALUES ({', '.join('?' * len(keys))})",
        [row[k] for k in keys],
    )
    return int(cur.lastrowid or 0)


def set_attachment(conn: sqlite3.Connection, request_id: int, name: str) -> None:
    conn.execute("UPDATE permohonan SET lampiran = ? WHERE id = ?", (name, request_id))


def get(conn: sqlite3.Connection, request_id: int) -> dict[str, Any] | None:
    row = conn.execute(_SELECT + " WHERE r.id = ?", (request_id,)).fetchone()
    return _row(row) if row else None


def listing(
    conn: sqlite3.Connection, *, nips: Iterable[str] | None = None, menunggu: bool = False
) -> list[dict[str, Any]]:
    sql = _SELECT + " WHERE 1=1"
    args: list[Any] = []
    if nips is not None:
        sql += " AND r.nip IN (SELECT value FROM json_each(?))"
        args.append(json.dumps(sorted(set(nips))))
    if menunggu:
        sql += " AND r.status = 'menunggu'"
    return [_row(r) for r in conn.execute(sql + " ORDER BY r.id", args)]


def decide(
    conn: sqlite3.Connection,
    request_id: int,
    *,
    status: str,
    oleh: str,
    pada: str,
    alasan: str | None,
    hasil: Any,
) -> None:
    conn.execute(
        "UPDATE permohonan SET status = ?, diputus_oleh = ?, diputus_pada = ?, alasan_putusan = ?, hasil = ? "
        "WHERE id = ? AND status = 'menunggu'",
        (status, oleh, pada, alasan, json.dumps(hasil) if hasil is not None else None, request_id),
    )
