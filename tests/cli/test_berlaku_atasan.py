"""The supervisor chain in force on each activity's date, for every reader of it (issue 10 item 1
leftovers): `kinerja daftar --atasan`, `kinerja validasi --semua` and the recap's warning about
people nobody may validate read the chain `kinerja validasi ID` checks, not today's.

STAF reports to LAMA until 14 March 2021 and to BARU from 15 March; both report to KEPALA.
SENDIRI reports to LAMA until 14 March and to nobody from 15 March.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from helpers import write
from kinerja_data import catat

KEPALA = "196801011990031001"
LAMA = "197001012000031002"
BARU = "197202022000032003"
STAF = "198504042010011004"
SENDIRI = "199001012015011005"
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
    catat(kerja, STAF, "2021-03-10", "08:00", "10:00")  # #1: LAMA's
    catat(kerja, STAF, "2021-03-20", "08:00", "10:00")  # #2: BARU's
    return store


def ids(kerja, *args):
    return [r["id"] for r in json.loads(kerja("kinerja", "daftar", *args, "--json").stdout)]


def test_the_pending_list_of_a_supervisor_follows_the_chain_in_force_on_each_date(kerja, kantor):
    assert ids(kerja, "--atasan", LAMA, "--menunggu") == [1]
    assert ids(kerja, "--atasan", BARU, "--menunggu") == [2]
    assert ids(kerja, "--atasan", BARU, "--menunggu", "--bulan", "2021-03") == [2]
    # KEPALA is above both: no direct report among them, both at every level
    assert ids(kerja, "--atasan", KEPALA, "--menunggu") == []
    assert ids(kerja, "--atasan", KEPALA, "--semua-bawahan", "--menunggu") == [1, 2]
    # the human listing shows the same activity under the same supervisor
    shown = kerja("kinerja", "daftar", "--atasan", LAMA).stdout
    assert "2021-03-10" in shown and "2021-03-20" not in shown


def test_validasi_semua_takes_the_activities_of_the_days_one_supervised(kerja, kantor, db_path):
    r = kerja("kinerja", "validasi", "--semua", "--oleh", LAMA)
    assert "1 kegiatan disetujui" in r.stdout
    kerja("kinerja", "validasi", "--semua", "--oleh", BARU, "--bulan", "2021-03")
    conn = sqlite3.connect(db_path)
    try:
        got = conn.execute("SELECT id, status, divalidasi_oleh FROM kinerja ORDER BY id").fetchall()
    finally:
        conn.close()
    assert got == [(1, "disetujui", LAMA), (2, "disetujui", BARU)]


def warned(kerja, bulan):
    """The '  - NIP Nama, unit: N kegiatan bulan ini' lines of the recap's no-validator warning."""
    err = kerja("rekap", "bulanan", "--bulan", bulan, "--format", "json").stderr
    return [line.strip() for line in err.splitlines() if line.strip().startswith("- ")]


def test_the_no_validator_warning_reads_the_supervisor_in_force_in_the_month(kerja, kantor):
    kerja("pegawai", "ubah", SENDIRI, "--atasan", "-", "--mulai", "2021-03-15", "--alasan", "uji")
    catat(kerja, SENDIRI, "2021-02-10", "08:00", "10:00")  # LAMA validates it
    catat(kerja, SENDIRI, "2021-03-10", "08:00", "10:00")  # LAMA validates it
    catat(kerja, SENDIRI, "2021-03-22", "08:00", "10:00")  # nobody: no supervisor from the 15th
    # KEPALA heads the store (no supervisor, no outside validator) in every month, 0 activities.
    # February: SENDIRI had LAMA all month. March: no supervisor from the 15th, and of the two
    # activities only the one of the 22nd is on such a day.
    assert warned(kerja, "2021-02") == [f"- {KEPALA} Kepala Dinas, Dinas Uji: 0 kegiatan bulan ini"]
    assert warned(kerja, "2021-03") == [
        f"- {KEPALA} Kepala Dinas, Dinas Uji: 0 kegiatan bulan ini",
        f"- {SENDIRI} Staf Dua, Dinas Uji > Bidang A: 1 kegiatan bulan ini",
    ]
    # a validator outside the store for SENDIRI takes them off the list
    kerja("pegawai", "ubah", SENDIRI, "--validator-luar", KEPALA)
    assert warned(kerja, "2021-03") == [f"- {KEPALA} Kepala Dinas, Dinas Uji: 0 kegiatan bulan ini"]
