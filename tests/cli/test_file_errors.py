"""File-format errors in the clerk's language (issue 13): a broken xlsx or TOML is named as
"berkas X bukan xlsx/TOML yang sah", with the line and column for TOML, and never the English
of the library that read it ("invalid Zip archive: Could not find EOCD", "Expected '='")."""

from __future__ import annotations

import pytest

from helpers import db_bytes

ENGLISH = ("EOCD", "Zip", "Expected", "Invalid", "at line", "column 1)")


def no_english(text: str) -> None:
    assert not [w for w in ENGLISH if w in text], text


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"PK\x03\x04 terpotong", "arsip Excel-nya rusak atau terpotong"),
        (b"NIP;Nama\n198212292020011007;Rina\n", "isinya teks biasa (CSV?)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "format Excel lama (.xls)"),
        (b"", "kosong"),
    ],
)
def test_a_file_that_is_not_xlsx(kerja, store, tmp_path, content, why):
    f = tmp_path / "pegawai.xlsx"
    f.write_bytes(content)
    before = db_bytes(store)
    r = kerja("pegawai", "impor", f, code=1)
    assert "berkas pegawai.xlsx bukan xlsx yang sah" in r.stderr or "kosong" in r.stderr
    assert why in r.stderr
    no_english(r.stderr)
    assert db_bytes(store) == before


def test_toml_errors_name_line_and_column_in_indonesian(kerja, store, tmp_path):
    f = tmp_path / "aturan.toml"
    f.write_text('[presensi]\ntk = 3\nmasuk "07:30"\n', encoding="utf-8")
    r = kerja("aturan", "pasang", f, "--mulai", "2021-03", code=1)
    assert (
        "berkas aturan.toml bukan TOML yang sah: baris 3, kolom 7: sesudah nama kunci harus ada '='"
        in r.stderr
    )
    no_english(r.stderr)
    k = tmp_path / "edaran.toml"
    k.write_text('nama = "uji"\n[kuota]\n[kuota]\n', encoding="utf-8")
    r = kerja("kebijakan", "tambah", k, code=1)
    assert "baris 3" in r.stderr and "bagian [kuota] ditulis dua kali" in r.stderr
    no_english(r.stderr)
