"""A small institution for presence tests: three employees, two OPDs, machine PINs 1-3, and
helpers to reach the store with plain SQL (as the roster engineer's tables are written)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

A, B, C = "197508172000031002", "198001012005011001", "199009092021211004"

EMPLOYEES = f"""NIP;Nama;Status;Unit Kerja;PIN
{A};Ani Lestari;PNS;Dinas Kesehatan > Bidang P2P;1
{B};Budi Santoso;PNS;Dinas Kesehatan > Bidang P2P;2
{C};Citra Dewi;PPPK;Dinas Pendidikan;3
"""


def sql(db: Path, statement: str, *args: object) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        with conn:
            return conn.execute(statement, args).fetchall()
    finally:
        conn.close()


def roster(db: Path, rows: list[tuple[str, str, str]]) -> None:
    """(tanggal, nip, lokasi) roster rows, as the roster engineer's `jadwal buat` writes them."""
    conn = sqlite3.connect(db)
    with conn:
        conn.executemany("INSERT INTO jadwal (tanggal, nip, lokasi, alasan) VALUES (?, ?, ?, 'rotasi')", rows)
    conn.close()
