"""The notice-board roster (`jadwal cetak`): per unit, names x working days, each cell a word
(Kantor, Rumah, Cuti, ...), the reasons as a numbered legend, A4 landscape, the place and date
line and the signature. PDF (fpdf2) and XLSX (xlsxwriter), written under a temporary name and
renamed into place like every export."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..domain.rules import HARI
from .export import Signer, _latin1, _pdf_signatures, _replace_into, _xlsx_signatures
from .safe import safe_cell

# A4 landscape (297 mm) minus margins: 277 mm; No + Nama take 60, a day column 9.4 mm at most.
DAYS_PER_BLOCK = 23
WORDS_LEGEND = "Kantor = bekerja di kantor (WFO); Rumah = bekerja dari rumah (WFH)"


def _blocks(days: Sequence[Any]) -> list[range]:
    """Day columns split into blocks that fit one page width (a month has at most 23 working days)."""
    return [range(i, min(len(days), i + DAYS_PER_BLOCK)) for i in range(0, len(days), DAYS_PER_BLOCK)]


def _title(board: Any) -> tuple[str, str]:
    return (
        "JADWAL KERJA PEGAWAI (WFO/WFH)",
        f"{board.instansi} - {board.mulai:%d/%m/%Y} s.d. {board.sampai:%d/%m/%Y}",
    )


def _day_head(d: Any) -> str:
    return f"{HARI[d.weekday()]} {d:%d/%m}"


def save_pdf(board: Any, target: Path, *, signers: Sequence[Signer], place_date: str | None) -> Path:
    def write(tmp: Path) -> None:
        from fpdf import FPDF

        title, subtitle = _title(board)
        pdf = FPDF(orientation="L", unit="mm", format="A4")
        pdf.set_margins(10, 10, 10)
        pdf.set_auto_page_break(True, margin=14)
        pdf.set_title(title)
        pdf.set_creator("kerja")
        usable = pdf.w - 20
        line_h = 5.0
        for block in _blocks(board.days):
            pdf.add_page()
            pdf.set_font("Helvetica", "B", 11)
            pdf.cell(0, 6, title, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Helvetica", "", 9)
            pdf.cell(0, 5, _latin1(subtitle), align="C", new_x="LMARGIN", new_y="NEXT")
            if board.judul:
                pdf.set_font("Helvetica", "I", 8)
                pdf.cell(0, 4, _latin1(board.judul), align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
            no_w, name_w = 8.0, 52.0
            day_w = (usable - no_w - name_w) / max(len(block), 1)
            day_w = min(day_w, 14.0)

            n = 0
            for unit, rows in board.units:
                if pdf.will_page_break(line_h * 3):
                    pdf.add_page()
                pdf.set_font("Helvetica", "B", 8)
                pdf.cell(0, line_h + 1, _latin1(unit), new_x="LMARGIN", new_y="NEXT")
                _pdf_head(pdf, board, block, no_w, name_w, day_w)
                for nama, _nip, cells in rows:
                    if pdf.will_page_break(line_h):
                        pdf.add_page()
                        _pdf_head(pdf, board, block, no_w, name_w, day_w)
                    n += 1
                    pdf.set_font("Helvetica", "", 7)
                    pdf.cell(no_w, line_h, str(n), border=1, align="R")
                    pdf.cell(name_w, line_h, _fit(pdf, _latin1(nama), name_w - 1), border=1)
                    for k in block:
                        word = _latin1(cells[k])
                        pdf.set_font("Helvetica", "", 6)
                        if pdf.get_string_width(word) > day_w - 0.6:
                            pdf.set_font("Helvetica", "", 4.5)
                        pdf.cell(day_w, line_h, word, border=1, align="C")
                    pdf.ln(line_h)
                pdf.ln(1)
        pdf.ln(2)
        if pdf.will_page_break(12 + 4 * len(board.legend)):
            pdf.add_page()
        pdf.set_font("Helvetica", "B", 8)
        pdf.cell(0, 4, "Keterangan:", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 8)
        for line in [WORDS_LEGEND, *board.legend]:
            pdf.cell(0, 4, _latin1(line), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        if pdf.will_page_break(40):
            pdf.add_page()
        _pdf_signatures(pdf, signers, place_date)
        pdf.output(str(tmp))

    return _replace_into(target, write)


def _pdf_head(pdf: Any, board: Any, block: range, no_w: float, name_w: float, day_w: float) -> None:
    pdf.set_font("Helvetica", "B", 6.5)
    pdf.set_fill_color(221, 235, 247)
    pdf.cell(no_w, 6, "No", border=1, align="C", fill=True)
    pdf.cell(name_w, 6, "Nama", border=1, align="C", fill=True)
    for k in block:
        pdf.cell(day_w, 6, _day_head(board.days[k]), border=1, align="C", fill=True)
    pdf.ln(6)


def _fit(pdf: Any, text: str, width: float) -> str:
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "..") > width:
        text = text[:-1]
    return text + ".."


def save_xlsx(board: Any, target: Path, *, signers: Sequence[Signer], place_date: str | None) -> Path:
    def write(tmp: Path) -> None:
        import xlsxwriter

        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False})
        bold = wb.add_format({"bold": True})
        big = wb.add_format({"bold": True, "font_size": 13})
        head = wb.add_format(
            {"bold": True, "border": 1, "align": "center", "valign": "vcenter", "bg_color": "#DDEBF7"}
        )
        cell = wb.add_format({"border": 1, "align": "center"})
        text = wb.add_format({"border": 1})
        num = wb.add_format({"border": 1, "num_format": "0"})
        title, subtitle = _title(board)
        ws = wb.add_worksheet("Jadwal")
        ws.write_string(0, 0, title, big)
        ws.write_string(1, 0, safe_cell(subtitle), bold)
        row = 2
        if board.judul:
            ws.write_string(row, 0, safe_cell(board.judul))
            row += 1
        row += 1
        last_col = 1 + len(board.days)
        n = 0
        for unit, rows in board.units:
            ws.write_string(row, 0, safe_cell(unit), bold)
            row += 1
            ws.write_string(row, 0, "No", head)
            ws.write_string(row, 1, "Nama", head)
            for k, d in enumerate(board.days):
                ws.write_string(row, 2 + k, _day_head(d), head)
            row += 1
            for nama, _nip, cells in rows:
                n += 1
                ws.write_number(row, 0, n, num)
                ws.write_string(row, 1, safe_cell(nama), text)
                for k, c in enumerate(cells):
                    ws.write_string(row, 2 + k, c, cell)
                row += 1
            row += 1
        ws.write_string(row, 0, "Keterangan:", bold)
        for line in [WORDS_LEGEND, *board.legend]:
            row += 1
            ws.write_string(row, 0, safe_cell(line))
        ws.set_column(0, 0, 5)
        ws.set_column(1, 1, 32)
        ws.set_column(2, last_col, 10)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
        ws.fit_to_pages(1, 0)
        ws.set_footer("&CHalaman &P dari &N")
        _xlsx_signatures(ws, row + 2, last_col, signers, bold, place_date)
        wb.close()

    return _replace_into(target, write)
