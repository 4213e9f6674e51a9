"""Attendance files: the ZKTeco/Solution `attlog` family and CSV from online presence apps.

`attlog` is one punch a line, separated by tabs or runs of spaces, often with CRLF endings. Two
layouts share it, told apart by the first data line:

- the USB download `1_attlog.dat` (PIN right-aligned to 9 with leading blanks) and newer firmware
  (11 tab fields, no padding): `PIN  YYYY-MM-DD HH:MM:SS  device  state  verify  workcode ...`;
- the ADMS/iclock push body (`POST /iclock/cdata?table=ATTLOG`, no padding, not 11 fields):
  `PIN  YYYY-MM-DD HH:MM:SS  state  verify  workcode ...` (the state is the third field).

It is read line by line (a month of a province is millions of lines), so memory stays flat.
Machine punches are untyped: many machines write the same state for every punch, so the state is
kept, not trusted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.errors import KerjaError

# Every machine reader yields these: (line number, PIN, local date 'YYYY-MM-DD', local time
# 'HH:MM:SS', jenis 'masuk'|'pulang' or None, the machine's state or None, machine id or None).
MachinePunch = tuple[int, str, str, str, str | None, str | None, str | None]
AttPunch = MachinePunch


def attlog_layout(line: str) -> str:
    """'usb' (device, then state) or 'adms' (state right after the time) for one data line."""
    if line[:1] in (" ", "\t") or line.count("\t") == 10:
        return "usb"
    return "adms"


def _bad(name: str, line_no: int, line: str, why: str) -> KerjaError:
    shown = line.strip()
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return KerjaError(
        f"{name} baris {line_no}: {why} ({shown!r}). Format attlog: PIN TANGGAL JAM [state ...], "
        "mis. '1  2021-02-01 07:25:13  1  0'. Perbaiki baris itu; tidak ada yang disimpan."
    )


class _Clock:
    """Validation caches: a month has ~30 distinct dates and at most 86,400 distinct times."""

    def __init__(self) -> None:
        self.dates: dict[str, str | None] = {}
        self.times: dict[str, str | None] = {}

    def date(self, text: str) -> str | None:
        try:
            return self.dates[text]
        except KeyError:
            pass
        norm: str | None = None
        m = re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", text)
        if m:
            try:
                norm = date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            except ValueError:
                norm = None
        self.dates[text] = norm
        return norm

    def time(self, text: str) -> str | None:
        try:
            return self.times[text]
        except KeyError:
            pass
        norm: str | None = None
        m = re.fullmatch(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?", text)
        if m and int(m[1]) < 24 and int(m[2]) < 60 and int(m[3] or 0) < 60:
            norm = f"{int(m[1]):02d}:{m[2]}:{m[3] or '00'}"
        self.times[text] = norm
        return norm


def read_attlog(path: str | Path, progress: Any = None, layout: str | None = None) -> Iterator[AttPunch]:
    """Punches of an attlog file, streamed; a malformed line raises KerjaError with its number."""
    for chunk in read_attlog_chunks(path, progress, layout=layout):
        yield from chunk


def read_attlog_chunks(
    path: str | Path, progress: Any = None, size: int = 20_000, layout: str | None = None
) -> Iterator[list[AttPunch]]:
    """Punches of an attlog file in lists of up to `size` (a list per step keeps a 2.6-million-
    line month from paying a generator step per line); a malformed line raises KerjaError with
    its number. `layout` 'usb' or 'adms' (see the module docstring), else decided by the first
    data line. `progress.advance(n)` gets the bytes read since the last call, if given."""
    p = Path(path)
    name = p.name
    clock = _Clock()
    dates, times = clock.dates, clock.times
    done = 0
    chunk: list[AttPunch] = []
    append = chunk.append
    # Field indexes after split() (the date and the time are two fields): state, device.
    st, dev = (4, 3) if layout == "usb" else (3, 99)
    with open(p, encoding="utf-8", errors="replace", newline=None) as f:
        for line_no, line in enumerate(f, 1):
            parts = line.split()
            if not parts:
                continue
            if line_no == 1 and parts[0].startswith("\ufeff"):
                parts[0] = parts[0][1:]
                line = line[1:]
            if layout is None:
                layout = attlog_layout(line)
                st, dev = (4, 3) if layout == "usb" else (3, 99)
            if len(parts) < 3:
                raise _bad(name, line_no, line, "kolom kurang: perlu PIN, tanggal dan jam")
            d = dates.get(parts[1]) or clock.date(parts[1])
            if d is None:
                raise _bad(name, line_no, line, f"tanggal {parts[1]!r} tidak sah")
            t = times.get(parts[2]) or clock.time(parts[2])
            if t is None:
                raise _bad(name, line_no, line, f"jam {parts[2]!r} tidak sah")
            n = len(parts)
            append(
                (
                    line_no,
                    parts[0],
                    d,
                    t,
                    None,
                    parts[st] if n > st else None,
                    parts[dev] if n > dev else None,
                )
            )
            if len(chunk) >= size:
                yield chunk
                chunk = []
                append = chunk.append
                if progress is not None:
                    pos = f.buffer.tell()  # type: ignore[attr-defined]
                    progress.advance(pos - done)
                    done = pos
    if chunk:
        yield chunk


# CSV (online presence exports) -------------------------------------------------------------

_HEADERS = {
    "nip": ("nip", "nipbaru", "nik", "idpegawai"),
    "pin": ("pin", "pinmesin", "idmesin", "userid"),
    "waktu": ("waktu", "tanggaljam", "datetime", "timestamp", "waktupresensi"),
    "tanggal": ("tanggal", "tgl", "date"),
    "jam": ("jam", "time", "pukul"),
    "jenis": ("jenis", "tipe", "type", "jenispresensi"),
    "mode": ("mode", "lokasi", "lokasikerja"),
}
_JENIS = {
    "masuk": "masuk",
    "in": "masuk",
    "checkin": "masuk",
    "datang": "masuk",
    "pulang": "pulang",
    "out": "pulang",
    "checkout": "pulang",
    "keluar": "pulang",
}
_MODE = {"wfo": "WFO", "kantor": "WFO", "wfh": "WFH", "rumah": "WFH"}
_WAKTU = re.compile(
    r"(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[-/]\d{1,2}[-/]\d{4})[ T]+(\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)"
    r"(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?"
)

# (row number, nip or None, pin or None, 'YYYY-MM-DD', 'HH:MM:SS', offset minutes or None,
#  jenis or None, mode or None)
CsvPunch = tuple[int, str | None, str | None, str, str, int | None, str | None, str | None]


def _key(h: object) -> str:
    return re.sub(r"[\s_./-]", "", str(h or "")).lower()


def read_presence_csv(path: str | Path) -> list[CsvPunch]:
    """Rows of a presence CSV: columns nip (or pin), waktu (or tanggal + jam), optional jenis and
    mode. Any bad row rejects the file, naming the row."""
    from .tables import read_rows

    p = Path(path)
    raw = read_rows(p)
    while raw and not any(c is not None for c in raw[0]):
        raw = raw[1:]
    if not raw:
        raise KerjaError(f"{p.name} kosong.")
    cols: dict[str, int] = {}
    for i, h in enumerate(raw[0]):
        k = _key(h)
        for field, aliases in _HEADERS.items():
            if k in aliases and field not in cols:
                cols[field] = i
    if "nip" not in cols and "pin" not in cols:
        raise KerjaError(f"{p.name}: kolom NIP atau PIN tidak ada di baris judul.")
    if "waktu" not in cols and not ("tanggal" in cols and "jam" in cols):
        raise KerjaError(f"{p.name}: perlu kolom waktu (atau kolom tanggal dan jam).")
    clock = _Clock()

    def cell(row: list[object], field: str) -> str:
        i = cols.get(field)
        v = row[i] if i is not None and i < len(row) else None
        return "" if v is None else str(v).strip()

    out: list[CsvPunch] = []
    for n, row in enumerate(raw[1:], 2):
        if not any(c is not None and str(c).strip() for c in row):
            continue

        def bad(col: str, value: str, why: str, n: int = n) -> KerjaError:
            return KerjaError(f"{p.name} baris {n}, kolom {col} = {value!r}: {why}. Tidak ada yang disimpan.")

        nip, pin = cell(row, "nip") or None, cell(row, "pin") or None
        if nip is None and pin is None:
            raise bad("nip/pin", "", "kosong; isi NIP atau PIN mesin")
        if "waktu" in cols:
            text = cell(row, "waktu")
        else:
            text = f"{cell(row, 'tanggal')} {cell(row, 'jam')}"
        m = _WAKTU.fullmatch(text)
        d = t = None
        if m:
            ds = m[1].replace("/", "-")
            if not re.match(r"\d{4}", ds):
                dd, mm, yy = ds.split("-")
                ds = f"{yy}-{mm}-{dd}"
            d, t = clock.date(ds), clock.time(m[2])
        if d is None or t is None:
            raise bad("waktu", text, "bukan waktu; pakai 'YYYY-MM-DD HH:MM[:SS]' (boleh +07:00)")
        offset = None
        if m and m[3]:
            z = m[3].replace(":", "")
            if z != "Z":
                hours, minutes = int(z[1:3]), int(z[3:5])
                # Offsets in use run from -12:00 to +14:00, in whole quarter hours at most.
                if (
                    minutes >= 60
                    or not -12 * 60 <= (1 if z[0] == "+" else -1) * (hours * 60 + minutes) <= 14 * 60
                ):
                    raise bad("waktu", text, f"zona waktu {m[3]} tidak ada (sah: -12:00 sampai +14:00)")
            sign = 1 if z[0] == "+" else -1
            offset = 0 if z == "Z" else sign * (int(z[1:3]) * 60 + int(z[3:5]))
        jenis_text = cell(row, "jenis")
        jenis = _JENIS.get(_key(jenis_text)) if jenis_text else None
        if jenis_text and jenis is None:
            raise bad("jenis", jenis_text, "pakai masuk atau pulang (atau kosong)")
        mode_text = cell(row, "mode")
        mode = _MODE.get(_key(mode_text)) if mode_text else None
        if mode_text and mode is None:
            raise bad("mode", mode_text, "pakai WFO atau WFH (atau kosong)")
        out.append((n, nip, pin, d, t, offset, jenis, mode))
    return out
