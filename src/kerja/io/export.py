"""Writers of the monthly TPP recap: CSV, XLSX (xlsxwriter) and PDF (fpdf2).

Every file is written beside its target under a temporary name and renamed into place, so a
crash never leaves half a recap where finance would pick it up. Text cells that a spreadsheet
would run as formulas are neutralised (io.safe).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from ..domain.values import format_number
from .safe import csv_cell, safe_cell

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

# (header, how to get the value from a recap row, kind): kind drives number formats.
COLUMNS: list[tuple[str, Callable[[Mapping[str, Any]], Any], str]] = [
    ("NIP", lambda r: r["nip"], "text"),
    ("Nama", lambda r: r["nama"], "text"),
    ("Unit", lambda r: r["unit"], "text"),
    ("Hari Kerja", lambda r: r["hari_kerja"], "int"),
    ("Hadir WFO", lambda r: r["hadir_wfo"], "int"),
    ("Hadir WFH", lambda r: r["hadir_wfh"], "int"),
    ("Sakit", lambda r: r["sakit"], "int"),
    ("Izin", lambda r: r["izin"], "int"),
    ("Cuti", lambda r: r["cuti"], "int"),
    ("Dinas Luar", lambda r: r["dinas_luar"], "int"),
    ("TK", lambda r: r["tk"], "int"),
    *((f"TL{i + 1}", (lambda r, i=i: r["tl"][i]), "int") for i in range(4)),
    *((f"PSW{i + 1}", (lambda r, i=i: r["psw"][i]), "int") for i in range(4)),
    ("Potongan Disiplin (%)", lambda r: r["potongan_disiplin_persen"], "pct"),
    ("Menit Kinerja", lambda r: r["menit_kinerja"], "int"),
    ("Target Menit", lambda r: r["target_menit"], "int"),
    ("Capaian Kinerja (%)", lambda r: r["capaian_kinerja_persen"], "pct"),
    ("Pagu TPP", lambda r: r["pagu_tpp"], "rp"),
    ("TPP Kinerja", lambda r: r["tpp_kinerja"], "rp"),
    ("TPP Disiplin", lambda r: r["tpp_disiplin"], "rp"),
    ("TPP Total", lambda r: r["tpp_total"], "rp"),
    ("TK Tahun Ini", lambda r: r["tk_tahun_ini"], "int"),
    ("Peringatan", lambda r: r["peringatan"] or "", "text"),
]
HEADERS = ["No", *(c[0] for c in COLUMNS)]


@dataclass(frozen=True)
class Signer:
    """One signature slot; nama/nip None leave dotted lines to fill in by hand."""

    jabatan: str
    nama: str | None = None
    nip: str | None = None


DEFAULT_SIGNERS = (Signer("Kepala OPD"), Signer("Bendahara Pengeluaran"), Signer("Pengelola Kepegawaian"))


def month_title(bulan: str) -> str:
    return f"{BULAN[int(bulan[5:7]) - 1]} {bulan[:4]}"


def table_rows(recap: Mapping[str, Any]) -> list[list[Any]]:
    return [[n, *(get(r) for _, get, _ in COLUMNS)] for n, r in enumerate(recap["pegawai"], 1)]


def _replace_into(target: Path, write: Callable[[Path], None]) -> Path:
    from .atomic import write_atomic

    return write_atomic(target, write)


# --- CSV -----------------------------------------------------------------------------------


def write_csv(recap: Mapping[str, Any], out: TextIO, *, pemisah: str = ";") -> None:
    """The table, UTF-8 with BOM. With ';' (Excel in an Indonesian locale) decimals take a comma,
    as that locale reads them; with any other separator, a dot."""
    comma = pemisah == ";"

    def cell(v: Any, kind: str) -> Any:
        if kind == "pct":
            text = f"{v:.2f}"
            return text.replace(".", ",") if comma else text
        return csv_cell(v, pemisah) if kind == "text" else v

    w = csv.writer(out, delimiter=pemisah, lineterminator="\r\n")
    out.write("\ufeff")
    w.writerow(HEADERS)
    kinds = ["int", *(c[2] for c in COLUMNS)]
    for row in table_rows(recap):
        w.writerow([cell(v, k) for v, k in zip(row, kinds, strict=True)])


def csv_text(recap: Mapping[str, Any], *, pemisah: str = ";") -> str:
    buf = io.StringIO()
    write_csv(recap, buf, pemisah=pemisah)
    return buf.getvalue()


def save_csv(recap: Mapping[str, Any], target: Path, *, pemisah: str = ";") -> Path:
    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            write_csv(recap, f, pemisah=pemisah)

    return _replace_into(target, write)


def recap_json(recap: Mapping[str, Any]) -> str:
    """The recap as the one JSON document `rekap bulanan --format json` prints and `rekap kunci`
    stores (so its bytes and SHA-256 are those of this text): one employee a line, readable, and
    the C encoder stays on (an indented dump goes through the pure-Python one, seconds slower
    over a province)."""
    import json

    def dump(v: object) -> str:
        return json.dumps(v, ensure_ascii=False)

    from .json_rows import rows_text

    return (
        f'{{"instansi": {dump(recap["instansi"])}, "bulan": {dump(recap["bulan"])}, "pegawai": '
        f'{rows_text(recap["pegawai"])}, "total": {dump(recap["total"])}}}\n'
    )


def save_json(recap: Mapping[str, Any] | str, target: Path) -> Path:
    """The recap document (or its text, e.g. the one stored by a lock) written to `target`, the
    same bytes as on stdout."""
    text = recap if isinstance(recap, str) else recap_json(recap)

    def write(tmp: Path) -> None:
        tmp.write_bytes(text.encode("utf-8"))

    return _replace_into(target, write)


# --- XLSX ----------------------------------------------------------------------------------

TITLE_ROWS = 4  # instansi, title, unit, blank; the table header is the row after
TAIL_ROWS = 8  # the totals row, a blank row, the signature block (6 rows)
# Excel opens at most 2^20 rows per sheet: a longer sheet cannot be opened whole.
EXCEL_MAX_ROWS = 1_048_576


def _rows_per_sheet(max_rows: int) -> int:
    return max_rows - TITLE_ROWS - 1 - TAIL_ROWS


def xlsx_parts(people: int, max_rows: int | None = None) -> int:
    """How many sheets `save_xlsx` writes for a recap of `people` rows (1 unless past the limit)."""
    per = _rows_per_sheet(max_rows or EXCEL_MAX_ROWS)
    return max(1, -(-people // per))


def save_xlsx(
    recap: Mapping[str, Any],
    target: Path,
    *,
    unit: str | None,
    signers: Sequence[Signer] = DEFAULT_SIGNERS,
    max_rows: int | None = None,
    progress: Any = None,
    place_date: str | None = None,
) -> Path:
    """One sheet: title block, the table (numbers as numbers, Rupiah format), a totals row, the
    signature block; header frozen and repeated on every printed A4 landscape page.

    A recap longer than a sheet holds (`max_rows`, Excel's 1,048,576 unless told) goes on in
    sheets "Rekap YYYY-MM (2)", ...: each says "bagian i dari N", the numbering runs on, and the
    totals and signatures close the last one. `progress.advance(n)` as rows are written."""
    limit = max_rows or EXCEL_MAX_ROWS
    per_sheet = _rows_per_sheet(limit)
    all_rows = table_rows(recap)
    n_parts = xlsx_parts(len(all_rows), limit)

    def write(tmp: Path) -> None:
        import xlsxwriter

        # strings_to_formulas off: text is text even if the guard ever missed a case.
        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False})
        bold = wb.add_format({"bold": True})
        title = wb.add_format({"bold": True, "font_size": 13})
        head = wb.add_format(
            {
                "bold": True,
                "border": 1,
                "text_wrap": True,
                "align": "center",
                "valign": "vcenter",
                "bg_color": "#DDEBF7",
            }
        )
        fmt = {
            "text": wb.add_format({"border": 1}),
            "int": wb.add_format({"border": 1, "num_format": "0"}),
            "pct": wb.add_format({"border": 1, "num_format": "0.00"}),
            "rp": wb.add_format({"border": 1, "num_format": '"Rp "#,##0'}),
        }
        total_fmt = {
            k: wb.add_format({"border": 1, "bold": True, "num_format": f.num_format}) for k, f in fmt.items()
        }
        last_col = len(HEADERS) - 1
        kinds = ["int", *(c[2] for c in COLUMNS)]
        hr = TITLE_ROWS
        for part in range(n_parts):
            name = f"Rekap {recap['bulan']}" + (f" ({part + 1})" if part else "")
            ws = wb.add_worksheet(name)
            ws.write_string(0, 0, safe_cell(recap["instansi"]), title)
            heading = f"REKAPITULASI TPP BULAN {month_title(recap['bulan']).upper()}"
            if n_parts > 1:
                heading += f" (bagian {part + 1} dari {n_parts})"
            ws.write_string(1, 0, heading, bold)
            ws.write_string(2, 0, safe_cell(f"Unit: {unit or 'Semua unit'}"))
            ws.set_row(hr, 30)
            for c, h in enumerate(HEADERS):
                ws.write_string(hr, c, h, head)
            rows = all_rows[part * per_sheet : (part + 1) * per_sheet]
            for i, row in enumerate(rows, hr + 1):
                for c, (v, k) in enumerate(zip(row, kinds, strict=True)):
                    if k == "text" and v in (None, ""):
                        ws.write_blank(i, c, None, fmt[k])
                    elif k == "text":
                        ws.write_string(i, c, str(safe_cell(v)), fmt[k])
                    else:
                        ws.write_number(i, c, v, fmt[k])
            if progress is not None:
                progress.advance(len(rows))
            _xlsx_layout(ws, hr, last_col)
        tr = hr + 1 + len(rows)
        for c in range(len(HEADERS)):
            ws.write_blank(tr, c, None, total_fmt["text"])
        ws.write_string(tr, HEADERS.index("Nama"), "JUMLAH", total_fmt["text"])
        for key, header in (
            ("pagu_tpp", "Pagu TPP"),
            ("tpp_kinerja", "TPP Kinerja"),
            ("tpp_disiplin", "TPP Disiplin"),
            ("tpp_total", "TPP Total"),
        ):
            ws.write_number(tr, HEADERS.index(header), recap["total"][key], total_fmt["rp"])
        _xlsx_signatures(ws, tr + 2, last_col, signers, bold, place_date)
        wb.close()

    return _replace_into(target, write)


def _xlsx_layout(ws, hr: int, last_col: int) -> None:
    """Column widths, frozen header, A4 landscape printing with the header on every page."""
    ws.set_column(0, 0, 5)
    ws.set_column(1, 1, 21)
    ws.set_column(2, 3, 30)
    ws.set_column(4, last_col, 9)
    for h in ("Pagu TPP", "TPP Kinerja", "TPP Disiplin", "TPP Total"):
        ws.set_column(HEADERS.index(h), HEADERS.index(h), 15)
    ws.set_column(last_col, last_col, 22)
    ws.freeze_panes(hr + 1, 3)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    ws.repeat_rows(hr)
    ws.fit_to_pages(1, 0)
    ws.set_footer("&CHalaman &P dari &N")


def _xlsx_signatures(
    ws, row: int, last_col: int, signers: Sequence[Signer], bold, place_date: str | None = None
) -> None:
    """The signers side by side (jabatan, room to sign, name, NIP); the place and date line,
    when given, above the last one (where an Indonesian official letter puts it)."""
    step = max(1, (last_col + 1) // len(signers))
    if place_date:
        ws.write_string(row, 1 + (len(signers) - 1) * step, safe_cell(place_date))
        row += 1
    for i, s in enumerate(signers):
        c = 1 + i * step
        ws.write_string(row, c, safe_cell(s.jabatan), bold)
        ws.write_string(row + 4, c, safe_cell(s.nama) if s.nama else "(" + "." * 30 + ")", bold)
        ws.write_string(row + 5, c, f"NIP. {s.nip}" if s.nip else "NIP. " + "." * 24)


# --- PDF -----------------------------------------------------------------------------------


def _pct(v: float) -> str:
    """A percentage in Indonesian style: 93,42 (decimal comma), as on the screen."""
    return f"{v:.2f}".replace(".", ",")


# (header, width mm, align, value) for the PDF: narrower than the spreadsheet, fits A4 landscape.
_PDF_COLS: list[tuple[str, float, str, Callable[[int, Mapping[str, Any]], str]]] = [
    ("No", 7, "R", lambda n, r: str(n)),
    ("NIP", 29, "L", lambda n, r: r["nip"]),
    ("Nama", 36, "L", lambda n, r: r["nama"]),
    ("HK", 8, "R", lambda n, r: str(r["hari_kerja"])),
    ("WFO", 8, "R", lambda n, r: str(r["hadir_wfo"])),
    ("WFH", 8, "R", lambda n, r: str(r["hadir_wfh"])),
    ("S", 6, "R", lambda n, r: str(r["sakit"])),
    ("I", 6, "R", lambda n, r: str(r["izin"])),
    ("C", 6, "R", lambda n, r: str(r["cuti"])),
    ("DL", 6, "R", lambda n, r: str(r["dinas_luar"])),
    ("TK", 6, "R", lambda n, r: str(r["tk"])),
    ("TL 1/2/3/4", 15, "C", lambda n, r: "/".join(map(str, r["tl"]))),
    ("PSW 1/2/3/4", 15, "C", lambda n, r: "/".join(map(str, r["psw"]))),
    ("Pot. %", 10, "R", lambda n, r: _pct(r["potongan_disiplin_persen"])),
    ("Menit", 11, "R", lambda n, r: format_number(r["menit_kinerja"])),
    ("Target", 11, "R", lambda n, r: format_number(r["target_menit"])),
    ("Capaian %", 12, "R", lambda n, r: _pct(r["capaian_kinerja_persen"])),
    ("Pagu TPP", 19, "R", lambda n, r: format_number(r["pagu_tpp"])),
    ("TPP Kinerja", 19, "R", lambda n, r: format_number(r["tpp_kinerja"])),
    ("TPP Disiplin", 19, "R", lambda n, r: format_number(r["tpp_disiplin"])),
    ("TPP Total", 19, "R", lambda n, r: format_number(r["tpp_total"])),
]


def _latin1(text: str) -> str:
    """The core PDF fonts speak Latin-1: fold accents, replace what is left."""
    folded = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2013", "-")
    return folded.encode("latin-1", "replace").decode("latin-1")


def save_pdf(
    recap: Mapping[str, Any],
    target: Path,
    *,
    unit: str | None,
    signers: Sequence[Signer] = DEFAULT_SIGNERS,
    progress: Any = None,
    place_date: str | None = None,
) -> Path:
    """A4 landscape pages for signing: title, the table with its header on every page, unit
    sub-headings, totals, page numbers and the signature block. `progress.advance(n)` per page
    of rows."""

    def write(tmp: Path) -> None:
        pdf = _recap_pdf(recap, unit)
        pdf.add_page()
        line_h = 5.0
        grid = _Grid(pdf, line_h)
        current_unit = None
        done = 0
        for n, r in enumerate(recap["pegawai"], 1):
            if pdf.will_page_break(line_h * 2):
                grid.close()
                pdf.add_page()
                if progress is not None:
                    progress.advance(n - 1 - done)
                    done = n - 1
            if r["unit"] != current_unit:
                current_unit = r["unit"]
                grid.close()
                pdf.set_font("Helvetica", "B", 7)
                pdf.cell(
                    sum(c[1] for c in _PDF_COLS),
                    line_h,
                    _latin1(current_unit),
                    border=1,
                    new_x="LMARGIN",
                    new_y="NEXT",
                )
                pdf.set_font("Helvetica", "", 7)
            texts = [_latin1(value(n, r)) for _, _, _, value in _PDF_COLS]
            texts[2] = _fit(pdf, texts[2], _PDF_COLS[2][1] - 1)  # Nama
            grid.row(texts)
        grid.close()
        if pdf.will_page_break(line_h):
            pdf.add_page()
        pdf.set_font("Helvetica", "B", 7)
        label_w = sum(c[1] for c in _PDF_COLS[:-4])
        pdf.cell(label_w, line_h, "JUMLAH", border=1, align="R")
        for key in ("pagu_tpp", "tpp_kinerja", "tpp_disiplin", "tpp_total"):
            pdf.cell(19, line_h, format_number(recap["total"][key]), border=1, align="R")
        pdf.ln(line_h)
        if pdf.will_page_break(40):
            pdf.show_columns = False  # a page of signatures only: no empty table header
            pdf.add_page()
        pdf.ln(6)
        _pdf_signatures(pdf, signers, place_date)
        pdf.output(str(tmp))

    return _replace_into(target, write)


class _Grid:
    """Table rows drawn as plain text plus rules: a bordered cell() per value costs fpdf2 about
    three times as much, which shows over a province (tens of thousands of rows). Column rules are
    drawn once per run of rows (closed before a page break, a unit heading or the totals)."""

    def __init__(self, pdf, line_h: float) -> None:
        self.pdf, self.h = pdf, line_h
        self.xs = [pdf.l_margin]
        for _, width, _, _ in _PDF_COLS:
            self.xs.append(self.xs[-1] + width)
        self.aligns = [c[2] for c in _PDF_COLS]
        self.top: float | None = None

    def row(self, texts: Sequence[str]) -> None:
        pdf, xs = self.pdf, self.xs
        y = pdf.get_y()
        if self.top is None:
            self.top = y
            pdf.line(xs[0], y, xs[-1], y)
        base = y + self.h * 0.7
        for i, t in enumerate(texts):
            if not t:
                continue
            x, w, a = xs[i], xs[i + 1] - xs[i], self.aligns[i]
            if a == "L":
                pdf.text(x + 1, base, t)
            else:
                sw = _width(pdf, t)
                pdf.text(x + w - 1 - sw if a == "R" else x + (w - sw) / 2, base, t)
        pdf.line(xs[0], y + self.h, xs[-1], y + self.h)
        pdf.set_y(y + self.h)

    def close(self) -> None:
        if self.top is None:
            return
        bottom = self.pdf.get_y()
        for x in self.xs:
            self.pdf.line(x, self.top, x, bottom)
        self.top = None


def _width(pdf, text: str) -> float:
    """fpdf2's get_string_width, computed once per distinct character and font: get_string_width
    parses each string anew (about 30 µs), and a province's recap right-aligns over a million
    cells. For the core fonts (what the recap uses) fpdf2's width is the sum of the characters'
    integer widths x size x 0.001 / k; that same arithmetic on the same integers gives the same
    float, so the same pages (tests/io/test_export.py holds the two equal). Any other font or
    text setting: get_string_width itself, cached per string."""
    font = (pdf.font_family, pdf.font_style, pdf.font_size_pt)
    cache = pdf.__dict__.setdefault("_kerja_widths", {})
    plain = not pdf.is_ttf_font and pdf.font_stretching == 100 and pdf.char_spacing == 0
    if not plain:
        w = cache.get((font, text))
        if w is None:
            w = cache[(font, text)] = pdf.get_string_width(text)
        return float(w)
    units = cache.get(font)
    if units is None:
        units = cache[font] = {}
    size = pdf.font_size_pt
    total = 0
    for c in text:
        u = units.get(c)
        if u is None:
            # back from the one-character width to the font's integer width of c
            u = units[c] = round(pdf.get_string_width(c) * pdf.k / (size * 0.001))
        total += u
    return float(total * size * 0.001 / pdf.k)


def _fit(pdf, text: str, width: float) -> str:
    if _width(pdf, text) <= width:
        return text
    while text and _width(pdf, text + "..") > width:
        text = text[:-1]
    return text + ".."


def _recap_pdf(recap: Mapping[str, Any], unit: str | None):
    from fpdf import FPDF

    title = f"REKAPITULASI TPP BULAN {month_title(recap['bulan']).upper()}"
    subtitle = _latin1(f"{recap['instansi']} - Unit: {unit or 'Semua unit'}")

    class RecapPDF(FPDF):
        show_columns = True

        def header(self) -> None:
            self.set_font("Helvetica", "B", 11)
            self.cell(0, 6, title, align="C", new_x="LMARGIN", new_y="NEXT")
            self.set_font("Helvetica", "", 9)
            self.cell(0, 5, subtitle, align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(2)
            if not self.show_columns:
                return
            self.set_font("Helvetica", "B", 6.5)
            self.set_fill_color(221, 235, 247)
            for header, width, _, _ in _PDF_COLS:
                self.cell(width, 7, header, border=1, align="C", fill=True)
            self.ln(7)
            self.set_font("Helvetica", "", 7)

        def footer(self) -> None:
            self.set_y(-10)
            self.set_font("Helvetica", "I", 7)
            self.cell(0, 5, f"Halaman {self.page_no()} dari {{nb}}", align="C")

    pdf = RecapPDF(orientation="L", unit="mm", format="A4")
    pdf.set_margins(10, 10, 10)
    pdf.set_auto_page_break(True, margin=14)
    pdf.set_title(title)
    pdf.set_creator("kerja")
    return pdf


def _pdf_signatures(pdf, signers: Sequence[Signer], place_date: str | None = None) -> None:
    """The signers side by side; the place and date line, when given, above the last one."""
    width = (pdf.w - pdf.l_margin - pdf.r_margin) / len(signers)
    y = pdf.get_y()
    if place_date:
        pdf.set_font("Helvetica", "", 9)
        pdf.set_xy(pdf.l_margin + (len(signers) - 1) * width, y)
        pdf.cell(width, 5, _latin1(place_date), align="C")
        y += 5
    for i, s in enumerate(signers):
        x = pdf.l_margin + i * width
        pdf.set_xy(x, y)
        pdf.set_font("Helvetica", "B", 9)
        pdf.multi_cell(width, 4.5, _latin1(s.jabatan), align="C")
        pdf.set_xy(x, y + 22)
        pdf.cell(width, 5, _latin1(s.nama) if s.nama else "(" + "." * 40 + ")", align="C")
        pdf.set_font("Helvetica", "", 9)
        pdf.set_xy(x, y + 27)
        pdf.cell(width, 5, f"NIP. {s.nip}" if s.nip else "NIP. " + "." * 30, align="C")
    pdf.set_xy(pdf.l_margin, y + 33)


def place_date_line(tempat: str | None, tanggal: Any) -> str | None:
    """'Sungai Lestari, 5 Maret 2021'; a date without a place, or a place with a dotted date to
    fill in by hand; None when neither is given."""
    if not tempat and tanggal is None:
        return None
    when = f"{tanggal.day} {BULAN[tanggal.month - 1]} {tanggal.year}" if tanggal else "." * 20 + " 20...."
    return f"{tempat}, {when}" if tempat else when
