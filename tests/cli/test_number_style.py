"""Indonesian conventions on screen (issue 13): lock times in the institution's zone with its
name (never bare UTC), no Python `None` in the audit, Indonesian counts and percentages."""

from __future__ import annotations

import pytest

NIP = "198212292020011007"


@pytest.fixture
def wita(kerja, db_path, tmp_path):
    kerja("init", "--instansi", "Dinas Uji", "--zona", "WITA")
    f = tmp_path / "p.csv"
    f.write_text(f"NIP;Nama;Unit Kerja;TPP\n{NIP};Rina Uji;Dinas Uji > Seksi A;3000000\n", encoding="utf-8")
    kerja("pegawai", "impor", f)
    return db_path


def test_lock_time_in_the_institution_zone(kerja, wita, monkeypatch):
    # 01:00 UTC on 1 March is 09:00 WITA (UTC+8).
    monkeypatch.setenv("KERJA_SEKARANG", "2021-03-01T01:00:00+00:00")
    kerja("rekap", "kunci", "--bulan", "2021-02", "--paksa", "--oleh", "petugas")
    assert "2021-03-01 09:00 WITA" in kerja("rekap", "kunci-daftar").stdout
    r = kerja("presensi", "masuk", NIP, "--waktu", "2021-02-10 07:30", "--oleh", "petugas", code=1)
    assert "(oleh petugas, 2021-03-01 09:00 WITA)" in r.stderr
    r = kerja("rekap", "kunci", "--bulan", "2021-02", "--oleh", "petugas", code=1)
    assert "pada 2021-03-01 09:00 WITA" in r.stderr
    r = kerja("rekap", "bulanan", "--bulan", "2021-02")
    assert "2021-03-01 09:00 WITA" in r.stderr and "T01:00" not in r.stderr


def test_audit_prints_no_python_none(kerja, wita):
    kerja("pegawai", "ubah", NIP, "--pin-mesin", "77", "--alasan", "mesin baru")
    kerja("pegawai", "ubah", NIP, "--pin-mesin", "-")
    out = kerja("audit").stdout
    assert "None" not in out and "pin_mesin=-" in out


def test_event_times_carry_their_zone_name(kerja, wita):
    kerja("presensi", "masuk", NIP, "--waktu", "2021-02-01 07:20", "--oleh", "petugas")
    out = kerja("presensi", "daftar", NIP).stdout
    assert "2021-02-01 07:20:00 WITA" in out and "+08:00" not in out
    r = kerja("presensi", "hapus", "1", "--alasan", "salah orang", "--oleh", "petugas")
    assert "2021-02-01 07:20 WITA" in r.stdout
