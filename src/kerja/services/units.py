"""Unit settings."""

from __future__ import annotations

import sqlite3
from typing import Any

from ..store import audit, units
from ..store import employees as store
from ..store.db import transaction
from . import local_time


def set_zone(conn: sqlite3.Connection, unit: str, zona: str, oleh: str) -> int:
    with transaction(conn):
        ids = store.resolve_unit(conn, unit)
        units.set_zone(conn, ids, zona)
        audit.record(conn, oleh=oleh, aksi="unit.zona", sesudah={"unit": unit, "zona": zona})
    return len(ids)


def tree(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every unit (by path) with its head counts and the zone its employees live in."""
    zone_of = local_time.unit_zones(conn)
    rows = units.tree(conn)
    for u in rows:
        u["zona"] = zone_of[u["id"]]
    return rows
