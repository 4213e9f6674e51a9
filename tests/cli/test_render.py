"""Output helpers: tables that fit the terminal, messages that wrap between words."""

from __future__ import annotations

from kerja.cli import render

COLUMNS = ["NIP", "Nama", "Unit", "Jadwal", "Kode", "Masuk", "Pulang", "Mode", "Telat", "Catatan"]
ROW = [
    "197508172000031002",
    "Ani Lestari, S.Kom.",
    "Dinas Kesehatan > Bidang P2P",
    "WFO",
    "H",
    "07:41",
    "16:05",
    "WFO",
    "11",
    "tidak sesuai jadwal",
]


def test_wide_table_is_one_line_a_row_on_80_columns(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    render.table("Presensi 2021-02-03", COLUMNS, [ROW, ROW])
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4, "title, header, one line per row"
    assert all(len(line) <= 80 for line in lines)
    assert lines[1].split() == COLUMNS
    assert lines[2].startswith("197508172000031002 ") and "07:41 16:05" in lines[2]
    assert "…" in lines[2], "the free text is cut, the identifier and the times are not"


def test_listing_cuts_names_only_when_too_narrow(capsys, monkeypatch):
    from kerja.cli.render import Col

    cols = [Col("NIP"), Col("Nama", cut=True, min=8), Col("Jadwal")]
    rows = [["197508172000031002", "Ani Lestari [/] [bold]Merah", "WFO"]]
    wide = render.listing_lines("t", cols, [("Dinas > Seksi", rows)], width=80)
    assert wide[1:] == [
        "NIP                 Nama                         Jadwal",
        "Dinas > Seksi",
        "197508172000031002  Ani Lestari [/] [bold]Merah  WFO",
    ]
    narrow = render.listing_lines("t", cols, [("Dinas > Seksi", rows)], width=40)
    # 40 = NIP 18 + 2 + name 12 + 2 + 'Jadwal' 6: the name gets 12 cells, the last one '…'.
    assert narrow[3] == "197508172000031002  Ani Lestari…  WFO"
    # A pipe without COLUMNS, or --lebar: no limit at all.
    monkeypatch.delenv("COLUMNS")
    assert render.listing_width() is None and render.listing_width(wide=True) is None


def test_indonesian_numbers():
    # 0.5 -> '0,5%'; 94.4666 to two places -> '94,47'; thousands with dots.
    assert render.persen(0.5) == "0,5%" and render.persen(12.0) == "12%"
    assert render.desimal(94.4666, 2) == "94,47" and render.desimal(1234.5) == "1.234,5"
    assert render.angka(420000) == "420.000" and render.rupiah(3900000) == "Rp 3.900.000"


def test_same_table_is_a_grid_when_it_fits(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    render.table("Presensi 2021-02-03", COLUMNS, [ROW])
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if "NIP" in line)
    assert header.split() == COLUMNS
    assert "Unit:" not in out


def test_narrow_table_never_breaks_an_identifier(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    render.table(None, ["NIP", "Nama", "Unit"], [ROW[:3]])
    out = capsys.readouterr().out
    assert "197508172000031002" in out and all(len(line) <= 60 for line in out.splitlines())


def test_say_keeps_whole_lines_off_a_terminal(capsys):
    text = "pegawai.xlsx: 120 baris terbaca; 120 ditambah, 0 diubah, 0 tetap, 0 dinonaktifkan. " * 2
    render.say(text)
    assert capsys.readouterr().out == text + "\n", "pipes and logs get the line as it is"
