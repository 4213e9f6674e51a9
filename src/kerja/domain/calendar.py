"""Working days, holidays and working hours (time zones: domain/zones.py).

Holidays are national holidays and cuti bersama of Indonesia (the `holidays` package, which keeps
cuti bersama in its GOVERNMENT category) laid under the institution's local entries: a local entry
with a name adds a holiday, one without a name (None) cancels a national one (a late decree).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, time, timedelta
from functools import lru_cache
from typing import Any

from .rules import HARI

_Table = tuple[tuple[tuple[date, str], ...], tuple[tuple[date, str], ...]]


@lru_cache(maxsize=64)
def _national(year: int) -> _Table:
    """(public holidays, cuti bersama) of a year: from libur_data, written down from the installed
    `holidays` package, when it was made from this version of it; else from the package."""
    from . import libur_data

    if year in libur_data.YEARS and libur_data.VERSION == library_version():
        public, cuti = libur_data.YEARS[year]
        return (
            tuple((date.fromisoformat(d), n) for d, n in public),
            tuple((date.fromisoformat(d), n) for d, n in cuti),
        )
    return national_from_library(year)


@lru_cache(maxsize=1)
def library_version() -> str | None:
    """The installed `holidays` package's version, from its dist-info folder's name: importing the
    package to ask (holidays.version reads importlib.metadata) is the cost being saved. None when
    it is not found as one plain install."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("holidays")
    if spec is None or not spec.origin:
        return None
    found = list(Path(spec.origin).parent.parent.glob("holidays-*.dist-info"))
    return found[0].name[len("holidays-") : -len(".dist-info")] if len(found) == 1 else None


def national_from_library(year: int) -> _Table:
    import holidays  # heavy (about 130 ms): only when a calendar is needed

    # language="id": without it, names follow the locale and come out English under cron's C locale.
    public = holidays.country_holidays("ID", years=year, language="id")
    both = holidays.country_holidays("ID", years=year, language="id", categories=("government", "public"))
    cuti = tuple(sorted((d, n) for d, n in both.items() if d not in public))
    return tuple(sorted(public.items())), cuti


def holidays_for(
    years: Iterable[int],
    *,
    nasional: bool = True,
    cuti_bersama: bool = True,
    local: Mapping[date, str | None] | None = None,
) -> dict[date, str]:
    """Date -> holiday name for the given years."""
    out: dict[date, str] = {}
    for y in sorted(set(years)):
        public, cuti = _national(y)
        if nasional:
            out.update(public)
        if cuti_bersama:
            out.update(cuti)
    for d, name in (local or {}).items():
        if name is None:
            out.pop(d, None)
        else:
            out[d] = name
    return out


def holidays_by_rules(
    rules: Mapping[str, Any], years: Iterable[int], local: Mapping[date, str | None] | None = None
) -> dict[date, str]:
    lib = rules["libur"]
    return holidays_for(years, nasional=lib["nasional"], cuti_bersama=lib["cuti_bersama"], local=local)


def is_workday(d: date, rules: Mapping[str, Any], holidays: Mapping[date, str]) -> bool:
    return HARI[d.weekday()] in rules["jam_kerja"]["hari"] and d not in holidays


def days_between(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def working_days(
    start: date,
    end: date,
    rules_for: Callable[[date], Mapping[str, Any]],
    holidays: Mapping[date, str],
) -> list[date]:
    """Working days in [start, end]; `rules_for(day)` gives the rules in force that day."""
    return [d for d in days_between(start, end) if is_workday(d, rules_for(d), holidays)]


def hours(d: date, rules: Mapping[str, Any]) -> tuple[time, time]:
    """Start and end of the working day d (special periods such as Ramadan, Fridays, Saturdays,
    half days: libur.setengah_hari ends the day at its own hour)."""
    jk = rules["jam_kerja"]
    spec: Mapping[str, str] = jk
    iso = d.isoformat()
    for k in jk.get("khusus", []):
        if k["mulai"] <= iso <= k["sampai"]:
            spec = k
            break
    end = spec["pulang"]
    if d.weekday() == 4:
        end = spec.get("pulang_jumat") or end
    elif d.weekday() == 5:
        end = spec.get("pulang_sabtu") or end
    start = spec["masuk"]
    for half in rules["libur"].get("setengah_hari", ()):
        if half["tanggal"] == iso:
            start = half.get("masuk", start)
            end = min(end, half["pulang"])
            break
    return time.fromisoformat(start), time.fromisoformat(end)


def age_on(born: date, d: date) -> int:
    """Age in whole years on day d."""
    return d.year - born.year - ((d.month, d.day) < (born.month, born.day))


def turns_age_on(born: date, age: int) -> date:
    """The first day on which age_on(born, day) == age (a 29 February birth turns on 1 March)."""
    y = born.year + age
    try:
        return born.replace(year=y)
    except ValueError:
        return date(y, 3, 1)
