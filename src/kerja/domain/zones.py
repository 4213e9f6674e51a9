"""Time zones: which zone a unit keeps, and "now", "today" and "this month" in a zone.

Indonesia has three zones and no daylight saving time. A unit keeps its own zone if it has one,
else its nearest ancestor's, else the institution's; an employee lives in their unit's zone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from zoneinfo import ZoneInfo

ZONES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
# Each zone is one fixed offset, minutes east of UTC (what bulk imports add without zoneinfo).
OFFSET = {"WIB": 7 * 60, "WITA": 8 * 60, "WIT": 9 * 60}


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(ZONES[name])


def unit_zone(chain: Iterable[str | None], institution: str) -> str:
    """The zone of a unit from the zones set on it and on its ancestors, nearest first: its
    own, else the nearest ancestor's, else the institution's."""
    for z in chain:
        if z:
            return z
    return institution


def unit_zones(units: Mapping[int, tuple[int | None, str | None]], institution: str) -> dict[int, str]:
    """Every unit's zone; `units` maps id -> (parent id, own zone or None)."""

    def chain(uid: int | None) -> Iterator[str | None]:
        seen: set[int] = set()
        while uid is not None and uid in units and uid not in seen:
            seen.add(uid)
            parent, own = units[uid]
            yield own
            uid = parent

    return {uid: unit_zone(chain(uid), institution) for uid in units}


def local_now(now: datetime, zone_name: str) -> datetime:
    """The moment `now` as the clock on the wall reads it in a zone."""
    return now.astimezone(zone(zone_name))


def local_today(now: datetime, zone_name: str) -> date:
    """The calendar day `now` falls on in a zone (00:30 WIB is 17:30 UTC the day before)."""
    return local_now(now, zone_name).date()


def local_month(now: datetime, zone_name: str) -> str:
    """The month ('YYYY-MM') `now` falls in, in a zone."""
    return local_today(now, zone_name).isoformat()[:7]


def shown(stamp: str | None, zone_name: str) -> str:
    """A stored timestamp (ISO with offset) as a clerk reads it: the wall clock in `zone_name`,
    with the zone ('2021-03-01 09:15 WITA'); '-' for none. A stamp without offset is shown as
    it is (its zone is unknown)."""
    if not stamp:
        return "-"
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is None:
        return f"{moment:%Y-%m-%d %H:%M}"
    return f"{local_now(moment, zone_name):%Y-%m-%d %H:%M} {zone_name}"


def with_zone_name(stamp: str | None, seconds: bool = False) -> str:
    """A stored timestamp in its own wall clock, its offset named as a clerk says it
    ('2021-02-01T07:20:00+08:00' -> '2021-02-01 07:20 WITA'); an offset that is not one of the
    three zones is kept as 'UTC+05:30'."""
    if not stamp:
        return "-"
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    text = f"{moment:%Y-%m-%d %H:%M:%S}" if seconds else f"{moment:%Y-%m-%d %H:%M}"
    off = moment.utcoffset()
    if off is None:
        return text
    minutes = int(off.total_seconds() // 60)
    name = next((z for z, m in OFFSET.items() if m == minutes), None)
    if name is None:
        sign = "+" if minutes >= 0 else "-"
        name = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return f"{text} {name}"
