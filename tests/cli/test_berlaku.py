"""Effective-dated employee facts (issue 10 item 1): `pegawai ubah ... --mulai D` changes the days
from D on and keeps the days before; a date in a locked month is refused naming the lock.

March 2021: 22 working days (11 March Isra Mikraj); April 2021: 21 (2 April Wafat Isa Almasih).
STAF has no presence from 1 March (the tracking start) on: every working day TK, 3% each.
"""

from __future__ import annotations

import json

import pytest

from helpers import db_bytes, write

KEPALA = "196801011990031001"
STAF = "198504042010011004"
CSV = f"""NIP;Nama;Unit;NIP Atasan;TPP
{KEPALA};Kepala Dinas;Dinas Uji;;8.000.000
{STAF};Staf Satu;Dinas Uji > Bidang A;{KEPALA};3.500.000
"""


@pytest.fixture
def dinas(kerja, store, tmp_path, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-05-10T09:00:00+07:00")
    kerja("pegawai", "impor", write(tmp_path / "p.csv", CSV))
    write(tmp_path / "m.csv", f"nip,waktu,jenis\n{KEPALA},2021-03-01 07:20,masuk\n")
    kerja("presensi", "impor", tmp_path / "m.csv", "--format", "csv")  # tracking from 1 March
    return store


def staf(kerja, bulan):
    r = json.loads(kerja("rekap", "bulanan", "--bulan", bulan, "--format", "json").stdout)
    return next((x for x in r["pegawai"] if x["nip"] == STAF), None)


def test_raise_dated_1_april_changes_april_not_march(kerja, dinas):
    march, april = staf(kerja, "2021-03"), staf(kerja, "2021-04")
    r = kerja("pegawai", "ubah", STAF, "--tpp", "4000000", "--mulai", "2021-04-01", "--alasan", "SK baru")
    assert "berlaku mulai 2021-04-01" in r.stdout
    assert staf(kerja, "2021-03") == march
    new = staf(kerja, "2021-04")
    # April: 21 TK x 3% = 63% cut: 4,000,000 x 40% x 37% = 592,000 (was 3,500,000 x 40% x 37% = 518,000)
    assert (april["pagu_tpp"], april["tpp_disiplin"]) == (3_500_000, 518_000)
    assert (new["pagu_tpp"], new["tpp_disiplin"]) == (4_000_000, 592_000)
    assert staf(kerja, "2021-05")["pagu_tpp"] == 4_000_000
    ubah = [a for a in json.loads(kerja("audit", "--json").stdout) if a["aksi"] == "pegawai.ubah"]
    assert ubah[0]["sesudah"] == {"berlaku_mulai": "2021-04-01", "tpp": 4_000_000}
    assert (ubah[0]["sebelum"], ubah[0]["alasan"]) == ({"tpp": 3_500_000}, "SK baru")


def test_unit_move_and_inactivation_hold_from_their_date(kerja, dinas):
    kerja("pegawai", "ubah", STAF, "--unit", "Dinas Uji > Bidang B", "--mulai", "2021-04-01")
    kerja("pegawai", "ubah", STAF, "--nonaktif", "--mulai", "2021-05-01")
    assert staf(kerja, "2021-03")["unit"] == "Dinas Uji > Bidang A"
    assert staf(kerja, "2021-04")["unit"] == "Dinas Uji > Bidang B"
    # the history, oldest first
    h = json.loads(kerja("pegawai", "lihat", STAF, "--json").stdout)["riwayat"]
    assert [(x["mulai"], x["sampai"], x["unit"], x["aktif"]) for x in h] == [
        (None, "2021-03-31", "Dinas Uji > Bidang A", 1),
        ("2021-04-01", "2021-04-30", "Dinas Uji > Bidang B", 1),
        ("2021-05-01", None, "Dinas Uji > Bidang B", 0),
    ]
    assert "Riwayat (berlaku mulai)" in kerja("pegawai", "lihat", STAF).stdout


def test_a_change_dated_in_a_locked_month_is_refused_naming_the_lock(kerja, dinas):
    kerja("rekap", "kunci", "--bulan", "2021-03", "--paksa", "--oleh", KEPALA)
    locked = kerja("rekap", "bulanan", "--bulan", "2021-03", "--format", "json").stdout
    before = db_bytes(dinas)
    for change in (
        ["--tpp", "9000000"],
        ["--unit", "Dinas Uji > Bidang C"],
        ["--nonaktif"],
        ["--atasan", "-"],
    ):
        r = kerja("pegawai", "ubah", STAF, *change, "--mulai", "2021-03-15", code=1)
        assert "2021-03 sudah dikunci" in r.stderr and "rekap buka" in r.stderr
        assert db_bytes(dinas) == before
    # dated after the lock: allowed; the locked March stays byte for byte, and so does its recompute
    for change in (["--tpp", "9000000"], ["--unit", "Dinas Uji > Bidang C"], ["--nonaktif"]):
        kerja("pegawai", "ubah", STAF, *change, "--mulai", "2021-04-01")
        assert kerja("rekap", "bulanan", "--bulan", "2021-03", "--format", "json").stdout == locked
    assert kerja("rekap", "periksa", "--bulan", "2021-03").exit_code == 0
    assert staf(kerja, "2021-04") is None  # inactive from 1 April


def test_new_hire_imported_with_mulai_is_on_the_books_from_that_day(kerja, store, tmp_path, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-03-10T09:00:00+07:00")
    kerja("pegawai", "impor", write(tmp_path / "p.csv", CSV))
    write(tmp_path / "m.csv", f"nip,waktu,jenis\n{KEPALA},2021-02-01 07:20,masuk\n")
    kerja("presensi", "impor", tmp_path / "m.csv", "--format", "csv")  # tracking from 1 February
    baru = "199505052020121001"
    kerja(
        "pegawai",
        "impor",
        write(
            tmp_path / "b.csv",
            f"NIP;Nama;Unit;NIP Atasan;TPP\n{baru};Pegawai Baru;Dinas Uji;{KEPALA};3000000\n",
        ),
        "--mulai",
        "2021-02-22",
    )
    r = json.loads(kerja("rekap", "bulanan", "--bulan", "2021-02", "--format", "json").stdout)
    b = next(x for x in r["pegawai"] if x["nip"] == baru)
    # on the books 22-26 Feb only: 5 working days, all TK: 15% (not 19 TK, 57%, "hukuman disiplin sedang")
    assert (b["hari_kerja"], b["tk"], b["potongan_disiplin_persen"]) == (5, 5, 15.0)
    assert (b["tk_tahun_ini"], b["peringatan"]) == (5, "teguran tertulis")
    # March (10 March today): 1-5, 8-10 = 8 working days, TK year to date 5 + 8 = 13
    m = json.loads(kerja("rekap", "bulanan", "--bulan", "2021-03", "--format", "json").stdout)
    b = next(x for x in m["pegawai"] if x["nip"] == baru)
    assert (b["hari_kerja"], b["tk_tahun_ini"]) == (8, 13)
    d = json.loads(kerja("rekap", "rincian", baru, "--bulan", "2021-02", "--json").stdout)
    assert [h["tanggal"] for h in d["hari"]] == [f"2021-02-{n}" for n in (22, 23, 24, 25, 26)]


BARU = "199505052020121001"


def _tracking_from_february(kerja, tmp_path, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-02-01T09:00:00+07:00")
    kerja("pegawai", "impor", write(tmp_path / "p.csv", CSV))
    write(tmp_path / "m.csv", f"nip,waktu,jenis\n{KEPALA},2021-02-01 07:20,masuk\n")
    kerja("presensi", "impor", tmp_path / "m.csv", "--format", "csv")  # tracking from 1 February


def _baru(kerja, bulan):
    r = json.loads(kerja("rekap", "bulanan", "--bulan", bulan, "--format", "json").stdout)
    return next((x for x in r["pegawai"] if x["nip"] == BARU), None)


def test_a_person_added_on_20_february_is_on_the_books_from_the_import_date(
    kerja, store, tmp_path, monkeypatch
):
    _tracking_from_february(kerja, tmp_path, monkeypatch)
    monkeypatch.setenv("KERJA_SEKARANG", "2021-02-20T10:00:00+07:00")  # a later import: a new hire
    new = f"NIP;Nama;Unit;NIP Atasan;TPP\n{BARU};Pegawai Baru;Dinas Uji;{KEPALA};3000000\n"
    kerja("pegawai", "impor", write(tmp_path / "b.csv", new))
    monkeypatch.setenv("KERJA_SEKARANG", "2021-03-10T09:00:00+07:00")
    b = _baru(kerja, "2021-02")
    # February 2021: 19 working days (12 Feb Imlek). 20 Feb is a Saturday: before it 1-5, 8-11,
    # 15-19 = 5 + 4 + 5 = 14 working days, not TK, not counted; on the books 22-26 = 5, all TK
    # (no presence): 5 x 3% = 15%, "teguran tertulis" (was: 19 TK, 57%, "hukuman disiplin sedang").
    assert (b["hari_kerja"], b["tk"], b["potongan_disiplin_persen"]) == (5, 5, 15.0)
    assert (b["tk_tahun_ini"], b["peringatan"]) == (5, "teguran tertulis")
    audit = [a for a in json.loads(kerja("audit", "--json").stdout) if a["aksi"] == "pegawai.berlaku"]
    assert [(a["nip"], a["sesudah"]) for a in audit] == [(BARU, {"mulai": "2021-02-20", "aktif": 1})]


def test_the_tmt_column_gives_a_new_persons_start_date(kerja, store, tmp_path, monkeypatch):
    _tracking_from_february(kerja, tmp_path, monkeypatch)
    monkeypatch.setenv("KERJA_SEKARANG", "2021-03-10T09:00:00+07:00")
    new = f"NIP BARU,NAMA,UNOR NAMA,TMT CPNS\n{BARU},Pegawai Baru,Dinas Uji,22-02-2021\n"
    kerja("pegawai", "impor", write(tmp_path / "siasn.csv", new), "--mulai", "2021-01-01")
    # the column wins over --mulai: 22-26 February = 5 working days
    assert _baru(kerja, "2021-02")["hari_kerja"] == 5
    bad = f"NIP BARU,NAMA,UNOR NAMA,TMT CPNS\n{STAF[:-1]}9,Orang Lain,Dinas Uji,kemarin\n"
    r = kerja("pegawai", "impor", write(tmp_path / "bad.csv", bad), code=1)
    assert "baris 2" in r.stderr and "TMT CPNS" in r.stderr and "kemarin" in r.stderr


def test_a_new_hire_never_changes_a_locked_month(kerja, store, tmp_path, monkeypatch):
    _tracking_from_february(kerja, tmp_path, monkeypatch)
    monkeypatch.setenv("KERJA_SEKARANG", "2021-03-05T09:00:00+07:00")
    kerja("rekap", "kunci", "--bulan", "2021-02", "--paksa", "--oleh", KEPALA)
    locked = kerja("rekap", "bulanan", "--bulan", "2021-02", "--format", "json").stdout
    new = f"NIP;Nama;Unit;TPP;TMT\n{BARU};Pegawai Baru;Dinas Uji;3000000;2021-02-20\n"
    r = kerja("pegawai", "impor", write(tmp_path / "b.csv", new))
    assert "bulan yang sudah dikunci" in r.stdout + r.stderr and "2021-03-01" in r.stdout + r.stderr
    assert kerja("rekap", "bulanan", "--bulan", "2021-02", "--format", "json").stdout == locked
    assert kerja("rekap", "periksa", "--bulan", "2021-02").exit_code == 0  # recomputed: the same
    # on the books from 1 March: 1-5 March = 5 working days by 5 March
    assert _baru(kerja, "2021-03")["hari_kerja"] == 5
