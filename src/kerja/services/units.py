"""Unit settings."""

from __future__ import annotations

import sqlite3

from ..store import audit
from ..store import employees as store
from ..store.db import transaction


def set_zone(conn: sqlite3.Connection, unit: str, zona: str, oleh: str) -> int:
    with transaction(conn):
        ids = store.resolve_unit(conn, unit)
        conn.executemany("UPDATE unit SET zona = ? WHERE id = ?", ((zona, i) for i in ids))
        audit.record(conn, oleh=oleh, aksi="unit.zona", sesudah={"unit": unit, "zona": zona})
    return len(ids)
