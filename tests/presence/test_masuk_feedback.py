"""`presensi masuk`/`pulang` say what the punch means (issue 13): minutes late against the day's
start, the roster's place for the day, and a warning when the punch does not fit the roster, a
declared status or a working day. `presensi belum` on a day without a roster says so."""

from __future__ import annotations

from presence_data import A, B, roster, sql


def test_late_check_in_names_minutes_and_roster(dinas, kerja):
    roster(dinas, [("2021-02-01", A, "WFO"), ("2021-02-01", B, "WFH")])
    r = kerja("presensi", "masuk", A, "--waktu", "2021-02-01 07:45", "--oleh", "petugas")
    # 07:45 - 07:30 (the default start) = 15 minutes, in the first tier (1-30 minutes)
    assert "Terlambat 15 menit dari jam masuk 07:30 WIB, TL1." in r.stdout
    assert "Jadwal 2021-02-01: WFO." in r.stdout and "Peringatan" not in r.stderr
    r = kerja("presensi", "masuk", B, "--waktu", "2021-02-01 07:20", "--oleh", "petugas")
    assert "Tepat waktu (jam masuk 07:30 WIB)." in r.stdout and "Jadwal 2021-02-01: WFH." in r.stdout


def test_office_punch_on_a_wfh_day_is_flagged_and_still_stored(dinas, kerja):
    roster(dinas, [("2021-02-01", A, "WFH")])
    r = kerja("presensi", "masuk", A, "--waktu", "2021-02-01 07:25", "--mode", "wfo", "--oleh", "petugas")
    assert "tidak sesuai jadwal: 2021-02-01 dijadwalkan WFH, presensi dicatat WFO" in r.stderr
    assert sql(dinas, "SELECT mode FROM presensi") == [("WFO",)]


def test_early_leave_status_day_and_weekend(dinas, kerja):
    roster(dinas, [("2021-02-02", A, "WFO")])
    kerja("presensi", "masuk", A, "--waktu", "2021-02-02 07:00", "--oleh", "petugas")
    r = kerja("presensi", "pulang", A, "--waktu", "2021-02-02 15:40", "--oleh", "petugas")
    # default end 16:00 on a Tuesday: 20 minutes early
    assert "Pulang 20 menit sebelum jam pulang 16:00 WIB" in r.stdout
    kerja("presensi", "status", B, "--kode", "CT", "--mulai", "2021-02-03", "--keterangan", "cuti")
    r = kerja("presensi", "masuk", B, "--waktu", "2021-02-03 07:10", "--oleh", "petugas")
    assert "berstatus CT" in r.stderr
    r = kerja("presensi", "masuk", A, "--waktu", "2021-02-06 08:00", "--oleh", "petugas")
    assert "2021-02-06 bukan hari kerja" in r.stderr and "Terlambat" not in r.stdout


def test_belum_on_a_day_without_roster_says_so(dinas, kerja):
    r = kerja("presensi", "belum", "--tanggal", "2021-02-01", code=3)
    assert "Belum ada jadwal untuk 2021-02-01" in r.stderr
    assert "sudah presensi masuk" not in r.stdout
