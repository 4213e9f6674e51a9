"""An employee's zone is their unit's, and after a dated move between units of different zones it
is the zone of the unit in force on the day (issue 10 item 1; docs/zones.md): a back-dated
check-in or a machine punch for a day before the move is read, and stored, in the old unit's zone.

Dinas Uji is WIB (UTC+7); its UPT Timur is set to WITA (UTC+8). STAF moves to the UPT from 15 March
2021; STAF2 from 1 April (after today, 25 March 09:00 WIB).
"""

from __future__ import annotations

import sqlite3

import pytest

from helpers import write

KEPALA = "196801011990031001"
STAF = "198504042010011004"
STAF2 = "199001012015011005"
CSV = f"""NIP;Nama;Unit;NIP Atasan;TPP
{KEPALA};Kepala Dinas;Dinas Uji;;8.000.000
{STAF};Staf Satu;Dinas Uji > Bidang A;{KEPALA};3.500.000
{STAF2};Staf Dua;Dinas Uji > Bidang A;{KEPALA};3.000.000
{"199201012015011006"};Staf UPT;Dinas Uji > UPT Timur;{KEPALA};3.000.000
"""


@pytest.fixture
def dinas(kerja, store, tmp_path, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-03-25T09:00:00+07:00")
    kerja("pegawai", "impor", write(tmp_path / "p.csv", CSV))
    kerja("unit", "ubah", "UPT Timur", "--zona", "WITA")
    kerja("pegawai", "ubah", STAF, "--unit", "Dinas Uji > UPT Timur", "--mulai", "2021-03-15")
    kerja("pegawai", "ubah", STAF2, "--unit", "Dinas Uji > UPT Timur", "--mulai", "2021-04-01")
    return store


def stored(db, nip):
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT waktu FROM presensi WHERE nip = ? ORDER BY waktu", (nip,))]
    finally:
        conn.close()


def test_back_dated_check_ins_take_the_zone_of_the_unit_in_force_that_day(kerja, dinas):
    r = kerja("presensi", "masuk", STAF, "--waktu", "2021-03-10 07:30", "--oleh", KEPALA)
    assert "07:30 WIB" in r.stdout
    r = kerja("presensi", "masuk", STAF, "--waktu", "2021-03-22 07:30", "--oleh", KEPALA)
    assert "07:30 WITA" in r.stdout
    assert stored(dinas, STAF) == ["2021-03-10T07:30:00+07:00", "2021-03-22T07:30:00+08:00"]


def test_a_check_in_now_is_in_the_zone_of_the_unit_in_force_today(kerja, dinas):
    # STAF2's move to the WITA unit holds from 1 April: today (25 March) is still WIB, 09:00
    kerja("presensi", "masuk", STAF2)
    # STAF is in the WITA unit since 15 March: 09:00 WIB is 10:00 WITA
    kerja("presensi", "masuk", STAF)
    assert stored(dinas, STAF2) == ["2021-03-25T09:00:00+07:00"]
    assert stored(dinas, STAF) == ["2021-03-25T10:00:00+08:00"]


def test_machine_punches_take_the_zone_of_the_unit_in_force_on_their_day(kerja, dinas, tmp_path):
    attlog = write(
        tmp_path / "1_attlog.dat",
        f"{STAF}\t2021-03-11 07:45:00\t0\t1\n{STAF}\t2021-03-23 07:45:00\t0\t1\n"
        f"{STAF2}\t2021-03-23 07:50:00\t0\t1\n",
    )
    kerja("presensi", "impor", attlog, "--format", "attlog")
    assert stored(dinas, STAF) == ["2021-03-11T07:45:00+07:00", "2021-03-23T07:45:00+08:00"]
    assert stored(dinas, STAF2) == ["2021-03-23T07:50:00+07:00"]
    # the same file again stores nothing twice
    kerja("presensi", "impor", attlog, "--format", "attlog")
    assert len(stored(dinas, STAF)) == 2
    # the online CSV: a naive time in the zone of the day's unit, an offset as given
    online = write(
        tmp_path / "online.csv",
        f"nip,waktu,jenis\n{STAF},2021-03-12 16:05,pulang\n{STAF},2021-03-24 16:05,pulang\n"
        f"{STAF},2021-03-13 09:05+08:00,masuk\n",
    )
    kerja("presensi", "impor", online, "--format", "csv")
    assert "2021-03-12T16:05:00+07:00" in stored(dinas, STAF)
    assert "2021-03-24T16:05:00+08:00" in stored(dinas, STAF)
    # given in WITA for a day STAF was still in the WIB unit: 09:05 WITA is 08:05 on their clock
    assert "2021-03-13T08:05:00+07:00" in stored(dinas, STAF)
