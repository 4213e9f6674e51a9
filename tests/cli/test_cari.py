"""Names where a NIP goes (issue 13): `pegawai cari TEKS` by name, NIP fragment or unit, accents
and case aside; a unique name is accepted by every command that takes a NIP, several or none
are refused with the candidates named."""

from __future__ import annotations

import json

import pytest

MAYA = "198503152010012004"
SARINAH = "198601012010012005"
DEDE = "197001012000031001"


@pytest.fixture
def people(kerja, store, tmp_path):
    f = tmp_path / "p.csv"
    f.write_text(
        "NIP;Nama;Unit Kerja;Eselon;NIP Atasan\n"
        f"{DEDE};Dédé Kurniawan;Dinas Kominfo;II.b;\n"
        f"{MAYA};Maya Sari;Dinas Kominfo > Bidang Aplikasi;;{DEDE}\n"
        f"{SARINAH};Maya Sarinah;Dinas Kominfo > Bidang Statistik;;{DEDE}\n",
        encoding="utf-8",
    )
    kerja("pegawai", "impor", f)
    return store


def found(kerja, *args: str) -> list[str]:
    return [r["nip"] for r in json.loads(kerja("pegawai", "cari", *args, "--json").stdout)]


def test_cari_by_name_nip_and_unit(kerja, people):
    assert found(kerja, "maya") == [MAYA, SARINAH]
    assert found(kerja, "DEDE") == [DEDE], "accents and case aside"
    assert found(kerja, "20100120") == [MAYA, SARINAH], "a NIP fragment"
    assert found(kerja, "maya statistik") == [SARINAH], "every word, in the name or the unit"
    out = kerja("pegawai", "cari", "maya").stdout
    assert "Maya Sari" in out and "Bidang Aplikasi" in out
    r = kerja("pegawai", "cari", "zulkifli", code=1)
    assert "Tidak ada pegawai" in r.stderr


def test_a_unique_name_stands_for_the_nip(kerja, people):
    shown = json.loads(kerja("pegawai", "lihat", "Maya Sari", "--json").stdout)
    assert shown["nip"] == MAYA, "the exact name wins over Maya Sarinah"
    assert json.loads(kerja("pegawai", "lihat", "sarinah", "--json").stdout)["nip"] == SARINAH
    kerja("presensi", "masuk", "dede kurniawan", "--waktu", "2021-02-01 07:20", "--oleh", "petugas")
    events = json.loads(kerja("presensi", "daftar", DEDE, "--json").stdout)
    assert [e["waktu"][:16] for e in events] == ["2021-02-01T07:20"]


def test_an_ambiguous_or_unknown_name_is_refused_with_candidates(kerja, people):
    r = kerja("pegawai", "lihat", "Maya", code=1)
    assert "cocok dengan 2 pegawai" in r.stderr and MAYA in r.stderr and SARINAH in r.stderr
    assert "Traceback" not in r.stderr
    r = kerja("pegawai", "lihat", "MayaSari", code=1)
    assert "Pegawai dengan NIP MayaSari tidak ditemukan" in r.stderr
    assert "kerja pegawai cari" in r.stderr
    r = kerja("presensi", "masuk", "Maya", "--waktu", "2021-02-01 07:20", "--oleh", "x", code=1)
    assert json.loads(kerja("presensi", "daftar", MAYA, "--json").stdout) == [], "nothing written"
