"""Names, units, descriptions and reasons are data: Rich markup in them is printed literally,
never parsed (a `[/]` used to crash every listing; `[link=...]` made a live hyperlink)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.hostile

ATASAN = "196801011990031001"
STAF = "198504042010011004"
NAMA = "Budi [/] [link=http://x.test/]Klik[/link] [bold red]Merah"
UNIT = "Dinas [/b] Uji"
URAIAN = "Rapat [/] [link=http://x.test/]tautan[/link]"


@pytest.fixture
def marked(kerja, store, tmp_path):
    f = tmp_path / "pegawai.csv"
    f.write_text(
        "NIP;Nama;Unit;Eselon;NIP Atasan;TPP\n"
        f"{ATASAN};Kepala [i]Dinas;{UNIT};II.a;;8000000\n"
        f'{STAF};"{NAMA}";{UNIT} > Seksi [red]1;;{ATASAN};3000000\n',
        encoding="utf-8",
    )
    kerja("pegawai", "impor", f)
    kerja("presensi", "masuk", STAF, "--waktu", "2021-02-01 07:20", "--oleh", ATASAN)
    kerja(
        "kinerja",
        "catat",
        STAF,
        "--tanggal",
        "2021-02-01",
        "--mulai",
        "08:00",
        "--selesai",
        "09:00",
        "--uraian",
        URAIAN,
    )
    return store


def literal(text: str, *fragments: str) -> None:
    flat = " ".join(text.split())
    for f in fragments:
        assert f in flat, f"{f!r} not printed literally in:\n{text}"


@pytest.mark.parametrize(
    "args",
    [
        ["pegawai", "daftar"],
        ["pegawai", "lihat", STAF],
        ["unit", "daftar"],
        ["presensi", "harian", "--tanggal", "2021-02-01"],
        ["kinerja", "daftar", "--menunggu"],
        ["rekap", "bulanan", "--bulan", "2021-02"],
        ["rekap", "rincian", STAF, "--bulan", "2021-02"],
        ["hari-ini", "--tanggal", "2021-02-01"],
        ["pegawai", "cari", "budi"],
    ],
)
def test_markup_in_data_prints_literally(kerja, marked, args):
    out = kerja(*args).stdout
    if args[0] == "kinerja":
        literal(out, "Rapat [/] [link=http://x.test/]tautan[/link]")
    elif args[:2] == ["unit", "daftar"]:
        literal(out, "Dinas [/b] Uji", "Seksi [red]1")
    elif args[:2] == ["rekap", "rincian"]:
        literal(out, "[link=http://x.test/]Klik[/link]")
    else:
        literal(out, "[link=http://x.test/]Klik[/link]", "[bold red]Merah")
    assert "\x1b]8;" not in out  # no terminal hyperlink escape


def test_markup_in_roster_and_reasons(kerja, marked, tmp_path):
    keb = tmp_path / "k.toml"
    keb.write_text(
        'nama = "uji"\njudul = "SE [/] uji"\nmulai = 2021-02-01\nsampai = 2021-02-05\n'
        "[kuota]\nwfo_persen = 50\n",
        encoding="utf-8",
    )
    kerja("kebijakan", "tambah", keb)
    kerja("jadwal", "buat", "--mulai", "2021-02-01", "--sampai", "2021-02-05", code=None)
    literal(
        kerja("jadwal", "lihat", "--mulai", "2021-02-01", "--sampai", "2021-02-05").stdout,
        "Budi [/] [link=http",
    )
    literal(kerja("kebijakan", "daftar").stdout, "SE [/] uji")
    kerja("jadwal", "ubah", STAF, "2021-02-02", "WFH", "--alasan", "rapat [/] [link=x]y[/link]")
    literal(kerja("audit").stdout, "rapat [/] [link=x]y[/link]")


@pytest.mark.parametrize(
    "args",
    [
        ["pegawai", "daftar"],
        ["presensi", "harian", "--tanggal", "2021-02-01"],
        ["hari-ini", "--tanggal", "2021-02-01"],
        ["kinerja", "daftar"],
        ["rekap", "bulanan", "--bulan", "2021-02"],
    ],
)
def test_markup_cut_on_a_narrow_terminal_is_still_text(kerja, marked, monkeypatch, args):
    """At 40 columns the names are cut in the middle of their '[...]': still printed as text,
    never parsed, never a crash."""
    monkeypatch.setenv("COLUMNS", "40")
    out = kerja(*args).stdout
    line = next(x for x in out.splitlines() if STAF in x or "Budi" in x)
    assert "Bu" in line  # cut (or whole), as text
    assert "\x1b]8;" not in out
