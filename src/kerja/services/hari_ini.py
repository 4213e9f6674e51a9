"""The day at a glance (`kerja hari-ini`, and the petugas's "Hari ini" page): who works from the
office or from home, who is late, who is not in yet, who is on leave, who is off the roster."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from ..domain.rules import KODE_STATUS
from . import presensi

GROUPS = ("wfo", "wfh", "telat", "belum_masuk", "status", "tidak_sesuai_jadwal")


def keadaan(row: dict[str, Any]) -> str:
    """One word for a person's day so far, from their `presensi harian` row."""
    if row["kode"] in KODE_STATUS:
        return "status"
    if row["kode"] == "H":  # an event, or a WFH day that needs none
        return "wfh" if row["mode"] == "WFH" else "wfo"
    return "belum_masuk"  # TK so far: scheduled or not, no event yet


def hari_ini(conn: sqlite3.Connection, tanggal: date, unit: str | None = None) -> dict[str, Any]:
    """`{"tanggal", "unit", "jumlah": {group: n}, "pegawai": [row + "keadaan"]}`: each active
    employee's derived day (the `presensi harian` row) with the group it falls in; "telat" and
    "tidak_sesuai_jadwal" are counted on top of wfo/wfh."""
    rows = presensi.daily(conn, tanggal, unit)
    counts = dict.fromkeys(GROUPS, 0)
    out = []
    for r in rows:
        k = keadaan(r)
        counts[k] += 1
        counts["telat"] += bool(r["telat_menit"])
        counts["tidak_sesuai_jadwal"] += r["catatan"] == "tidak sesuai jadwal"
        out.append(
            {
                k2: r[k2]
                for k2 in (
                    "nip",
                    "nama",
                    "unit",
                    "jadwal",
                    "kode",
                    "masuk",
                    "pulang",
                    "mode",
                    "telat_menit",
                    "catatan",
                )
            }
            | {"keadaan": k}
        )
    return {"tanggal": tanggal.isoformat(), "unit": unit, "jumlah": counts, "pegawai": out}


def punch_feedback(conn: sqlite3.Connection, nip: str, jenis: str, waktu: str, mode: str) -> dict[str, Any]:
    """What a clerk should hear right after `presensi masuk`/`pulang` at `waktu` (ISO, the unit's
    offset) in `mode`: `{"hari_kerja", "jadwal", "status", "jam_masuk", "jam_pulang",
    "telat_menit", "cepat_menit", "tingkat", "tidak_sesuai_jadwal", "libur"}`.

    From the day's rules, roster cell and declared statuses only: no national holiday calendar, so
    that recording a punch stays quick; a holiday is known from the local holidays and from a gap in
    the stored roster (`libur`: why; `hari_kerja` is then false)."""
    from datetime import datetime

    from ..domain import calendar
    from ..domain.presence import MINUTES, day_rules, flexible_start
    from ..store import employees as employees_store
    from ..store import institution as institution_store
    from ..store import presence as presence_store

    ts = datetime.fromisoformat(waktu)
    d = ts.date()
    rules = institution_store.rules_for_day(conn)(d)
    # The person's unit may work its own days and hours (jam_kerja.unit): only then look it up.
    unit = employees_store.unit_path_on(conn, nip, d) if rules["jam_kerja"].get("unit") else None
    dr = day_rules(d, rules, unit)
    minute = ts.hour * 60 + ts.minute
    jadwal = presence_store.roster_location(conn, nip, d.isoformat())
    status = sorted({kode for _, kode, _, _ in presence_store.statuses(conn, d, d, [nip])})
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
        libur = presence_store.holiday_hint(conn, d.isoformat())
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
