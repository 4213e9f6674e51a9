"""Disciplinary sanctions (hukuman disiplin, PP 94/2021) recorded by the clerk; the recap cuts
the TPP of the months they run (`disiplin.potongan_hukdis`)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from typing import Any

from ..domain.errors import KerjaError
from ..domain.rules import HUKDIS
from ..store import audit, discipline, institution
from ..store import employees as employees_store
from ..store.db import transaction


def months_of_sanction(mulai: date, bulan: int) -> list[str]:
    """The 'YYYY-MM' months a sanction's TPP cut runs: from the month of `mulai`, `bulan` of them."""
    out = []
    y, m = mulai.year, mulai.month
    for _ in range(bulan):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def add(
    conn: sqlite3.Connection,
    nip: str,
    *,
    jenis: str,
    mulai: date,
    keterangan: str | None,
    oleh: str,
    now: datetime,
) -> dict[str, Any]:
    """Record a sanction from its decree (SK); refused when a month it cuts is locked."""
    if jenis not in HUKDIS:
        raise KerjaError(f"Jenis hukuman {jenis!r} tidak dikenal; yang sah: {', '.join(HUKDIS)}.")
    bulan = HUKDIS[jenis]
    with transaction(conn):
        emp = employees_store.get(conn, nip)
        months = months_of_sanction(mulai, bulan)
        institution.ensure_unlocked(conn, months or [mulai.isoformat()[:7]], "hukuman disiplin")
        row: dict[str, Any] = {
            "nip": nip,
            "jenis": jenis,
            "mulai": mulai.isoformat(),
            "bulan": bulan,
            "keterangan": (keterangan or "").strip() or None,
            "oleh": oleh,
            "dicatat_pada": now.isoformat(),
        }
        row["id"] = discipline.add_sanction(conn, row)
        audit.record(conn, oleh=oleh, aksi="hukdis.tambah", nip=nip, sesudah=row, alasan=row["keterangan"])
    row["nama"] = emp["nama"]
    row["bulan_potong"] = months
    return row


def listing(conn: sqlite3.Connection, nip: str | None = None) -> list[dict[str, Any]]:
    rows = discipline.sanctions(conn, nip)
    for r in rows:
        r["bulan_potong"] = months_of_sanction(date.fromisoformat(r["mulai"]), r["bulan"])
    return rows
