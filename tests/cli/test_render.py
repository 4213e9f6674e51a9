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


def test_wide_table_becomes_blocks_on_80_columns(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    render.table("Presensi 2021-02-03", COLUMNS, [ROW, ROW])
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert lines[1] == "197508172000031002  Ani Lestari, S.Kom."
    assert "Unit: Dinas Kesehatan > Bidang P2P; Jadwal: WFO; Kode: H; Masuk: 07:41" in out
    assert "Catatan: tidak sesuai jadwal" in out.replace("\n    ", " ")


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
