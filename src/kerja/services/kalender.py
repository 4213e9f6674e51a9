"""Holidays (libur), conditions (kondisi) and circulars (kebijakan): what the roster reads."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ..domain import calendar
from ..domain.circulars import JENIS_KONDISI, Circular, check_overlap, parse_toml
from ..domain.errors import KerjaError
from ..store import audit, circulars, conditions, institution
from ..store import employees as emp_store
from ..store import holidays as local_holidays
from ..store.db import transaction
from . import local_time


def holidays(conn: sqlite3.Connection, years: Sequence[int]) -> dict[date, str]:
    """Holidays of the years under the rules of each month (national / cuti bersama on or off)."""
    rules_for = institution.rules_for_day(conn)
    local = institution.local_holidays(conn)
    by_flags: dict[tuple[bool, bool], dict[date, str]] = {}
    out: dict[date, str] = {}
    for y in years:
        for m in range(1, 13):
            lib = rules_for(date(y, m, 1))["libur"]
            flags = (lib["nasional"], lib["cuti_bersama"])
            if flags not in by_flags:
                by_flags[flags] = calendar.holidays_for(
                    years, nasional=flags[0], cuti_bersama=flags[1], local=local
                )
            out.update({d: n for d, n in by_flags[flags].items() if d.year == y and d.month == m})
    return out


def working_days(conn: sqlite3.Connection, start: date, end: date) -> list[date]:
    """The days in [start, end] that are a working day for someone: in the institution's
    calendar or in a unit's own (jam_kerja.unit, a school's Saturday)."""
    return Calendars(conn).any_working_days(start, end)


Key = str | None  # a calendar: the unit path of a [[jam_kerja.unit]] entry, None the institution's


class Calendars:
    """Each person's working days and hours: the calendar of the unit they are in on that day
    (effective-dated facts) under the rules in force that day (jam_kerja.unit), over the
    institution's holidays. Everything goes through `calendar.workday`, once per day and
    calendar, never per person: people are grouped by calendar (`key`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.rules_for = institution.rules_for_day(conn)
        self._hol: dict[int, dict[date, str]] = {}
        self._units: tuple[dict[str, int], dict[str, list[tuple[str, int]]]] | None = None
        self._paths: dict[int, str] = {}
        self._keys: dict[tuple[str, int], Key] = {}

    def holidays(self, d: date) -> dict[date, str]:
        hol = self._hol.get(d.year)
        if hol is None:
            hol = self._hol[d.year] = holidays(self.conn, [d.year])
        return hol

    def has_units(self, start: date, end: date) -> bool:
        """Whether a rule set in force on some day of [start, end] gives a unit its own calendar."""
        return any(self.rules_for(m)["jam_kerja"].get("unit") for m in month_starts(start, end))

    def keys(self, d: date) -> list[Key]:
        """Every calendar of day d's rules: the institution's, then each unit entry's."""
        return [None, *(e["unit"] for e in self.rules_for(d)["jam_kerja"].get("unit", ()))]

    def workday(self, d: date, key: Key = None) -> tuple[time, time] | None:
        return calendar.workday(d, self.rules_for(d), self.holidays(d), key)

    def any_working_days(self, start: date, end: date) -> list[date]:
        return [
            d
            for d in calendar.days_between(start, end)
            if any(self.workday(d, k) is not None for k in self.keys(d))
        ]

    def _history(self) -> tuple[dict[str, int], dict[str, list[tuple[str, int]]]]:
        if self._units is None:
            self._units = emp_store.unit_history(self.conn)
            self._paths = emp_store.unit_path_by_id(self.conn)
        return self._units

    def unit_on(self, nip: str, d: date) -> int | None:
        """The person's unit id on day d (the dated segment still holding then, else now)."""
        now, dated = self._history()
        iso = d.isoformat()
        for sampai, unit in dated.get(nip, ()):
            if iso <= sampai:
                return unit
        return now.get(nip)

    def key_of_unit(self, d: date, unit: int | None) -> Key:
        """The calendar a unit works on day d (once per unit and month)."""
        self._history()
        memo = (d.isoformat()[:7], -1 if unit is None else unit)
        if memo not in self._keys:
            self._keys[memo] = calendar.unit_calendar(self.rules_for(d), self._paths.get(unit or -1))
        return self._keys[memo]

    def key(self, nip: str, d: date) -> Key:
        """The calendar a person works on day d."""
        return self.key_of_unit(d, self.unit_on(nip, d))

    def person_workday(self, nip: str, d: date) -> tuple[time, time] | None:
        """Day d for this person: None when it is not their working day, else its hours."""
        return self.workday(d, self.key(nip, d) if self.has_units(d, d) else None)

    def person_days(self, nip: str, start: date, end: date) -> list[date]:
        """This person's working days in [start, end]."""
        units = self.has_units(start, end)
        return [
            d
            for d in calendar.days_between(start, end)
            if self.workday(d, self.key(nip, d) if units else None) is not None
        ]

    def by_calendar(self, nips: Iterable[str], start: date, end: date) -> list[tuple[list[date], list[str]]]:
        """The people grouped by the calendar they work over [start, end] (month by month from
        their unit; someone whose unit changes in it on their own), each group with its working
        days: one calendar computed per group, never per person."""
        nips = list(nips)
        if not self.has_units(start, end):
            return [(self.any_working_days(start, end), nips)]
        now, dated = self._history()
        months = month_starts(start, end)
        groups: dict[tuple[Key, ...], list[str]] = {}
        alone: list[tuple[list[date], list[str]]] = []
        for nip in nips:
            if nip in dated and any(s >= start.isoformat() for s, _ in dated[nip]):
                alone.append((self.person_days(nip, start, end), [nip]))
                continue
            sig = tuple(self.key_of_unit(m, now.get(nip)) for m in months)
            groups.setdefault(sig, []).append(nip)
        index = {(m.year, m.month): i for i, m in enumerate(months)}
        out = [
            (
                [
                    d
                    for d in calendar.days_between(start, end)
                    if self.workday(d, sig[index[(d.year, d.month)]]) is not None
                ],
                members,
            )
            for sig, members in groups.items()
        ]
        return out + alone

    def off_days(self, nips: Iterable[str], days: Iterable[date]) -> list[tuple[str, date, date]]:
        """(nip, day, day) for each of `days` that is not a working day of that person's calendar
        (the institution's Saturday for a school, a school's Saturday for everyone else): what
        the roster treats as a day off duty. Empty when no unit has its own calendar."""
        days = sorted(days)
        if not days or not self.has_units(days[0], days[-1]):
            return []
        now, dated = self._history()
        working = {(d, k): self.workday(d, k) is not None for d in days for k in self.keys(d)}
        by_unit: dict[int | None, list[date]] = {}  # once per unit, not per person
        out: list[tuple[str, date, date]] = []
        for nip in nips:
            if nip in dated:
                out += [(nip, d, d) for d in days if not working.get((d, self.key(nip, d)), False)]
                continue
            u = now.get(nip)
            if u not in by_unit:
                by_unit[u] = [d for d in days if not working.get((d, self.key_of_unit(d, u)), False)]
            out += [(nip, d, d) for d in by_unit[u]]
        return out


def month_starts(start: date, end: date) -> list[date]:
    out = []
    m = date(start.year, start.month, 1)
    while m <= end:
        out.append(m)
        m = date(m.year + (m.month == 12), m.month % 12 + 1, 1)
    return out


def holiday_list(conn: sqlite3.Connection, year: int) -> list[dict[str, Any]]:
    """Every holiday of a year with its kind: nasional, cuti-bersama, lokal, or dibatalkan."""
    public = dict(calendar.holidays_for([year], nasional=True, cuti_bersama=False))
    both = calendar.holidays_for([year], nasional=True, cuti_bersama=True)
    local = {d: n for d, n in institution.local_holidays(conn).items() if d.year == year}
    rules_for = institution.rules_for_day(conn)
    out = []
    for d in sorted(set(both) | set(local)):
        lib = rules_for(d)["libur"]
        if d in local:
            if local[d] is None:
                out.append({"tanggal": d, "nama": both.get(d, ""), "jenis": "dibatalkan"})
            else:
                out.append({"tanggal": d, "nama": local[d], "jenis": "lokal"})
        elif d in public:
            if lib["nasional"]:
                out.append({"tanggal": d, "nama": public[d], "jenis": "nasional"})
        elif lib["cuti_bersama"]:
            out.append({"tanggal": d, "nama": both[d], "jenis": "cuti-bersama"})
    return out


def add_holiday(conn: sqlite3.Connection, d: date, nama: str, oleh: str) -> None:
    nama = nama.strip()
    if not nama:
        raise KerjaError("Nama hari libur tidak boleh kosong.")
    with transaction(conn):
        institution.ensure_unlocked(conn, [d.isoformat()[:7]], "hari libur")
        had, old = local_holidays.local_get(conn, d)
        local_holidays.local_put(conn, d, nama)
        audit.record(
            conn,
            oleh=oleh,
            aksi="libur.tambah",
            sebelum={"tanggal": d, "nama": old} if had else None,
            sesudah={"tanggal": d, "nama": nama},
        )


def remove_holiday(conn: sqlite3.Connection, d: date, oleh: str) -> str:
    """Remove a local holiday, or cancel a national one / cuti bersama (a NULL-name row)."""
    national = calendar.holidays_for([d.year], nasional=True, cuti_bersama=True)
    with transaction(conn):
        institution.ensure_unlocked(conn, [d.isoformat()[:7]], "hari libur")
        had, old = local_holidays.local_get(conn, d)
        if d in national:
            if had and old is None:
                raise KerjaError(f"Libur nasional {d} ({national[d]}) sudah dibatalkan sebelumnya.")
            local_holidays.local_put(conn, d, None)
            what = f"Libur nasional/cuti bersama {d} ({national[d]}) dibatalkan: {d} menjadi hari kerja."
        elif had:
            local_holidays.local_delete(conn, d)
            what = f"Libur lokal {d} ({old}) dihapus."
        else:
            raise KerjaError(
                f"{d} bukan hari libur. Lihat daftar dengan `kerja libur daftar --tahun {d.year}`."
            )
        audit.record(
            conn,
            oleh=oleh,
            aksi="libur.hapus",
            sebelum={"tanggal": d, "nama": old or national.get(d)},
            sesudah={"tanggal": d, "nama": None},
        )
    return what


def add_condition(
    conn: sqlite3.Connection,
    nip: str,
    jenis: str,
    mulai: date | None,
    sampai: date | None,
    keterangan: str | None,
    oleh: str,
    *,
    now: datetime,
) -> int:
    jenis = jenis.strip().lower()
    if jenis not in JENIS_KONDISI:
        raise KerjaError(f"Jenis kondisi {jenis!r} tidak dikenal; yang sah: {', '.join(JENIS_KONDISI)}.")
    mulai = mulai or local_time.today(conn, now)
    if sampai is not None and sampai < mulai:
        raise KerjaError(f"Tanggal akhir {sampai} lebih awal dari tanggal mulai {mulai}.")
    with transaction(conn):
        emp_store.get(conn, nip)
        kid = conditions.add(conn, nip, jenis, mulai, sampai, keterangan, oleh)
        audit.record(
            conn,
            oleh=oleh,
            aksi="kondisi.tambah",
            nip=nip,
            alasan=keterangan,
            sesudah={"id": kid, "jenis": jenis, "mulai": mulai, "sampai": sampai},
        )
    return kid


def install_circular(
    conn: sqlite3.Connection, path: str | Path, oleh: str, ganti: str | None = None
) -> tuple[Circular, bool]:
    """Check a circular file and store it (replacing one of the same name). (circular, replaced).

    A period overlapping another circular is refused unless the new one replaces it (`ganti`, from
    the file or given here)."""
    p = Path(path)
    if not p.is_file():
        raise KerjaError(f"Berkas {p} tidak ditemukan.")
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise KerjaError(f"{p.name} harus teks UTF-8.") from None
    c = parse_toml(text, p.name)
    if ganti is not None:
        c = replace(c, ganti=ganti.strip() or None)
    with transaction(conn):
        check_overlap(c, [k for k, _ in circulars.all_circulars(conn)])
        old = circulars.get(conn, c.nama)
        circulars.put(conn, c)
        audit.record(
            conn,
            oleh=oleh,
            aksi="kebijakan.tambah",
            sebelum=old.to_dict() if old else None,
            sesudah=c.to_dict(),
            alasan=f"dari {p.name}",
        )
    return c, old is not None


def get_circular(conn: sqlite3.Connection, nama: str) -> Circular:
    c = circulars.get(conn, nama)
    if c is None:
        known = [k.nama for k, _ in circulars.all_circulars(conn)]
        hint = (
            f" Yang ada: {', '.join(known)}."
            if known
            else " Pasang dulu dengan `kerja kebijakan tambah FILE.toml`."
        )
        raise KerjaError(f"Kebijakan {nama!r} tidak ditemukan.{hint}")
    return c


def condition_list(conn: sqlite3.Connection, tanggal: date | None = None) -> list[dict[str, Any]]:
    """Every recorded condition, or those in force on `tanggal`."""
    return conditions.listing(conn, tanggal)


def circular_list(conn: sqlite3.Connection) -> list[tuple[Circular, str]]:
    """Every installed circular with its install time, by start date then name."""
    return circulars.all_circulars(conn)
