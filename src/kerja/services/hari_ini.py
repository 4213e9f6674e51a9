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
