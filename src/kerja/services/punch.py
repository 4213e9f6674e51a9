"""One punch: recording a check-in or check-out, and what the clerk hears about it right after.

Apart from the rest of the presence service (services.presensi: machine files, statuses, the
day's presence) because `kerja presensi masuk` runs many times a day, from cron lines and
scripts too: this module imports what one punch needs and nothing else (no import code, no
NIP parser, no holiday calendar, no roster solver; tests/cli/test_startup.py keeps it so).
services.presensi re-exports `record`, `Recorded` and `KODE_NAMA` for its other callers.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from .. import clock
from ..domain import calendar, zones
from ..domain.corrections import is_repeat
from ..domain.errors import KerjaError, Refused
from ..domain.presence import MINUTES, day_rules, flexible_start, recorder
from ..store import audit, institution
from ..store import employees as employees_store
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
    "IH": "izin setengah hari",
    "SS": "sakit tanpa surat dokter",
}


class Recorded(NamedTuple):
    """A punch as recorded (or found already recorded). A NamedTuple, not a dataclass: making a
    dataclass costs every check-in about half a millisecond at import."""

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
            raise KerjaError(
                f"Pegawai dengan NIP {nip} tidak ditemukan. Cari dengan `kerja pegawai cari NAMA`."
            )
        nama, aktif = who
        zona = local_time.employee_zone(conn, nip)
        if not aktif and waktu is None:
            raise KerjaError(
                f"Pegawai {nip} ({nama}) nonaktif; presensi tidak dicatat. "
                f"Aktifkan dengan `kerja pegawai ubah {nip} --aktif`."
            )

        def moment(zona: str) -> datetime:
            tz = zones.zone(zona)
            if waktu is None:
                return zones.local_now(now, zona)
            return waktu.replace(tzinfo=tz) if waktu.tzinfo is None else waktu.astimezone(tz)

        ts = moment(zona)
        tanggal = ts.date().isoformat()
        # The facts in force that day (pegawai ubah/impor --mulai): on the books, which unit, and
        # so which zone: after a dated move to a unit in another zone, the days before it keep the
        # old unit's clock (docs/zones.md). The pegawai row may hold a move dated later.
        facts = employees_store.facts_of(conn, nip, tanggal)
        day_zone = local_time.unit_zone(conn, facts["unit_id"])
        if day_zone != zona:
            zona = day_zone
            ts = moment(zona)
            tanggal = ts.date().isoformat()
            facts = employees_store.facts_of(conn, nip, tanggal)
        if ts > now + timedelta(minutes=1):
            raise KerjaError(
                f"Waktu {ts:%Y-%m-%d %H:%M} ({zona}) belum terjadi; presensi tidak "
                "boleh dicatat untuk waktu yang akan datang."
            )
        if not facts["aktif"]:
            if aktif:
                raise KerjaError(
                    f"Pegawai {nip} ({nama}) belum atau tidak aktif pada {tanggal} menurut riwayatnya; "
                    f"presensi tidak dicatat. Lihat `kerja pegawai lihat {nip}`."
                )
            raise KerjaError(
                f"Pegawai {nip} ({nama}) nonaktif pada {tanggal}; presensi tidak dicatat. "
                f"Aktifkan dengan `kerja pegawai ubah {nip} --aktif`."
            )
        institution.ensure_unlocked(conn, [tanggal[:7]], "presensi")
        mode = mode or store.roster_location(conn, nip, tanggal) or "WFO"
        stamp = ts.isoformat(timespec="seconds")
        if lokasi is not None:
            from ..domain.geo import check_point

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
                from ..domain.geo import beyond_radius

                lat, lon, akurasi = lokasi
                check_point(lat, lon)
                jarak, jauh = beyond_radius(units_store.office_of(conn, nip, facts["unit_id"]), lat, lon)
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


def punch_feedback(conn: sqlite3.Connection, nip: str, jenis: str, waktu: str, mode: str) -> dict[str, Any]:
    """What a clerk should hear right after `presensi masuk`/`pulang` at `waktu` (ISO, the unit's
    offset) in `mode`: `{"hari_kerja", "jadwal", "status", "jam_masuk", "jam_pulang",
    "telat_menit", "cepat_menit", "tingkat", "tidak_sesuai_jadwal", "libur"}`.

    From the day's rules, roster cell and declared statuses only: no national holiday calendar, so
    that recording a punch stays quick; a holiday is known from the local holidays and from a gap in
    the stored roster (`libur`: why; `hari_kerja` is then false)."""
    ts = datetime.fromisoformat(waktu)
    d = ts.date()
    rules = institution.rules_for_day(conn)(d)
    # The person's unit may work its own days and hours (jam_kerja.unit): only then look it up.
    unit = employees_store.unit_path_on(conn, nip, d) if rules["jam_kerja"].get("unit") else None
    dr = day_rules(d, rules, unit)
    minute = ts.hour * 60 + ts.minute
    jadwal = store.roster_location(conn, nip, d.isoformat())
    status = sorted({kode for _, kode, _, _ in store.statuses(conn, d, d, [nip])})
    out: dict[str, Any] = {
        # holidays are not loaded here (a quick punch): they come from holiday_hint below
        "hari_kerja": calendar.workday(d, rules, {}, unit) is not None,
        "jadwal": jadwal,
        "status": status[0] if status else None,
        "jam_masuk": f"{dr.masuk // 60:02d}:{dr.masuk % 60:02d}",
        "jam_pulang": f"{dr.pulang // 60:02d}:{dr.pulang % 60:02d}",
        "telat_menit": 0,
        "cepat_menit": 0,
        "tingkat": None,
        "tidak_sesuai_jadwal": jadwal is not None and jadwal != mode,
        "libur": None,
    }
    if out["hari_kerja"]:
        libur = store.holiday_hint(conn, d.isoformat())
        if libur:  # a holiday warns like a weekend: no hours to be late against
            out.update(hari_kerja=False, libur=libur)
    if jenis == "masuk":
        late = minute - dr.masuk
        if dr.fleksibel is not None:
            late, _ = flexible_start(minute, dr.masuk, dr.pulang, dr.fleksibel)
        if late > 0:
            out["telat_menit"] = late
            out["tingkat"] = dr.tl_at[min(late, MINUTES - 1)]
    else:
        early = dr.pulang - minute
        if early > 0:
            out["cepat_menit"] = early
            out["tingkat"] = dr.psw_at[min(early, MINUTES - 1)]
    return out
