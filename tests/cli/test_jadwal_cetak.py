"""kerja jadwal cetak (issue 13 item 5): the notice-board roster in pdf and xlsx, names x days per
unit, words not codes, reasons as a legend, A4 landscape, the place/date line and the signer's
full jabatan; and the same signature block on the recap (item 9). Read back with pypdf and
openpyxl; the expected cells come from the stored roster (`jadwal ekspor --format json`) through
the words written here."""

from __future__ import annotations

import json

from helpers import write

UNIT = "Seksi Statistik Sektoral"
HEAD = "197011252000052004"  # the demo's Kepala Dinas
WEEK = ("--mulai", "2021-02-01", "--sampai", "2021-02-05")
WORD = {"WFO": "Kantor", "WFH": "Rumah"}


def stored(kerja, db):
    """name -> [(lokasi, alasan)] per day of the week, from the stored roster."""
    rows = json.loads(kerja("--db", db, "jadwal", "ekspor", "--format", "json", "--unit", UNIT, *WEEK).stdout)
    out: dict[str, list[tuple[str, str]]] = {}
    for r in rows:
        out.setdefault(r["nama"], []).append((r["lokasi"], r["alasan"]))
    return out


def test_cetak_xlsx_words_legend_a4_and_signature(kerja, demo_db, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "papan.xlsx"
    args = ("--unit", UNIT, *WEEK, "--keluar", out, "--kepala", HEAD)
    r = kerja(
        "--db",
        demo_db,
        "jadwal",
        "cetak",
        "--format",
        "xlsx",
        *args,
        "--tempat",
        "Sungai Lestari",
        "--tanggal-ttd",
        "2021-01-29",
    )
    assert "x 5 hari kerja" in r.stdout
    ws = load_workbook(out).active
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert ["Sen 01/02", "Sel 02/02", "Rab 03/02", "Kam 04/02", "Jum 05/02"] == [
        ws.cell(cells["Nama"].row, 3 + k).value for k in range(5)
    ]
    legend = {v[1 : v.index(")")]: v for v in cells if v.startswith("(") and ") " in v}
    texts = [str(c.value or "") for row in ws.iter_rows() for c in row]
    assert not any("rotasi" in t or "wfh-wajib" in t or "cakupan" == t for t in texts)
    for name, days in stored(kerja, demo_db).items():
        got = [ws.cell(cells[name].row, 3 + k).value for k in range(5)]
        for (lokasi, alasan), cell in zip(days, got, strict=True):
            word, _, note = cell.partition(" (")
            assert word == WORD[lokasi], (name, cell)
            if alasan in ("rotasi", "rotasi-wfh"):
                assert not note
            else:  # explained in the legend, in words
                explained = legend[note.rstrip(")")]
                assert {"wfh-wajib:usia": "usia", "cakupan": "layanan", "pejabat": "pejabat"}[
                    alasan
                ] in explained
    assert any(v.startswith("Kantor = bekerja di kantor") for v in cells)
    assert "Sungai Lestari, 29 Januari 2021" in cells
    assert "Kepala Dinas Komunikasi dan Informatika" in cells  # the signer's stored jabatan
    assert f"NIP. {HEAD}" in cells


def test_cetak_pdf_is_a4_landscape_with_the_names_and_words(kerja, demo_db, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "papan.pdf"
    kerja(
        "--db",
        demo_db,
        "jadwal",
        "cetak",
        "--format",
        "pdf",
        "--unit",
        UNIT,
        *WEEK,
        "--keluar",
        out,
        "--tempat",
        "Sungai Lestari",
    )
    reader = PdfReader(out)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape in pt
    text = "\n".join(p.extract_text() for p in reader.pages)
    week = stored(kerja, demo_db)
    for name in week:
        assert name in text
    assert "Kantor" in text and "Rumah" in text and "rotasi" not in text and "wfh-wajib" not in text
    assert "usia" in text  # the legend says why in words
    assert "Sungai Lestari, " in text and "Kepala OPD" in text  # no --kepala: the role, dotted lines
    assert "NIP. ....." in text


def test_cetak_refuses_an_existing_file_and_an_unknown_format(kerja, demo_db, tmp_path):
    out = write(tmp_path / "ada.pdf", "lama")
    r = kerja("--db", demo_db, "jadwal", "cetak", "--format", "pdf", *WEEK, "--keluar", out, code=1)
    assert "--timpa" in r.stderr and out.read_text() == "lama"
    r = kerja("--db", demo_db, "jadwal", "cetak", "--format", "csv", *WEEK, code=1)
    assert "pdf atau xlsx" in r.stderr


def test_recap_signature_block_place_date_and_full_jabatan(kerja, demo_db, tmp_path):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    rules = write(
        tmp_path / "ttd.toml",
        '[tanda_tangan]\ntempat = "Sungai Lestari"\n'
        'jabatan_bendahara = "Bendahara Pengeluaran Dinas Komunikasi dan Informatika"\n',
    )
    db = tmp_path / "demo.db"
    db.write_bytes(demo_db.read_bytes())
    kerja("--db", db, "aturan", "pasang", rules, "--mulai", "2021-02")
    xlsx, pdf = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    common = ("--bulan", "2021-02", "--kepala", HEAD, "--tanggal-ttd", "2021-03-03")
    kerja("--db", db, "rekap", "bulanan", *common, "--format", "xlsx", "--keluar", xlsx)
    kerja(
        "--db", db, "rekap", "bulanan", *common, "--format", "pdf", "--keluar", pdf, "--tempat", "Tenggarong"
    )
    values = {c.value for row in load_workbook(xlsx).active.iter_rows() for c in row}
    assert "Sungai Lestari, 3 Maret 2021" in values  # the rule key's place
    assert "Kepala Dinas Komunikasi dan Informatika" in values
    assert "Bendahara Pengeluaran Dinas Komunikasi dan Informatika" in values
    assert "Pengelola Kepegawaian" in values  # nothing given: the role
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Tenggarong, 3 Maret 2021" in text  # --tempat over the rule key
    assert "Kepala Dinas Komunikasi dan Informatika" in text
