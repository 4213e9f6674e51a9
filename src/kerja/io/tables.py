"""Rows from a clerk's spreadsheet: CSV (`,` `;` or tab; UTF-8 with or without BOM, else cp1252)
or XLSX (python-calamine: ~10x faster than openpyxl). Row numbers are the ones the clerk sees."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import KerjaError

Row = tuple[int, list[object]]


@dataclass
class Table:
    headers: list[object]
    header_row: int
    rows: list[Row]


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(first_line: str) -> str:
    # Excel in an Indonesian locale writes ';'. The header line decides: it has no quoted commas.
    counts = {d: first_line.count(d) for d in (";", "\t", ",", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv_text(text: str, name: str = "berkas") -> list[list[object]]:
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(first))
    out: list[list[object]] = []
    try:
        for row in reader:
            # `c and not c.isspace()` is `c.strip() != ""` without making the stripped copy.
            out.append([c if c and not c.isspace() else None for c in row])
    except csv.Error as e:
        # The csv module refuses a cell over its field limit (128 KiB): no real cell is that long.
        why = (
            "sebuah sel lebih dari 128 KiB (mungkin tanda kutip yang tidak ditutup)"
            if "field limit" in str(e)
            else f"CSV rusak ({e})"
        )
        raise KerjaError(
            f"{name} baris {len(out) + 1}: {why}. Perbaiki baris itu; tidak ada yang disimpan."
        ) from None
    return out


def read_xlsx(path: Path, sheet: str | None) -> list[list[object]]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
        names = wb.sheet_names
        if sheet is not None and sheet not in names:
            raise KerjaError(f"Sheet {sheet!r} tidak ada di {path.name}; yang ada: {', '.join(names)}.")
        ws = wb.get_sheet_by_name(sheet or names[0])
        data = ws.to_python(skip_empty_area=False)
    except (CalamineError, OSError, ValueError):
        raise KerjaError(not_a_workbook(path)) from None
    return [[None if c == "" else c for c in row] for row in data]


def not_a_workbook(path: Path) -> str:
    """Why a file named .xlsx could not be read, in the clerk's words, from its first bytes
    (the reader's own message, e.g. 'invalid Zip archive: Could not find EOCD', is English and
    says nothing a clerk can act on)."""
    try:
        with path.open("rb") as f:
            head = f.read(512)
    except OSError:
        head = b""
    if not head:
        why = "berkasnya kosong (0 bait)"
    elif head.startswith(b"PK"):
        why = "arsip Excel-nya rusak atau terpotong (unduhan belum selesai?)"
    elif head.startswith(b"\xd0\xcf\x11\xe0"):
        why = "isinya format Excel lama (.xls) atau berkas berkata sandi, walau namanya .xlsx"
    elif b"\x00" not in head:
        why = "isinya teks biasa (CSV?), bukan lembar kerja Excel; ganti akhiran namanya menjadi .csv"
    else:
        why = "isinya bukan lembar kerja Excel"
    return (
        f"berkas {path.name} bukan xlsx yang sah: {why}. Buka di Excel atau LibreOffice lalu simpan "
        "sebagai Buku Kerja Excel (.xlsx)."
    )


def read_rows(path: str | Path, sheet: str | None = None) -> list[list[object]]:
    p = Path(path)
    if not p.is_file():
        raise KerjaError(f"Berkas {p} tidak ditemukan.")
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        return read_xlsx(p, sheet)
    if suffix not in (".csv", ".txt", ".tsv", ""):
        raise KerjaError(f"Format {suffix} belum didukung; pakai .csv atau .xlsx.")
    return read_csv_text(decode(p.read_bytes()), p.name)


def find_header(raw: Sequence[Sequence[object]], is_header, path: str | Path, scan: int = 15) -> Table:
    """The first of the top rows that `is_header` accepts (sheets often carry a title block)."""
    if not any(any(c is not None for c in r) for r in raw):
        raise KerjaError(f"{Path(path).name} kosong: tidak ada judul kolom maupun data.")
    for i, row in enumerate(raw[:scan]):
        if is_header(row):
            # The readers give fresh lists (a copy each only for other sequences).
            rows = [(i + 2 + n, r if r.__class__ is list else list(r)) for n, r in enumerate(raw[i + 1 :])]
            return Table(list(row), i + 1, rows)
    first = next(r for r in raw if any(c is not None for c in r))
    return Table(list(first), raw.index(first) + 1, [])


def iter_nonempty(rows: Sequence[Row]) -> Iterator[Row]:
    for n, r in rows:
        if any(c is not None and str(c).strip() for c in r):
            yield n, r
