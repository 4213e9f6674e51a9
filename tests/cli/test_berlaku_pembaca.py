"""Every reader uses the employee facts in force on the day it looks at (issue 10 item 1): the
roster (jadwal buat/periksa/ubah), presensi masuk, the validation chain and the pre-lock list.

The roster part runs on the Kutai Kartanegara preset (tests/roster_fixture.py): Dinas Uji has 15
people, 25% -> a target of 4 = its three leaders (WFO as pejabat) + one coverage pick for Seksi A2,
the only leaf unit without a head in the office; Seksi A1's staff stay home (its head is in).
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from helpers import write
from kinerja_data import catat
from roster_fixture import KASI, setup, staff_a1, staff_a2

DAYS_BEFORE = ["2021-01-27", "2021-01-28", "2021-01-29"]
DAYS_FROM = ["2021-02-01", "2021-02-02", "2021-02-03", "2021-02-04", "2021-02-05", "2021-02-08", "2021-02-09"]


def cells(db, sql, *args):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


@pytest.fixture
def dinas(kerja, tmp_path, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-01-20T08:00:00+08:00")
    setup(kerja, tmp_path)
    return tmp_path


def test_a_unit_move_dated_mid_period_puts_the_person_in_the_new_units_roster_from_that_day(
    kerja, dinas, db_path
):
    mover = staff_a1()[0]
    kerja("pegawai", "ubah", mover, "--unit", "Dinas Uji > Bidang A > Seksi A2", "--mulai", "2021-02-01")
    kerja("jadwal", "buat", "--kebijakan", "kukar-2021")
    a2 = staff_a2()
    wfo = dict(
        cells(
            db_path,
            "SELECT tanggal, group_concat(nip) FROM jadwal WHERE lokasi = 'WFO' AND alasan = 'cakupan' "
            "GROUP BY tanggal",
        )
    )
    # Before 1 February the mover is in Seksi A1 (its head in the office, staff at home): never in,
    # and Seksi A2's one coverage pick is one of its own 3. From 1 February the pick is one of 4.
    mine = cells(db_path, "SELECT tanggal, lokasi FROM jadwal WHERE nip = ? ORDER BY tanggal", mover)
    assert [d for d, _ in mine] == DAYS_BEFORE + DAYS_FROM
    assert all(lok == "WFH" for d, lok in mine if d in DAYS_BEFORE)
    for d in DAYS_BEFORE:
        assert wfo[d] in a2
    for d in DAYS_FROM:
        assert wfo[d] in [*a2, mover]
    # 7 of the 10 days in A2 among 4 (3 for the others): a fair share of 7/4 = 1.75 office days
    assert sum(wfo[d] == mover for d in DAYS_FROM) >= 1
    # read back with the same facts: no violation (on 27-29 January A2 is covered by its 3)
    assert json.loads(kerja("jadwal", "periksa", "--json").stdout)["pelanggaran"] == []


def test_inactive_from_a_date_has_no_roster_from_it_and_jadwal_ubah_refuses_those_days(kerja, dinas, db_path):
    gone = staff_a1()[1]
    kerja("pegawai", "ubah", gone, "--nonaktif", "--mulai", "2021-02-03")
    kerja("jadwal", "buat", "--kebijakan", "kukar-2021")
    days = [d for (d,) in cells(db_path, "SELECT tanggal FROM jadwal WHERE nip = ? ORDER BY tanggal", gone)]
    assert days == [*DAYS_BEFORE, "2021-02-01", "2021-02-02"]
    r = kerja("jadwal", "ubah", gone, "2021-02-04", "WFO", "--alasan", "uji", "--oleh", KASI, code=1)
    assert "nonaktif pada 2021-02-04" in r.stderr
    kerja("jadwal", "ubah", gone, "2021-02-02", "WFO", "--alasan", "uji", "--oleh", KASI)


KEPALA = "196801011990031001"
LAMA = "197001012000031002"  # supervisor until 14 March
BARU = "197202022000032003"  # supervisor from 15 March
STAF = "198504042010011004"
SENDIRI = "199001012015011005"  # no supervisor from 15 March
CSV = f"""NIP;Nama;Unit;NIP Atasan;TPP
{KEPALA};Kepala Dinas;Dinas Uji;;8.000.000
{LAMA};Kabid Lama;Dinas Uji > Bidang A;{KEPALA};5.000.000
{BARU};Kabid Baru;Dinas Uji > Bidang B;{KEPALA};5.000.000
{STAF};Staf Satu;Dinas Uji > Bidang A;{LAMA};3.500.000
{SENDIRI};Staf Dua;Dinas Uji > Bidang A;{LAMA};3.000.000
"""


@pytest.fixture
def kantor(kerja, store, tmp_path, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-03-25T09:00:00+07:00")
    kerja("pegawai", "impor", write(tmp_path / "p.csv", CSV))
    kerja("pegawai", "ubah", STAF, "--atasan", BARU, "--mulai", "2021-03-15", "--alasan", "mutasi")
    kerja("pegawai", "ubah", SENDIRI, "--atasan", "-", "--mulai", "2021-03-15", "--alasan", "uji")
    catat(kerja, STAF, "2021-03-10", "08:00", "10:00")  # #1
    catat(kerja, STAF, "2021-03-20", "08:00", "10:00")  # #2
    return store


def test_the_supervisor_in_force_on_the_activitys_date_validates_it(kerja, kantor):
    r = kerja("kinerja", "validasi", "2", "--oleh", LAMA, code=1)
    assert "bukan atasan" in r.stderr and BARU in r.stderr
    r = kerja("kinerja", "validasi", "1", "--oleh", BARU, code=1)
    assert "bukan atasan" in r.stderr and LAMA in r.stderr
    kerja("kinerja", "validasi", "1", "--oleh", LAMA)
    kerja("kinerja", "validasi", "2", "--oleh", BARU)
    rows = json.loads(kerja("kinerja", "daftar", "--nip", STAF, "--json").stdout)
    assert {(x["id"], x["status"], x["divalidasi_oleh"]) for x in rows} == {
        (1, "disetujui", LAMA),
        (2, "disetujui", BARU),
    }


def test_pre_lock_tanpa_atasan_uses_the_supervisor_in_force(kerja, kantor):
    catat(kerja, SENDIRI, "2021-03-10", "08:00", "10:00")  # #3: LAMA was the supervisor then
    r = kerja("rekap", "kunci", "--bulan", "2021-03", code=1)
    assert "tanpa atasan" not in r.stderr
    catat(kerja, SENDIRI, "2021-03-22", "08:00", "10:00")  # #4: no supervisor from the 15th
    r = kerja("rekap", "kunci", "--bulan", "2021-03", code=1)
    assert "1 pegawai punya kegiatan tetapi tanpa atasan" in r.stderr and SENDIRI in r.stderr


def test_presensi_masuk_uses_the_active_flag_in_force_that_day(kerja, kantor):
    kerja("pegawai", "ubah", STAF, "--nonaktif", "--mulai", "2021-03-24")
    r = kerja("presensi", "masuk", STAF, "--waktu", "2021-03-24 07:30", "--oleh", KEPALA, code=1)
    assert "tidak dicatat" in r.stderr
    kerja("presensi", "masuk", STAF, "--waktu", "2021-03-23 07:30", "--oleh", KEPALA)  # still on the books
