"""Whose clock: the zone of the institution, of a unit, of an employee, and today in it.

The rule itself is domain/zones.py; this module only fetches what it needs from the store.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from ..domain import zones
from ..store import institution
from ..store import units as units_store


def institution_zone(conn: sqlite3.Connection) -> str:
    return institution.zona(conn)


def unit_zones(conn: sqlite3.Connection) -> dict[int, str]:
    """Unit id -> the zone its employees live in."""
    return zones.unit_zones(units_store.zone_table(conn), institution.zona(conn))


def employee_zone(conn: sqlite3.Connection, nip: str) -> str:
    """The zone of an employee's unit (own, else nearest ancestor's, else the institution's)."""
    return zones.unit_zone(units_store.zone_chain(conn, nip), institution.zona(conn))


def unit_zone(conn: sqlite3.Connection, unit_id: int) -> str:
    """The zone of a unit (own, else nearest ancestor's, else the institution's): the zone of an
    employee on a day is that of the unit in force for them then (docs/zones.md)."""
    return zones.unit_zone(units_store.unit_zone_chain(conn, unit_id), institution.zona(conn))


def today(conn: sqlite3.Connection, now: datetime) -> date:
    """Today in the institution's zone."""
    return zones.local_today(now, institution.zona(conn))


def this_month(conn: sqlite3.Connection, now: datetime) -> str:
    """This month ('YYYY-MM') in the institution's zone."""
    return zones.local_month(now, institution.zona(conn))
