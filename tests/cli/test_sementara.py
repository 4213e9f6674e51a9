"""A month in progress (issue 10 item 5): days after today are "belum", not TK, not working days of
the recap; the recap and rincian say "sementara s.d. <today>"; PP 94 counts passed days only.

April 2021: weekdays 1, 2, 5-9, 12-16, 19-23, 26-30 = 22, minus 2 April (Wafat Isa Almasih) = 21
working days. Today is Wednesday 7 April, 10:00 WIB: 1, 5, 6, 7 have come (4), 17 are to come.
"""

from __future__ import annotations

import json

import pytest

from helpers import write

KEPALA = "196801011990031001"
STAF = "198504042010011004"
CSV = f"""NIP;Nama;Unit;NIP Atasan;TPP
{KEPALA};Kepala Dinas;Dinas Uji;;8.000.000
{STAF};Staf Satu;Dinas Uji > Bidang A;{KEPALA};3.000.000
"""
PASSED = ["2021-04-01", "2021-04-05", "2021-04-06", "2021-04-07"]
TO_COME = [f"2021-04-{d:02d}" for d in (8, 9, *range(12, 17), *range(19, 24), *range(26, 31))]


@pytest.fixture
def april(kerja, store, tmp_path, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-04-07T10:00:00+07:00")
    kerja("pegawai", "impor", write(tmp_path / "p.csv", CSV))
    # KEPALA on time on the 1st (the tracking start); STAF never checks in
    write(
        tmp_path / "p.csv",
        f"nip,waktu,jenis\n{KEPALA},2021-04-01 07:20,masuk\n{KEPALA},2021-04-01 16:10,pulang\n",
    )
    kerja("presensi", "impor", tmp_path / "p.csv", "--format", "csv")
    return store


def row(recap, nip):
    return next(r for r in recap["pegawai"] if r["nip"] == nip)


def test_mid_month_recap_has_no_future_tk(kerja, april):
    r = kerja("rekap", "bulanan", "--bulan", "2021-04", "--format", "json")
    assert "sementara s.d. 2021-04-07" in r.stderr
    s = row(json.loads(r.stdout), STAF)
    # 4 passed working days, all TK: 4 x 3% = 12%; target 4 x 300 = 1200 minutes
    assert (s["hari_kerja"], s["tk"], s["potongan_disiplin_persen"]) == (4, 4, 12.0)
    assert s["target_menit"] == 1200
    # 3,000,000 x 40% x 88% = 1,056,000
    assert s["tpp_disiplin"] == 1_056_000
    # PP 94: 4 TK days so far -> teguran tertulis (21 would be "hukuman disiplin berat")
    assert (s["tk_tahun_ini"], s["peringatan"]) == (4, "teguran tertulis")
    k = row(json.loads(r.stdout), KEPALA)
    assert (k["hari_kerja"], k["hadir_wfo"], k["tk"]) == (4, 1, 3)


def test_mid_month_rincian_lists_days_to_come_as_belum(kerja, april):
    r = kerja("rekap", "rincian", STAF, "--bulan", "2021-04", "--json")
    assert "sementara s.d. 2021-04-07" in r.stderr
    d = json.loads(r.stdout)
    assert [h["tanggal"] for h in d["hari"]] == PASSED + TO_COME
    assert {h["kode"] for h in d["hari"][:4]} == {"TK"}
    assert {h["kode"] for h in d["hari"][4:]} == {"belum"}
    assert sum(h["potongan_persen"] for h in d["hari"][4:]) == 0
    assert d["rekap"]["tk"] == 4
    human = kerja("rekap", "rincian", STAF, "--bulan", "2021-04").stdout
    assert "(sementara s.d. 2021-04-07)" in human and "TK tahun ini 4 hari" in human


def test_a_month_not_begun_counts_nothing_and_a_past_one_is_final(kerja, april):
    may = kerja("rekap", "bulanan", "--bulan", "2021-05", "--format", "json")
    assert "sementara" in may.stderr
    s = row(json.loads(may.stdout), STAF)
    assert (s["hari_kerja"], s["tk"], s["tk_tahun_ini"], s["peringatan"]) == (0, 0, 4, "teguran tertulis")
    march = kerja("rekap", "bulanan", "--bulan", "2021-03", "--format", "json")
    assert "sementara" not in march.stderr


def test_on_the_next_day_the_count_moves_on(kerja, april, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-04-08T10:00:00+07:00")
    s = row(json.loads(kerja("rekap", "bulanan", "--bulan", "2021-04", "--format", "json").stdout), STAF)
    assert (s["hari_kerja"], s["tk"]) == (5, 5)
