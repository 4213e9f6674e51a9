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


def set_office(conn: sqlite3.Connection, unit: str, lat: float, lon: float, radius_m: int, oleh: str) -> str:
    """The office location of a unit (its sub-units inherit it), for flagging web check-ins made
    farther than `radius_m` from it."""
    from ..domain.errors import KerjaError
    from ..domain.geo import check_point
    from ..store import units as units_store

    check_point(lat, lon, "--lokasi")
    if not 10 <= radius_m <= 100_000:
        raise KerjaError(f"--radius {radius_m} tidak masuk akal; tulis meter antara 10 dan 100000.")
    with transaction(conn):
        jalur = units_store.set_office(conn, store.resolve_unit(conn, unit), lat, lon, radius_m)
        audit.record(
            conn,
            oleh=oleh,
            aksi="unit.lokasi",
            sesudah={"unit": jalur, "lat": lat, "lon": lon, "radius_m": radius_m},
        )
    return jalur
