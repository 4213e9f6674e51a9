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


def remove_unit(conn: sqlite3.Connection, unit: str, oleh: str) -> str:
    """`unit hapus U`: only a unit with no employee (active or not), sub-unit or machine."""
    from ..domain.errors import KerjaError

    with transaction(conn):
        uid, jalur = store.find_unit(conn, unit)
        people, children, machines = units.usage(conn, uid)
        if people or children or machines:
            what = [
                f"{n} {label}"
                for n, label in ((people, "pegawai"), (children, "sub-unit"), (machines, "mesin"))
                if n
            ]
            raise KerjaError(
                f"Unit {jalur!r} tidak kosong ({', '.join(what)}); hanya unit kosong yang bisa dihapus. "
                "Pindahkan isinya dulu (`kerja pegawai ubah NIP --unit ...`, `kerja unit pindah`)."
            )
        units.delete(conn, uid)
        audit.record(conn, oleh=oleh, aksi="unit.hapus", sebelum={"unit": jalur})
    return jalur


def move_unit(conn: sqlite3.Connection, unit: str, ke: str, oleh: str) -> str:
    """`unit pindah U --ke INDUK` ('-' = to the top: it becomes an OPD), with its whole subtree;
    returns the new path."""
    from ..domain.errors import KerjaError

    with transaction(conn):
        uid, jalur = store.find_unit(conn, unit)
        tree_rows = units.subtree(conn, uid)
        name = jalur.rsplit(" > ", 1)[-1]
        if ke.strip() in ("", "-"):
            parent = None
            new_root, level = name, 1
        else:
            pid, ppath = store.find_unit(conn, ke)
            if pid in {r[0] for r in tree_rows}:
                raise KerjaError(f"--ke {ke!r}: {ppath!r} ada di dalam {jalur!r} sendiri; pilih induk lain.")
            plevel = ppath.count(" > ") + 1
            popd = store.find_unit(conn, ppath.split(" > ", 1)[0])[0]
            parent = (pid, ppath, plevel, popd)
            new_root, level = f"{ppath} > {name}", plevel + 1
        if new_root == jalur:
            return jalur
        if units.path_exists(conn, new_root):
            raise KerjaError(f"Unit {new_root!r} sudah ada; satukan atau ganti namanya dulu.")
        depth0 = jalur.count(" > ")
        rows = [
            (i, new_root + p[len(jalur) :], level + p.count(" > ") - depth0, p.rsplit(" > ", 1)[-1])
            for i, p, _t in tree_rows
        ]
        units.move(conn, uid, parent, rows)
        audit.record(conn, oleh=oleh, aksi="unit.pindah", sebelum={"unit": jalur}, sesudah={"unit": new_root})
    return new_root
