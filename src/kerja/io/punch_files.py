"""Which attendance file is this, and its punches: detection by content and dispatch to the
reader of each format family.

Detection reads only the start of a file (`HEAD` bytes; for a spreadsheet, its header rows), so a
2.6-million-line month costs nothing extra. `--format` forces a reader. Every machine reader yields
lists of `attlog.MachinePunch` tuples; the one import path (`services.presensi.import_file`)
takes them from there. `csv` (online presence apps: NIP, waktu, jenis, mode) keeps its own reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..domain.errors import KerjaError
from .attlog import MachinePunch

HEAD = 64 * 1024

# --format name -> what a clerk would call it (for messages and --help).
FORMATS: dict[str, str] = {
    "attlog": "ZKTeco/Solution attlog USB (1_attlog.dat) atau firmware baru 11 kolom",
    "adms": "isi kiriman ADMS/iclock (PIN, waktu, status, verifikasi ...)",
    "txt": "ekspor TXT mesin GLG/AGL (No TMNo EnNo Name INOUT Mode DateTime)",
    "xml": "jawaban SOAP GetAttLog (<Row><PIN>..</PIN><DateTime>..)",
    "pyzk": "daftar presensi pyzk (ATT 1: uid: 1, user_id: 1 t: ..., s:1 p:0)",
    "json": 'JSON Fingerspot.io/cloud ({"data": [{"pin", "scan_date", "status_scan", "sn"}]})',
    "tabel": "ekspor Attendance Management CSV/XLS(X) (No., Date/Time, Status C/In C/Out) "
    "atau versi Indonesia (No.ID, Tgl/Waktu)",
    "harian": "satu baris per hari (PIN, Tanggal, Jam Masuk, Jam Pulang)",
    "csv": "CSV aplikasi presensi daring (NIP/PIN, waktu, jenis, mode)",
}
_ONLINE_ONLY = {
    "nip",
    "nipbaru",
    "nik",
    "idpegawai",
    "mode",
    "lokasi",
    "lokasikerja",
    "jenis",
    "jenispresensi",
}


def _online(header: list[object]) -> bool:
    """An online presence app's CSV (SPEC §7 `csv`): a NIP or mode/jenis column, or only words of
    that layout (PIN, Tanggal, Jam, Waktu ...); any machine-export title makes it `tabel`."""
    from . import att_sheet
    from .attlog import _HEADERS

    words = {a for aliases in _HEADERS.values() for a in aliases}
    keys = [att_sheet.norm(c) for c in header if c is not None and str(c).strip()]
    return any(k in _ONLINE_ONLY for k in keys) or (bool(keys) and all(k in words for k in keys))


_ATTLOG_LINE = re.compile(r"\s*\S+\s+\d{4}[-/]\d{1,2}[-/]\d{1,2}\s+\d{1,2}[:.]\d{2}")


def head_text(path: Path) -> str:
    with open(path, "rb") as f:
        raw = f.read(HEAD)
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def _first_lines(text: str, n: int = 5) -> list[str]:
    return [line for line in text.splitlines() if line.strip()][:n]


def detect(path: Path) -> str:
    """The format of an attendance file from its first bytes; refuses one it cannot place."""
    text = head_text(path)
    lines = _first_lines(text)
    if not lines:
        raise KerjaError(f"{path.name} kosong; tidak ada presensi untuk diimpor.")
    from . import att_sheet, pyzk_listing, soap_xml, zk_txt

    with open(path, "rb") as f:
        magic = f.read(8)
    if magic[:2] == b"PK" or magic == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return _table_kind(path, None)
    start = text.lstrip("\ufeff \t\r\n")
    if start[:1] in "{[":
        return "json"
    if start[:1] == "<" and soap_xml.looks_like(text):
        return "xml"
    if _ATTLOG_LINE.match(lines[0]):
        from .attlog import attlog_layout

        return "attlog" if attlog_layout(lines[0]) == "usb" else "adms"
    if pyzk_listing.looks_like(lines[0]):
        return "pyzk"
    if zk_txt.is_zk_txt(lines[0]):
        return "txt"
    from .tables import read_csv_text

    rows = read_csv_text("\n".join(text.splitlines()[:20]), path.name)
    found = att_sheet.find_header(rows)
    if rows and _online(rows[found[0] if found else 0]):
        return "csv"
    if found is not None:
        return att_sheet.kind(found[1]) or "tabel"
    if path.suffix.lower() == ".csv":
        return "csv"
    raise unknown_format(path, lines[0])


def table_rows(path: Path) -> list[list[object]]:
    """A spreadsheet's rows (XLSX/XLS by their magic bytes or name), else delimited text whatever
    the file is called (machines write .txt, .dat, .csv)."""
    from .tables import decode, read_csv_text, read_xlsx

    with open(path, "rb") as f:
        magic = f.read(8)
    if magic[:2] == b"PK" or magic == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return read_xlsx(path, None)
    return read_csv_text(decode(path.read_bytes()), path.name)


def _table_kind(path: Path, rows: list[list[object]] | None) -> str:
    from . import att_sheet

    rows = rows if rows is not None else table_rows(path)
    found = att_sheet.find_header(rows)
    if found is None:
        first = next((r for r in rows if any(c is not None for c in r)), [])
        raise unknown_format(path, ", ".join(str(c) for c in first if c is not None))
    if _online(rows[found[0]]):
        return "csv"
    return att_sheet.kind(found[1]) or "tabel"


def unknown_format(path: Path, first: str) -> KerjaError:
    shown = first.strip()
    if len(shown) > 70:
        shown = shown[:67] + "..."
    names = "; ".join(f"{k} = {v}" for k, v in FORMATS.items())
    return KerjaError(
        f"{path.name}: format berkas presensi tidak dikenali (baris pertama: {shown!r}). "
        f"Format yang dikenal: {names}. Bila berkasnya salah satu dari itu, sebutkan dengan "
        "--format NAMA; tidak ada yang disimpan."
    )


def resolve_format(path: Path, fmt: str | None) -> str:
    if fmt is None or fmt.lower() == "auto":
        return detect(path)
    name = fmt.lower()
    if name not in FORMATS:
        raise KerjaError(f"--format {fmt!r} tidak dikenal; pakai auto atau salah satu: {', '.join(FORMATS)}.")
    return name


def machine_chunks(
    path: Path, fmt: str, *, progress: Any = None, urutan_tanggal: str | None = None
) -> Iterator[list[MachinePunch]]:
    """Lists of machine punches of a file in format `fmt` (not 'csv')."""
    from . import att_sheet, attlog, cloud_json, pyzk_listing, soap_xml, zk_txt

    if fmt in ("attlog", "adms"):
        yield from attlog.read_attlog_chunks(path, progress, layout="usb" if fmt == "attlog" else "adms")
        return
    if fmt == "txt":
        raw, layout = zk_txt.read(path), zk_txt.LAYOUT
    elif fmt == "xml":
        raw, layout = soap_xml.read(path), soap_xml.LAYOUT
    elif fmt == "pyzk":
        raw, layout = pyzk_listing.read(path), pyzk_listing.LAYOUT
    elif fmt == "json":
        raw, layout = cloud_json.read(path), cloud_json.LAYOUT
    elif fmt in ("tabel", "harian"):
        raw, layout = att_sheet.read(path, table_rows(path), daily=fmt == "harian"), att_sheet.LAYOUT
    else:
        raise KerjaError(f"--format {fmt!r} bukan berkas mesin.")
    punches = finish(raw, path.name, layout, urutan_tanggal)
    for i in range(0, len(punches), 20_000):
        yield punches[i : i + 20_000]


def finish(
    raw: list[tuple[int, str, object, object, str | None, str | None, str | None]],
    name: str,
    layout: str,
    urutan_tanggal: str | None,
) -> list[MachinePunch]:
    """Raw punches (date and time as the file wrote them, or one stamp with time None) -> machine
    punches: the day/month order decided once for the file, every date and time checked (a bad
    one rejects the file naming its line and the layout expected), and a daily row's check-out
    earlier than its check-in moved to the next day (a night shift)."""
    from datetime import date, datetime, timedelta

    from .dates import decide_order, parse_date, parse_time, split_stamp

    split: list[tuple[int, str, object, object, str | None, str | None, str | None]] = []
    for n, pin, d, t, jenis, state, dev in raw:
        if t is None:
            if isinstance(d, datetime):
                d, t = d.date(), d.strftime("%H:%M:%S")
            else:
                parts = split_stamp(str(d or ""))
                if parts is None:
                    raise KerjaError(
                        f"{name} baris {n}: waktu {d!r} tidak sah; perlu {layout}. Tidak ada yang disimpan."
                    )
                d, t = parts
        split.append((n, pin, d, t, jenis, state, dev))
    order = decide_order(
        (str(r[2]).strip() for r in split if not isinstance(r[2], date)), name, urutan_tanggal
    )
    out: list[MachinePunch] = []
    last_in: dict[int, tuple[str, str]] = {}
    for n, pin, d, t, jenis, state, dev in split:
        day = parse_date(d, order)
        if day is None:
            raise KerjaError(
                f"{name} baris {n}: tanggal {d!r} tidak sah; perlu {layout}. Tidak ada yang disimpan."
            )
        clock = parse_time(t)
        if clock is None:
            raise KerjaError(
                f"{name} baris {n}: jam {t!r} tidak sah; perlu {layout}. Tidak ada yang disimpan."
            )
        iso = day.isoformat()
        if jenis == "masuk":
            last_in[n] = (iso, clock)
        else:
            prev = last_in.get(n)
            if jenis == "pulang" and prev is not None and prev[0] == iso and clock < prev[1]:
                iso = (day + timedelta(days=1)).isoformat()
        out.append((n, pin, iso, clock, jenis, state, dev))
    return out
