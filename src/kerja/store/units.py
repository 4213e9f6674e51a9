"""Units (OPD > Bidang > Seksi): the tree, head counts, the zones set on units, and the office
location that web check-ins are measured against."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported by office_of: a punch without a location needs no geometry
    from ..domain.geo import Office


def zone_table(conn: sqlite3.Connection) -> dict[int, tuple[int | None, str | None]]:
    """Unit id -> (parent id, the zone set on the unit itself or None)."""
    cur = conn.cursor()
    cur.row_factory = None
    return {r[0]: (r[1], r[2]) for r in cur.execute("SELECT id, induk_id, zona FROM unit")}


def zone_chain(conn: sqlite3.Connection, nip: str) -> list[str | None]:
    """The zones set on an employee's unit and on each of its ancestors, nearest first."""
    return _chain(
        conn,
        "SELECT u.id, u.induk_id, u.zona, 0 FROM unit u JOIN pegawai p ON p.unit_id = u.id WHERE p.nip = ?",
        nip,
    )


def unit_zone_chain(conn: sqlite3.Connection, unit_id: int) -> list[str | None]:
    """The zones set on a unit and on each of its ancestors, nearest first."""
    return _chain(conn, "SELECT u.id, u.induk_id, u.zona, 0 FROM unit u WHERE u.id = ?", unit_id)


def _chain(conn: sqlite3.Connection, first: str, arg: object) -> list[str | None]:
    rows = conn.execute(
        f"""WITH RECURSIVE up(id, induk_id, zona, depth) AS (
             {first}
             UNION ALL
             SELECT u.id, u.induk_id, u.zona, up.depth + 1
               FROM unit u JOIN up ON u.id = up.induk_id WHERE up.depth < 64)
           SELECT zona FROM up ORDER BY depth""",
        (arg,),
    )
    return [r[0] for r in rows]


def set_zone(conn: sqlite3.Connection, ids: Sequence[int], zona: str) -> None:
    conn.executemany("UPDATE unit SET zona = ? WHERE id = ?", ((zona, i) for i in ids))


def tree(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every unit (by path) with its own and its whole subtree's active head count."""
    units = [
        dict(r)
        for r in conn.execute(
            "SELECT u.id, u.jalur, u.nama, u.induk_id, u.tingkat, u.zona, "
            "(SELECT count(*) FROM pegawai p WHERE p.unit_id = u.id AND p.aktif = 1) AS pegawai "
            "FROM unit u ORDER BY u.jalur"
        )
    ]
    by_id = {u["id"]: u for u in units}
    for u in units:
        u["total"] = 0
    for u in units:
        node: dict[str, Any] | None = u
        while node is not None:
            node["total"] += u["pegawai"]
            node = by_id.get(node["induk_id"])
    return units


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


def office_of(conn: sqlite3.Connection, nip: str, unit_id: int | None = None) -> Office | None:
    """The office of the employee's unit (`unit_id`: the unit in force on the day, else the
    pegawai row's), else of its nearest ancestor that has one."""
    row = conn.execute(
        """WITH RECURSIVE up(id, induk_id, lat, lon, radius_m, depth) AS (
             SELECT u.id, u.induk_id, u.lat, u.lon, u.radius_m, 0 FROM unit u
               JOIN pegawai p ON u.id = coalesce(?2, p.unit_id) WHERE p.nip = ?1
             UNION ALL
             SELECT u.id, u.induk_id, u.lat, u.lon, u.radius_m, up.depth + 1
               FROM unit u JOIN up ON u.id = up.induk_id)
           SELECT lat, lon, radius_m FROM up WHERE lat IS NOT NULL ORDER BY depth LIMIT 1""",
        (nip, unit_id),
    ).fetchone()
    from ..domain.geo import Office

    return Office(row[0], row[1], row[2]) if row else None


def usage(conn: sqlite3.Connection, unit_id: int) -> tuple[int, int, int]:
    """(employees, active or not; sub-units; machines) that hang on a unit."""
    row = conn.execute(
        "SELECT (SELECT count(*) FROM pegawai WHERE unit_id = ?1), "
        "(SELECT count(*) FROM unit WHERE induk_id = ?1), (SELECT count(*) FROM mesin WHERE unit_id = ?1)",
        (unit_id,),
    ).fetchone()
    return int(row[0]), int(row[1]), int(row[2])


def delete(conn: sqlite3.Connection, unit_id: int) -> None:
    conn.execute("DELETE FROM unit WHERE id = ?", (unit_id,))


def subtree(conn: sqlite3.Connection, unit_id: int) -> list[tuple[int, str, int]]:
    """(id, path, level) of a unit and everything under it."""
    return [
        (int(r[0]), str(r[1]), int(r[2]))
        for r in conn.execute(
            "WITH RECURSIVE t(id) AS (SELECT ?1 UNION ALL "
            "SELECT u.id FROM unit u JOIN t ON u.induk_id = t.id) "
            "SELECT u.id, u.jalur, u.tingkat FROM unit u JOIN t ON t.id = u.id",
            (unit_id,),
        )
    ]


def path_exists(conn: sqlite3.Connection, path: str) -> bool:
    return conn.execute("SELECT 1 FROM unit WHERE jalur = ?", (path,)).fetchone() is not None


def move(
    conn: sqlite3.Connection,
    unit_id: int,
    parent: tuple[int, str, int, int] | None,
    rows: list[tuple[int, str, int, str]],
) -> None:
    """Re-hang a unit under `parent` (id, path, level, OPD id) or at the top; `rows` are every
    unit of its subtree as (id, new path, new level, name)."""
    conn.execute("UPDATE unit SET induk_id = ? WHERE id = ?", (parent[0] if parent else None, unit_id))
    opd = parent[3] if parent else unit_id
    # Two steps so no new path collides with an old one of the same subtree midway.
    conn.executemany(
        "UPDATE unit SET jalur = '#' || id || ' ' || jalur WHERE id = ?", ((r[0],) for r in rows)
    )
    conn.executemany(
        "UPDATE unit SET jalur = ?, tingkat = ?, opd_id = ? WHERE id = ?",
        ((p, t, opd, i) for i, p, t, _ in rows),
    )
