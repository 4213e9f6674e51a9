"""The monthly TPP recap (SPEC §8) and the per-person explanation (`rekap rincian`).

Read-only and deterministic: day statuses come from the presence service (one pure function of
the stored events, statuses, roster and rules), validated minutes from the activity store, the
weights and targets from the rules in force for the month; the arithmetic is domain.recap.
"""

from __future__ import annotations

import calendar
import sqlite3
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from ..domain import activities as act
from ..domain import recap as dom
from ..domain.errors import KerjaError
from ..store import activities as activities_store
from ..store import employees as employees_store
from ..store import institution
from ..store import recap as store


def month_bounds(month: str) -> tuple[date, date]:
    y, m = int(month[:4]), int(month[5:7])
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def full_name(r: dict[str, Any]) -> str:
    name = " ".join(p for p in (r.get("gelar_depan"), r["nama"]) if p)
    return f"{name}, {r['gelar_belakang']}" if r.get("gelar_belakang") else name


def _day_statuses(conn: sqlite3.Connection, start: date, end: date, nips: list[str] | None):  # type: ignore[no-untyped-def]
    from .presensi import day_statuses

    return day_statuses(conn, start, end, nips=nips)


def _group(days) -> dict[str, list[Any]]:  # type: ignore[no-untyped-def]
    out: dict[str, list[Any]] = defaultdict(list)
    for d in days:
        out[d.nip].append(d)
    return out


def _tk_before(conn: sqlite3.Connection, start: date, nips: list[str] | None) -> dict[str, int]:
    """TK days of each employee from 1 January up to the day before `start`."""
    if start.month == 1:
        return {}
    counts: dict[str, int] = defaultdict(int)
    for d in _day_statuses(conn, date(start.year, 1, 1), start - timedelta(days=1), nips):
        if d.kode == "TK":
            counts[d.nip] += 1
    return counts


def _compute(
    conn: sqlite3.Connection, month: str, people: list[dict[str, Any]], *, everyone: bool
) -> tuple[list[dict[str, Any]], dict[str, list[Any]], dict[str, dict[str, int]], dict[str, Any]]:
    start, end = month_bounds(month)
    rules = institution.rules_for_month(conn, month)
    nips = None if everyone else [p["nip"] for p in people]
    days = _group(_day_statuses(conn, start, end, nips))
    deadline = act.validation_deadline(month, rules["kinerja"]["batas_validasi_hari"])
    minutes: dict[str, dict[str, int]] = defaultdict(dict)
    one = people[0]["nip"] if not everyone and len(people) == 1 else None
    for nip, tanggal, menit in activities_store.counted_minutes(
        conn,
        start.isoformat(),
        end.isoformat(),
        deadline.isoformat() if deadline else None,
        nip=one,
    ):
        minutes[nip][tanggal] = menit
    tk_before = _tk_before(conn, start, nips)
    rows = []
    for p in people:
        mine = days.get(p["nip"], [])
        tk_year = tk_before.get(p["nip"], 0) + sum(1 for d in mine if d.kode == "TK")
        figures = dom.employee_row(
            mine, sum(minutes.get(p["nip"], {}).values()), rules, p["tpp"], tk_year
        )
        rows.append({"nip": p["nip"], "nama": full_name(p), "unit": p["unit"], **figures})
    return rows, days, minutes, rules


def monthly_recap(conn: sqlite3.Connection, month: str, unit: str | None = None) -> dict[str, Any]:
    """The recap of every active employee (of `unit` and its sub-units) for 'YYYY-MM'."""
    unit_ids = employees_store.resolve_unit(conn, unit) if unit else None
    people = store.employees(conn, unit_ids)
    rows = _compute(conn, month, people, everyone=unit is None)[0] if people else []
    return {
        "instansi": institution.instansi(conn),
        "bulan": month,
        "pegawai": rows,
        "total": dom.totals(rows),
    }


def _hhmm(v: Any) -> str | None:
    if v is None:
        return None
    return v.strftime("%H:%M") if hasattr(v, "strftime") else str(v)[:5]


def recap_detail(conn: sqlite3.Connection, nip: str, month: str) -> dict[str, Any]:
    """Why this person's TPP is what it is: each working day, then the recap row (the very row of
    `monthly_recap`) and the arithmetic step by step (key `penjelasan`, for the human output)."""
    emp = employees_store.get(conn, nip)
    if not emp["aktif"]:
        raise KerjaError(f"Pegawai {nip} ({emp['nama']}) nonaktif; tidak ada di rekap bulanan.")
    person = next(p for p in store.employees(conn) if p["nip"] == nip)
    rows, days, minutes, rules = _compute(conn, month, [person], everyone=False)
    mine = minutes.get(nip, {})
    hari = []
    for d in days.get(nip, []):
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
    working = {h["tanggal"] for h in hari}
    off_days = sum(m for t, m in mine.items() if t not in working)
    sum_cuts = dom.day_counts(days.get(nip, []))["potongan"]
    return {
        "nip": nip,
        "bulan": month,
        "hari": hari,
        "rekap": rows[0],
        "penjelasan": dom.explain(rows[0], sum_cuts, rules),
        "menit_di_luar_hari_kerja": off_days,
    }
