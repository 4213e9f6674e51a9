"""Attendance machines (`mesin`), the serial numbers that tried to push without being
registered (`mesin_tak_dikenal`), and the PIN maps an import resolves punches with: the SQL."""

from __future__ import annotations

import sqlite3
from typing import Any


def get(conn: sqlite3.Connection, mesin_id: str) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT m.id, m.nama, u.jalur AS unit, m.dicatat_pada FROM mesin m JOIN unit u ON u.id = m.unit_id "
        "WHERE m.id = ?",
        (mesin_id,),
    ).fetchone()
    return dict(row) if row else None


def insert(conn: sqlite3.Connection, mesin_id: str, unit_id: int, nama: str | None, pada: str) -> None:
    conn.execute(
        "INSERT INTO mesin (id, unit_id, nama, dicatat_pada) VALUES (?, ?, ?, ?)",
        (mesin_id, unit_id, nama, pada),
    )
    # A serial number that pushed before it was registered is known now.
    conn.execute("DELETE FROM mesin_tak_dikenal WHERE sn = ?", (mesin_id,))


def listing(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return [
        dict(r)
        for r in conn.execute(
            """SELECT m.id, m.nama, u.jalur AS unit, m.dicatat_pada,
                      (SELECT count(*) FROM pegawai p WHERE p.mesin = m.id AND p.pin_mesin IS NOT NULL) AS pin
               FROM mesin m JOIN unit u ON u.id = m.unit_id ORDER BY m.id"""
        )
    ]


def unknown(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return [
        dict(r)
        for r in conn.execute(
            "SELECT sn, pertama, terakhir, kali FROM mesin_tak_dikenal ORDER BY terakhir DESC, sn"
        )
    ]


def note_unknown(conn: sqlite3.Connection, sn: str, seen_at: str) -> None:
    conn.execute(
        "INSERT INTO mesin_tak_dikenal (sn, pertama, terakhir, kali) VALUES (?1, ?2, ?2, 1) "
        "ON CONFLICT(sn) DO UPDATE SET terakhir = max(terakhir, ?2), kali = kali + 1",
        (sn, seen_at),
    )


def known_ids(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT id FROM mesin")}


def pin_maps(conn: sqlite3.Connection) -> tuple[dict[str, str], dict[str | None, dict[str, str]]]:
    """(PIN or NIP -> NIP for PINs that hold on any machine, machine id -> {PIN -> NIP} for PINs
    given for one machine). NIPs are keys too (a file may carry NIPs); a PIN wins over a NIP."""
    cur = conn.cursor()
    cur.row_factory = None
    people = cur.execute("SELECT nip, pin_mesin, mesin FROM pegawai").fetchall()
    anywhere = {nip: nip for nip, _, _ in people}
    anywhere.update({pin: nip for nip, pin, m in people if pin and m is None})
    per_machine: dict[str | None, dict[str, str]] = {}
    for nip, pin, m in people:
        if pin and m is not None:
            per_machine.setdefault(m, {})[pin] = nip
    return anywhere, per_machine
