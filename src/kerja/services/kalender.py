"""Holidays (libur), conditions (kondisi) and circulars (kebijakan): what the roster reads."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
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
    hol = holidays(conn, range(start.year, end.year + 1))
    return calendar.working_days(start, end, institution.rules_for_day(conn), hol)


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
