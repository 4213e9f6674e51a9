"""The roster: generate (jadwal buat), change one cell (ubah), check (periksa), read (lihat/ekspor)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from ..domain import roster as dom
from ..domain.circulars import Circular, in_force
from ..domain.errors import KerjaError
from ..domain.months import month_bounds
from ..store import audit, conditions, institution
from ..store import circulars as circular_store
from ..store import employees as emp_store
from ..store import roster as store
from ..store.db import transaction
from ..store.recap import snapshot as roster_snapshot
from . import kalender, local_time


@dataclass
class BuildSummary:
    mulai: date
    sampai: date
    hari: list[date] = field(default_factory=list)  # generated days
    dipertahankan: list[date] = field(default_factory=list)  # past days with a roster, kept
    tanpa_kebijakan: list[date] = field(default_factory=list)
    kebijakan: list[str] = field(default_factory=list)
    sel: int = 0
    wfo: int = 0
    wfh: int = 0
    pelanggaran: list[dom.Violation] = field(default_factory=list)
    catatan: list[dom.Notice] = field(default_factory=list)
    kuota_kurang: list[dom.Shortfall] = field(default_factory=list)  # quota groups below T
    deviasi_maks: float = 0.0


def _period(
    forced: Circular | None, mulai: date | None, sampai: date | None, today: date
) -> tuple[date, date]:
    if mulai is None and sampai is None:
        if forced:
            return forced.mulai, forced.sampai
        return month_bounds(today)
    if mulai is None:
        assert sampai is not None  # both None is handled above
        mulai = forced.mulai if forced and forced.mulai <= sampai else month_bounds(sampai)[0]
    if sampai is None:
        sampai = forced.sampai if forced and forced.sampai >= mulai else month_bounds(mulai)[1]
    if sampai < mulai:
        raise KerjaError(f"Tanggal akhir {sampai} lebih awal dari tanggal mulai {mulai}.")
    return mulai, sampai


class _ManualChanged(Exception):
    """A hand-set cell changed while the roster was being computed."""


RETRIES = 5


def generate(
    conn: sqlite3.Connection,
    *,
    oleh: str,
    kebijakan: str | None = None,
    mulai: date | None = None,
    sampai: date | None = None,
    unit: str | None = None,
    timpa: bool = False,
    now: datetime,
) -> BuildSummary:
    """Generate and save the roster of [mulai, sampai] (SPEC §6); violations do not stop it.

    The roster is computed outside the write transaction (seconds for a province), so a `jadwal
    ubah` may land meanwhile. The hand-set cells of the days written are read again inside the
    write transaction; if they changed, nothing is written and the roster is computed again from
    the new state: a manual cell confirmed to a clerk is never overwritten by a run that started
    before it."""
    for _attempt in range(RETRIES):
        try:
            return _generate_once(
                conn,
                oleh=oleh,
                kebijakan=kebijakan,
                mulai=mulai,
                sampai=sampai,
                unit=unit,
                timpa=timpa,
                now=now,
            )
        except _ManualChanged:
            continue
    raise KerjaError(
        "Jadwal terus diubah tangan (jadwal ubah) selama dibuat; tidak ada yang disimpan. "
        "Coba lagi sebentar lagi."
    )


def _manual_cells(conn: sqlite3.Connection, days: list[date]) -> set[tuple[str, str, str]]:
    if not days:
        return set()
    wanted = {d.isoformat() for d in days}
    return {
        (t, nip, lok)
        for t, nip, lok, _why in store.plain_cells(conn, min(days), max(days), manual_only=True)
        if t in wanted
    }


@dataclass
class _Plan:
    """A computed roster, not yet written: what `jadwal buat` stores and `jadwal simulasi` shows."""

    summary: BuildSummary
    circ_of: dict[date, Circular]
    gen: list[date]
    selected: set[str] | None
    manual_before: set[tuple[str, str, str]]
    rows: Iterable[tuple[str, str, str, str, str]]  # (tanggal, nip, lokasi, alasan, kebijakan), once
    counts: dict[str, int]
    result: dom.Result


def _plan(
    conn: sqlite3.Connection,
    *,
    forced: Circular | None,
    mulai: date | None,
    sampai: date | None,
    unit: str | None,
    timpa: bool,
    today: date,
) -> _Plan:
    """The roster of [mulai, sampai] as `jadwal buat` computes it (SPEC §6), read from the store
    and written nowhere. `forced`: the circular for every day (`--kebijakan`, or a draft file)."""
    circulars = [c for c, _ in circular_store.all_circulars(conn)]
    mulai, sampai = _period(forced, mulai, sampai, today)
    s = BuildSummary(mulai, sampai)
    circ_of: dict[date, Circular] = {}
    for d in kalender.working_days(conn, mulai, sampai):
        c = forced or in_force(circulars, d)
        if c is None:
            s.tanpa_kebijakan.append(d)
        else:
            circ_of[d] = c
    if not circ_of:
        raise KerjaError(
            f"Tidak ada hari kerja dengan kebijakan berlaku antara {mulai} dan {sampai}. "
            "Periksa `kerja kebijakan daftar` atau sebut kebijakannya."
        )
    used = {c.nama: c for c in circ_of.values()}
    lo = min([mulai, *(c.mulai for c in used.values())])
    hi = max([sampai, *(c.sampai for c in used.values())])
    stored_days = store.stored_days(conn, lo, hi)

    p_lo, p_hi = min(lo, mulai), max(hi, sampai)  # the facts in force on each day of it
    selected: set[str] | None = None
    if unit:
        ids = set(emp_store.resolve_unit(conn, unit))
        selected = {p.nip for p in store.people(conn, ids, mulai=p_lo, sampai=p_hi)}
    gen = [d for d in circ_of if timpa or not (d < today and d in stored_days)]
    manual_before = _manual_cells(conn, gen)
    s.dipertahankan = [d for d in circ_of if d not in gen]
    gen_set = set(gen)
    # Days of the used circulars outside this run that have a roster count toward fair shares.
    hist = sorted(d for d in stored_days if d not in gen_set and any(c.covers(d) for c in used.values()))
    fixed: dict[tuple[date, str], tuple[str, str]] = {}
    hist_circ: dict[date, Circular] = {}
    day_cache: dict[str, date] = {}

    def iso(t: str) -> date:
        d = day_cache.get(t)
        if d is None:
            d = day_cache[t] = date.fromisoformat(t)
        return d

    if hist:
        for t, nip, lok, why, keb in store.cells(conn, hist[0], hist[-1]):
            d = iso(t)
            if keb in used and used[keb].covers(d) and d not in gen_set:
                fixed[(d, nip)] = (lok, why)
                hist_circ[d] = used[keb]
    if gen:
        for t, nip, lok, why in store.plain_cells(conn, min(gen), max(gen), manual_only=selected is None):
            d = iso(t)
            if d in gen_set and (
                (selected is not None and nip not in selected) or (why == "manual" and not timpa)
            ):
                fixed[(d, nip)] = (lok, why)
    people = store.people(conn, mulai=p_lo, sampai=p_hi)
    if selected is not None:
        fixed_nips = {nip for (_, nip) in fixed}
        people = [p for p in people if p.nip in selected or p.nip in fixed_nips]
    days = [dom.Day(d, circ_of[d], True) for d in gen]
    days += [dom.Day(d, hist_circ[d], False) for d in hist if d in hist_circ]
    stat = store.statuses(conn, min(lo, mulai), max(hi, sampai))
    inputs = dom.Inputs(
        people=people,
        units=store.units(conn),
        days=days,
        conditions=conditions.all_conditions(conn),
        statuses=[(n, a, b) for n, a, b, _ in stat],
        fixed=fixed,
    )
    res = dom.build(inputs)
    names = {d: circ_of[d].nama for d in gen}
    rows: Iterable[tuple[str, str, str, str, str]] = res.rows(people, names)
    if selected is None:
        counts = res.tally()
    else:
        counts = {"WFO": 0, "WFH": 0}
        rows = [r for r in rows if r[1] in selected]
        for r in rows:
            counts[r[2]] += 1

    return _Plan(s, circ_of, gen, selected, manual_before, rows, counts, res)


def _generate_once(
    conn: sqlite3.Connection,
    *,
    oleh: str,
    kebijakan: str | None,
    mulai: date | None,
    sampai: date | None,
    unit: str | None,
    timpa: bool,
    now: datetime,
) -> BuildSummary:
    if not circular_store.all_circulars(conn):
        raise KerjaError(
            "Belum ada kebijakan. Pasang dulu, mis. `kerja kebijakan tambah "
            "examples/kebijakan/kukar-2021.toml`."
        )
    forced = kalender.get_circular(conn, kebijakan) if kebijakan else None
    today = local_time.today(conn, now)
    plan = _plan(conn, forced=forced, mulai=mulai, sampai=sampai, unit=unit, timpa=timpa, today=today)
    s, gen, res, counts, circ_of = plan.summary, plan.gen, plan.result, plan.counts, plan.circ_of
    mulai, sampai, selected, rows, manual_before = (
        s.mulai,
        s.sampai,
        plan.selected,
        plan.rows,
        plan.manual_before,
    )
    with transaction(conn):
        if _manual_cells(conn, gen) != manual_before:
            raise _ManualChanged
        institution.ensure_unlocked(conn, {d.isoformat()[:7] for d in gen}, "jadwal")
        s.sel = store.replace_days(conn, gen, selected, rows)
        s.hari = sorted(gen)
        s.kebijakan = sorted({c.nama for c in circ_of.values()})
        s.wfo, s.wfh = counts["WFO"], counts["WFH"]
        s.pelanggaran = res.violations
        s.kuota_kurang = res.shortfalls
        s.catatan = sorted(res.notices, key=lambda n: (-n.lebih, n.nip))
        s.deviasi_maks = round(res.max_deviation(), 2)
        audit.record(
            conn,
            oleh=oleh,
            aksi="jadwal.buat",
            sesudah={
                "mulai": mulai,
                "sampai": sampai,
                "kebijakan": s.kebijakan,
                "unit": unit,
                "hari": len(gen),
                "dipertahankan": len(s.dipertahankan),
                "sel": s.sel,
                "wfo": s.wfo,
                "wfh": s.wfh,
                "pelanggaran": len(s.pelanggaran),
                "catatan": len(s.catatan),
            },
            alasan="--timpa" if timpa else None,
        )
    return s


def simulate(
    conn: sqlite3.Connection,
    path: str,
    *,
    mulai: date | None = None,
    sampai: date | None = None,
    timpa: bool = False,
    now: datetime,
) -> dict:
    """`jadwal simulasi`: the roster a draft circular file would give over [mulai, sampai] (default
    its own period), computed exactly as `jadwal buat --kebijakan` would once it is installed
    (manual cells and past days with a roster kept unless `timpa`), against the stored roster:
    per unit WFO/WFH counts, the people whose days change, the violations on each side. Nothing
    is written; the file is checked as `kebijakan tambah` checks it."""
    from pathlib import Path

    from ..domain import simulation
    from ..domain.circulars import parse_toml

    p = Path(path)
    if not p.is_file():
        raise KerjaError(f"Berkas {p} tidak ditemukan.")
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise KerjaError(f"{p.name} harus teks UTF-8.") from None
    draft = parse_toml(text, p.name)
    today = local_time.today(conn, now)
    with roster_snapshot(conn):
        plan = _plan(conn, forced=draft, mulai=mulai, sampai=sampai, unit=None, timpa=timpa, today=today)
        lo, hi = plan.summary.mulai, plan.summary.sampai
        gen = {d.isoformat() for d in plan.gen}
        stored_cells = {(t, nip): lok for t, nip, lok, _why in store.plain_cells(conn, lo, hi)}
        proposed = {key: lok for key, lok in stored_cells.items() if key[0] not in gen}
        proposed.update({(t, nip): lok for t, nip, lok, _why, _keb in plan.rows})
        before = review(conn, lo, hi)[0] if stored_cells else []
        who = store.names(conn)
    after = plan.result.violations + [v for v in before if v.tanggal.isoformat() not in gen]
    return {
        "kebijakan": draft.nama,
        "judul": draft.judul,
        "berkas": p.name,
        "mulai": lo.isoformat(),
        "sampai": hi.isoformat(),
        "hari": len(plan.circ_of),
        "hari_dibuat": len(gen),
        "dipertahankan": [d.isoformat() for d in plan.summary.dipertahankan],
        **simulation.roster_difference(stored_cells, proposed, who),
        "pelanggaran": {
            "berlaku": [v.as_dict() for v in before],
            "draf": [v.as_dict() for v in sorted(after, key=lambda v: (v.tanggal, v.unit, v.jenis))],
        },
    }


# -- reading the stored roster --------------------------------------------------------------------


def _span(conn: sqlite3.Connection, mulai: date | None, sampai: date | None) -> tuple[date, date]:
    if mulai and sampai:
        if sampai < mulai:
            raise KerjaError(f"Tanggal akhir {sampai} lebih awal dari tanggal mulai {mulai}.")
        return mulai, sampai
    span = store.roster_span(conn)
    if span is None:
        raise KerjaError("Belum ada jadwal. Buat dulu dengan `kerja jadwal buat`.")
    return mulai or span[0], sampai or span[1]


def stored(
    conn: sqlite3.Connection,
    people: list[dom.Person],
    mulai: date,
    sampai: date,
    *,
    only_these: bool = False,
) -> tuple[dom.Result, dict[date, str | None]]:
    """The stored roster of [mulai, sampai] as a generator result (codes per person-day).
    `only_these` reads the cells of `people` alone (a unit's view); the days and their circular
    are still those of the whole roster."""
    idx = {p.nip: i for i, p in enumerate(people)}
    where = dom.PersonIndex(people)
    codes = dom.Codes()
    days: list[date] = []
    cells: list[list[int]] = []
    keb: dict[date, str | None] = {}
    if only_these:
        at: dict[str, list[int]] = {}
        for t, k in store.day_heads(conn, mulai, sampai):
            d = date.fromisoformat(t)
            days.append(d)
            keb[d] = k
            at[t] = [0] * len(people)
            cells.append(at[t])
        for t, nip, lok, why, _k in store.cells(conn, mulai, sampai, list(idx)):
            i = where.get(nip, date.fromisoformat(t))
            if i is not None:
                at[t][i] = codes.code(lok, why)
        return dom.Result(codes, days, cells, [], {}), keb
    cur_t: str | None = None
    row: list[int] = []
    for t, nip, lok, why, k in store.cells(conn, mulai, sampai):
        if t != cur_t:
            cur_t = t
            d = date.fromisoformat(t)
            days.append(d)
            row = [0] * len(people)
            cells.append(row)
            keb[d] = k
        i = idx.get(nip) if not where.dated else where.get(nip, d)
        if i is not None:
            row[i] = codes.code(lok, why)
    return dom.Result(codes, days, cells, [], {}), keb


def violations(
    conn: sqlite3.Connection, mulai: date | None = None, sampai: date | None = None
) -> list[dom.Violation]:
    """Quota, coverage and mandatory-WFH violations of the stored roster."""
    return review(conn, mulai, sampai)[0]


def review(
    conn: sqlite3.Connection, mulai: date | None = None, sampai: date | None = None
) -> tuple[list[dom.Violation], list[dom.Shortfall]]:
    """The stored roster's violations, and the quota groups it leaves below their target."""
    mulai, sampai = _span(conn, mulai, sampai)
    people = store.people(conn, mulai=mulai, sampai=sampai)
    res, keb = stored(conn, people, mulai, sampai)
    circulars = [c for c, _ in circular_store.all_circulars(conn)]
    by_name = {c.nama: c for c in circulars}
    days = []
    keep = []
    for k, d in enumerate(res.days):
        c = by_name.get(keb[d] or "") or in_force(circulars, d)
        if c is not None:
            days.append(dom.Day(d, c))
            keep.append(k)
    res.days = [res.days[k] for k in keep]
    res.cells = [res.cells[k] for k in keep]
    stat = store.statuses(conn, mulai, sampai)
    inputs = dom.Inputs(
        people, store.units(conn), days, conditions.all_conditions(conn), [(n, a, b) for n, a, b, _ in stat]
    )
    return dom.review(inputs, res)


def change(
    conn: sqlite3.Connection, nip: str, tanggal: date, lokasi: str, alasan: str, oleh: str
) -> tuple[tuple | None, list[dom.Violation]]:
    """Set one cell by hand (reason `manual`), audited; returns (old cell, the violations of that
    day that the change brought: new ones, or old ones it made worse)."""
    lokasi = lokasi.upper()
    if lokasi not in ("WFO", "WFH"):
        raise KerjaError(f"Lokasi {lokasi!r} tidak sah; pakai WFO atau WFH.")
    if not alasan or not alasan.strip():
        raise KerjaError("Alasan wajib diisi: tulis mengapa jadwal diubah.")
    has_roster = store.roster_span(conn) is not None
    before = set(violations(conn, tanggal, tanggal)) if has_roster else set()
    with transaction(conn):
        institution.ensure_unlocked(conn, [tanggal.isoformat()[:7]], "jadwal")
        emp_store.get(conn, nip)
        if not emp_store.facts_of(conn, nip, tanggal)["aktif"]:
            raise KerjaError(f"Pegawai {nip} nonaktif pada {tanggal}; jadwalnya tidak bisa diubah.")
        if tanggal not in set(kalender.working_days(conn, tanggal, tanggal)):
            raise KerjaError(f"{tanggal} bukan hari kerja (akhir pekan atau libur).")
        old = store.cell(conn, tanggal, nip)
        circulars = [c for c, _ in circular_store.all_circulars(conn)]
        keb = old[2] if old and old[2] else (c.nama if (c := in_force(circulars, tanggal)) else None)
        store.put_cell(conn, tanggal, nip, lokasi, "manual", keb)
        audit.record(
            conn,
            oleh=oleh,
            aksi="jadwal.ubah",
            nip=nip,
            alasan=alasan.strip(),
            sebelum={"tanggal": tanggal, "lokasi": old[0], "alasan": old[1]} if old else None,
            sesudah={"tanggal": tanggal, "lokasi": lokasi, "alasan": "manual"},
        )
    return old, [v for v in violations(conn, tanggal, tanggal) if v not in before]


def export_rows(
    conn: sqlite3.Connection, mulai: date | None = None, sampai: date | None = None, unit: str | None = None
) -> Iterator[tuple[str, str, str, str, str, str]]:
    """(tanggal, nip, nama, unit, lokasi, alasan) of SPEC §6 for on-duty days: a status declared
    after the roster was made takes the day off. Streams in (tanggal, nip) order, the table's own.

    The unit is the one in force on each day (`pegawai ubah --unit --mulai`): a move dated the
    15th shows the old unit's path before it and the new one's from it, and `unit` keeps the
    days the person was in that unit (or below it)."""
    from ..domain.facts import value_on
    from ..store import presence as presence_store

    mulai, sampai = _span(conn, mulai, sampai)
    who = store.names(conn)
    off: set[tuple[str, str]] = set()
    for nip, a, b, _ in store.statuses(conn, mulai, sampai):
        for d in kalender.calendar.days_between(max(a, mulai), min(b, sampai)):
            off.add((d.isoformat(), nip))
    keep: set[int] | None = set(emp_store.resolve_unit(conn, unit)) if unit else None
    # The few people with a dated change holding in the period: nip -> [(sampai, unit id)].
    dated = emp_store.dated_units(conn, mulai.isoformat())
    now_unit = presence_store.employee_units(conn) if dated or keep is not None else {}
    paths = emp_store.unit_path_by_id(conn) if dated else {}
    for t, nip, lok, why in store.plain_cells(conn, mulai, sampai):
        if off and (t, nip) in off:
            continue
        segs = dated.get(nip) if dated else None
        if segs or keep is not None:  # a province month without dated changes skips this
            uid = value_on(segs, now_unit.get(nip), t) if segs else now_unit.get(nip)
            if keep is not None and uid not in keep:
                continue
        nama, jalur = who.get(nip, ("", ""))
        if segs:
            jalur = paths.get(uid, "(unit sudah dihapus)") if uid is not None else jalur
        yield t, nip, nama, jalur, lok, why


EXPORT_KEYS = ("tanggal", "nip", "nama", "unit", "lokasi", "alasan")


@dataclass
class Grid:
    days: list[date]
    rows: list[tuple[str, str, str, list[str]]]  # (nip, name, unit path, one mark per day)
    totals: list[tuple[str, list[str]]]  # (quota group, 'WFO/target' per day)
    judul: str | None


def grid(
    conn: sqlite3.Connection,
    mulai: date | None,
    sampai: date | None,
    unit: str | None,
    limit: int | None = 300,
    *,
    now: datetime,
) -> Grid:
    """Employees x days: WFO, WFH, a status code, or '-' (no cell); quota totals per group."""
    if mulai is None and sampai is None:
        span = store.roster_span(conn)
        if span is None:
            raise KerjaError("Belum ada jadwal. Buat dulu dengan `kerja jadwal buat`.")
        today = local_time.today(conn, now)
        mulai = today if span[0] <= today <= span[1] else span[0]
        mulai = mulai.fromordinal(mulai.toordinal() - mulai.weekday())
        sampai = mulai.fromordinal(mulai.toordinal() + 13)
    mulai, sampai = _span(conn, mulai, sampai)
    ids = set(emp_store.resolve_unit(conn, unit)) if unit else None
    if ids is None:
        everyone = people = store.people(conn, mulai=mulai, sampai=sampai)
    else:
        # A unit's view reads its OPDs only: every quota group (a unit or an OPD) that holds a
        # shown person lies inside that person's OPD, so its WFO/target line stays whole.
        people = store.people(conn, ids, mulai=mulai, sampai=sampai)
        everyone = store.people(conn, opd_ids={p.opd for p in people}, mulai=mulai, sampai=sampai)
    if limit and len(people) > limit:
        raise KerjaError(
            f"{len(people)} pegawai terlalu banyak untuk satu tabel; pilih satu unit "
            "(mis. satu bidang atau seksi), atau pakai `kerja jadwal ekspor`."
        )
    res, keb = stored(conn, everyone, mulai, sampai, only_these=ids is not None)
    days = kalender.working_days(conn, mulai, sampai)
    col = {d: k for k, d in enumerate(res.days)}
    stat = store.statuses(conn, mulai, sampai, [p.nip for p in everyone] if ids is not None else None)
    code_of: dict[tuple[str, date], str] = {}
    for nip, a, b, kode in stat:
        for d in days:
            if a <= d <= b:
                code_of[(nip, d)] = kode
    name = store.names(conn, [p.nip for p in people] if ids is not None else None)
    units = store.units(conn)
    index = {p: i for i, p in enumerate(everyone)}  # a person who moved: a row per stretch
    rows = []
    for p in sorted(people, key=lambda p: (units[p.unit].name, not p.leader, p.nip)):
        marks = []
        for d in days:
            k = col.get(d)
            c = res.cells[k][index[p]] if k is not None else 0
            status = code_of.get((p.nip, d)) if p.on_books(d) else None
            marks.append(status or _location(res.codes, c))
        rows.append((p.nip, name[p.nip][0], units[p.unit].name, marks))
    circulars = {c.nama: c for c, _ in circular_store.all_circulars(conn)}
    any_c = next((circulars[k] for k in keb.values() if k is not None and k in circulars), None)
    totals = _quota_totals(res, everyone, {p.nip for p in people}, units, days, col, keb, circulars, code_of)
    judul = any_c.judul if any_c else None
    return Grid(days, rows, totals, judul)


def export_title(conn: sqlite3.Connection, mulai: date, sampai: date) -> tuple[str, str | None]:
    """(institution name, titles of the circulars the period's cells were made under) for a sheet."""
    names = store.circular_names(conn, mulai, sampai)
    judul = "; ".join(c.judul for c, _ in circular_store.all_circulars(conn) if c.nama in names) or None
    return institution.instansi(conn), judul


def _quota_totals(
    res: dom.Result,
    everyone: list[dom.Person],
    shown: set[str],
    units: Mapping[int, dom.Unit],
    days: list[date],
    col: Mapping[date, int],
    keb: Mapping[date, str | None],
    circulars: Mapping[str, Circular],
    code_of: Mapping[tuple[str, date], str],
) -> list[tuple[str, list[str]]]:
    """(quota group, 'WFO/target' per day) for the groups with someone shown, counted by the
    domain's `quota` (a declared status takes a person off duty)."""
    any_c = next((circulars[k] for k in keb.values() if k is not None and k in circulars), None)
    if any_c is None:
        return []
    groups: dict[int, list[int]] = {}
    for i, p in enumerate(everyone):
        groups.setdefault(dom.group_key(p, any_c), []).append(i)
    totals = []
    for g, mem in sorted(groups.items(), key=lambda kv: units[kv[0]].name):
        if not any(everyone[i].nip in shown for i in mem):
            continue
        marks = []
        for d in days:
            k = col.get(d)
            c = circulars.get(keb.get(d) or "")
            if k is None or c is None:
                marks.append("")
                continue
            row = res.cells[k]
            on = [i for i in mem if row[i] and (everyone[i].nip, d) not in code_of]
            office = [i for i in on if _location(res.codes, row[i]) == "WFO"]
            q = dom.quota(
                len(on),
                len(office),
                sum(everyone[i].leader for i in on),
                sum(everyone[i].leader for i in office),
                c,
            )
            marks.append(f"{q.office}/{q.target}")
        totals.append((units[g].name, marks))
    return totals


def _location(codes: dom.Codes, code: int) -> str:
    """The lokasi of a stored cell's code (0: no cell)."""
    pair = codes.pairs[code]
    return pair[0] if pair else "-"


# --- jadwal cetak: the notice-board roster ---

# What a reader of the notice board understands, for the cells and the reasons.
WORDS = {"WFO": "Kantor", "WFH": "Rumah", "-": ""}
STATUS_WORDS = {
    "S": "Sakit",
    "CS": "Sakit",
    "I": "Izin",
    "IH": "Izin",
    "CT": "Cuti",
    "CB": "Cuti",
    "CM": "Cuti",
    "CAP": "Cuti",
    "CLTN": "Cuti",
    "DL": "Dinas Luar",
    "TB": "Tugas Belajar",
    "SS": "Sakit",
}
WHY_WORDS = {
    "pejabat": "pejabat, tetap di kantor",
    "cakupan": "menjaga layanan unit tetap buka di kantor",
    "manual": "diubah petugas (jadwal ubah)",
    "usia": "wajib bekerja dari rumah: usia lanjut menurut edaran",
    "hamil": "wajib bekerja dari rumah: hamil",
    "menyusui": "wajib bekerja dari rumah: menyusui",
    "komorbid": "wajib bekerja dari rumah: penyakit penyerta (komorbid)",
    "odp": "wajib bekerja dari rumah: orang dalam pemantauan (ODP)",
    "pdp": "wajib bekerja dari rumah: pasien dalam pengawasan (PDP)",
    "positif": "wajib bekerja dari rumah: positif",
    "kontak-erat": "wajib bekerja dari rumah: kontak erat",
    "perjalanan": "wajib bekerja dari rumah: baru kembali dari perjalanan",
}
ROTATION = {"rotasi", "rotasi-wfh"}


@dataclass
class Board:
    instansi: str
    judul: str | None
    mulai: date
    sampai: date
    days: list[date]
    units: list[tuple[str, list[tuple[str, str, list[str]]]]]  # (unit path, [(nama, nip, cells)])
    legend: list[str]  # "(1) ..." lines, then the words


def notice_board(
    conn: sqlite3.Connection,
    mulai: date | None,
    sampai: date | None,
    unit: str | None,
    *,
    now: datetime,
) -> Board:
    """The roster as a notice board reads it: per unit, names x working days, each cell a word
    (Kantor, Rumah, Cuti, Sakit, Dinas Luar, ...), a reason that is not plain rotation as a
    numbered note explained in the legend."""
    g = grid(conn, mulai, sampai, unit, limit=None, now=now)
    if not g.days:
        raise KerjaError("Tidak ada hari kerja pada rentang itu; pilih --mulai dan --sampai lain.")
    a, b = g.days[0], g.days[-1]
    shown = {r[0] for r in g.rows}
    why: dict[tuple[str, str], str] = {}
    for t, nip, _lok, alasan in store.plain_cells(conn, a, b):
        if nip in shown and alasan and alasan not in ROTATION:
            why[(nip, t)] = alasan.split(":", 1)[1] if alasan.startswith("wfh-wajib:") else alasan
    notes: dict[str, int] = {}
    units: dict[str, list[tuple[str, str, list[str]]]] = {}
    for nip, nama, unit_path, marks in g.rows:
        cells = []
        for d, m in zip(g.days, marks, strict=True):
            word = WORDS.get(m) or STATUS_WORDS.get(m, m)
            reason = why.get((nip, d.isoformat())) if m in ("WFO", "WFH") else None
            if reason:
                n = notes.setdefault(reason, len(notes) + 1)
                word = f"{word} ({n})"
            cells.append(word)
        units.setdefault(unit_path, []).append((nama, nip, cells))
    legend = [f"({n}) {WHY_WORDS.get(r, r)}" for r, n in notes.items()]
    instansi, judul = export_title(conn, a, b)
    return Board(instansi, judul or g.judul, a, b, list(g.days), list(units.items()), legend)
