"""The month lock (`rekap kunci` / `rekap buka`): once finance has the recap, a month's presence,
statuses, roster and activities must not move. Every writer calls
store.institution.ensure_unlocked inside its transaction; this module sets and lifts the lock."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from .. import clock
from ..domain.errors import KerjaError
from ..store import audit
from ..store import presence as store
from ..store.db import transaction


def lock(conn: sqlite3.Connection, bulan: str, *, oleh: str, now: datetime) -> dict[str, Any]:
    with transaction(conn):
        old = store.lock_row(conn, bulan)
        if old:
            raise KerjaError(f"Bulan {bulan} sudah dikunci oleh {old['oleh']} pada {old['pada'][:16]}.")
        row = {"bulan": bulan, "oleh": oleh, "pada": clock.stamp(now)}
        store.lock(conn, bulan, oleh, row["pada"])
        audit.record(conn, oleh=oleh, aksi="rekap.kunci", sesudah=row)
    return row


def unlock(conn: sqlite3.Connection, bulan: str, alasan: str, *, oleh: str) -> dict[str, Any]:
    if not alasan.strip():
        raise KerjaError("Alasan wajib diisi untuk membuka bulan yang terkunci.")
    with transaction(conn):
        old = store.lock_row(conn, bulan)
        if old is None:
            raise KerjaError(f"Bulan {bulan} tidak sedang dikunci.")
        store.unlock(conn, bulan)
        audit.record(conn, oleh=oleh, aksi="rekap.buka", sebelum=old, alasan=alasan.strip())
    return old


def locks(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return store.locks(conn)
