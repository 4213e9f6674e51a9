"""kerja kinerja through the CLI: catat, daftar, validasi, authorisation, lock, audit."""

from __future__ import annotations

import json
import sqlite3

import pytest

from kinerja_data import KABID, KASI, KEPALA, LUAR, STAF, STAF2, catat, load_staff


@pytest.fixture
def dinas(kerja, store, tmp_path):
    load_staff(kerja, tmp_path)
    return store


def daftar(kerja, *args):
    return json.loads(kerja("kinerja", "daftar", "--json", *args).stdout)


def test_catat_counts_minutes_and_refuses_overlap(kerja, dinas):
    r = catat(kerja, STAF, "2021-02-01", "08:00", "10:30")
    assert "#1" in r.stdout and "150 menit" in r.stdout
    catat(kerja, STAF, "2021-02-01", "10.30", "11.00")  # touching the end, Indonesian HH.MM
    r = catat(kerja, STAF, "2021-02-01", "09:00", "09:15", code=1)
    assert "tumpang tindih" in r.stderr and "#1" in r.stderr
    catat(kerja, STAF2, "2021-02-01", "09:00", "09:15")  # someone else, same hour: fine
    r = catat(kerja, STAF, "2021-02-01", "12:00", "11:00", code=1)
    assert "harus sesudah" in r.stderr
    rows = daftar(kerja, "--nip", STAF)
    assert [(x["id"], x["menit"], x["status"]) for x in rows] == [
        (1, 150, "diajukan"),
        (2, 30, "diajukan"),
    ]
    assert set(rows[0]) == {
        "id",
        "nip",
        "tanggal",
        "mulai",
        "selesai",
        "menit",
        "uraian",
        "output",
        "status",
        "divalidasi_oleh",
        "divalidasi_pada",
        "alasan",
    }


def test_catat_refuses_unknown_employee_future_date_and_bad_time(kerja, dinas):
    assert (
        "tidak ditemukan" in catat(kerja, "198001012005011099", "2021-02-01", "08:00", "09:00", code=1).stderr
    )
    assert "belum terjadi" in catat(kerja, STAF, "2999-01-01", "08:00", "09:00", code=1).stderr
    assert "--mulai" in catat(kerja, STAF, "2021-02-01", "8", "09:00", code=1).stderr


def test_validation_direct_grand_supervisor_and_refusals(kerja, dinas):
    for i, nip in enumerate([STAF, STAF, STAF, KASI]):
        catat(kerja, nip, "2021-02-02", f"0{8 + i}:00" if i < 2 else f"{8 + i}:00", f"{8 + i}:30")
    # 1, 2, 3: staf; 4: kasi. Queue of the direct supervisor of staf:
    assert [x["id"] for x in daftar(kerja, "--atasan", KASI, "--menunggu")] == [1, 2, 3]
    assert [x["id"] for x in daftar(kerja, "--atasan", KABID, "--menunggu")] == [4]
    queue = daftar(kerja, "--atasan", KABID, "--menunggu", "--semua-bawahan")
    assert sorted(x["id"] for x in queue) == [1, 2, 3, 4]
    # refused, exit 1, nothing validated: oneself, a peer, someone from another OPD, a subordinate
    r = kerja("kinerja", "validasi", "4", "--oleh", KASI, code=1)
    assert "sendiri" in r.stderr
    r = kerja("kinerja", "validasi", "1", "2", "--oleh", STAF2, code=1)
    assert "bukan atasan" in r.stderr
    kerja("kinerja", "validasi", "1", "--oleh", LUAR, code=1)
    kerja("kinerja", "validasi", "4", "--oleh", STAF, code=1)
    r = kerja("kinerja", "validasi", "1", "99", "--oleh", KASI, code=1)
    assert "#99" in r.stderr
    assert all(x["status"] == "diajukan" for x in daftar(kerja))
    # rejection needs a reason
    assert "alasan" in kerja("kinerja", "validasi", "2", "--oleh", KASI, "--tolak", code=1).stderr
    # direct supervisor approves 1, grand-supervisor (kabid) approves 3, head of OPD rejects 2
    kerja("kinerja", "validasi", "1", "--oleh", KASI)
    kerja("kinerja", "validasi", "3", "4", "--oleh", KABID)
    kerja("kinerja", "validasi", "2", "--oleh", KEPALA, "--tolak", "--alasan", "Tanpa bukti")
    rows = {x["id"]: x for x in daftar(kerja)}
    assert [rows[i]["status"] for i in (1, 2, 3, 4)] == [
        "disetujui",
        "ditolak",
        "disetujui",
        "disetujui",
    ]
    assert rows[3]["divalidasi_oleh"] == KABID and rows[2]["alasan"] == "Tanpa bukti"
    assert rows[1]["divalidasi_pada"] is not None
    assert daftar(kerja, "--atasan", KASI, "--menunggu") == []
    # again: nothing changes
    assert "sudah disetujui" in kerja("kinerja", "validasi", "1", "--oleh", KASI).stdout
    audit = json.loads(kerja("audit", "--nip", STAF, "--json").stdout)
    kinds = [a["aksi"] for a in audit if a["aksi"].startswith("kinerja.")]
    assert kinds.count("kinerja.setujui") == 2 and kinds.count("kinerja.tolak") == 1
    tolak = next(a for a in audit if a["aksi"] == "kinerja.tolak")
    assert tolak["oleh"] == KEPALA and tolak["sebelum"]["status"] == "diajukan"
    assert tolak["alasan"] == "Tanpa bukti"


def test_rejected_slot_may_be_entered_again(kerja, dinas):
    catat(kerja, STAF, "2021-02-03", "08:00", "09:00")
    kerja("kinerja", "validasi", "1", "--oleh", KASI, "--tolak", "--alasan", "Uraian kurang jelas")
    catat(kerja, STAF, "2021-02-03", "08:00", "09:00", uraian="Menyusun laporan bulan Januari")
    rows = json.loads(kerja("kinerja", "daftar", "--nip", STAF, "--json").stdout)
    assert [(r["mulai"], r["status"]) for r in rows] == [("08:00", "ditolak"), ("08:00", "diajukan")]


def test_locked_month_refuses_catat_and_validasi(kerja, dinas, db_path):
    catat(kerja, STAF, "2021-02-04", "08:00", "09:00")
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO kunci VALUES ('2021-02', 'admin', '2021-03-01T08:00:00+07:00')")
    conn.commit()
    conn.close()
    assert "dikunci" in catat(kerja, STAF, "2021-02-05", "08:00", "09:00", code=1).stderr
    assert "dikunci" in kerja("kinerja", "validasi", "1", "--oleh", KASI, code=1).stderr
    catat(kerja, STAF, "2021-03-01", "08:00", "09:00")  # next month is open


def test_late_validation_is_flagged(kerja, dinas, tmp_path, monkeypatch):
    rules = tmp_path / "aturan.toml"
    rules.write_text("[kinerja]\nbatas_validasi_hari = 5\n", encoding="utf-8")
    kerja("aturan", "pasang", rules, "--mulai", "2021-01")
    catat(kerja, STAF, "2021-02-04", "08:00", "09:00")
    catat(kerja, STAF, "2021-02-05", "08:00", "09:00")
    monkeypatch.setenv("KERJA_SEKARANG", "2021-03-05T16:00:00+07:00")
    assert "batas_validasi_hari" not in kerja("kinerja", "validasi", "1", "--oleh", KASI).stderr
    monkeypatch.setenv("KERJA_SEKARANG", "2021-03-06T08:00:00+07:00")
    r = kerja("kinerja", "validasi", "2", "--oleh", KASI)
    assert "#2" in r.stderr and "tidak dihitung" in r.stderr
    rows = {x["id"]: x for x in daftar(kerja)}
    assert rows[1]["divalidasi_pada"].startswith("2021-03-05T16:00:00+07:00")
    assert rows[2]["divalidasi_pada"].startswith("2021-03-06")


def test_daftar_human_and_month_filter(kerja, dinas):
    catat(kerja, STAF, "2021-02-04", "08:00", "09:00")
    catat(kerja, STAF, "2021-03-04", "08:00", "09:30")
    assert [x["menit"] for x in daftar(kerja, "--bulan", "2021-03")] == [90]
    out = kerja("kinerja", "daftar", "--nip", STAF).stdout
    assert "2 kegiatan, 150 menit" in out
    assert "bulan" in kerja("kinerja", "daftar", "--bulan", "2021-13", code=1).stderr
