"""The recap writers on a hand-made recap: cell by cell, formula-safe, atomic."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from kerja.io import export
from kerja.io.safe import safe_cell


def _row(nip: str, nama: str, unit: str, total: int, **over) -> dict:
    base = {
        "nip": nip,
        "nama": nama,
        "unit": unit,
        "hari_kerja": 20,
        "hadir_wfo": 5,
        "hadir_wfh": 13,
        "sakit": 0,
        "izin": 1,
        "cuti": 0,
        "dinas_luar": 0,
        "tk": 1,
        "tl": [2, 0, 0, 0],
        "psw": [0, 0, 0, 1],
        "potongan_disiplin_persen": 6.0,
        "menit_kinerja": 5400,
        "target_menit": 5700,
        "capaian_kinerja_persen": 94.74,
        "pagu_tpp": 3_500_000,
        "tpp_kinerja": 1_989_474,
        "tpp_disiplin": 1_316_000,
        "tpp_total": total,
        "tk_tahun_ini": 1,
        "peringatan": None,
    }
    return base | over


RECAP = {
    "instansi": "Dinas Uji",
    "bulan": "2021-02",
    "pegawai": [
        _row("197508172000031002", '=HYPERLINK("http://x")', "Dinas > Bidang A", 3_305_474),
        _row(
            "198504042010011004",
            "Ani, S.Kom",
            "Dinas > Bidang B",
            3_305_474,
            tk_tahun_ini=4,
            peringatan="teguran tertulis",
        ),
    ],
    "total": {
        "pagu_tpp": 7_000_000,
        "tpp_kinerja": 3_978_948,
        "tpp_disiplin": 2_632_000,
        "tpp_total": 6_610_948,
    },
}


def test_safe_cell():
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("-x") == "'-x" and safe_cell("+x") == "'+x"
    assert safe_cell(-5) == -5 and safe_cell("Ani") == "Ani" and safe_cell(None) is None


def test_csv_bom_semicolon_decimal_comma_and_safe():
    text = export.csv_text(RECAP)
    assert text.startswith("\ufeffNo;NIP;Nama;Unit;Hari Kerja;")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 3 and len(rows[0]) == len(export.HEADERS) == 30
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Nama"].startswith("'=HYPERLINK")
    assert first["Capaian Kinerja (%)"] == "94,74" and first["TPP Total"] == "3305474"
    assert first["TL1"] == "2" and first["PSW4"] == "1" and first["Peringatan"] == ""
    comma = export.csv_text(RECAP, pemisah=",")
    assert "94.74" in comma and '"Ani, S.Kom"' in comma


def test_xlsx_cell_by_cell(tmp_path):
    import openpyxl

    path = export.save_xlsx(
        RECAP,
        tmp_path / "r.xlsx",
        unit="Dinas",
        signers=[
            export.Signer("Kepala OPD", "Budi", "196801011990031001"),
            export.Signer("Bendahara Pengeluaran"),
            export.Signer("Pengelola Kepegawaian"),
        ],
    )
    assert not list(tmp_path.glob(".*sebagian"))
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws["A1"].value == "Dinas Uji"
    assert ws["A2"].value == "REKAPITULASI TPP BULAN FEBRUARI 2021"
    assert ws["A3"].value == "Unit: Dinas"
    hr = export.TITLE_ROWS + 1
    headers = [c.value for c in ws[hr]]
    assert headers == export.HEADERS
    col = {h: i + 1 for i, h in enumerate(headers)}
    r1 = hr + 1
    assert ws.cell(r1, col["No"]).value == 1
    assert ws.cell(r1, col["NIP"]).value == "197508172000031002"
    assert ws.cell(r1, col["Nama"]).value.startswith("'=")
    assert ws.cell(r1, col["Nama"]).data_type == "s"
    assert ws.cell(r1, col["Hari Kerja"]).value == 20
    assert ws.cell(r1, col["TL1"]).value == 2
    assert ws.cell(r1, col["Capaian Kinerja (%)"]).value == 94.74
    cell = ws.cell(r1, col["TPP Kinerja"])
    assert cell.value == 1_989_474 and "#,##0" in cell.number_format and "Rp" in cell.number_format
    assert ws.cell(r1 + 1, col["Peringatan"]).value == "teguran tertulis"
    tr = r1 + 2
    assert ws.cell(tr, col["Nama"]).value == "JUMLAH"
    assert ws.cell(tr, col["TPP Total"]).value == 6_610_948
    assert ws.cell(tr, col["Pagu TPP"]).value == 7_000_000
    texts = [c.value for row in ws.iter_rows(min_row=tr + 1) for c in row if c.value]
    for expected in (
        "Kepala OPD",
        "Bendahara Pengeluaran",
        "Pengelola Kepegawaian",
        "Budi",
        "NIP. 196801011990031001",
    ):
        assert expected in texts
    assert sum(1 for t in texts if str(t).startswith("NIP. ")) == 3
    assert ws.freeze_panes == f"D{hr + 1}"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.print_title_rows == f"${hr}:${hr}"


def test_pdf_has_the_nips_on_a4_landscape(tmp_path):
    import pypdf

    many = dict(
        RECAP,
        pegawai=[RECAP["pegawai"][i % 2] | {"nip": f"{198000000000000000 + i}"} for i in range(70)],
    )
    path = export.save_pdf(many, tmp_path / "r.pdf", unit=None)
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) >= 2
    box = reader.pages[0].mediabox
    assert round(float(box.width)) == 842 and round(float(box.height)) == 595  # A4 landscape
    text = "\n".join(p.extract_text() for p in reader.pages)
    for i in range(70):
        assert f"{198000000000000000 + i}" in text
    assert "Halaman 1 dari" in text and "Bendahara Pengeluaran" in text
    # the table header is repeated on the second page
    assert "TPP Disiplin" in reader.pages[1].extract_text()


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=255, blacklist_categories=("Cc",))),
    font=st.sampled_from(
        [("Helvetica", "", 7), ("Helvetica", "B", 6.5), ("Helvetica", "I", 9), ("Times", "", 11)]
    ),
)
def test_pdf_widths_from_cached_character_widths_are_fpdf2s_own(text, font):
    # The recap's right-aligned cells are placed with export._width; it must give exactly the
    # float fpdf2's get_string_width gives, or the pages would move.
    from fpdf import FPDF

    from kerja.io.export import _width

    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.add_page()
    pdf.set_font(*font)
    assert _width(pdf, text) == pdf.get_string_width(text)
    assert _width(pdf, text) == pdf.get_string_width(text)  # the second time from the cache
