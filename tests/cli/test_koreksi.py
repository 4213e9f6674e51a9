"""Undo for everyday mistakes (issue 10 item 6): each path changes what it should, is audited with
its reason, and is refused in a locked month with nothing written.

February 2021: 19 working days (12 Feb is Imlek). Hours 07:30-16:00, Friday 16:30. TL2 = 31-60
minutes late, 1%; TK 3%/day.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from helpers import db_bytes, write
from kinerja_data import catat

KEPALA = "196801011990031001"
STAF = "198504042010011004"
CSV = f"""NIP;Nama;Unit;NIP Atasan;TPP;PIN Mesin
{KEPALA};Kepala Dinas;Dinas Uji;;8.000.000;1
{STAF};Staf Satu;Dinas Uji > Bidang A;{KEPALA};3.500.000;2
"""


def rows(db, sql, *args):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def audit(kerja, aksi):
    return [a for a in json.loads(kerja("audit", "--json").stdout) if a["aksi"] == aksi]


def lock_feb(kerja):
    kerja("rekap", "kunci", "--bulan", "2021-02", "--paksa", "--oleh", KEPALA)


@pytest.fixture
def dinas(kerja, store, tmp_path, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-03-03T09:00:00+07:00")
    kerja("pegawai", "impor", write(tmp_path / "p.csv", CSV))
    # STAF on 1 Feb: machine punches 08:15 (45 min late) and 16:05
    write(tmp_path / "m.dat", "2\t2021-02-01 08:15:00\t0\t1\n2\t2021-02-01 16:05:00\t0\t1\n")
    kerja("presensi", "impor", tmp_path / "m.dat")
    return store


def events(kerja, nip, tanggal):
    return json.loads(kerja("presensi", "daftar", nip, "--tanggal", tanggal, "--json").stdout)


def day_row(kerja, tanggal, nip):
    out = json.loads(kerja("presensi", "harian", "--tanggal", tanggal, "--json").stdout)
    return next(r for r in out if r["nip"] == nip)


def test_presensi_daftar_shape(kerja, dinas):
    ev = events(kerja, STAF, "2021-02-01")
    assert ev == [
        {
            "id": 1,
            "waktu": "2021-02-01T08:15:00+07:00",
            "jenis": None,
            "mode": "WFO",
            "sumber": "mesin",
            "mesin": None,
            "batal": False,
        },
        {
            "id": 2,
            "waktu": "2021-02-01T16:05:00+07:00",
            "jenis": None,
            "mode": "WFO",
            "sumber": "mesin",
            "mesin": None,
            "batal": False,
        },
    ]
    assert events(kerja, STAF, "2021-02-02") == []
    assert "tidak ditemukan" in kerja("presensi", "daftar", "199901012020011001", code=1).stderr


def test_void_a_wrong_punch_kept_marked_and_excluded(kerja, dinas, tmp_path, monkeypatch):
    assert day_row(kerja, "2021-02-01", STAF)["tl"] == 2  # 08:15: 45 min late
    kerja("presensi", "hapus", "1", "--alasan", "ketukan rekan", "--oleh", KEPALA)
    # kept, marked void
    assert rows(dinas, "SELECT batal_oleh, batal_alasan FROM presensi WHERE id = 1") == [
        (KEPALA, "ketukan rekan")
    ]
    assert [e["batal"] for e in events(kerja, STAF, "2021-02-01")] == [True, False]
    # excluded: the single 16:05 punch left is an out (from 12:00), no in: tanpa_masuk, TL4
    d = day_row(kerja, "2021-02-01", STAF)
    assert (d["masuk"], d["pulang"], d["tl"]) == (None, "16:05", 4)
    a = audit(kerja, "presensi.hapus")
    assert len(a) == 1 and a[0]["nip"] == STAF and a[0]["alasan"] == "ketukan rekan"
    assert a[0]["sebelum"]["waktu"] == "2021-02-01T08:15:00+07:00"
    # the nightly cumulative import does not bring it back
    kerja("presensi", "impor", tmp_path / "m.dat")
    assert [e["batal"] for e in events(kerja, STAF, "2021-02-01")] == [True, False]
    assert day_row(kerja, "2021-02-01", STAF)["tl"] == 4
    # voiding twice, an unknown id, no reason: refused
    assert "sudah dibatalkan" in kerja("presensi", "hapus", "1", "--alasan", "x", code=1).stderr
    assert "tidak ada" in kerja("presensi", "hapus", "99", "--alasan", "x", code=1).stderr
    assert "--alasan wajib" in kerja("presensi", "hapus", "2", "--alasan", " ", code=1).stderr


def test_void_refused_in_a_locked_month(kerja, dinas):
    lock_feb(kerja)
    before = db_bytes(dinas)
    r = kerja("presensi", "hapus", "1", "--alasan", "x", code=1)
    assert "2021-02 sudah dikunci" in r.stderr and "rekap buka" in r.stderr
    assert db_bytes(dinas) == before


def test_repeated_check_in_within_a_minute_recorded_once(kerja, dinas, monkeypatch):
    kerja("presensi", "masuk", STAF)
    monkeypatch.setenv("KERJA_SEKARANG", "2021-03-03T09:00:59+07:00")
    r = kerja("presensi", "masuk", STAF)
    assert "sudah tercatat" in r.stdout and "tidak dicatat dua kali" in r.stdout
    assert rows(dinas, "SELECT count(*) FROM presensi WHERE tanggal = '2021-03-03'") == [(1,)]
    assert len(audit(kerja, "presensi.masuk")) == 1
    kerja("presensi", "masuk", STAF, "--mode", "wfh")  # not identical: another mode
    monkeypatch.setenv("KERJA_SEKARANG", "2021-03-03T09:01:00+07:00")
    kerja("presensi", "masuk", STAF)  # a full minute later: a new event
    assert rows(dinas, "SELECT count(*) FROM presensi WHERE tanggal = '2021-03-03'") == [(3,)]


def status_days(kerja, kode):
    r = json.loads(kerja("rekap", "bulanan", "--bulan", "2021-02", "--format", "json").stdout)
    s = next(x for x in r["pegawai"] if x["nip"] == STAF)
    return s[kode]


def test_status_extended_and_shortened(kerja, dinas):
    kerja(
        "presensi",
        "status",
        STAF,
        "--kode",
        "CT",
        "--mulai",
        "2021-02-08",
        "--sampai",
        "2021-02-09",
        "--keterangan",
        "surat",
    )
    kerja("presensi", "status", STAF, "--kode", "S", "--mulai", "2021-02-16", "--keterangan", "sakit")
    assert status_days(kerja, "cuti") == 2
    # to Friday 12th: 8, 9, 10, 11 (12 is Imlek) = 4 working days
    r = kerja("presensi", "ubah-status", "1", "--sampai", "2021-02-12", "--alasan", "cuti diperpanjang")
    assert "4 hari kerja" in r.stdout and status_days(kerja, "cuti") == 4
    kerja(
        "presensi",
        "ubah-status",
        "1",
        "--mulai",
        "2021-02-09",
        "--sampai",
        "2021-02-10",
        "--alasan",
        "kembali",
    )
    assert status_days(kerja, "cuti") == 2
    assert rows(dinas, "SELECT mulai, sampai FROM status_hari WHERE id = 1") == [("2021-02-09", "2021-02-10")]
    a = audit(kerja, "status.ubah")
    assert [(x["sebelum"]["sampai"], x["sesudah"]["sampai"], x["alasan"]) for x in a] == [
        ("2021-02-09", "2021-02-12", "cuti diperpanjang"),
        ("2021-02-12", "2021-02-10", "kembali"),
    ]
    # onto the sick day: refused, nothing changed
    r = kerja("presensi", "ubah-status", "1", "--sampai", "2021-02-16", "--alasan", "x", code=1)
    assert "bertumpang tindih" in r.stderr
    assert rows(dinas, "SELECT sampai FROM status_hari WHERE id = 1") == [("2021-02-10",)]


def test_status_change_refused_when_it_touches_a_locked_month(kerja, dinas):
    kerja(
        "presensi",
        "status",
        STAF,
        "--kode",
        "DL",
        "--mulai",
        "2021-02-25",
        "--sampai",
        "2021-03-02",
        "--keterangan",
        "surat tugas",
    )
    lock_feb(kerja)
    # only March days change: allowed
    kerja("presensi", "ubah-status", "1", "--sampai", "2021-03-01", "--alasan", "pulang lebih cepat")
    before = db_bytes(dinas)
    r = kerja("presensi", "ubah-status", "1", "--mulai", "2021-02-26", "--alasan", "x", code=1)
    assert "2021-02 sudah dikunci" in r.stderr and db_bytes(dinas) == before


def test_kondisi_akhiri_and_hapus(kerja, dinas):
    kerja("kondisi", "tambah", STAF, "--jenis", "odp", "--mulai", "2021-02-01")
    lock_feb(kerja)
    # ending it in March changes only days after the lock: allowed
    kerja("kondisi", "akhiri", "1", "--sampai", "2021-03-05", "--alasan", "tes negatif")
    assert rows(dinas, "SELECT sampai FROM kondisi WHERE id = 1") == [("2021-03-05",)]
    a = audit(kerja, "kondisi.akhiri")
    assert (a[0]["sebelum"]["sampai"], a[0]["sesudah"]["sampai"], a[0]["alasan"]) == (
        None,
        "2021-03-05",
        "tes negatif",
    )
    # ending it in the locked February, or removing it: refused, nothing written
    before = db_bytes(dinas)
    assert "2021-02 sudah dikunci" in kerja("kondisi", "akhiri", "1", "--sampai", "2021-02-14", code=1).stderr
    assert "2021-02 sudah dikunci" in kerja("kondisi", "hapus", "1", "--alasan", "salah", code=1).stderr
    assert db_bytes(dinas) == before
    kerja("rekap", "buka", "--bulan", "2021-02", "--alasan", "koreksi")
    kerja("kondisi", "hapus", "1", "--alasan", "salah pegawai")
    assert rows(dinas, "SELECT count(*) FROM kondisi") == [(0,)]
    h = audit(kerja, "kondisi.hapus")
    assert h[0]["sebelum"]["jenis"] == "odp" and h[0]["alasan"] == "salah pegawai"
    assert "tidak ada" in kerja("kondisi", "hapus", "1", "--alasan", "x", code=1).stderr


def test_kinerja_ubah_and_tarik_while_pending(kerja, dinas):
    catat(kerja, STAF, "2021-02-01", "08:00", "10:00")  # 1
    catat(kerja, STAF, "2021-02-01", "13:00", "14:00")  # 2
    r = kerja(
        "kinerja",
        "ubah",
        "1",
        "--selesai",
        "11:00",
        "--uraian",
        "Menyusun laporan bulanan",
        "--alasan",
        "jam salah ketik",
    )
    assert "(180 menit)" in r.stdout
    assert rows(dinas, "SELECT selesai, menit, uraian FROM kinerja WHERE id = 1") == [
        ("11:00", 180, "Menyusun laporan bulanan")
    ]
    a = audit(kerja, "kinerja.ubah")[0]
    assert a["sebelum"] == {"id": 1, "selesai": "10:00", "menit": 120, "uraian": "Menyusun laporan"}
    assert a["sesudah"]["menit"] == 180 and a["alasan"] == "jam salah ketik"
    # onto activity 2: refused
    assert "tumpang tindih" in kerja("kinerja", "ubah", "1", "--selesai", "13:30", code=1).stderr
    kerja("kinerja", "tarik", "2", "--alasan", "dobel")
    assert rows(dinas, "SELECT id FROM kinerja") == [(1,)]
    t = audit(kerja, "kinerja.tarik")[0]
    assert t["sebelum"]["mulai"] == "13:00" and t["alasan"] == "dobel"
    # validated: neither edited nor withdrawn
    kerja("kinerja", "validasi", "1", "--oleh", KEPALA)
    assert "sudah disetujui" in kerja("kinerja", "ubah", "1", "--selesai", "12:00", code=1).stderr
    assert "sudah disetujui" in kerja("kinerja", "tarik", "1", code=1).stderr


def test_kinerja_ubah_and_tarik_refused_in_a_locked_month(kerja, dinas):
    catat(kerja, STAF, "2021-02-01", "08:00", "10:00")
    catat(kerja, STAF, "2021-03-01", "08:00", "10:00")
    lock_feb(kerja)
    before = db_bytes(dinas)
    assert "dikunci" in kerja("kinerja", "ubah", "1", "--selesai", "11:00", code=1).stderr
    assert "dikunci" in kerja("kinerja", "tarik", "1", code=1).stderr
    # moving a March activity into the locked February: refused too
    assert "dikunci" in kerja("kinerja", "ubah", "2", "--tanggal", "2021-02-26", code=1).stderr
    assert db_bytes(dinas) == before
