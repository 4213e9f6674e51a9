"""Roster exports: CSV (UTF-8 BOM, ';', for Excel in an Indonesian locale) and XLSX (one sheet per
OPD, printable, titled with the circular). Cells are formula-safe; files are written to a temporary
name and renamed, so a failed export never leaves half a file."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .safe import safe_cell

HEADERS = ("Tanggal", "NIP", "Nama", "Unit", "Lokasi", "Alasan")


def write_csv(rows: Iterable[Sequence[Any]], target: Path | None, sep: str = ";") -> int:
    """Write rows to `target` (stdout when None); returns the number of rows."""
    n = 0

    def emit(f: Any) -> None:
        nonlocal n
        w = csv.writer(f, delimiter=sep, lineterminator="\r\n")
        w.writerow(HEADERS)
        # Dates, NIPs, WFO/WFH and reasons never start with = + - @; names and units might.
        for t, nip, nama, unit, lok, why in rows:
            w.writerow((t, nip, safe_cell(nama), safe_cell(unit), lok, why))
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
    rows: Iterable[Sequence[Any]], target: Path, *, instansi: str, judul: str | None, periode: str
) -> int:
    """One sheet per OPD (the first level of the unit path), landscape A4, title rows repeated.

    constant_memory: each sheet gets its rows in order, so xlsxwriter streams them to disk and a
    province month (1.3 million rows) does not sit in memory.
    """
    from .atomic import write_atomic

    count: list[int] = []
    write_atomic(target, lambda tmp: count.append(_write_xlsx(rows, tmp, instansi, judul, periode)))
    return count[0]


def _write_xlsx(
    rows: Iterable[Sequence[Any]], tmp: Path, instansi: str, judul: str | None, periode: str
) -> int:
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
    used_names: set[str] = set()
    n = 0
    for r in rows:
        opd = str(r[3]).split(" > ")[0]
        ws = sheets.get(opd)
        if ws is None:
            name = _sheet_name(opd, used_names)
            ws = sheets[opd] = wb.add_worksheet(name)
            ws.set_landscape()
            ws.set_paper(9)  # A4
            ws.fit_to_pages(1, 0)
            ws.repeat_rows(4)
            ws.write_string(0, 0, safe_cell(instansi), title)
            ws.write_string(1, 0, safe_cell(judul or "Jadwal WFO/WFH"), bold)
            ws.write_string(2, 0, safe_cell(f"{opd} | {periode}"))
            ws.write_row(4, 0, HEADERS, head)
            for c, width in enumerate((11, 20, 30, 40, 7, 16)):
                ws.set_column(c, c, width)
            ws.freeze_panes(5, 0)
            next_row[opd] = 5
        row = next_row[opd]
        for c, v in enumerate(r):
            ws.write_string(row, c, str(safe_cell(v)), cellf)
        next_row[opd] = row + 1
        n += 1
    if not sheets:
        ws = wb.add_worksheet("Jadwal")
        ws.write_string(0, 0, "Tidak ada jadwal pada periode ini.")
    wb.close()
    return n


def _sheet_name(opd: str, used: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique."""
    base = "".join("_" if ch in "[]:*?/\\" else ch for ch in opd)[:31] or "OPD"
    name, k = base, 2
    while name.lower() in used:
        suffix = f" ({k})"
        name, k = base[: 31 - len(suffix)] + suffix, k + 1
    used.add(name.lower())
    return name
