"""Employee conditions (kondisi) that keep a person working from home."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import TYPE_CHECKING, Any

from ..clock import now_iso

if TYPE_CHECKING:
    from ..domain.roster import Condition


def add(
    conn: sqlite3.Connection,
    nip: str,
    jenis: str,
    mulai: date,
    sampai: date | None,
    keterangan: str | None,
    oleh: str,
) -> int:
    cur = conn.execute(
        "INSERT INTO kondisi (nip, jenis, mulai, sampai, keterangan, oleh, dicatat_pada) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (nip, jenis, mulai.isoformat(), sampai.isoformat() if sampai else None, keterangan, oleh, now_iso()),
    )
    return int(cur.lastrowid or 0)


def listing(conn: sqlite3.Connection, tanggal: date | None = None) -> list[dict[str, Any]]:
    sql = (
        "SELECT k.id, k.nip, p.nama, u.jalur AS unit, k.jenis, k.mulai, k.sampai, k.keterangan, "
        "k.oleh, k.dicatat_pada FROM kondisi k JOIN pegawai p ON p.nip = k.nip "
        "JOIN unit u ON u.id = p.unit_id"
    )
    args: list[str] = []
    if tanggal:
        sql += " WHERE k.mulai <= ? AND (k.sampai IS NULL OR k.sampai >= ?)"
        args = [tanggal.isoformat()] * 2
    return [dict(r) for r in conn.execute(sql + " ORDER BY k.mulai, k.nip, k.id", args)]


def all_conditions(conn: sqlite3.Connection) -> list[Condition]:
    # The roster's module (about 40 ms to import) only here: the holidays of a person's month
    # (rekap rincian) come through services/kalender, which imports this module.
    from ..domain.roster import Condition

    rows = conn.execute("SELECT nip, jenis, mulai, sampai FROM kondisi ORDER BY id")
    return [
        Condition(n, j, date.fromisoformat(a), date.fromisoformat(b) if b else None) for n, j, a, b in rows
    ]


def get(conn: sqlite3.Connection, kondisi_id: int) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT id, nip, jenis, mulai, sampai, keterangan, oleh, dicatat_pada FROM kondisi WHERE id = ?",
        (kondisi_id,),
    ).fetchone()
    return dict(row) if row else None


def end(conn: sqlite3.Connection, kondisi_id: int, sampai: date) -> None:
    conn.execute("UPDATE kondisi SET sampai = ? WHERE id = ?", (sampai.isoformat(), kondisi_id))


def delete(conn: sqlite3.Connection, kondisi_id: int) -> None:
    """The row goes; the audit entry that removes it keeps the whole of it."""
    conn.execute("DELETE FROM kondisi WHERE id = ?", (kondisi_id,))
