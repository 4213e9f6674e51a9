"""The monthly TPP recap (SPEC §8) and the per-person explanation (`rekap rincian`).

Read-only and deterministic: day statuses come from the presence service (one pure function of
the stored events, statuses, roster and rules), validated minutes from the activity store, the
weights and targets from the rules in force for the month; the arithmetic is domain.recap.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from ..domain import activities as act
from ..domain import recap as dom
from ..domain.errors import KerjaError
from ..domain.facts import active_on
from ..domain.months import month_bounds
from ..domain.names import full_name_of
from ..store import activities as activities_store
from ..store import discipline, institution
from ..store import employees as employees_store
from ..store import presence as presence_store
from ..store import recap as store
from .collector import collector_paused


def _day_statuses(conn: sqlite3.Connection, start: date, end: date, nips: list[str] | None):
    from .presensi import day_statuses

    return day_statuses(conn, start, end, nips=nips)


# What receives each window's day statuses: (first day, last day, the DayStatus list).
DaySink = Callable[[date, date, list[Any]], None]
# A progress bar factory: (description, total) -> a context manager giving .advance(n).
Progress = Callable[[str, int], AbstractContextManager[Any]]


@contextmanager
def _no_progress(description: str, total: int) -> Iterator[Any]:
    class _Quiet:
        def advance(self, n: int = 1) -> None:
            pass

    yield _Quiet()


# Day statuses are read a week at a time and folded into per-employee tallies: a province-month
# of DayStatus objects held at once would cost most of a gigabyte.
WINDOW_DAYS = 7


def _windows(start: date, end: date) -> list[tuple[date, date]]:
    out = []
    while start <= end:
        hi = min(end, start + timedelta(days=WINDOW_DAYS - 1))
        out.append((start, hi))
        start = hi + timedelta(days=1)
    return out


def _tallies(
    conn: sqlite3.Connection,
    start: date,
    end: date,
    nips: list[str] | None,
    keep: list[Any] | None = None,
    month: dom.MonthRules | None = None,
    sink: DaySink | None = None,
    halves: frozenset[date] = frozenset(),
) -> dict[str, dict[str, Any]]:
    """nip -> the month's tally (domain.recap.tally); the days themselves go to `keep` if given,
    and each window's days to `sink(first, last, days)` (an export that streams them)."""
    out: dict[str, dict[str, Any]] = {}
    for lo, hi in _windows(start, end):
        days = _day_statuses(conn, lo, hi, nips)
        if keep is not None:
            keep.extend(days)
        if sink is not None:
            sink(lo, hi, days)
        # Days come in date order, so a person's days are not next to each other: gathered per
        # person first (still in date order), each person's week is tallied in one call, not
        # one call per day (the call's set-up cost as much as a day).
        mine: dict[str, list[Any]] = {}
        for d in days:
            run = mine.get(d.nip)
            if run is None:
                mine[d.nip] = [d]
            else:
                run.append(d)
        del days
        for nip, run in mine.items():
            out[nip] = dom.tally(run, out.get(nip), month, halves)
        del mine
    return out


# A run of TK that opens the month may continue one from before; 10 working days fit in 3 weeks.
LOOK_BACK_DAYS = 21


def _tk_runs_before(conn: sqlite3.Connection, start: date, nips: list[str]) -> dict[str, int]:
    """nip -> the consecutive TK working days just before `start` (only for the few people whose
    month opens with TK: nobody else's run can continue)."""
    if not nips:
        return {}
    days = _day_statuses(conn, start - timedelta(days=LOOK_BACK_DAYS), start - timedelta(days=1), nips)
    runs: dict[str, int] = {}
    for d in days:  # in date order: a day that is not TK ends the run
        runs[d.nip] = runs.get(d.nip, 0) + 1 if d.kode == "TK" else 0
    return runs


def _tk_before(conn: sqlite3.Connection, start: date, today: date, nips: list[str] | None) -> dict[str, int]:
    """TK days of each employee from 1 January up to the day before `start`, days after today left
    out (the presence service counts them without deriving every day of the year)."""
    last = dom.last_counted_day(start - timedelta(days=1), today)
    if last < date(start.year, 1, 1):
        return {}
    from .presensi import tk_days

    return tk_days(conn, date(start.year, 1, 1), last, nips=nips)


def _today(conn: sqlite3.Connection, now: datetime | None) -> date:
    from .. import clock
    from .local_time import today

    return today(conn, now or clock.now())


def _compute(
    conn: sqlite3.Connection,
    month: str,
    people: list[dict[str, Any]],
    *,
    everyone: bool,
    today: date,
    keep: list[Any] | None = None,
    sink: DaySink | None = None,
) -> tuple[list[dict[str, Any]], dict[str, dict[str, int]], dict[str, Any]]:
    start, end = month_bounds(month)
    rules = institution.rules_for_month(conn, month)
    nips = None if everyone else [p["nip"] for p in people]
    last = dom.last_counted_day(end, today)
    month_rules = dom.MonthRules.of(rules)
    halves = dom.half_days(rules)
    tallies = _tallies(conn, start, last, nips, keep, month_rules, sink, halves) if last >= start else {}
    deadline = act.validation_deadline(month, rules["kinerja"]["batas_validasi_hari"])
    skema = rules["kinerja"].get("skema", "menit")
    minutes: dict[str, dict[str, int]] = defaultdict(dict)
    one = people[0]["nip"] if not everyone and len(people) == 1 else None
    k = rules["kinerja"]
    # Activities on days that are not working days, or on a person's status days, count unless a
    # rule key says otherwise (kinerja.hitung_hari_libur / hitung_hari_status): then per day.
    by_day = not (k.get("hitung_hari_libur", True) and k.get("hitung_hari_status", True))
    counted = activities_store.counted_minutes(
        conn,
        start.isoformat(),
        end.isoformat(),
        deadline.isoformat() if deadline else None,
        nip=one,
        skema=skema,
        per_day=by_day,
    )
    if by_day:
        from .kinerja import drop_uncounted

        counted = drop_uncounted(conn, counted, k, start, end)
    for nip, tanggal, menit in counted:
        minutes[nip][cast(str, tanggal)] = menit  # one person: a row per day
    tk_before = _tk_before(conn, start, today, nips)
    opening = [n for n, t in tallies.items() if t["tk_head"] and (nips is None or n in nips)]
    carried = _tk_runs_before(conn, start, opening)
    sanctions = discipline.sanctions_in_month(conn, start.isoformat(), end.isoformat())
    achieved = discipline.achievements(conn, month) if skema == "capaian" else {}
    rows = []
    empty = dom.new_tally()
    # Pagu and unit as in force on the month's last counted day (a raise dated 1 April pays from
    # April, a move dated in March shows the new unit from March on); people inactive then drop out.
    dated = employees_store.facts_on(conn, max(start, last).isoformat())
    # Someone on the books on no day of the month (a hire from a later month, a leaver) is no row.
    spans = presence_store.dated_activity(conn, start.isoformat())
    days = [(start + timedelta(days=k)).isoformat() for k in range((end - start).days + 1)]
    absent = {n for n, (segs, now_) in spans.items() if not any(active_on(segs, now_, d) for d in days)}
    for p in people:
        if p["nip"] in absent:
            continue
        f = dated.get(p["nip"])
        if f is not None:
            p = {**p, "tpp": f["tpp"], "unit": f["unit"], "status": f["status"]}
        nip = p["nip"]
        t = tallies.get(nip, empty)
        tk_year = tk_before.get(nip, 0) + t["tk"]
        capaian = achieved.get(nip)
        figures = dom.row_from_tally(
            t,
            sum(minutes.get(nip, {}).values()),
            rules,
            p["tpp"],
            tk_year,
            status=p.get("status"),
            tk_berturut=max(t["tk_run_max"], carried.get(nip, 0) + t["tk_head"]),
            hukdis=sanctions.get(nip, ()),
            capaian=None if skema != "capaian" else dom.exact(capaian or "0") / 100,
        )
        rows.append({"nip": nip, "nama": full_name_of(p), "unit": p["unit"], **figures})
    return rows, minutes, rules


@dataclass(frozen=True)
class LockedRecap:
    """A locked month's lock row (bulan, oleh, pada, sha256) and the recap text it stored."""

    lock: dict[str, Any]
    text: str


def locked_recap(conn: sqlite3.Connection, month: str) -> LockedRecap | None:
    """The recap stored when the month was locked, or None (not locked, or locked by a kerja that
    stored no recap: that month is computed as before)."""
    with store.snapshot(conn):
        row = presence_store.lock_row(conn, month)
        text = presence_store.locked_recap(conn, month) if row else None
    return LockedRecap(row, text) if row and text is not None else None


def _of_unit(conn: sqlite3.Connection, doc: dict[str, Any], unit: str) -> dict[str, Any]:
    """The rows of a stored recap whose unit is `unit` or below it (by the path stored)."""
    path = employees_store.resolve_unit_path(conn, unit)
    rows = [r for r in doc["pegawai"] if r["unit"] == path or r["unit"].startswith(path + " > ")]
    return {**doc, "pegawai": rows, "total": dom.totals(rows)}


def monthly_recap(
    conn: sqlite3.Connection,
    month: str,
    unit: str | None = None,
    *,
    now: datetime | None = None,
    live: bool = False,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """The recap of every active employee (of `unit` and its sub-units) for 'YYYY-MM'. A locked
    month gives the recap stored by the lock (whatever changed since) unless `live`.
    `progress(description, days)` gives a bar advanced by each week of days computed (the CLI's
    render.progress: shown on a terminal only)."""
    if not live:
        frozen = locked_recap(conn, month)
        if frozen is not None:
            doc = json.loads(frozen.text)
            return _of_unit(conn, doc, unit) if unit else doc
    with store.snapshot(conn):
        unit_ids = employees_store.resolve_unit(conn, unit) if unit else None
        people = store.employees(conn, unit_ids, since=month_bounds(month)[0].isoformat())
        today = _today(conn, now)
        start, end = month_bounds(month)
        days = max(0, (dom.last_counted_day(end, today) - start).days + 1)
        # A province month is 1.3 million day statuses and their tallies, none in a cycle: the
        # collector's passes over that heap were about a seventh of the recap's CPU.
        with (progress or _no_progress)(f"Menghitung rekap {month}", days) as bar, collector_paused():

            def advance(lo: date, hi: date, _: list[Any]) -> None:
                bar.advance((hi - lo).days + 1)

            rows = (
                _compute(conn, month, people, everyone=unit is None, today=today, sink=advance)[0]
                if people
                else []
            )
        instansi = institution.instansi(conn)
    return {
        "instansi": instansi,
        "bulan": month,
        "pegawai": rows,
        "total": dom.totals(rows),
    }


def _hhmm(v: Any) -> str | None:
    if v is None:
        return None
    return v.strftime("%H:%M") if hasattr(v, "strftime") else str(v)[:5]


def _days_to_come(conn: sqlite3.Connection, nip: str, month: str, today: date) -> list[dict[str, Any]]:
    """The month's working days after today, as `rekap rincian` rows that count for nothing."""
    from .kalender import Calendars

    start, end = month_bounds(month)
    first = max(start, today + timedelta(days=1))
    if first > end:
        return []
    out = []
    for d in Calendars(conn).person_days(nip, first, end):
        t = d.isoformat()
        out.append(
            {
                "tanggal": t,
                "kode": dom.NOT_YET,
                "jadwal": presence_store.roster_location(conn, nip, t),
                "masuk": None,
                "pulang": None,
                "telat_menit": 0,
                "cepat_menit": 0,
                "tl": None,
                "psw": None,
                "potongan_persen": 0.0,
                "aturan": "belum terjadi (tidak dihitung)",
                "menit_kinerja": 0,
            }
        )
    return out


def recap_detail(
    conn: sqlite3.Connection, nip: str, month: str, *, now: datetime | None = None
) -> dict[str, Any]:
    """Why this person's TPP is what it is: each working day, then the recap row (the very row of
    `monthly_recap`) and the arithmetic step by step (key `penjelasan`, for the human output).
    Working days after today are listed with kode "belum" and count for nothing."""
    today = _today(conn, now)
    emp = employees_store.get(conn, nip)
    frozen = locked_recap(conn, month)
    stored = None
    if frozen is not None:
        stored = next((r for r in json.loads(frozen.text)["pegawai"] if r["nip"] == nip), None)
        if stored is None:
            raise KerjaError(
                f"Pegawai {nip} ({emp['nama']}) tidak ada di rekap bulan {month} yang dikunci "
                f"({frozen.lock['pada'][:16]})."
            )
    person = next(iter(store.employees(conn, nip=nip, since=month_bounds(month)[0].isoformat())), None)
    if frozen is None and person is None:
        raise KerjaError(f"Pegawai {nip} ({emp['nama']}) nonaktif; tidak ada di rekap bulanan.")
    days: list[Any] = []
    with store.snapshot(conn):
        if person is not None:
            rows, minutes, rules = _compute(conn, month, [person], everyone=False, today=today, keep=days)
        else:  # locked month of someone no longer active: their stored row, no days to show
            rows, minutes, rules = [dict(stored or {})], {}, institution.rules_for_month(conn, month)
        listed = activities_store.listing(conn, nips=[nip], bulan=month)
        coming = _days_to_come(conn, nip, month, today)
    recomputed = rows[0]
    if stored is not None:
        rows = [dict(stored)]
    mine = minutes.get(nip, {})
    hari = []
    for d in days:
        t = d.tanggal.isoformat() if hasattr(d.tanggal, "isoformat") else str(d.tanggal)
        hari.append(
            {
                "tanggal": t,
                "kode": d.kode,
                "jadwal": d.jadwal,
                "masuk": _hhmm(d.masuk),
                "pulang": _hhmm(d.pulang),
                "telat_menit": d.telat_menit,
                "cepat_menit": d.cepat_menit,
                "tl": d.tl,
                "psw": d.psw,
                "potongan_persen": float(d.potongan_persen),
                "aturan": d.aturan,
                "menit_kinerja": mine.get(t, 0),
            }
        )
    hari += coming
    working = {h["tanggal"] for h in hari}
    off_days = sum(m for t, m in mine.items() if t not in working)
    month_tally = dom.tally(days, month=dom.MonthRules.of(rules), halves=dom.half_days(rules))
    by_status: dict[str, int] = defaultdict(int)
    for a in listed:
        by_status[a["status"]] += a["menit"]
    return {
        "nip": nip,
        "bulan": month,
        "hari": hari,
        "rekap": rows[0],
        "penjelasan": dom.explain(rows[0], month_tally, rules),
        "menit_di_luar_hari_kerja": off_days,
        # the month is still running: the recap counts the days up to this one (None: it is over)
        "sementara_sd": today.isoformat() if today <= month_bounds(month)[1] else None,
        # a locked month: its lock, and whether the days shown (recomputed) still give the stored row
        "kunci": frozen.lock if frozen else None,
        "berubah_sejak_kunci": frozen is not None and recomputed != stored,
        # minutes that do not count, and why: waiting, rejected, approved after the deadline
        "menit_tidak_dihitung": {
            "diajukan": by_status["diajukan"],
            "ditolak": by_status["ditolak"],
            "terlambat": by_status["disetujui"] - rows[0]["menit_kinerja"],
        },
    }


def simulate(
    conn: sqlite3.Connection, month: str, draft_path: str, *, now: datetime | None = None
) -> dict[str, Any]:
    """`rekap simulasi`: the month recomputed under a draft rule file (merged over the defaults,
    as `aturan pasang` would put it in force from `month`) against the rules in force, per unit
    and per person. Both sides are computed from the same read snapshot; nothing is written (the
    draft shadows the rule table in this connection's temp database only). A locked month is
    compared live on both sides (what its data gives under each rule set), not with the stored
    recap, so that only the rules differ."""
    from pathlib import Path

    from ..domain import simulation
    from .institution import read_rules_file

    draft = read_rules_file(draft_path)
    today = _today(conn, now)
    with store.snapshot(conn):
        in_force = institution.rules_for_month(conn, month)
        current = monthly_recap(conn, month, now=now, live=True)
        with institution.draft_rules(conn, month, draft):
            proposed = monthly_recap(conn, month, now=now, live=True)
        locked = presence_store.lock_row(conn, month) is not None
    return {
        "bulan": month,
        "aturan": Path(draft_path).name,
        "instansi": current["instansi"],
        "terkunci": locked,
        "sementara_sd": today.isoformat() if today <= month_bounds(month)[1] else None,
        "kunci_berubah": simulation.changed_keys(in_force, draft),
        **simulation.recap_difference(current["pegawai"], proposed["pegawai"]),
    }
