"""Presence: recording check-ins, importing machine files, declared statuses, day statuses."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date

from ..domain import calendar
from ..domain.presence import DayRules, DayStatus, day_rules, derive
from ..store import employees as employees_store
from ..store import institution
from ..store import presence as store


def working_calendar(conn: sqlite3.Connection, start: date, end: date) -> dict[date, DayRules]:
    """Working day -> its precomputed rules, for [start, end] (rules in force per month,
    holidays by those rules plus the local ones)."""
    rules_for = institution.rules_for_day(conn)
    local = institution.local_holidays(conn)
    years = range(start.year, end.year + 1)
    by_flags: dict[tuple[bool, bool], dict[date, str]] = {}
    per_set: dict[tuple, DayRules] = {}
    out: dict[date, DayRules] = {}
    for d in calendar.days_between(start, end):
        rules = rules_for(d)
        lib = rules["libur"]
        flags = (bool(lib["nasional"]), bool(lib["cuti_bersama"]))
        if flags not in by_flags:
            by_flags[flags] = calendar.holidays_by_rules(rules, years, local)
        if not calendar.is_workday(d, rules, by_flags[flags]):
            continue
        # Hours differ by day (Fridays, Ramadan) but most days share them: cache per shape.
        start_end = calendar.hours(d, rules)
        key = (id(rules), start_end)
        if key not in per_set:
            per_set[key] = day_rules(d, rules)
        out[d] = per_set[key]
    return out


def day_statuses(
    conn: sqlite3.Connection,
    start: date,
    end: date,
    *,
    nips: Iterable[str] | None = None,
    unit: str | None = None,
) -> list[DayStatus]:
    """One row per active employee per working day in [start, end], from the tracking start on,
    ordered by unit path, NIP, then date. Bulk: one query per table for the whole period."""
    first = store.tracking_start(conn)
    if first is None or end < start:
        return []
    start = max(start, first)
    if start > end:
        return []
    nip_list = sorted(set(nips)) if nips is not None else None
    unit_ids = employees_store.resolve_unit(conn, unit) if unit else None
    people = store.active_employees(conn, nips=nip_list, unit_ids=unit_ids)
    if not people:
        return []
    # A whole-institution query reads every row anyway; a filter helps only a small subset.
    subset = [p[0] for p in people] if (nip_list is not None or unit_ids is not None) else None
    days = working_calendar(conn, start, end)
    if not days:
        return []
    lo, hi = min(days), max(days)
    roster = store.roster(conn, lo, hi, subset)
    events = store.punches(conn, lo, hi, subset)
    declared: dict[str, dict[str, str]] = {}
    for nip, kode, mulai, sampai in store.statuses(conn, lo, hi, subset):
        d = declared.setdefault(nip, {})
        for day in calendar.days_between(max(lo, date.fromisoformat(mulai)),
                                         min(hi, date.fromisoformat(sampai))):  # fmt: skip
            d[day.isoformat()] = kode
    ordered = [(d, d.isoformat(), r) for d, r in sorted(days.items())]
    empty: dict = {}
    out: list[DayStatus] = []
    append = out.append
    for nip, _unit_id in people:
        r = roster.get(nip, empty)
        e = events.get(nip, empty)
        s = declared.get(nip, empty)
        for d, iso, rules in ordered:
            append(derive(d, nip, rules, jadwal=r.get(iso), status=s.get(iso), punches=e.get(iso)))
    return out
