"""`--unit` matches one unit exactly: a path or a unique name, no LIKE wildcards, no case folding
(case-insensitive matches are only listed as candidates)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

# Three OPDs whose names differ by a LIKE wildcard (_) and by case, one person each with a pagu.
P1, P2, P3 = "197508172000031002", "198001012005011001", "198203152006042003"
EMPLOYEES = f"""NIP;Nama;Unit Kerja;Pagu TPP
{P1};Ani Lestari;Dinas_A > Bidang Umum;1.000.000
{P2};Budi Santoso;DinasXA > Bidang Umum;2.000.000
{P3};Citra Dewi;DINAS_A;3.000.000
"""


@pytest.fixture
def units(store: Path, kerja, tmp_path: Path) -> Path:
    f = tmp_path / "pegawai.csv"
    f.write_text(EMPLOYEES, encoding="utf-8")
    kerja("pegawai", "impor", str(f))
    # A punch each (the NIP as the machine PIN) starts the tracking on 2021-02-01.
    punches = tmp_path / "adms.txt"
    punches.write_text("".join(f"{n}\t2021-02-01 07:20:00\t0\t1\n" for n in (P1, P2, P3)))
    kerja("presensi", "impor", str(punches))
    return store


@pytest.mark.hostile  # issue 15: 'Dinas_A' matched DinasXA and DINAS_A (LIKE)
def test_rekap_unit_takes_exactly_one_opd(units, kerja):
    r = json.loads(
        kerja("rekap", "bulanan", "--bulan", "2021-02", "--unit", "Dinas_A", "--format", "json").stdout
    )
    assert [p["nip"] for p in r["pegawai"]] == [P1]
    # Only Ani's pagu: 1.000.000, not 1 + 2 + 3 million.
    assert r["total"]["pagu_tpp"] == 1_000_000


def test_pegawai_daftar_and_path_and_name(units, kerja):
    rows = json.loads(kerja("pegawai", "daftar", "--unit", "Dinas_A", "--json").stdout)
    assert [p["nip"] for p in rows] == [P1]
    rows = json.loads(kerja("pegawai", "daftar", "--unit", "DINAS_A", "--json").stdout)
    assert [p["nip"] for p in rows] == [P3]
    rows = json.loads(kerja("pegawai", "daftar", "--unit", "DinasXA > Bidang Umum", "--json").stdout)
    assert [p["nip"] for p in rows] == [P2]


def test_other_commands_take_the_exact_unit(units, kerja):
    day = json.loads(
        kerja("presensi", "harian", "--tanggal", "2021-02-01", "--unit", "Dinas_A", "--json").stdout
    )
    assert {r["nip"] for r in day} == {P1}
    kerja("unit", "ubah", "Dinas_A", "--zona", "WIT")
    zones = {u["unit"]: u["zona"] for u in json.loads(kerja("unit", "daftar", "--json").stdout)}
    assert zones["Dinas_A"] == "WIT" and zones["Dinas_A > Bidang Umum"] == "WIT"
    assert zones["DinasXA"] == "WIB" and zones["DINAS_A"] == "WIB"


@pytest.mark.hostile
def test_case_differences_are_listed_not_taken(units, kerja):
    r = kerja("pegawai", "daftar", "--unit", "dinas_a", code=1)
    assert "tidak ditemukan" in r.stderr
    assert "Dinas_A" in r.stderr and "DINAS_A" in r.stderr
    r = kerja("rekap", "bulanan", "--bulan", "2021-02", "--unit", "Dinas%", "--format", "json", code=1)
    assert "tidak ditemukan" in r.stderr
