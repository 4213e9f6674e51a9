"""Presence: recording check-ins, importing machine files, declared statuses, day statuses."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from operator import itemgetter
from pathlib import Path
from typing import Any

from .. import clock
from ..domain import calendar, zones
from ..domain.corrections import is_repeat
from ..domain.errors import KerjaError, Refused
from ..domain.geo import beyond_radius, check_point
from ..domain.months import months_between
from ..domain.nip import clean_nip
from ..domain.presence import DayRules, DayStatus, day_rules, derive, recorder
from ..domain.rules import KODE_STATUS
from ..store import audit, institution
from ..store import employees as employees_store
from ..store import machines as machines_store
from ..store import presence as store
from ..store import units as units_store
from ..store.db import transaction
from . import local_time

KODE_NAMA = {
    "S": "sakit",
    "I": "izin",
    "CT": "cuti tahunan",
    "CB": "cuti besar",
    "CS": "cuti sakit",
    "CM": "cuti melahirkan",
    "CAP": "cuti karena alasan penting",
    "CLTN": "cuti di luar tanggungan negara",
    "DL": "dinas luar",
    "TB": "tugas belajar",
}


def offset_text(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    m = abs(minutes)
    return f"{sign}{m // 60:02d}:{m % 60:02d}"


def working_calendar(conn: sqlite3.Connection, start: date, end: date) -> dict[date, DayRules]:
    """Working day -> its precomputed rules, for [start, end] (rules in force per month,
    holidays by those rules plus the local ones)."""
    rules_for = institution.rules_for_day(conn)
    # Imported here: recording one punch (`presensi masuk`) needs no calendar and no roster code.
    from .kalender import holidays

    hol = holidays(conn, range(start.year, end.year + 1))
    per_set: dict[tuple, DayRules] = {}
    out: dict[date, DayRules] = {}
    for d in calendar.days_between(start, end):
        rules = rules_for(d)
        if not calendar.is_workday(d, rules, hol):
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
    people = store.active_employees(conn, nips=nip_list, unit_ids=unit_ids)
    if not people:
        return []
    # A whole-institution query reads every row anyway; a filter helps only a small subset.
    subset = [p[0] for p in people] if (nip_list is not None or unit_ids is not None) else None
    days = working_calendar(conn, start, end)
    if not days:
        return []
    lo, hi = min(days), max(days)
    declared: dict[date, dict[str, str]] = {}
    for nip, kode, mulai, sampai in store.statuses(conn, lo, hi, subset):
        for day in calendar.days_between(
            max(lo, date.fromisoformat(mulai)), min(hi, date.fromisoformat(sampai))
        ):
            declared.setdefault(day, {})[nip] = kode
    nips_in_order = [p[0] for p in people]
    out: list[DayStatus] = []
    append = out.append
    for d, rules in sorted(days.items()):
        iso = d.isoformat()
        roster = store.day_roster(conn, iso, subset)
        events = store.day_punches(conn, iso, subset)
        status = declared.get(d)
        if status is None:  # the common case: one lookup less per person
            for nip in nips_in_order:
                append(derive(d, nip, rules, roster.get(nip), None, events.get(nip)))
        else:
            for nip in nips_in_order:
                append(derive(d, nip, rules, roster.get(nip), status.get(nip), events.get(nip)))
    return out


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
    days = working_calendar(conn, start, end)
    if any(not r.wfh_wajib_presensi for r in days.values()):
        # WFH days without required presence are not TK: that needs the roster of every day.
        counts: dict[str, int] = {}
        for s in day_statuses(conn, start, end, nips=nips, unit=unit):
            counts[s.nip] = counts.get(s.nip, 0) + (s.kode == "TK")
        return counts
    nip_list = sorted(set(nips)) if nips is not None else None
    unit_ids = employees_store.resolve_unit(conn, unit) if unit else None
    people = [p[0] for p in store.active_employees(conn, nips=nip_list, unit_ids=unit_ids)]
    if not people or not days:
        return {p: 0 for p in people}
    subset = people if (nip_list is not None or unit_ids is not None) else None
    isos = sorted(d.isoformat() for d in days)
    present = store.event_day_counts(conn, isos, subset)
    # Status days that also have an event are already out of the count: find those few.
    lo, hi = min(days), max(days)
    working = set(isos)
    declared: dict[str, set[str]] = {}
    for nip, _kode, mulai, sampai in store.statuses(conn, lo, hi, subset):
        covered = {
            d.isoformat()
            for d in calendar.days_between(
                max(lo, date.fromisoformat(mulai)), min(hi, date.fromisoformat(sampai))
            )
        }
        declared.setdefault(nip, set()).update(covered & working)
    both = store.punches(conn, lo, hi, sorted(declared)) if declared else {}
    return {
        nip: len(isos) - present.get(nip, 0) - len(declared.get(nip, set()) - set(both.get(nip, {})))
        for nip in people
    }


# Recording check-ins -------------------------------------------------------------------------


@dataclass(frozen=True)
class Recorded:
    id: int
    nip: str
    nama: str
    jenis: str
    waktu: str  # ISO with the unit zone's offset
    tanggal: str
    mode: str
    zona: str
    jarak_m: int | None = None  # from the unit's office, when a location was given
    di_luar_radius: bool = False
    ulang: bool = False  # a repeat of an identical event within a minute: not recorded again


def record(
    conn: sqlite3.Connection,
    nip: str,
    jenis: str,
    *,
    oleh: str | None,
    pengguna: str,
    now: datetime,
    waktu: datetime | None = None,
    mode: str | None = None,
    sumber: str = "manual",
    lokasi: tuple[float, float, float | None] | None = None,
    alasan: str | None = None,
) -> Recorded:
    """A manual check-in ('masuk') or check-out ('pulang') recorded by `oleh` (None: nobody
    named, then the session's user `pengguna`). `waktu` None means now; a naive `waktu` is local
    time in the employee's unit zone: a back-dated entry, which must name its recorder.

    `sumber` "web" is the employee's own check-in through `kerja layan`, with an optional browser
    `lokasi` (lat, lon, accuracy in metres) measured against the unit's office; `alasan` goes to
    the audit (e.g. the approved request it comes from)."""
    oleh = recorder(oleh, pengguna, backdated=waktu is not None)
    if jenis not in ("masuk", "pulang"):
        raise ValueError(jenis)
    if sumber not in ("manual", "web"):
        raise ValueError(sumber)
    with transaction(conn):
        who = store.employee_for_event(conn, nip)
        if who is None:
            raise KerjaError(f"Pegawai dengan NIP {nip} tidak ditemukan. Cek dengan `kerja pegawai daftar`.")
        nama, aktif = who
        zona = local_time.employee_zone(conn, nip)
        if not aktif:
            raise KerjaError(
                f"Pegawai {nip} ({nama}) nonaktif; presensi tidak dicatat. "
                f"Aktifkan dengan `kerja pegawai ubah {nip} --aktif`."
            )
        tz = zones.zone(zona)
        now = zones.local_now(now, zona)
        ts = (
            now
            if waktu is None
            else (waktu.replace(tzinfo=tz) if waktu.tzinfo is None else waktu.astimezone(tz))
        )
        if ts > now + timedelta(minutes=1):
            raise KerjaError(
                f"Waktu {ts:%Y-%m-%d %H:%M} ({zona}) belum terjadi; presensi tidak "
                "boleh dicatat untuk waktu yang akan datang."
            )
        tanggal = ts.date().isoformat()
        institution.ensure_unlocked(conn, [tanggal[:7]], "presensi")
        mode = mode or store.roster_location(conn, nip, tanggal) or "WFO"
        stamp = ts.isoformat(timespec="seconds")
        if lokasi is not None:
            check_point(lokasi[0], lokasi[1])  # a bad location is refused, repeat or not
        same = store.same_manual(conn, nip, tanggal, jenis, mode, sumber)
        if is_repeat((datetime.fromisoformat(w) for _, w in same), ts):
            # the same tap twice (or a retried command): recorded once, nothing written
            first = min(same, key=lambda r: abs((datetime.fromisoformat(r[1]) - ts).total_seconds()))
            return Recorded(first[0], nip, nama, jenis, first[1], tanggal, mode, zona, ulang=True)
        row = (tanggal, nip, stamp, jenis, mode, sumber, None, oleh, clock.stamp(now))
        after: dict[str, Any] = {"id": 0, "waktu": stamp, "mode": mode, "sumber": sumber}
        jarak, jauh = None, False
        try:
            if lokasi is None:
                event_id = store.insert_manual(conn, row)
            else:
                lat, lon, akurasi = lokasi
                check_point(lat, lon)
                jarak, jauh = beyond_radius(units_store.office_of(conn, nip), lat, lon)
                event_id = store.insert_located(conn, row, (lat, lon, akurasi, jarak, int(jauh)))
                after.update(lat=lat, lon=lon, akurasi_m=akurasi, jarak_m=jarak, di_luar_radius=jauh)
        except sqlite3.IntegrityError:
            raise Refused(f"Presensi {jenis} {nip} pada {stamp} sudah tercatat.") from None
        after["id"] = event_id
        audit.record(
            conn,
            oleh=oleh,
            aksi=f"presensi.{jenis}",
            nip=nip,
            sesudah=after,
            alasan=alasan or ("dicatat mundur" if waktu is not None else None),
        )
    return Recorded(event_id, nip, nama, jenis, stamp, tanggal, mode, zona, jarak, jauh)


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


BATCH = 50_000


def import_file(
    conn: sqlite3.Connection,
    path: str | Path,
    *,
    oleh: str,
    now: datetime,
    fmt: str | None = None,
    mesin: str | None = None,
    urutan_tanggal: str | None = None,
    progress: Any = None,
) -> ImportSummary:
    """Import an attendance file in one transaction: all of it or nothing. Re-importing the same
    (or an overlapping) file adds nothing: punches are unique per (nip, time, source).

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
    unknown: dict[str, int] = {}
    by_month: dict[tuple[str, str], int] = {}  # (pin, YYYY-MM) -> punches: for `rekap kunci`
    store.widen_cache(conn)
    with transaction(conn):
        if mesin is not None:
            mesin = mesin.strip()
            if machines_store.get(conn, mesin) is None:
                raise KerjaError(
                    f"--mesin {mesin!r} belum terdaftar; daftarkan dengan "
                    f"`kerja mesin tambah {mesin} --unit U`."
                )
        anywhere, per_machine = machines_store.pin_maps(conn)
        registered = machines_store.known_ids(conn)
        unit_of = store.employee_units(conn)
        unit_zone = local_time.unit_zones(conn)
        offsets = {nip: zones.OFFSET[unit_zone[u]] for nip, u in unit_of.items()}
        suffix = {nip: offset_text(o) for nip, o in offsets.items()}
        stamp = clock.stamp(now)
        months: set[str] = set()
        batch: list[tuple] = []
        none: dict[str, str] = {}
        scoped = per_machine.get

        def flush() -> None:
            # By nip (a stable sort keeps a machine's time order): the inserts then walk along the
            # (tanggal, nip, waktu) index instead of jumping around it.
            batch.sort(key=itemgetter(1))
            summary.ditambah += store.insert_events(conn, batch)
            batch.clear()

        if fmt != "csv":
            for chunk in punch_files.machine_chunks(p, fmt, progress=progress, urutan_tanggal=urutan_tanggal):
                if mesin is not None:
                    chunk = [(n, pin, d, t, j, st, mesin) for n, pin, d, t, j, st, _dev in chunk]
                rows = [
                    (d, nip, f"{d}T{t}{suffix[nip]}", jenis, "WFO", "mesin", state, dev, oleh, stamp)
                    for _n, pin, d, t, jenis, state, dev in chunk
                    if (nip := scoped(dev, none).get(pin) or anywhere.get(pin)) is not None
                ]
                if len(rows) < len(chunk):
                    for punch in chunk:
                        upin, udev = punch[1], punch[6]
                        if scoped(udev, none).get(upin) is None and upin not in anywhere:
                            ukey = f"{upin} (mesin {udev})" if udev in registered else upin
                            unknown[ukey] = unknown.get(ukey, 0) + 1
                            by_month[ukey, punch[2][:7]] = by_month.get((ukey, punch[2][:7]), 0) + 1
                months.update({punch[2][:7] for punch in chunk})
                batch += rows
                if len(batch) >= BATCH:
                    summary.dibaca += len(batch)
                    flush()
        else:
            from ..io.attlog import read_presence_csv

            for _n, nip_text, pin, d, t, off, jenis, mode in read_presence_csv(p):
                try:
                    key = clean_nip(nip_text) if nip_text else pin or ""
                except ValueError as e:
                    raise KerjaError(f"{p.name} baris {_n}, kolom NIP: {e}") from None
                nip = anywhere.get(key)
                if nip is None:
                    unknown[key] = unknown.get(key, 0) + 1
                    by_month[key, d[:7]] = by_month.get((key, d[:7]), 0) + 1
                    continue
                if off is not None and off != offsets[nip]:
                    shift = timedelta(minutes=offsets[nip] - off)
                    local = datetime.fromisoformat(f"{d}T{t}") + shift
                    d, t = local.date().isoformat(), local.strftime("%H:%M:%S")
                batch.append(
                    (d, nip, f"{d}T{t}{suffix[nip]}", jenis, mode, "online", None, mesin, oleh, stamp)
                )
            months.update({r[0][:7] for r in batch})
        summary.dibaca += len(batch)
        institution.ensure_unlocked(conn, months, "presensi")
        flush()
        summary.sudah_ada = summary.dibaca - summary.ditambah
        store.note_unknown_pins(conn, by_month, stamp)
        summary.pin_tak_dikenal = sum(unknown.values())
        summary.dibaca += summary.pin_tak_dikenal
        summary.jumlah_pin_tak_dikenal = len(unknown)
        summary.contoh_pin = sorted(unknown, key=lambda k: (len(k), k))[:10]
        summary.bulan = sorted(months)
        audit.record(
            conn,
            oleh=oleh,
            aksi="presensi.impor",
            sesudah={
                "berkas": p.name,
                "format": fmt,
                "dibaca": summary.dibaca,
                "ditambah": summary.ditambah,
                "sudah_ada": summary.sudah_ada,
                "pin_tak_dikenal": summary.pin_tak_dikenal,
                "bulan": summary.bulan,
            },
        )
    return summary


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
        days = working_calendar(conn, mulai, sampai)
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
