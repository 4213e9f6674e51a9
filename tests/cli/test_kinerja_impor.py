"""kerja kinerja impor (an e-Kinerja export, CSV and XLSX, all or nothing), kinerja validasi with
ranges, lists and --semua, and the warnings / rule keys for activities on days that are not
ordinary working days (issue 13 item 4)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, time
from pathlib import Path

import pytest

from helpers import db_bytes, write
from kinerja_data import KABID, KASI, KEPALA, LUAR, STAF, STAF2, catat, load_staff, punches, status

SAMPLE = Path(__file__).parents[1] / "inputs" / "samples" / "ekinerja_aktivitas_harian.csv"


@pytest.fixture
def dinas(kerja, store, tmp_path):
    load_staff(kerja, tmp_path)
    return store


def daftar(kerja, *args):
    return json.loads(kerja("kinerja", "daftar", "--json", *args).stdout)


def by_id(kerja, *args):
    return sorted(daftar(kerja, *args), key=lambda x: x["id"])


def test_impor_sample_export_stores_every_row_as_catat_would(kerja, dinas, db_path):
    r = kerja("kinerja", "impor", SAMPLE)
    # minutes by hand: 07:30-09:30 = 120, 09:30-11:45 = 135, 08:00-12:00 = 240 (Staf Satu, 495);
    # 08:00-10:00 = 120, 09:00-11:00 = 120 (Staf Dua, 240); 495 + 240 = 735
    assert "5 kegiatan (#1-#5) dari 2 pegawai diimpor, 735 menit" in r.stdout
    rows = sorted(daftar(kerja), key=lambda x: x["id"])
    assert [(x["nip"], x["tanggal"], x["mulai"], x["selesai"], x["menit"], x["status"]) for x in rows] == [
        (STAF, "2021-02-01", "07:30", "09:30", 120, "diajukan"),
        (STAF, "2021-02-01", "09:30", "11:45", 135, "diajukan"),
        (STAF, "2021-02-02", "08:00", "12:00", 240, "diajukan"),
        (STAF2, "2021-02-01", "08:00", "10:00", 120, "diajukan"),
        (STAF2, "2021-02-06", "09:00", "11:00", 120, "diajukan"),
    ]
    assert rows[2]["uraian"] == "Verifikasi berkas usulan kenaikan pangkat"
    assert rows[2]["output"] == "Berkas terverifikasi"
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT volume FROM kinerja WHERE id = 3").fetchone() == (12,)
    # one audit entry per activity, naming the file and its row
    sql = "SELECT nip, aksi, sesudah FROM audit WHERE aksi = 'kinerja.catat' ORDER BY id"
    audit = conn.execute(sql).fetchall()
    assert len(audit) == 5
    assert json.loads(audit[4][2])["baris"] == 9 and json.loads(audit[4][2])["berkas"] == SAMPLE.name
    # 6 February 2021 is a Saturday: stored, with a warning naming the row and the rule key
    assert "baris 9 (#5)" in r.stderr and "hari Sabtu" in r.stderr
    assert "kinerja.hitung_hari_libur = true" in r.stderr


def test_impor_xlsx_with_date_and_time_cells(kerja, dinas, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Laporan e-Kinerja"])
    ws.append(["NIP", "Tanggal", "Waktu Mulai", "Waktu Selesai", "Uraian Aktivitas", "Hasil"])
    ws.append([STAF, datetime(2021, 2, 3), time(8, 0), time(9, 15), "Entri data", "20 data"])
    ws.append([STAF, date(2021, 2, 3), "09.15", "10:00", "Arsip", None])
    path = tmp_path / "kinerja.xlsx"
    wb.save(path)
    r = kerja("kinerja", "impor", path)
    # 08:00-09:15 = 75, 09:15-10:00 = 45: 120 minutes
    assert "2 kegiatan (#1-#2) dari 1 pegawai diimpor, 120 menit" in r.stdout
    rows = daftar(kerja, "--nip", STAF)
    assert [(x["tanggal"], x["mulai"], x["selesai"], x["output"]) for x in rows] == [
        ("2021-02-03", "08:00", "09:15", "20 data"),
        ("2021-02-03", "09:15", "10:00", None),
    ]


def test_impor_bad_rows_all_named_nothing_stored(kerja, dinas, tmp_path, db_path):
    catat(kerja, STAF, "2021-02-01", "13:00", "14:00")  # #1, stored before the import
    before = db_bytes(db_path)
    path = write(
        tmp_path / "salah.csv",
        "NIP;Tanggal;Jam Mulai;Jam Selesai;Uraian;Output;Volume\n"
        f"{STAF};2021-02-01;08:00;09:00;Baik;;\n"  # row 2: fine, but not stored either
        "1,98504E+17;2021-02-01;08:00;09:00;Angka Excel;;\n"  # row 3
        f"{STAF};31-02-2021;08:00;09:00;Tanggal salah;;\n"  # row 4
        f"{STAF};2021-02-02;10:00;09:00;Terbalik;;\n"  # row 5
        f"{STAF2};2021-02-02;08:00;09:00;;;\n"  # row 6: no description
        f"{STAF2};2021-02-02;08:30;09:30;Tumpang;;dua\n"  # row 7: overlaps row 6, bad volume
        f"{STAF};2021-02-01;13:30;14:30;Bentrok #1;;\n"  # row 8
        "198001012005011099;2021-02-01;08:00;09:00;Orang lain;;\n"  # row 9: unknown
        f"{STAF};2999-01-01;08:00;09:00;Masa depan;;\n",  # row 10
    )
    r = kerja("kinerja", "impor", path, code=1)
    err = r.stderr
    assert "salah.csv" in err and "tidak ada yang disimpan" in err
    for needle in (
        "baris 3, kolom nip, nilai '1,98504E+17'",
        "baris 4, kolom tanggal, nilai '31-02-2021'",
        "baris 5, kolom selesai, nilai '09:00'",
        "baris 6, kolom uraian",
        "baris 7, kolom volume, nilai 'dua'",
        "baris 8, kolom mulai",
        "#1",
        "baris 9, kolom nip, nilai '198001012005011099'",
        "baris 10, kolom tanggal, nilai '2999-01-01'",
    ):
        assert needle in err, needle
    assert "baris 2," not in err
    assert db_bytes(db_path) == before


def test_impor_twice_is_refused_and_missing_columns_named(kerja, dinas, tmp_path, db_path):
    kerja("kinerja", "impor", SAMPLE)
    before = db_bytes(db_path)
    r = kerja("kinerja", "impor", SAMPLE, code=1)
    assert "sudah pernah diimpor" in r.stderr
    path = write(tmp_path / "kurang.csv", f"NIP;Tanggal;Uraian\n{STAF};2021-02-01;Rapat\n")
    r = kerja("kinerja", "impor", path, code=1)
    assert "kolom wajib tidak ditemukan" in r.stderr and "mulai" in r.stderr and "selesai" in r.stderr
    assert db_bytes(db_path) == before


def test_impor_refused_in_a_locked_month(kerja, dinas, monkeypatch, db_path):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-03-05T10:00:00+07:00")
    kerja("rekap", "kunci", "--bulan", "2021-02", "--oleh", "petugas", "--paksa")
    before = db_bytes(db_path)
    r = kerja("kinerja", "impor", SAMPLE, code=1)
    assert "kolom tanggal" in r.stderr and "2021-02 sudah dikunci" in r.stderr
    assert db_bytes(db_path) == before


def test_validasi_ranges_and_lists(kerja, dinas):
    for i in range(6):  # #1..#6 of staf, 30 minutes each on 2021-02-01
        catat(kerja, STAF, "2021-02-01", f"{8 + i:02d}:00", f"{8 + i:02d}:30")
    r = kerja("kinerja", "validasi", "2-4", "6", "--oleh", KASI)
    assert "4 kegiatan disetujui" in r.stdout
    assert [x["id"] for x in by_id(kerja) if x["status"] == "disetujui"] == [2, 3, 4, 6]
    kerja("kinerja", "validasi", "1,5", "--oleh", KASI, "--tolak", "--alasan", "kurang jelas")
    ok, no = "disetujui", "ditolak"
    assert [x["status"] for x in by_id(kerja)] == [no, ok, ok, ok, no, ok]
    for bad in ("4-x", "10-4", "abc"):
        r = kerja("kinerja", "validasi", bad, "--oleh", KASI, code=1)
        assert repr(bad) in r.stderr and "rentang" in r.stderr
    # a range reaching a number that does not exist validates nothing
    r = kerja("kinerja", "validasi", "5-7", "--oleh", KASI, code=1)
    assert "#7" in r.stderr
    assert by_id(kerja)[4]["status"] == "ditolak"


def test_validasi_semua_limited_to_the_chain(kerja, dinas):
    catat(kerja, STAF, "2021-02-01", "08:00", "09:00")  # 1: staf, below kasi, kabid, kepala
    catat(kerja, STAF, "2021-02-10", "08:00", "09:00")  # 2
    catat(kerja, STAF, "2021-03-01", "08:00", "09:00")  # 3: another month
    catat(kerja, STAF2, "2021-02-01", "08:00", "09:00")  # 4: below kabid, not kasi
    catat(kerja, KASI, "2021-02-01", "08:00", "09:00")  # 5: kasi's own
    catat(kerja, LUAR, "2021-02-01", "08:00", "09:00")  # 6: another OPD
    # kasi: only staf's (not its own, not staf2's, not luar's); February up to the 5th
    month = ("--bulan", "2021-02", "--sampai", "2021-02-05")
    r = kerja("kinerja", "validasi", "--semua", "--oleh", KASI, *month)
    assert "1 kegiatan disetujui" in r.stdout
    assert [x["id"] for x in by_id(kerja) if x["status"] == "disetujui"] == [1]
    # kabid, one person: staf2 only
    kerja("kinerja", "validasi", "--semua", "--oleh", KABID, "--nip", STAF2)
    assert [x["id"] for x in by_id(kerja) if x["status"] == "disetujui"] == [1, 4]
    r = kerja("kinerja", "validasi", "--semua", "--oleh", KASI, "--nip", STAF2, code=1)
    assert "bukan bawahan" in r.stderr
    # kepala, everything below: 2, 3 and 5 (never luar's 6)
    r = kerja("kinerja", "validasi", "--semua", "--oleh", KEPALA)
    assert "3 kegiatan disetujui" in r.stdout
    assert [x["id"] for x in by_id(kerja) if x["status"] == "diajukan"] == [6]
    r = kerja("kinerja", "validasi", "--semua", "--oleh", KEPALA)
    assert "Tidak ada kegiatan" in r.stdout
    assert "tidak keduanya" in kerja("kinerja", "validasi", "6", "--semua", "--oleh", KEPALA, code=1).stderr
    assert "--semua" in kerja("kinerja", "validasi", "--oleh", KEPALA, code=1).stderr


def _recap_minutes(kerja, nip):
    doc = json.loads(kerja("rekap", "bulanan", "--bulan", "2021-02", "--format", "json").stdout)
    return next(p["menit_kinerja"] for p in doc["pegawai"] if p["nip"] == nip)


def test_weekend_and_status_day_warned_and_counted_by_the_rule_keys(kerja, dinas, tmp_path):
    punches(kerja, tmp_path, [(STAF, "2021-02-01", "07:20", "16:10", "WFO")])  # tracking starts
    status(kerja, STAF, "S", "2021-02-03", "2021-02-03")
    r = catat(kerja, STAF, "2021-02-01", "08:00", "10:00")  # Monday: 120, no warning
    assert "Peringatan" not in r.stderr
    r = catat(kerja, STAF, "2021-02-03", "08:00", "09:00")  # sick day: 60
    assert "hari berstatus S" in r.stderr and "kinerja.hitung_hari_status = true" in r.stderr
    r = catat(kerja, STAF, "2021-02-07", "08:00", "08:30")  # Sunday: 30
    assert "hari Minggu" in r.stderr
    r = catat(kerja, STAF, "2021-02-12", "08:00", "08:45")  # Imlek 2021 (a national holiday): 45
    assert "bukan hari kerja" in r.stderr
    kerja("kinerja", "validasi", "1-4", "--oleh", KASI)
    # defaults count every validated minute: 120 + 60 + 30 + 45 = 255
    assert _recap_minutes(kerja, STAF) == 255
    rules = write(tmp_path / "aturan.toml", "[kinerja]\nhitung_hari_libur = false\n")
    kerja("aturan", "pasang", rules, "--mulai", "2021-02")
    # without the Sunday and the holiday: 120 + 60 = 180
    assert _recap_minutes(kerja, STAF) == 180
    r = catat(kerja, STAF, "2021-02-13", "08:00", "08:30")
    assert "tidak dihitung di rekap TPP (aturan kinerja.hitung_hari_libur = false)" in r.stderr
    both = "[kinerja]\nhitung_hari_libur = false\nhitung_hari_status = false\n"
    rules = write(tmp_path / "aturan.toml", both)
    kerja("aturan", "pasang", rules, "--mulai", "2021-02")
    # and without the sick day: 120
    assert _recap_minutes(kerja, STAF) == 120
    rincian = json.loads(kerja("rekap", "rincian", STAF, "--bulan", "2021-02", "--json").stdout)
    assert rincian["rekap"]["menit_kinerja"] == 120
    lihat = kerja("aturan", "lihat", "--bulan", "2021-02").stdout
    assert "hitung_hari_libur = false" in lihat and "hitung_hari_status = false" in lihat
