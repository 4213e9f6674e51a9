"""Attendance exports shaped as tables (CSV with `,` `;` or tab, XLS, XLSX):

- ZKTeco "Attendance Management" / "Standalone" export: `Department, Name, No., Date/Time,
  Status, Location ID`, times `02/03/2021 7:28 AM`, Status `C/In` / `C/Out`;
- Indonesian-locale exports of the same programs: `Departemen  Nama  No.ID  Tgl/Waktu`,
  `03/02/2021 07.28.54`;
- one row per person-day with in and out columns (`harian`): `PIN;Tanggal;Jam Masuk;Jam Pulang`
  or `no,name,depart,ymd,work1,work2`; each row gives a typed check-in and check-out (an out
  earlier than the in is the next morning: a night shift).

A direction written as a word (C/In, Check In, Masuk / C/Out, Pulang) types the punch; a number
is kept as the machine state only (many machines write the same state for every punch).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..domain.errors import KerjaError

RawPunch = tuple[int, str, object, object, str | None, str | None, str | None]
LAYOUT = (
    "judul kolom PIN (EnNo, No., No.ID, ID, AC-No., PIN) dan waktu (DateTime, Date/Time, Tgl/Waktu, "
    "scan_date, atau Tanggal + Jam), atau per hari: PIN, Tanggal, Jam Masuk, Jam Pulang"
)


def norm(h: object) -> str:
    return re.sub(r"[^0-9a-z]", "", str(h or "").lower())


ALIASES: dict[str, tuple[str, ...]] = {
    "pin": (
        "enno",
        "no",
        "noid",
        "id",
        "acno",
        "pin",
        "userid",
        "idabsen",
        "noabsen",
        "pinmesin",
        "badgenumber",
    ),
    "nip": ("nip", "nipbaru"),
    "stamp": (
        "datetime",
        "tglwaktu",
        "scandate",
        "tanggalwaktu",
        "tanggaljam",
        "waktu",
        "checktime",
        "waktuscan",
    ),
    "date": ("tanggal", "tgl", "date", "ymd", "hari"),
    "time": ("jam", "time", "pukul"),
    "dir": ("status", "inout", "statusscan", "cincout", "checktype", "jenisabsen", "tipe"),
    "in": ("jammasuk", "masuk", "work1", "clockin", "checkin", "datang", "scanmasuk", "jamdatang"),
    "out": ("jampulang", "pulang", "work2", "clockout", "checkout", "scanpulang", "jamkeluar"),
    "device": (
        "locationid",
        "mesin",
        "idmesin",
        "nomesin",
        "sn",
        "tmno",
        "terminal",
        "deviceid",
        "machineno",
    ),
}
_DIR = {
    "cin": "masuk",
    "checkin": "masuk",
    "in": "masuk",
    "masuk": "masuk",
    "datang": "masuk",
    "cout": "pulang",
    "checkout": "pulang",
    "out": "pulang",
    "pulang": "pulang",
    "keluar": "pulang",
}


def columns(header: Sequence[object]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for i, h in enumerate(header):
        k = norm(h)
        for field, names in ALIASES.items():
            if k in names and field not in cols:
                cols[field] = i
                break
    return cols


def kind(cols: dict[str, int]) -> str | None:
    """'harian', 'tabel' or None for a header's columns."""
    who = "pin" in cols or "nip" in cols
    if who and "date" in cols and ("in" in cols or "out" in cols):
        return "harian"
    if who and ("stamp" in cols or ("date" in cols and "time" in cols)):
        return "tabel"
    return None


def find_header(rows: Sequence[Sequence[object]], scan: int = 15) -> tuple[int, dict[str, int]] | None:
    for i, row in enumerate(rows[:scan]):
        cols = columns(row)
        if kind(cols):
            return i, cols
    return None


def read(path: Path, rows: Sequence[Sequence[object]], daily: bool | None = None) -> list[RawPunch]:
    """Raw punches of a table (rows as `tables.read_rows` gives them); `daily` forces the
    one-row-per-day reading (True) or the one-row-per-punch one (False)."""
    found = find_header(rows)
    if found is None:
        first = next((r for r in rows if any(c is not None for c in r)), [])
        shown = ", ".join(str(c) for c in first if c is not None)[:80]
        raise KerjaError(
            f"{path.name}: judul kolom presensi tidak dikenali (baris pertama: {shown!r}); perlu {LAYOUT}. "
            "Tidak ada yang disimpan."
        )
    at, cols = found
    is_daily = kind(cols) == "harian" if daily is None else daily
    if is_daily and "date" not in cols:
        raise KerjaError(f"{path.name}: format harian perlu kolom Tanggal dan Jam Masuk / Jam Pulang.")
    out: list[RawPunch] = []

    def cell(row: Sequence[object], field: str) -> object:
        i = cols.get(field)
        v = row[i] if i is not None and i < len(row) else None
        if isinstance(v, str):
            v = v.strip() or None
        if isinstance(v, float) and v.is_integer() and field in ("pin", "nip", "device"):
            v = int(v)
        return v

    for n, row in enumerate(rows[at + 1 :], at + 2):
        if not any(c is not None and str(c).strip() for c in row):
            continue
        who = cell(row, "pin") if "pin" in cols else None
        who = who if who is not None else cell(row, "nip")
        if who is None:
            raise KerjaError(
                f"{path.name} baris {n}: PIN/NIP kosong; perlu {LAYOUT}. Tidak ada yang disimpan."
            )
        pin = str(who)
        dev = cell(row, "device")
        device = str(dev) if dev is not None else None
        if is_daily:
            day = cell(row, "date")
            for field, typed in (("in", "masuk"), ("out", "pulang")):
                t = cell(row, field)
                if t is not None and str(t).strip() not in ("-", "--", "0"):
                    out.append((n, pin, day, t, typed, None, device))
            continue
        d_raw = cell(row, "dir")
        state = str(d_raw) if d_raw is not None else None
        jenis = _DIR.get(norm(state)) if state else None
        if "stamp" in cols:
            out.append((n, pin, cell(row, "stamp"), None, jenis, state, device))
        else:
            out.append((n, pin, cell(row, "date"), cell(row, "time"), jenis, state, device))
    return out
