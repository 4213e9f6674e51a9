"""Presence: recording check-ins, importing machine files, declared statuses, day statuses."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

from .. import clock
from ..domain import calendar, zones
from ..domain.errors import KerjaError
from ..domain.facts import active_on, value_on
from ..domain.months import months_between
from ..domain.nip import clean_nip
from ..domain.presence import DayRules, DayStatus, day_rules, derive
from ..domain.rules import KODE_STATUS
from ..store import audit, institution
from ..store import employees as employees_store
from ..store import machines as machines_store
from ..store import presence as store
from ..store.db import transaction
from . import local_time

# One punch lives in services.punch (imported alone by `presensi masuk`); these names stay
# importable from here for the other callers (web check-in, approved requests).
from .punch import KODE_NAMA, Recorded, record  # noqa: F401


def offset_text(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    m = abs(minutes)
    return f"{sign}{m // 60:02d}:{m % 60:02d}"


def working_calendar(
    conn: sqlite3.Connection, start: date, end: date, cals: Any = None
) -> dict[date, dict[str | None, DayRules]]:
    """Day -> {calendar: its precomputed rules} for the days of [start, end] that are a working
    day in some calendar (the institution's, key None, or a unit's own: kalender.Calendars),
    with the rules in force per month and the holidays by those rules plus the local ones."""
    # Imported here: recording one punch (`presensi masuk`) needs no calendar and no roster code.
    from .kalender import Calendars

    cals = cals or Calendars(conn)
    per_set: dict[tuple, DayRules] = {}
    out: dict[date, dict[str | None, DayRules]] = {}
    for d in calendar.days_between(start, end):
        rules = cals.rules_for(d)
        for key in cals.keys(d):
            start_end = cals.workday(d, key)
            if start_end is None:
                continue
            # Hours differ by day (Fridays, Ramadan) and unit but most days share them: cache per shape.
            memo = (id(rules), start_end)
            if memo not in per_set:
                per_set[memo] = day_rules(d, rules, key)
            out.setdefault(d, {})[key] = per_set[memo]
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
    ordered by date, then unit path and NIP.

    Bulk and day by day: per working day one aggregate query of the events and one of the roster
    (a dict each, dropped after the day), never a query per person; a province month of 1.3
    million rows then needs no per-person index over the whole period."""
    first = store.tracking_start(conn)
    if first is None or end < start:
        return []
    start = max(start, first)
    if start > end:
        return []
    nip_list = sorted(set(nips)) if nips is not None else None
    unit_ids = employees_store.resolve_unit(conn, unit) if unit else None
    people = store.active_employees(conn, nips=nip_list, unit_ids=unit_ids, since=start.isoformat())
    if not people:
        return []
    dated = store.dated_activity(conn, start.isoformat())  # the few with dated changes
    # A whole-institution query reads every row anyway; a filter helps only a small subset.
    subset = [p[0] for p in people] if (nip_list is not None or unit_ids is not None) else None
    from .kalender import Calendars

    cals = Calendars(conn)
    days = working_calendar(conn, start, end, cals)
    if not days:
        return []
    # Units with their own calendar (jam_kerja.unit): each person's calendar per rule set, from
    # their unit now; the few with a dated change get theirs per day. Without any, one calendar.
    units = cals.has_units(start, end)
    unit_of = dict(people) if units else {}
    lo, hi = min(days), max(days)
    declared: dict[date, dict[str, str]] = {}
    periods: dict[tuple[date, str], tuple[int, bool]] = {}
    tiered = {
        k
        for m in days.values()
        for r in m.values()
        for k, v in r.potongan_status.items()
        if isinstance(v, tuple)
    }
    for nip, kode, mulai, sampai in store.statuses(conn, lo, hi, subset):
        m0, m1 = date.fromisoformat(mulai), date.fromisoformat(sampai)
        for day in calendar.days_between(max(lo, m0), min(hi, m1)):
            declared.setdefault(day, {})[nip] = kode
        if kode in tiered:
            periods.update(_status_period(cals, nip, m0, m1, lo, hi))
    nips_in_order = [p[0] for p in people]
    month_keys: dict[str, list[str | None]] = {}  # the calendar of each person, per month
    moved = [(i, n) for i, n in enumerate(nips_in_order) if n in dated]
    out: list[DayStatus] = []
    append = out.append
    for d, by_key in sorted(days.items()):
        iso = d.isoformat()
        if units:
            keys = month_keys.get(iso[:7])
            if keys is None:
                keys = month_keys[iso[:7]] = [cals.key_of_unit(d, unit_of[n]) for n in nips_in_order]
            if moved:
                keys = list(keys)
                for i, n in moved:
                    keys[i] = cals.key(n, d)
            _mixed_day(out, d, iso, nips_in_order, keys, by_key, conn, subset, declared, periods, dated)
            continue
        rules = by_key.get(None)
        if rules is None:
            continue
        roster = store.day_roster(conn, iso, subset)
        events = store.day_punches(conn, iso, subset)
        status = declared.get(d)
        order = nips_in_order
        if dated:  # not on the books that day (before a start date, after leaving): no row at all
            off = {n for n, (segs, now_) in dated.items() if not active_on(segs, now_, iso)}
            order = [n for n in nips_in_order if n not in off] if off else nips_in_order
        if status is None:  # the common case: one lookup less per person
            for nip in order:
                append(derive(d, nip, rules, roster.get(nip), None, events.get(nip)))
        else:
            for nip in order:
                extra = periods.get((d, nip), (None, True))
                append(derive(d, nip, rules, roster.get(nip), status.get(nip), events.get(nip), *extra))
    return out


def _mixed_day(
    out: list[DayStatus],
    d: date,
    iso: str,
    nips: list[str],
    keys: list[str | None],
    by_key: dict[str | None, DayRules],
    conn: sqlite3.Connection,
    subset: list[str] | None,
    declared: dict[date, dict[str, str]],
    periods: dict[tuple[date, str], tuple[int, bool]],
    dated: dict[str, Any],
) -> None:
    """One day of `day_statuses` when units have calendars of their own: each person under the
    rules of their calendar, nobody on a day their calendar does not work. People come ordered
    by unit path and a calendar covers a unit's subtree, so the calendars are a few runs of
    consecutive people: each run is derived like the one-calendar day, with no per-person
    lookup of their rules."""
    if dated:
        off = {n for n, (segs, now_) in dated.items() if not active_on(segs, now_, iso)}
        if off:
            pairs = [(n, k) for n, k in zip(nips, keys, strict=True) if n not in off]
            nips, keys = [p[0] for p in pairs], [p[1] for p in pairs]
    roster = store.day_roster(conn, iso, subset)
    events = store.day_punches(conn, iso, subset)
    status = declared.get(d)
    append = out.append
    pos = 0
    for key, run in groupby(keys):
        n = sum(1 for _ in run)
        rules = by_key.get(key)
        members = nips[pos : pos + n]
        pos += n
        if rules is None:  # not a working day in this calendar
            continue
        if status is None:
            for nip in members:
                append(derive(d, nip, rules, roster.get(nip), None, events.get(nip)))
        else:
            for nip in members:
                extra = periods.get((d, nip), (None, True))
                append(derive(d, nip, rules, roster.get(nip), status.get(nip), events.get(nip), *extra))


def _status_period(
    cals: Any, nip: str, mulai: date, sampai: date, lo: date, hi: date
) -> dict[tuple[date, str], tuple[int, bool]]:
    """(day, nip) -> (the period's length in the person's working days, whether the day is the
    period's first working day in its month), for the days of [lo, hi]: what length-tiered
    status cuts need."""
    work = cals.person_days(nip, mulai, sampai)
    first_in_month: dict[tuple[int, int], date] = {}
    for d in work:
        first_in_month.setdefault((d.year, d.month), d)
    return {(d, nip): (len(work), first_in_month[(d.year, d.month)] == d) for d in work if lo <= d <= hi}


def tk_days(
    conn: sqlite3.Connection,
    start: date,
    end: date,
    *,
    nips: Iterable[str] | None = None,
    unit: str | None = None,
) -> dict[str, int]:
    """TK days of each active employee in [start, end], the same count as the 'TK' rows of
    `day_statuses`, without deriving every day: for year-to-date counts (PP 94/2021 warnings).

    A working day from the tracking start is TK when it has no event and no declared status; only
    the rare days with both a status and an event need a closer look."""
    first = store.tracking_start(conn)
    if first is None or max(start, first) > end:
        return {}
    start = max(start, first)
    from .kalender import Calendars, month_starts

    cals = Calendars(conn)
    days = working_calendar(conn, start, end, cals)
    if any(not r.wfh_wajib_presensi for m in days.values() for r in m.values()):
        # WFH days without required presence are not TK: that needs the roster of every day.
        counts: dict[str, int] = {}
        for s in day_statuses(conn, start, end, nips=nips, unit=unit):
            counts[s.nip] = counts.get(s.nip, 0) + (s.kode == "TK")
        return counts
    nip_list = sorted(set(nips)) if nips is not None else None
    unit_ids = employees_store.resolve_unit(conn, unit) if unit else None
    people_units = store.active_employees(conn, nips=nip_list, unit_ids=unit_ids, since=start.isoformat())
    people = [p[0] for p in people_units]
    if not people or not days:
        return {p: 0 for p in people}
    subset = people if (nip_list is not None or unit_ids is not None) else None
    # People grouped by calendar (the institution's, or a unit's own from jam_kerja.unit, month by
    # month): one count query per calendar, never per person.
    groups: list[tuple[list[date], list[str]]] = [(sorted(days), people)]
    if cals.has_units(start, end):
        months = month_starts(start, end)
        by_sig: dict[tuple[str | None, ...], list[str]] = {}
        sig_of: dict[int, tuple[str | None, ...]] = {}
        for nip, u in people_units:
            if u not in sig_of:
                sig_of[u] = tuple(cals.key_of_unit(m, u) for m in months)
            by_sig.setdefault(sig_of[u], []).append(nip)
        month_index = {(m.year, m.month): i for i, m in enumerate(months)}
        groups = [
            ([d for d in sorted(days) if sig[month_index[(d.year, d.month)]] in days[d]], members)
            for sig, members in by_sig.items()
        ]
    lo, hi = min(days), max(days)
    declared: dict[str, set[str]] = {}
    for nip, _kode, mulai, sampai in store.statuses(conn, lo, hi, subset):
        declared.setdefault(nip, set()).update(
            d.isoformat()
            for d in calendar.days_between(
                max(lo, date.fromisoformat(mulai)), min(hi, date.fromisoformat(sampai))
            )
        )
    both = store.punches(conn, lo, hi, sorted(declared)) if declared else {}
    biggest = max(range(len(groups)), key=lambda i: len(groups[i][1]))
    counts = {}
    for i, (work, members) in enumerate(groups):
        isos = [d.isoformat() for d in work]
        working = set(isos)
        # The largest calendar reads like a whole-institution count; the others by their members.
        present = store.event_day_counts(conn, isos, subset if i == biggest else members)
        for nip in members:
            # Status days that also have an event are already out of the count.
            mine = declared.get(nip)
            excused = len((mine & working) - set(both.get(nip, {}))) if mine else 0
            counts[nip] = len(isos) - present.get(nip, 0) - excused
    # People with a dated change (hired or left inside the period) have days off the books: count
    # those few exactly.
    dated = [n for n in store.dated_activity(conn, start.isoformat()) if n in counts]
    if dated:
        exact: dict[str, int] = {n: 0 for n in dated}
        for st in day_statuses(conn, start, end, nips=dated):
            exact[st.nip] += st.kode == "TK"
        counts.update(exact)
    return counts


# Importing attendance files ------------------------------------------------------------------


@dataclass
class ImportSummary:
    berkas: str
    format: str
    dibaca: int = 0
    ditambah: int = 0
    sudah_ada: int = 0
    pin_tak_dikenal: int = 0  # punches skipped
    contoh_pin: list[str] = field(default_factory=list)  # the first few unknown PINs
    jumlah_pin_tak_dikenal: int = 0  # distinct unknown PINs
    bulan: list[str] = field(default_factory=list)
    sebelum_sejak: int = 0  # punches before --sejak, not looked at
    terkunci: int = 0  # new punches in a locked month: not stored (exit 3)
    bulan_terkunci: list[str] = field(default_factory=list)
    contoh_terkunci: list[str] = field(default_factory=list)  # 'baris N: PIN p YYYY-MM-DD HH:MM:SS'


# Rows per write transaction: small enough that a check-in waiting behind one waits well under a
# second (bench/import_wait_bench.py), big enough to keep executemany efficient.
BATCH = 10_000
# A punch this far ahead of "now" is a machine clock's drift, not the future.
CLOCK_SKEW = timedelta(minutes=5)
SHOWN = 20  # refused lines listed in a message or a summary


@dataclass
class _Punch:
    """A punch that needs a closer look (locked month, near or after now, before --sejak)."""

    line: int
    who: str  # the PIN or NIP as the file gives it
    tanggal: str
    jam: str
    row: tuple  # the presensi row to insert
    offset: int | None = None  # the file's own offset (online CSV), else None


class _Importer:
    """The one import path every attendance format goes through, in two passes.

    Pass 1 reads the whole file and refuses it (nothing stored) for a malformed line or a punch
    after now + CLOCK_SKEW. Pass 2 writes in transactions of BATCH rows: each is atomic and the
    whole is idempotent (a punch already stored is skipped by the unique index), so a killed
    import leaves a consistent prefix that running it again completes, and a check-in never
    waits behind the whole file. In a locked month, a punch already stored is skipped silently;
    a new one is not stored and is listed (exit 3)."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        summary: ImportSummary,
        *,
        oleh: str,
        now: datetime,
        mesin: str | None,
        sejak: date | None,
    ) -> None:
        self.conn, self.summary, self.oleh, self.mesin = conn, summary, oleh, mesin
        with transaction(conn):  # one consistent read of the maps
            if mesin is not None and machines_store.get(conn, mesin) is None:
                raise KerjaError(
                    f"--mesin {mesin!r} belum terdaftar; daftarkan dengan "
                    f"`kerja mesin tambah {mesin} --unit U`."
                )
            self.anywhere, self.per_machine = machines_store.pin_maps(conn)
            self.registered = machines_store.known_ids(conn)
            unit_of = store.employee_units(conn)
            unit_zone = local_time.unit_zones(conn)
            dated = employees_store.dated_units(conn, "0000-01-01")
        self.offsets = {nip: zones.OFFSET[unit_zone[u]] for nip, u in unit_of.items()}
        self.suffix = {nip: offset_text(o) for nip, o in self.offsets.items()}
        # nip -> [(sampai, offset)] of the few people whose dated units lie in another zone than
        # today's: their punches take the zone of the unit in force on the punch's day
        # (docs/zones.md); everyone else keeps the one suffix of the hot path.
        self.moves: dict[str, list[tuple[str, int]]] = {}
        for nip, segs in dated.items():
            offs = [
                (until, zones.OFFSET[unit_zone[u]]) if u in unit_zone else (until, self.offsets[nip])
                for until, u in segs
            ]
            if any(o != self.offsets[nip] for _, o in offs):
                self.moves[nip] = offs
        self.stamp = clock.stamp(now)
        self.limit = now + CLOCK_SKEW
        # The earliest local date on which a punch may be after the limit, in any zone (WIB is the
        # smallest offset): punches dated before it need no closer look.
        self.near = (self.limit + timedelta(hours=7)).astimezone(UTC).date().isoformat()
        self.sejak = sejak.isoformat() if sejak else None
        self.unknown: dict[str, int] = {}
        self.by_month: dict[tuple[str, str], int] = {}
        self.months: set[str] = set()
        with transaction(conn):
            self.locked: set[str] = institution.locked_months(conn)

    def offset_on(self, nip: str, day: str) -> int:
        """The offset (minutes) of the zone `nip` lived in on `day`."""
        segs = self.moves.get(nip)
        return int(value_on(segs, self.offsets[nip], day)) if segs else self.offsets[nip]

    def rezoned(self, rows: list[tuple]) -> list[tuple]:
        """Event rows (tanggal, nip, waktu, ...) with the offset of the zone of each one's day,
        for the people who moved between zones (the rows come with today's)."""
        if not self.moves:
            return rows
        moves = self.moves
        return [
            (r[0], r[1], r[2][:19] + offset_text(self.offset_on(r[1], r[0])), *r[3:]) if r[1] in moves else r
            for r in rows
        ]

    # -- pass 1 --------------------------------------------------------------------------

    def after_now(self, p: _Punch) -> bool:
        if p.tanggal < self.near:
            return False
        off = p.offset if p.offset is not None else self.offset_on(p.row[1], p.tanggal)
        instant = datetime.fromisoformat(f"{p.tanggal}T{p.jam}{offset_text(off)}")
        return instant > self.limit

    def refuse_future(self, berkas: str, future: list[_Punch]) -> None:
        if not future:
            return
        shown = "; ".join(f"baris {p.line}: {p.who} {p.tanggal} {p.jam}" for p in future[:SHOWN])
        more = f" ... dan {len(future) - SHOWN} lagi" if len(future) > SHOWN else ""
        raise KerjaError(
            f"{berkas}: {len(future)} presensi bertanggal sesudah sekarang "
            f"({self.limit:%Y-%m-%d %H:%M %z}): {shown}{more}. Periksa jam mesin/aplikasinya; "
            "tidak ada yang disimpan."
        )

    # -- pass 2 --------------------------------------------------------------------------

    def write(self, rows: list[tuple], careful: list[_Punch]) -> None:
        """One transaction: `rows` go in as they are; `careful` ones are checked against the
        locks first (a punch already stored is skipped, a new one in a locked month listed)."""
        conn, s = self.conn, self.summary
        with transaction(conn):
            self.locked = institution.locked_months(conn)
            if self.locked and any(r[0][:7] in self.locked for r in rows):
                # Locked while this import ran: those rows get the closer look too.
                careful = careful + [
                    _Punch(0, r[1], r[0], r[2][11:19], r) for r in rows if r[0][:7] in self.locked
                ]
                rows = [r for r in rows if r[0][:7] not in self.locked]
            if careful:
                in_lock = [p for p in careful if p.tanggal[:7] in self.locked]
                rows = rows + [p.row for p in careful if p.tanggal[:7] not in self.locked]
                if in_lock:
                    have = store.existing_keys(conn, sorted({(p.tanggal, p.row[5]) for p in in_lock}))
                    for p in in_lock:
                        if (p.row[0], p.row[1], p.row[2][:19], p.row[5], p.row[3] or "") in have:
                            s.sudah_ada += 1
                            continue
                        s.terkunci += 1
                        if p.tanggal[:7] not in s.bulan_terkunci:
                            s.bulan_terkunci.append(p.tanggal[:7])
                        if len(s.contoh_terkunci) < SHOWN:
                            s.contoh_terkunci.append(f"baris {p.line or '?'}: {p.who} {p.tanggal} {p.jam}")
            # By day and nip (a stable sort keeps a machine's time order within them): the inserts
            # then walk along both (tanggal, nip, ...) indexes instead of jumping around them.
            rows.sort(key=itemgetter(0, 1))
            added = store.insert_events(conn, rows)
            s.ditambah += added
            s.sudah_ada += len(rows) - added

    def finish(self, berkas: str, fmt: str) -> None:
        s = self.summary
        s.pin_tak_dikenal = sum(self.unknown.values())
        s.dibaca += s.pin_tak_dikenal
        s.jumlah_pin_tak_dikenal = len(self.unknown)
        s.contoh_pin = sorted(self.unknown, key=lambda k: (len(k), k))[:10]
        s.bulan = sorted(self.months)
        s.bulan_terkunci.sort()
        with transaction(self.conn):
            store.note_unknown_pins(self.conn, self.by_month, self.stamp)
            audit.record(
                self.conn,
                oleh=self.oleh,
                aksi="presensi.impor",
                sesudah={
                    "berkas": berkas,
                    "format": fmt,
                    "dibaca": s.dibaca,
                    "ditambah": s.ditambah,
                    "sudah_ada": s.sudah_ada,
                    "pin_tak_dikenal": s.pin_tak_dikenal,
                    "bulan": s.bulan,
                    **({"terkunci": s.terkunci, "bulan_terkunci": s.bulan_terkunci} if s.terkunci else {}),
                    **({"sejak": self.sejak} if self.sejak else {}),
                },
            )

    def note_unknown(self, key: str, tanggal: str) -> None:
        self.unknown[key] = self.unknown.get(key, 0) + 1
        self.by_month[key, tanggal[:7]] = self.by_month.get((key, tanggal[:7]), 0) + 1


def import_file(
    conn: sqlite3.Connection,
    path: str | Path,
    *,
    oleh: str,
    now: datetime,
    fmt: str | None = None,
    mesin: str | None = None,
    urutan_tanggal: str | None = None,
    sejak: date | None = None,
    progress: Any = None,
) -> ImportSummary:
    """Import an attendance file (see `_Importer`: refused whole for a bad line or a future
    punch; written in short transactions; locked months and `sejak` respected). Re-importing the
    same (or an overlapping) file adds nothing: punches are unique per (nip, local time, source).

    The format is found from the start of the file (`fmt` forces one; `io.punch_files` names
    them). A punch's machine is the file's own (device column, serial number) unless `mesin`
    names a registered one; its PIN is looked up among that machine's PINs first, then among the
    PINs that hold on any machine, then as a NIP."""
    from ..io import punch_files

    p = Path(path)
    if not p.is_file():
        raise KerjaError(f"Berkas {p} tidak ditemukan.")
    fmt = punch_files.resolve_format(p, fmt)
    summary = ImportSummary(p.name, fmt)
    store.widen_cache(conn)
    imp = _Importer(conn, summary, oleh=oleh, now=now, mesin=mesin.strip() if mesin else None, sejak=sejak)
    if fmt != "csv":
        _import_machine(imp, p, fmt, urutan_tanggal, progress)
    else:
        _import_online(imp, p)
    imp.finish(p.name, fmt)
    return summary


def _import_machine(imp: _Importer, p: Path, fmt: str, urutan_tanggal: str | None, progress: Any) -> None:
    from ..io import punch_files

    none: dict[str, str] = {}
    scoped = imp.per_machine.get
    anywhere, suffix, oleh, stamp, mesin = imp.anywhere, imp.suffix, imp.oleh, imp.stamp, imp.mesin
    sejak = imp.sejak

    def chunks(bar: Any = None) -> Iterator[list]:
        for chunk in punch_files.machine_chunks(p, fmt, progress=bar, urutan_tanggal=urutan_tanggal):
            if mesin is not None:
                chunk = [(n, pin, d, t, j, st, mesin) for n, pin, d, t, j, st, _dev in chunk]
            yield chunk

    def closer(punch: tuple) -> _Punch | None:
        n, pin, d, t, jenis, state, dev = punch
        nip = scoped(dev, none).get(pin) or anywhere.get(pin)
        if nip is None:
            return None
        row = (d, nip, f"{d}T{t}{suffix[nip]}", jenis, "WFO", "mesin", state, dev, oleh, stamp)
        if nip in imp.moves:
            row = imp.rezoned([row])[0]
        return _Punch(n, f"PIN {pin}", d, t, row)

    # Pass 1: every line parses (the readers raise on a bad one) and none is after now.
    future: list[_Punch] = []
    near = imp.near
    for chunk in chunks():
        if max(punch[2] for punch in chunk) >= near:
            for punch in chunk:
                if punch[2] >= near and (c := closer(punch)) is not None and imp.after_now(c):
                    future.append(c)
    imp.refuse_future(p.name, future)

    # Pass 2: write.
    rows: list[tuple] = []
    careful: list[_Punch] = []
    s = imp.summary
    for chunk in chunks(progress):
        dates = {punch[2] for punch in chunk}
        imp.months.update(d[:7] for d in dates)
        if sejak is not None and min(dates) < sejak:
            kept = [punch for punch in chunk if punch[2] >= sejak]
            s.sebelum_sejak += len(chunk) - len(kept)
            chunk, dates = kept, {punch[2] for punch in kept}
        special = {d for d in dates if d[:7] in imp.locked}
        new_rows = [
            (d, nip, f"{d}T{t}{suffix[nip]}", jenis, "WFO", "mesin", state, dev, oleh, stamp)
            for _n, pin, d, t, jenis, state, dev in chunk
            if d not in special and (nip := scoped(dev, none).get(pin) or anywhere.get(pin)) is not None
        ]
        looked = 0
        if special:
            for punch in chunk:
                if punch[2] in special and (c := closer(punch)) is not None:
                    careful.append(c)
                    looked += 1
        if len(new_rows) + looked < len(chunk):
            for punch in chunk:
                upin, udev = punch[1], punch[6]
                if scoped(udev, none).get(upin) is None and upin not in anywhere:
                    imp.note_unknown(f"{upin} (mesin {udev})" if udev in imp.registered else upin, punch[2])
        rows += imp.rezoned(new_rows)
        s.dibaca += len(new_rows) + looked
        if len(rows) + len(careful) >= BATCH:
            imp.write(rows, careful)
            rows, careful = [], []
    if rows or careful:
        imp.write(rows, careful)


def _import_online(imp: _Importer, p: Path) -> None:
    from ..io.attlog import read_presence_csv

    punches: list[_Punch] = []
    for n, nip_text, pin, d, t, off, jenis, mode in read_presence_csv(p):
        try:
            key = clean_nip(nip_text) if nip_text else pin or ""
        except ValueError as e:
            raise KerjaError(f"{p.name} baris {n}, kolom NIP: {e}") from None
        if imp.sejak is not None and d < imp.sejak:
            imp.summary.sebelum_sejak += 1
            continue
        nip = imp.anywhere.get(key)
        if nip is None:
            imp.note_unknown(key, d)
            continue
        d0, t0 = d, t
        mine = imp.offset_on(nip, d)
        if off is not None and off != mine:
            shift = timedelta(minutes=mine - off)
            local = datetime.fromisoformat(f"{d}T{t}") + shift
            d, t = local.date().isoformat(), local.strftime("%H:%M:%S")
        row = (
            d,
            nip,
            f"{d}T{t}{offset_text(mine) if nip in imp.moves else imp.suffix[nip]}",
            jenis,
            mode,
            "online",
            None,
            imp.mesin,
            imp.oleh,
            imp.stamp,
        )
        punches.append(_Punch(n, key, d0, t0, row, off))
    imp.refuse_future(p.name, [x for x in punches if imp.after_now(x)])
    for x in punches:
        x.tanggal, x.jam = x.row[0], x.row[2][11:19]
    imp.months.update(x.tanggal[:7] for x in punches)
    # The same instant given with another offset, or stored before the unit's zone changed, is the
    # same punch: look for it by instant, not by its local reading.
    seen = (
        store.online_instants(
            imp.conn,
            sorted({x.row[1] for x in punches}),
            min(x.tanggal for x in punches),
            max(x.tanggal for x in punches),
        )
        if punches
        else set()
    )
    fresh = []
    for x in punches:
        if (x.row[1], _utc(x.row[2]), x.row[3] or "") in seen:
            imp.summary.sudah_ada += 1
        else:
            fresh.append(x)
    imp.summary.dibaca += len(punches)
    for i in range(0, len(fresh), BATCH):
        imp.write([], fresh[i : i + BATCH])


def _utc(waktu: str) -> str:
    return datetime.fromisoformat(waktu).astimezone(UTC).isoformat()


# Declared day statuses -----------------------------------------------------------------------


def declare_status(
    conn: sqlite3.Connection,
    nip: str,
    kode: str,
    mulai: date,
    sampai: date | None,
    keterangan: str,
    *,
    oleh: str,
    now: datetime,
) -> dict[str, Any]:
    """Declare a whole-day status (S, I, CT, ...) over [mulai, sampai]; it covers the working
    days in the range. Overlapping a standing status is refused."""
    kode = kode.strip().upper()
    if kode not in KODE_STATUS:
        raise KerjaError(f"Kode status {kode!r} tidak dikenal; pakai salah satu: {', '.join(KODE_STATUS)}.")
    sampai = sampai or mulai
    if sampai < mulai:
        raise KerjaError(f"Tanggal akhir {sampai} lebih awal dari tanggal mulai {mulai}.")
    if not keterangan.strip():
        raise KerjaError("Keterangan wajib diisi (mis. nomor surat cuti atau alasan).")
    with transaction(conn):
        who = store.employee_for_event(conn, nip)
        if who is None:
            raise KerjaError(f"Pegawai dengan NIP {nip} tidak ditemukan.")
        from .kalender import Calendars

        days = Calendars(conn).person_days(nip, mulai, sampai)
        if not days:
            raise KerjaError(f"{mulai} sampai {sampai} tidak memuat hari kerja; status tidak dicatat.")
        institution.ensure_unlocked(conn, months_between(mulai, sampai), "status presensi")
        clash = store.overlapping_statuses(conn, nip, mulai.isoformat(), sampai.isoformat())
        if clash:
            c = clash[0]
            raise KerjaError(
                f"{nip} sudah berstatus {c['kode']} (id {c['id']}) {c['mulai']} s.d. "
                f"{c['sampai']}, bertumpang tindih dengan {mulai} s.d. {sampai}. Cabut dulu dengan "
                f"`kerja presensi cabut {c['id']} --alasan ...` atau pilih tanggal lain."
            )
        row: dict[str, Any] = {
            "nip": nip,
            "kode": kode,
            "mulai": mulai.isoformat(),
            "sampai": sampai.isoformat(),
            "keterangan": keterangan.strip(),
            "oleh": oleh,
            "dicatat_pada": clock.stamp(now),
        }
        row["id"] = store.insert_status(conn, row)
        row["hari_kerja"] = len(days)
        audit.record(
            conn,
            oleh=oleh,
            aksi="status.tambah",
            nip=nip,
            sesudah={k: row[k] for k in ("id", "kode", "mulai", "sampai", "keterangan")},
            alasan=keterangan.strip(),
        )
    return row


def withdraw_status(
    conn: sqlite3.Connection, status_id: int, alasan: str, *, oleh: str, now: datetime
) -> dict:
    if not alasan.strip():
        raise KerjaError("Alasan wajib diisi untuk mencabut status.")
    with transaction(conn):
        row = store.get_status(conn, status_id)
        if row is None:
            raise KerjaError(
                f"Status dengan id {status_id} tidak ada. Lihat id-nya dengan `kerja presensi status-daftar`."
            )
        if row["dicabut_pada"]:
            raise KerjaError(
                f"Status id {status_id} sudah dicabut pada {row['dicabut_pada'][:16]} "
                f"({row['dicabut_alasan']})."
            )
        institution.ensure_unlocked(
            conn,
            months_between(date.fromisoformat(row["mulai"]), date.fromisoformat(row["sampai"])),
            "status presensi",
        )
        pada = clock.stamp(now)
        store.withdraw_status(conn, status_id, pada, alasan.strip())
        audit.record(
            conn,
            oleh=oleh,
            aksi="status.cabut",
            nip=row["nip"],
            sebelum={k: row[k] for k in ("id", "kode", "mulai", "sampai", "keterangan")},
            sesudah={"dicabut_pada": pada},
            alasan=alasan.strip(),
        )
    row.update(dicabut_pada=pada, dicabut_alasan=alasan.strip())
    return row


def statuses(conn: sqlite3.Connection, *, nip: str | None = None, bulan: str | None = None) -> list[dict]:
    return store.status_list(conn, nip=nip, bulan=bulan)


# Daily views ---------------------------------------------------------------------------------


def daily(conn: sqlite3.Connection, tanggal: date, unit: str | None = None) -> list[dict[str, Any]]:
    """`presensi harian`: the derived day status of each active employee (SPEC §8b shape)."""
    rows = day_statuses(conn, tanggal, tanggal, unit=unit)
    info = store.people_info(conn, [r.nip for r in rows] if unit else None)
    return [
        {
            "tanggal": r.tanggal.isoformat(),
            "nip": r.nip,
            "nama": info[r.nip][0],
            "unit": info[r.nip][1],
            "jadwal": r.jadwal,
            "kode": r.kode,
            "masuk": r.masuk,
            "pulang": r.pulang,
            "mode": r.mode,
            "telat_menit": r.telat_menit,
            "cepat_menit": r.cepat_menit,
            "tl": r.tl,
            "psw": r.psw,
            "catatan": r.catatan,
            "potongan_persen": float(r.potongan_persen),
            "aturan": r.aturan,
        }
        for r in rows
    ]


def no_roster(conn: sqlite3.Connection, tanggal: date) -> str | None:
    """Why `presensi belum` cannot answer for `tanggal`: the day has no stored roster, so nobody is
    expected (a message naming the day and what to do); None when there is one."""
    from ..store import roster as roster_store
    from . import kalender

    if roster_store.day_heads(conn, tanggal, tanggal):
        return None
    if tanggal not in kalender.working_days(conn, tanggal, tanggal):
        return (
            f"{tanggal} bukan hari kerja (akhir pekan atau libur): tidak ada jadwal, tidak ada yang ditunggu."
        )
    return (
        f"Belum ada jadwal untuk {tanggal}, jadi belum diketahui siapa yang wajib presensi. "
        f"Buat dulu: kerja jadwal buat --mulai {tanggal} --sampai {tanggal}"
    )


def not_yet(conn: sqlite3.Connection, tanggal: date, unit: str | None = None) -> list[dict[str, Any]]:
    """`presensi belum`: on duty per the roster that day, no declared status, no check-in yet."""
    unit_ids = employees_store.resolve_unit(conn, unit) if unit else None
    rules = institution.rules_for_month(conn, tanggal.isoformat()[:7])
    rows = store.not_checked_in(
        conn, tanggal.isoformat(), unit_ids=unit_ids, wfh=bool(rules["presensi"]["wfh_wajib_presensi"])
    )
    return [
        {"tanggal": tanggal.isoformat(), "nip": nip, "nama": nama, "unit": jalur, "jadwal": lokasi}
        for nip, nama, jalur, lokasi in rows
    ]
