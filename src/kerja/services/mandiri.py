"""Self-service through `kerja layan`: what an employee does for themselves (check in, see the
day, log and list their activities) and what a supervisor sees to validate. Every write goes
through the same services as the clerk's commands; `oleh` is the logged-in person."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time
from typing import Any

from ..domain import zones
from ..domain.errors import KerjaError, NotAllowed
from ..store import employees as employees_store
from ..store import institution
from ..store import presence as presence_store
from . import kinerja, local_time, presensi


def local_now(conn: sqlite3.Connection, nip: str, now: datetime) -> datetime:
    """`now` in the employee's unit zone (the nearest ancestor's, else the institution's)."""
    return zones.local_now(now, local_time.employee_zone(conn, nip))


def me(conn: sqlite3.Connection, nip: str, peran: str, *, now: datetime) -> dict[str, Any]:
    """GET /api/saya: who is logged in and where they work today."""
    emp = employees_store.get(conn, nip)
    today = local_now(conn, nip, now).date().isoformat()
    return {
        "nip": nip,
        "nama": emp["nama"],
        "unit": emp["unit"],
        "peran": peran,
        "jadwal_hari_ini": presence_store.roster_location(conn, nip, today),
    }


def _day_of(conn: sqlite3.Connection, nip: str, d: date) -> Any:
    rows = presensi.day_statuses(conn, d, d, nips=[nip])
    return rows[0] if rows else None


def check_in(
    conn: sqlite3.Connection,
    nip: str,
    jenis: str,
    *,
    mode: str | None,
    lokasi: tuple[float, float, float | None] | None,
    now: datetime,
) -> dict[str, Any]:
    """The employee's own check-in or check-out at the server's clock (the client cannot set the
    time), recorded as source `web`, with the lateness the rules give and any remark."""
    if jenis not in ("masuk", "pulang"):
        raise KerjaError(f"jenis {jenis!r} tidak dikenal; pakai 'masuk' atau 'pulang'.")
    if mode is not None:
        mode = mode.strip().upper()
        if mode not in ("WFO", "WFH"):
            raise KerjaError(f"mode {mode!r} tidak dikenal; pakai WFO atau WFH.")
    rec = presensi.record(
        conn, nip, jenis, oleh=nip, pengguna=nip, now=now, mode=mode, sumber="web", lokasi=lokasi
    )
    day = _day_of(conn, nip, date.fromisoformat(rec.tanggal))
    notes = []
    if day is None:
        notes.append("bukan hari kerja")
    elif day.catatan:
        notes.append(day.catatan)
    if rec.di_luar_radius:
        notes.append(f"di luar radius kantor ({rec.jarak_m} m)")
    telat = day.telat_menit if day is not None and jenis == "masuk" else 0
    return {
        "id": rec.id,
        "waktu": rec.waktu,
        "jenis": rec.jenis,
        "mode": rec.mode,
        "telat_menit": telat,
        "cepat_menit": day.cepat_menit if day is not None and jenis == "pulang" else 0,
        "catatan": "; ".join(notes) or None,
    }


def today(conn: sqlite3.Connection, nip: str, *, now: datetime) -> dict[str, Any]:
    """The employee's "Hari ini": roster location, today's events, the day as the rules read it."""
    local = local_now(conn, nip, now)
    d = local.date()
    day = _day_of(conn, nip, d)
    return {
        "tanggal": d.isoformat(),
        "jam": f"{local:%H:%M}",
        "jadwal": presence_store.roster_location(conn, nip, d.isoformat()),
        "hari_kerja": day is not None,
        "kode": day.kode if day else None,
        "masuk": day.masuk if day else None,
        "pulang": day.pulang if day else None,
        "telat_menit": day.telat_menit if day else 0,
        "cepat_menit": day.cepat_menit if day else 0,
        "aturan": day.aturan if day else None,
        "catatan": day.catatan if day else None,
        "kejadian": presence_store.person_day_events(conn, nip, d.isoformat()),
    }


def add_activity(
    conn: sqlite3.Connection,
    nip: str,
    *,
    tanggal: date,
    mulai: time,
    selesai: time,
    uraian: str,
    output: str | None,
    now: datetime,
) -> dict[str, Any]:
    """The employee's own activity (the same service as `kinerja catat`)."""
    if len(uraian) > 2000 or len(output or "") > 500:
        raise KerjaError("uraian paling panjang 2000 karakter, output 500.")
    return kinerja.record(
        conn,
        nip,
        tanggal=tanggal,
        mulai=mulai,
        selesai=selesai,
        uraian=uraian,
        output=output,
        oleh=nip,
        now=now,
    )


def my_activities(conn: sqlite3.Connection, nip: str, bulan: str | None) -> list[dict[str, Any]]:
    return kinerja.listing(conn, nip=nip, bulan=bulan)


def to_validate(conn: sqlite3.Connection, nip: str) -> list[dict[str, Any]]:
    """Pending activities of everyone below `nip` in the chain, with their names."""
    rows = kinerja.listing(conn, atasan=nip, semua_bawahan=True, menunggu=True)
    names = presence_store.people_info(conn, sorted({r["nip"] for r in rows})) if rows else {}
    return [r | {"nama": names.get(r["nip"], ("", ""))[0]} for r in rows]


def validate(
    conn: sqlite3.Connection, nip: str, ids: list[int], *, tolak: bool, alasan: str | None, now: datetime
) -> dict[str, int]:
    """The supervisor's bulk validation (the same service as `kinerja validasi --oleh`)."""
    if not ids:
        raise KerjaError("Pilih paling sedikit satu kegiatan.")
    if len(ids) > 1000:
        raise KerjaError("Paling banyak 1000 kegiatan sekali validasi.")
    res = kinerja.validate(conn, ids, oleh=nip, tolak=tolak, alasan=alasan, now=now)
    n = len(res.diubah)
    return {"disetujui": 0 if tolak else n, "ditolak": n if tolak else 0}


def detail(conn: sqlite3.Connection, nip: str, bulan: str) -> dict[str, Any]:
    from . import rekap

    d = rekap.recap_detail(conn, nip, bulan)
    return {k: d[k] for k in ("nip", "bulan", "hari", "rekap")} | {"penjelasan": d.get("penjelasan")}


def day_view(conn: sqlite3.Connection, peran: str, tanggal: date, unit: str | None) -> dict[str, Any]:
    """The petugas's view of the whole institution's (or a unit's) day."""
    if peran != "petugas":
        raise NotAllowed("Hanya petugas kepegawaian yang boleh melihat hari ini seluruh pegawai.")
    from .hari_ini import hari_ini

    return hari_ini(conn, tanggal, unit)


def today_date(conn: sqlite3.Connection, nip: str, now: datetime) -> date:
    return local_now(conn, nip, now).date()


def supervises(conn: sqlite3.Connection, nip: str) -> bool:
    """A supervisor is anyone who supervises someone (directly)."""
    return employees_store.has_subordinates(conn, nip)


def institution_name(conn: sqlite3.Connection) -> str:
    return institution.instansi(conn)
