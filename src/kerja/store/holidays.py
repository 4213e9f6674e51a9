"""Local holidays: a row with a name adds a holiday, a row without one cancels a national one."""

from __future__ import annotations

import sqlite3
from datetime import date


def local_get(conn: sqlite3.Connection, tanggal: date) -> tuple[bool, str | None]:
    """(has a local row, its name) for one date."""
    row = conn.execute("SELECT nama FROM libur WHERE tanggal = ?", (tanggal.isoformat(),)).fetchone()
    return (row is not None, row[0] if row else None)


def local_put(conn: sqlite3.Connection, tanggal: date, nama: str | None) -> None:
    conn.execute("INSERT OR REPLACE INTO libur (tanggal, nama) VALUES (?, ?)", (tanggal.isoformat(), nama))


def local_delete(conn: sqlite3.Connection, tanggal: date) -> None:
    conn.execute("DELETE FROM libur WHERE tanggal = ?", (tanggal.isoformat(),))
