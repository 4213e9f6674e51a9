"""Roster exports: CSV (UTF-8 BOM, ';', for Excel in an Indonesian locale) and XLSX (one sheet per
OPD, printable, titled with the circular). Cells are formula-safe; files are written to a temporary
name and renamed, so a failed export never leaves half a file."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .safe import csv_cell, safe_cell

HEADERS = ("Tanggal", "NIP", "Nama", "Unit", "Lokasi", "Alasan")
# Excel opens at most 2^20 rows per sheet: a longer sheet cannot be opened whole.
EXCEL_MAX_ROWS = 1_048_576
HEAD_ROWS = 5  # the title block (4 rows) and the table header


@dataclass(frozen=True)
class XlsxExport:
    rows: int
    # OPD -> its sheets in order, for each OPD whose rows did not fit one sheet
    split: dict[str, list[str]] = field(default_factory=dict)
    limit: int = EXCEL_MAX_ROWS


def write_csv(rows: Iterable[Sequence[Any]], target: Path | None, sep: str = ";") -> int:
    """Write rows to `target` (stdout when None); returns the number of rows."""
    n = 0

    def emit(f: Any) -> None:
        nonlocal n
        w = csv.writer(f, delimiter=sep, lineterminator="\r\n")
        w.writerow(HEADERS)
        # Dates, WFO/WFH and reasons never start with = + - @; names and units might. NIPs open
        # as text in a spreadsheet (io.safe.csv_cell).
        for t, nip, nama, unit, lok, why in rows:
            w.writerow((t, csv_cell(nip, sep), safe_cell(nama), safe_cell(unit), lok, why))
            n += 1

    if target is None:
        sys.stdout.write("\ufeff")
        emit(sys.stdout)
        sys.stdout.flush()
        return n
    from .atomic import open_atomic

    with open_atomic(target, encoding="utf-8-sig", newline="") as f:
        emit(f)
    return n


def write_xlsx(
    rows: Iterable[Sequence[Any]],
    target: Path,
    *,
    instansi: str,
    judul: str | None,
    periode: str,
    max_rows: int | None = None,
    progress: Any = None,
) -> XlsxExport:
    """One sheet per OPD (the first level of the unit path), landscape A4, title rows repeated.
    An OPD with more rows than a sheet holds (`max_rows`, Excel's limit unless told) goes on in
    sheets "OPD (2)", "OPD (3)", ...: each full sheet ends with a line that names the next, each
    continuation says which part it is; the result lists them (`split`) for the command to say.

    constant_memory: each sheet gets its rows in order, so xlsxwriter streams them to disk and a
    province month (1.3 million rows) does not sit in memory. `progress.advance()` per row.
    """
    from .atomic import write_atomic

    out: list[XlsxExport] = []
    limit = max_rows or EXCEL_MAX_ROWS
    write_atomic(
        target, lambda tmp: out.append(_write_xlsx(rows, tmp, instansi, judul, periode, limit, progress))
    )
    return out[0]


def _write_xlsx(
    rows: Iterable[Sequence[Any]],
    tmp: Path,
    instansi: str,
    judul: str | None,
    periode: str,
    limit: int,
    progress: Any,
) -> XlsxExport:
    import xlsxwriter

    wb = xlsxwriter.Workbook(
        str(tmp), {"constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False}
    )
    bold = wb.add_format({"bold": True})
    title = wb.add_format({"bold": True, "font_size": 13})
    head = wb.add_format({"bold": True, "border": 1, "bg_color": "#DDDDDD"})
    cellf = wb.add_format({"border": 1})
    sheets: dict[str, Any] = {}
    next_row: dict[str, int] = {}
    parts: dict[str, list[str]] = {}
    used_names: set[str] = set()
    last_row = limit - 1  # 0-based; a full sheet keeps it for the line naming the next sheet

    def new_sheet(opd: str) -> Any:
        names = parts.setdefault(opd, [])
        name = _sheet_name(opd, used_names, len(names) + 1)
        ws = wb.add_worksheet(name)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(HEAD_ROWS - 1)
        ws.write_string(0, 0, safe_cell(instansi), title)
        ws.write_string(1, 0, safe_cell(judul or "Jadwal WFO/WFH"), bold)
        part = f" | bagian {len(names) + 1}, lanjutan sheet '{names[-1]}'" if names else ""
        ws.write_string(2, 0, safe_cell(f"{opd} | {periode}{part}"))
        ws.write_row(HEAD_ROWS - 1, 0, HEADERS, head)
        for c, width in enumerate((11, 20, 30, 40, 7, 16)):
            ws.set_column(c, c, width)
        ws.freeze_panes(HEAD_ROWS, 0)
        names.append(name)
        sheets[opd] = ws
        next_row[opd] = HEAD_ROWS
        return ws

    n = 0
    for r in rows:
        opd = str(r[3]).split(" > ")[0]
        ws = sheets.get(opd)
        if ws is None:
            ws = new_sheet(opd)
        elif next_row[opd] == last_row:
            full = ws
            ws = new_sheet(opd)
            full.write_string(
                last_row,
                0,
                f"Berlanjut di sheet '{parts[opd][-1]}' (batas Excel {limit:,} baris per sheet).".replace(
                    ",", "."
                ),
                bold,
            )
        row = next_row[opd]
        for c, v in enumerate(r):
            ws.write_string(row, c, str(safe_cell(v)), cellf)
        next_row[opd] = row + 1
        n += 1
        if progress is not None:
            progress.advance(1)
    if not sheets:
        ws = wb.add_worksheet("Jadwal")
        ws.write_string(0, 0, "Tidak ada jadwal pada periode ini.")
    wb.close()
    return XlsxExport(n, {opd: names for opd, names in parts.items() if len(names) > 1}, limit)


def _sheet_name(opd: str, used: set[str], part: int = 1) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique; part 2 of an OPD's
    sheets is "OPD (2)"."""
    base = "".join("_" if ch in "[]:*?/\\" else ch for ch in opd)[:31] or "OPD"
    if part > 1:
        tail = f" ({part})"
        base = base[: 31 - len(tail)] + tail
    name, k = base, 2
    while name.lower() in used:
        suffix = f" ({k})"
        name, k = base[: 31 - len(suffix)] + suffix, k + 1
    used.add(name.lower())
    return name
