"""Unit settings: the office location that check-ins are measured against."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from ..domain.geo import Office


def set_office(
    conn: sqlite3.Connection, unit_ids: Sequence[int], lat: float, lon: float, radius_m: int
) -> str:
    """Set the office of the topmost of `unit_ids` (a unit and its sub-units, as resolve_unit gives
    them); the sub-units inherit it unless they have their own. Returns that unit's path."""
    uid, jalur = conn.execute(
        "SELECT id, jalur FROM unit WHERE id IN (SELECT value FROM json_each(?)) "
        "ORDER BY tingkat, jalur LIMIT 1",
        (json.dumps(list(unit_ids)),),
    ).fetchone()
    conn.execute("UPDATE unit SET lat = ?, lon = ?, radius_m = ? WHERE id = ?", (lat, lon, radius_m, uid))
    return str(jalur)


def office_of(conn: sqlite3.Connection, nip: str) -> Office | None:
    """The office of the employee's unit, else of its nearest ancestor that has one."""
    row = conn.execute(
        """WITH RECURSIVE up(id, induk_id, lat, lon, radius_m, depth) AS (
             SELECT u.id, u.induk_id, u.lat, u.lon, u.radius_m, 0 FROM unit u
               JOIN pegawai p ON p.unit_id = u.id WHERE p.nip = ?
             UNION ALL
             SELECT u.id, u.induk_id, u.lat, u.lon, u.radius_m, up.depth + 1
               FROM unit u JOIN up ON u.id = up.induk_id)
           SELECT lat, lon, radius_m FROM up WHERE lat IS NOT NULL ORDER BY depth LIMIT 1""",
        (nip,),
    ).fetchone()
    return Office(row[0], row[1], row[2]) if row else None
