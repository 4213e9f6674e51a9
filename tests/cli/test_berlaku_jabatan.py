"""ASN status, eselon and jenis jabatan are dated like pagu, unit and supervisor (issue 10 item 1):
`pegawai ubah NIP --status/--eselon/--jenis-jabatan ... --mulai D` holds from D on, is refused in
a locked month naming the lock, is audited with its reason and shows in `pegawai lihat`; the
recap reads the status in force (PP 94/2021 warnings are for PNS and CPNS only, aturan
`disiplin.pp94_status`), the roster the jenis jabatan in force (a leader works from the office).

The clock is 10 May 2021. Presence is tracked from 1 March (KEPALA's one check-in); STAF has no
presence at all, so every working day is TK: March 22 days (11 March Isra Mikraj), April 21
(2 April Wafat Isa Almasih).
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


def recap(kerja, bulan):
    return kerja("rekap", "bulanan", "--bulan", bulan, "--format", "json").stdout


def staf(kerja, bulan):
    return next(x for x in json.loads(recap(kerja, bulan))["pegawai"] if x["nip"] == STAF)


CHANGES = (["--status", "PPPK"], ["--eselon", "IV.a"], ["--jenis-jabatan", "FUNGSIONAL"])


def test_a_locked_months_recap_stays_byte_identical_after_each_change(kerja, dinas):
    kerja("rekap", "kunci", "--bulan", "2021-03", "--paksa", "--oleh", KEPALA)
    locked = recap(kerja, "2021-03")
    # March as PNS: 22 TK days, tk_tahun_ini 22 >= 21: "hukuman disiplin berat" (and 10 in a row)
    assert json.loads(locked)["pegawai"][1]["peringatan"] is not None
    for change in CHANGES:
        before = db_bytes(dinas)
        r = kerja("pegawai", "ubah", STAF, *change, "--mulai", "2021-03-15", "--alasan", "SK", code=1)
        assert "2021-03 sudah dikunci" in r.stderr and "rekap buka" in r.stderr
        assert db_bytes(dinas) == before
        assert recap(kerja, "2021-03") == locked
    for change in CHANGES:
        r = kerja("pegawai", "ubah", STAF, *change, "--mulai", "2021-04-01", "--alasan", "SK")
        assert "berlaku mulai 2021-04-01" in r.stdout
        assert recap(kerja, "2021-03") == locked
        # recomputed from the facts in force in March, the locked month still has no difference
        kerja("rekap", "periksa", "--bulan", "2021-03")
    ubah = [
        a for a in json.loads(kerja("audit", "--nip", STAF, "--json").stdout) if a["aksi"] == "pegawai.ubah"
    ]
    assert [(a["sebelum"], a["sesudah"], a["alasan"]) for a in ubah] == [
        ({"status": "PNS"}, {"status": "PPPK", "berlaku_mulai": "2021-04-01"}, "SK"),
        (
            {"eselon": None, "jenis_jabatan": "PELAKSANA"},
            {"eselon": "IV.a", "jenis_jabatan": "PENGAWAS", "berlaku_mulai": "2021-04-01"},
            "SK",
        ),
        ({"jenis_jabatan": "PENGAWAS"}, {"jenis_jabatan": "FUNGSIONAL", "berlaku_mulai": "2021-04-01"}, "SK"),
    ]
    h = json.loads(kerja("pegawai", "lihat", STAF, "--json").stdout)["riwayat"]
    assert [(x["mulai"], x["sampai"], x["status"], x["eselon"], x["jenis_jabatan"]) for x in h] == [
        (None, "2021-03-31", "PNS", None, "PELAKSANA"),
        ("2021-04-01", None, "PPPK", "IV.a", "FUNGSIONAL"),
    ]
    shown = kerja("pegawai", "lihat", STAF).stdout
    assert "awal s.d. 2021-03-31: pagu Rp 3.500.000, PNS, PELAKSANA" in shown
    assert "2021-04-01 s.d. sekarang: pagu Rp 3.500.000, PPPK, FUNGSIONAL IV.a" in shown


def test_the_recap_reads_the_status_in_force_in_each_month(kerja, dinas):
    kerja("pegawai", "ubah", STAF, "--status", "PPPK", "--mulai", "2021-05-01", "--alasan", "alih status")
    april, may = staf(kerja, "2021-04"), staf(kerja, "2021-05")
    # April, still PNS: 22 TK in March + 21 in April = 43 this year, a PP 94 level is reached.
    assert (april["tk_tahun_ini"], april["peringatan"] is not None) == (43, True)
    # May, PPPK: 3-7 May and 10 May (today) = 6 TK days, 49 this year, but no PP 94 warning.
    assert (may["tk_tahun_ini"], may["peringatan"]) == (49, None)


def test_eselon_alone_sets_the_jenis_jabatan_it_implies_and_a_bad_value_is_named(kerja, dinas):
    r = kerja("pegawai", "ubah", STAF, "--eselon", "3a", "--mulai", "2021-05-03")
    assert "berlaku mulai 2021-05-03" in r.stdout
    got = json.loads(kerja("pegawai", "lihat", STAF, "--json").stdout)
    assert (got["eselon"], got["jenis_jabatan"]) == ("III.a", "ADMINISTRATOR")  # III: administrator
    # losing the eselon: a structural post becomes PELAKSANA unless --jenis-jabatan says otherwise
    kerja("pegawai", "ubah", STAF, "--eselon", "-", "--mulai", "2021-05-04")
    got = json.loads(kerja("pegawai", "lihat", STAF, "--json").stdout)
    assert (got["eselon"], got["jenis_jabatan"]) == (None, "PELAKSANA")
    before = db_bytes(dinas)
    for opt, value, words in (
        ("--eselon", "VI.c", "eselon"),
        ("--status", "Pegawai Tetap", "status"),
        ("--jenis-jabatan", "Menteri", "jenis jabatan"),
    ):
        r = kerja("pegawai", "ubah", STAF, opt, value, code=1)
        assert value in r.stderr and words in r.stderr.lower()
    assert db_bytes(dinas) == before


def test_the_roster_reads_the_jenis_jabatan_in_force_each_day(kerja, tmp_path, monkeypatch, db_path):
    import sqlite3

    from roster_fixture import setup, staff_a2

    monkeypatch.setenv("KERJA_SEKARANG", "2021-01-20T08:00:00+08:00")
    setup(kerja, tmp_path)
    head = staff_a2()[0]  # Seksi A2 has no head; one of its staff is made its Kasi from 1 February
    kerja("pegawai", "ubah", head, "--eselon", "IV.a", "--mulai", "2021-02-01", "--alasan", "pelantikan")
    kerja("jadwal", "buat", "--kebijakan", "kukar-2021")
    conn = sqlite3.connect(db_path)
    try:
        got = conn.execute(
            "SELECT tanggal, alasan FROM jadwal WHERE nip = ? ORDER BY tanggal", (head,)
        ).fetchall()
    finally:
        conn.close()
    # a leader (PENGAWAS, eselon IV) is in the office as "pejabat" from 1 February, not before
    assert [why == "pejabat" for d, why in got] == [d >= "2021-02-01" for d, _ in got]
    assert len(got) == 10  # 27-29 January, 1-5 and 8-9 February
