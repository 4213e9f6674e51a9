"""Attendance machines: registering one, listing them, and noting serial numbers that pushed
punches without being registered.

For the web service's ADMS receiver (`POST /iclock/cdata?SN=..`): `machine_known(conn, sn)` says
whether a serial number is registered; `record_unknown_machine(conn, sn, seen_at)` notes one that
is not (its first and last time and how often), which `kerja mesin daftar --tak-dikenal` lists.
Registering the serial number later with `kerja mesin tambah SN --unit U` clears the note.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from ..domain.errors import KerjaError
from ..store import audit
from ..store import employees as employees_store
from ..store import machines as store
from ..store.db import transaction


def _clean_id(mesin_id: str) -> str:
    text = " ".join(str(mesin_id).split())
    if not text or any(not (c.isalnum() or c in "-_.") for c in text):
        raise KerjaError(
            f"ID mesin {mesin_id!r} tidak sah: pakai nomor seri atau nomor mesin (huruf, angka, - _ .), "
            "mis. 'CQUJ223960001' atau '2'."
        )
    return text


def add_machine(
    conn: sqlite3.Connection, mesin_id: str, *, unit: str, nama: str | None, oleh: str, now: datetime
) -> dict[str, Any]:
    """`mesin tambah ID --unit U [--nama T]`: the machine ID as its files name it (the serial
    number for ADMS and cloud exports, the device number of a USB attlog)."""
    mid = _clean_id(mesin_id)
    with transaction(conn):
        if store.get(conn, mid) is not None:
            raise KerjaError(f"Mesin {mid} sudah terdaftar. Lihat `kerja mesin daftar`.")
        unit_id = employees_store.unit_id(conn, unit)
        store.insert(conn, mid, unit_id, (nama or "").strip() or None, now.isoformat(timespec="seconds"))
        row = store.get(conn, mid)
        assert row is not None
        audit.record(
            conn, oleh=oleh, aksi="mesin.tambah", sesudah={k: row[k] for k in ("id", "nama", "unit")}
        )
    return row


def list_machines(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return store.listing(conn)


def unknown_machines(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return store.unknown(conn)


def machine_known(conn: sqlite3.Connection, sn: str) -> bool:
    return store.get(conn, sn) is not None


def record_unknown_machine(conn: sqlite3.Connection, sn: str, seen_at: datetime) -> None:
    """Note that an unregistered serial number tried to push (ADMS); its own short transaction."""
    with transaction(conn):
        store.note_unknown(conn, sn, seen_at.isoformat(timespec="seconds"))
