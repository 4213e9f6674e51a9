"""Hostile input: every value that used to slip through (nan, inverted hours) or end in
"kesalahan internal" is refused with exit 1 and an Indonesian message naming it."""

from __future__ import annotations

import pytest

from helpers import db_bytes

pytestmark = pytest.mark.hostile

STAF = "198504042010011004"


def refused(result, *names: str) -> None:
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "kesalahan internal" not in result.stderr, result.stderr
    assert result.stderr.startswith("Galat:"), result.stderr
    for n in names:
        assert n in result.stderr, (n, result.stderr)


@pytest.mark.parametrize(
    ("toml", "names"),
    [
        ("[presensi]\ntk = nan\n", ["presensi.tk", "nan"]),
        ("[presensi]\ntanpa_masuk = nan\n", ["presensi.tanpa_masuk", "nan"]),
        ("[presensi]\ntanpa_pulang = inf\n", ["presensi.tanpa_pulang", "inf"]),
        ("[presensi]\ntl = [[1, 30, nan], [31, 1440, 1.0]]\n", ["presensi.tl[0]", "nan"]),
        ("[presensi]\npsw = [[1, inf, 0.5]]\n", ["presensi.psw[0]", "inf"]),
        ("[presensi]\npotongan_status = { CB = nan }\n", ["presensi.potongan_status.CB", "nan"]),
        ("[presensi]\ntk = 101\n", ["presensi.tk", "101"]),
        ("[kinerja]\nmenit_per_hari = inf\n", ["kinerja.menit_per_hari", "inf"]),
        ("[kinerja]\nmenit_per_hari = 100000\n", ["kinerja.menit_per_hari", "100000"]),
        ("[tpp]\nbobot_kinerja = nan\nbobot_disiplin = 40\n", ["tpp.bobot_kinerja", "nan"]),
        ('[jam_kerja]\nmasuk = "17:00"\npulang = "08:00"\n', ["jam_kerja.pulang", "08:00", "17:00"]),
        ('[jam_kerja]\nmasuk = "09:00"\npulang_jumat = "08:30"\n', ["jam_kerja.pulang_jumat", "08:30"]),
        (
            "[[jam_kerja.khusus]]\nmulai = 2021-04-13\nsampai = 2021-05-12\n"
            'masuk = "15:00"\npulang = "08:00"\n',
            ["jam_kerja.khusus[0].pulang", "08:00"],
        ),
        ('[jam_kerja]\nhari = ["Sen", "Funday"]\n', ["jam_kerja.hari", "Funday"]),
    ],
)
def test_rules_refused_naming_key_and_value(kerja, store, tmp_path, toml, names):
    f = tmp_path / "aturan.toml"
    f.write_text(toml, encoding="utf-8")
    before = db_bytes(store)
    refused(kerja("aturan", "pasang", f, code=None), *names)
    assert db_bytes(store) == before
    # The same check guards a new store.
    refused(kerja("--db", tmp_path / "baru.db", "init", "--aturan", f, code=None), *names)
    assert not (tmp_path / "baru.db").exists()


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ("[kuota]\nwfo_persen = nan\n", ["kuota.wfo_persen", "nan"]),
        ("[kuota]\nwfo_persen = inf\n", ["kuota.wfo_persen", "inf"]),
        ("[kuota]\nwfo_persen = 150\n", ["kuota.wfo_persen", "150"]),
        ("[cakupan]\nmin_wfo_per_unit = nan\n", ["cakupan.min_wfo_per_unit", "nan"]),
        ("[wfh_wajib]\nusia_min = inf\n", ["wfh_wajib.usia_min", "inf"]),
        ('[wfh_wajib]\nkondisi = ["odp", "flu"]\n', ["wfh_wajib.kondisi", "flu"]),
    ],
)
def test_circulars_refused_naming_key_and_value(kerja, store, tmp_path, body, names):
    f = tmp_path / "k.toml"
    f.write_text(f'nama = "uji"\nmulai = 2021-02-01\nsampai = 2021-02-28\n{body}', encoding="utf-8")
    refused(kerja("kebijakan", "tambah", f, code=None), *names)


def test_tpp_beyond_any_ceiling(kerja, store, tmp_path):
    f = tmp_path / "p.csv"
    f.write_text(f"NIP;Nama;Unit;TPP\n{STAF};Ani;Dinas;100000000000000000000\n", encoding="utf-8")
    refused(kerja("pegawai", "impor", f, code=None), "baris 2", "TPP", "100000000000000000000")
    f.write_text(f"NIP;Nama;Unit;TPP\n{STAF};Ani;Dinas;3500000\n", encoding="utf-8")
    kerja("pegawai", "impor", f)
    refused(
        kerja("pegawai", "ubah", STAF, "--tpp", "100000000000000000000", "--alasan", "x", code=None),
        "100000000000000000000",
    )


def test_huge_csv_cell(kerja, store, tmp_path):
    f = tmp_path / "p.csv"
    f.write_text(f"NIP;Nama;Unit\n{STAF};{'x' * 140_000};Dinas\n", encoding="utf-8")
    refused(kerja("pegawai", "impor", f, code=None), "baris 2", "128 KiB")
    online = tmp_path / "daring.csv"
    online.write_text(f"nip,waktu\n{STAF},{'1' * 140_000}\n", encoding="utf-8")
    refused(kerja("presensi", "impor", online, "--format", "csv", code=None), "baris 2", "128 KiB")


def test_nul_in_names_refused(kerja, store, tmp_path):
    f = tmp_path / "p.csv"
    f.write_text(f"NIP;Nama;Unit\n{STAF};Ani\x00B;Dinas\x00X\n", encoding="utf-8")
    refused(kerja("pegawai", "impor", f, code=None), "baris 2", "Nama", "\\x00")


def test_control_character_beside_numbers_refused():
    # Cells as a spreadsheet reader hands them over: numbers and dates are not text, so the
    # whole-file search for control characters must still see the escape in the text cell beside
    # them. (openpyxl will not write such a cell, so the rows are given to the parser directly.)
    from datetime import date

    from kerja.domain.employees import map_headers, parse_rows

    hm = map_headers(["NIP", "Nama", "Unit", "TPP", "Tanggal Lahir"])
    clean = [STAF, "Ani", "Dinas", 2_500_000, date(1985, 1, 1)]
    parsed = parse_rows([(2, clean), (3, ["198504042010012005", "Ani\x1b[31mB", "Dinas", 1, None])], hm)
    assert [row for row, _ in parsed.employees] == [2]
    assert [(p.baris, p.kolom, p.nilai) for p in parsed.problems] == [(3, "Nama", "Ani\x1b[31mB")]
    assert "\\x1b" in parsed.problems[0].alasan


@pytest.mark.parametrize("month", ["0000-01", "0000-12", "10000-01"])
def test_month_out_of_range(kerja, store, month):
    refused(kerja("rekap", "bulanan", "--bulan", month, code=None), month)
    refused(kerja("rekap", "rincian", STAF, "--bulan", month, code=None), month)


def test_kondisi_names_the_value(kerja, store, tmp_path):
    f = tmp_path / "p.csv"
    f.write_text(f"NIP;Nama;Unit\n{STAF};Ani;Dinas\n", encoding="utf-8")
    kerja("pegawai", "impor", f)
    refused(kerja("kondisi", "tambah", STAF, "--jenis", "flu", code=None), "flu")


@pytest.mark.parametrize(
    "messy, tidy",
    [
        ("Budi  Santoso", "Budi Santoso"),  # two spaces running
        ("Budi\tSantoso", "Budi Santoso"),  # a tab
        ("Budi\u00a0Santoso", "Budi Santoso"),  # a non-breaking space from a web page
        (" Budi Santoso", "Budi Santoso"),  # a space at the front
        ("Budi Santoso ", "Budi Santoso"),  # a space at the end
    ],
)
def test_one_untidy_cell_among_tidy_ones_is_tidied(messy, tidy):
    # Whether any cell needs its whitespace tidied is decided once for the whole file: one such
    # cell after many tidy rows must still be tidied, and an empty cell must still read as empty.
    from kerja.domain.employees import map_headers, parse_rows
    from kerja.io.tables import read_csv_text

    text = "NIP;Nama;Unit;Jabatan\n" + f"{STAF};Ani;Dinas;\n" + f'198504042010012005;"{messy}";Dinas;Staf\n'
    header, *cells = read_csv_text(text)
    parsed = parse_rows(list(enumerate(cells, 2)), map_headers(header))
    assert not parsed.problems
    names = {e.nip: (e.nama, e.jabatan) for _, e in parsed.employees}
    assert names == {STAF: ("Ani", None), "198504042010012005": (tidy, "Staf")}
