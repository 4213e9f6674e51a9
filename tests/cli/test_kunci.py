"""rekap kunci freezes the result (issue 10 items 2 and 3): the stored recap, its SHA-256, what the
lock lists before freezing, rekap periksa and rekap buka.

February 2021: 19 working days (12 Feb is Imlek). Hours 07:30-16:00, Friday 16:30.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from helpers import write
from kinerja_data import catat, punches, status

KEPALA = "196801011990031001"
STAF = "198504042010011004"
STAF2 = "199001012015011005"
FEB = [1, 2, 3, 4, 5, 8, 9, 10, 11, 15, 16, 17, 18, 19, 22, 23, 24, 25, 26]
CSV = f"""NIP;Nama;Unit;NIP Atasan;TPP;PIN Mesin
{KEPALA};Kepala Dinas;Dinas Uji;;8.000.000;1
{STAF};Staf Satu;Dinas Uji > Bidang A;{KEPALA};3.500.000;2
{STAF2};Staf Dua;Dinas Uji > Bidang B;{KEPALA};3.000.000;3
"""


def day(n: int) -> str:
    return f"2021-02-{n:02d}"


def recap_text(kerja, *args) -> str:
    return kerja("rekap", "bulanan", "--bulan", "2021-02", "--format", "json", *args).stdout


def rows(db, sql):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture
def month(kerja, store, tmp_path, monkeypatch):
    """A clean February: everyone has a roster day, every activity validated, KEPALA (no
    supervisor, so nobody can validate them) on DL all month (no target), no unknown PIN."""
    monkeypatch.setenv("KERJA_SEKARANG", "2021-03-10T09:00:00+07:00")
    kerja("pegawai", "impor", write(tmp_path / "p.csv", CSV))
    status(kerja, KEPALA, "DL", day(1), day(26))
    punches(kerja, tmp_path, [(n, day(d), "07:00", "16:45", "WFO") for n in (STAF, STAF2) for d in FEB])
    for d in FEB:
        kerja("jadwal", "ubah", STAF, day(d), "WFO", "--alasan", "uji", "--oleh", KEPALA)
    for i, nip in enumerate((STAF, STAF2), start=1):
        catat(kerja, nip, day(1), "08:00", "12:00")
        kerja("kinerja", "validasi", str(i), "--oleh", KEPALA)
    return store


def test_clean_month_locks_and_stores_exactly_what_bulanan_printed(kerja, month):
    before = recap_text(kerja)
    r = kerja("rekap", "kunci", "--bulan", "2021-02", "--oleh", KEPALA)
    digest = hashlib.sha256(before.encode("utf-8")).hexdigest()
    assert digest in r.stdout
    assert rows(month, "SELECT rekap, sha256 FROM kunci_rekap") == [(before, digest)]
    listed = json.loads(kerja("rekap", "kunci-daftar", "--json").stdout)
    assert [(x["bulan"], x["sha256"]) for x in listed] == [("2021-02", digest)]
    after = kerja("rekap", "bulanan", "--bulan", "2021-02", "--format", "json")
    assert after.stdout == before and "terkunci" in after.stderr
    assert kerja("rekap", "periksa", "--bulan", "2021-02").exit_code == 0


@pytest.mark.parametrize(
    "change",
    [
        ["--tpp", "9000000"],
        ["--nonaktif"],
        ["--unit", "Dinas Uji > Bidang B"],
        ["--atasan", STAF2],
    ],
)
def test_locked_recap_byte_identical_after_master_data_change(kerja, month, change, tmp_path):
    before = recap_text(kerja)
    csv_before = recap_text(kerja)  # the csv is rendered from the same document below
    kerja("rekap", "kunci", "--bulan", "2021-02", "--oleh", KEPALA)
    csv_locked = kerja("rekap", "bulanan", "--bulan", "2021-02", "--format", "csv").stdout
    kerja("pegawai", "ubah", STAF, *change, "--oleh", KEPALA)
    assert recap_text(kerja) == before == csv_before
    assert kerja("rekap", "bulanan", "--bulan", "2021-02", "--format", "csv").stdout == csv_locked
    kerja("rekap", "bulanan", "--bulan", "2021-02", "--format", "json", "--keluar", tmp_path / "r.json")
    assert (tmp_path / "r.json").read_text(encoding="utf-8") == before
    # rincian shows the stored row of the person, and says the month is locked
    r = kerja("rekap", "rincian", STAF, "--bulan", "2021-02", "--json")
    stored = next(x for x in json.loads(before)["pegawai"] if x["nip"] == STAF)
    assert json.loads(r.stdout)["rekap"] == stored and "terkunci" in r.stderr


def test_periksa_names_each_difference_and_exits_3(kerja, month):
    kerja("rekap", "kunci", "--bulan", "2021-02", "--oleh", KEPALA)
    # kerja refuses a pagu dated in the locked month; a change behind its back is what periksa finds
    assert (
        "dikunci"
        in kerja("pegawai", "ubah", STAF, "--tpp", "4000000", "--mulai", "2021-02-01", code=1).stderr
    )
    conn = sqlite3.connect(month)
    conn.execute("UPDATE pegawai SET tpp = 4000000 WHERE nip = ?", (STAF,))
    conn.commit()
    conn.close()
    r = kerja("rekap", "periksa", "--bulan", "2021-02", code=3)
    # STAF: on time all 19 days, no cut: disiplin 3,500,000 x 40% = 1,400,000 -> 1,600,000;
    # 240 of 19 x 300 = 5700 minutes: kinerja 3,500,000 x 60% x 240/5700 = 88,421.05 -> 88,421,
    # then 4,000,000 x 60% x 240/5700 = 101,052.63 -> 101,053
    assert f"{STAF} (Staf Satu): pagu_tpp 3500000 -> 4000000" in r.stdout
    assert "tpp_kinerja 88421 -> 101053; tpp_disiplin 1400000 -> 1600000" in r.stdout
    assert STAF2 not in r.stdout
    d = json.loads(kerja("rekap", "periksa", "--bulan", "2021-02", "--json", code=3).stdout)
    assert d["sama"] is False and len(d["perbedaan"]) == 2  # STAF's row and the totals
    assert "tidak sedang dikunci" in kerja("rekap", "periksa", "--bulan", "2021-01", code=1).stderr


def test_unit_filter_of_a_locked_month_is_cut_from_the_stored_document(kerja, month):
    kerja("rekap", "kunci", "--bulan", "2021-02", "--oleh", KEPALA)
    kerja("pegawai", "ubah", STAF, "--unit", "Dinas Uji > Bidang B", "--oleh", KEPALA)
    a = json.loads(recap_text(kerja, "--unit", "Bidang A"))
    assert [x["nip"] for x in a["pegawai"]] == [STAF]  # where STAF was when the month was locked
    assert a["total"]["tpp_total"] == a["pegawai"][0]["tpp_total"]


def test_buka_keeps_the_stored_recap_in_the_audit(kerja, month):
    before = recap_text(kerja)
    kerja("rekap", "kunci", "--bulan", "2021-02", "--oleh", KEPALA)
    kerja("rekap", "buka", "--bulan", "2021-02", "--alasan", "koreksi cuti", "--oleh", KEPALA)
    assert rows(month, "SELECT count(*) FROM kunci_rekap") == [(0,)]
    buka = [a for a in json.loads(kerja("audit", "--json").stdout) if a["aksi"] == "rekap.buka"]
    assert len(buka) == 1 and buka[0]["alasan"] == "koreksi cuti"
    assert buka[0]["sebelum"]["rekap"] == before
    assert buka[0]["sebelum"]["sha256"] == hashlib.sha256(before.encode()).hexdigest()
    # reopened: the recap is computed again from today's data
    kerja("pegawai", "ubah", STAF, "--tpp", "4000000", "--mulai", "2021-02-01", "--oleh", KEPALA)
    assert recap_text(kerja) != before


def test_pre_lock_list_refuses_then_paksa_records_it(kerja, month, tmp_path):
    catat(kerja, STAF, day(2), "08:00", "09:00")  # #3: still waiting
    # a new person with no supervisor, activities, no presence: no-supervisor and 0% capaian
    lone = "197001012000011009"
    kerja(
        "pegawai",
        "impor",
        write(
            tmp_path / "q.csv",
            f"NIP;Nama;Unit;TPP;TMT CPNS\n{lone};Orang Sendiri;Dinas Uji > Bidang C;1.000.000;2021-02-01\n",
        ),
    )
    catat(kerja, lone, day(4), "08:00", "09:00")  # #4
    write(tmp_path / "m.dat", "77\t2021-02-05 07:31:00\t0\t1\n2\t2021-03-01 07:00:00\t0\t1\n")
    kerja("presensi", "impor", tmp_path / "m.dat")
    kerja("jadwal", "ubah", STAF, day(8), "WFH", "--alasan", "uji", "--oleh", KEPALA)
    before = rows(month, "SELECT count(*) FROM kunci") + rows(month, "SELECT count(*) FROM audit")
    r = kerja("rekap", "kunci", "--bulan", "2021-02", code=1)
    err = r.stderr
    assert "2 kegiatan masih menunggu validasi" in err and "#3" in err and "#4" in err
    assert "1 pegawai punya kegiatan tetapi tanpa atasan" in err and lone in err
    assert "1 pegawai dengan capaian kinerja 0%" in err
    assert "1 PIN mesin tak dikenal" in err and "77 (1 presensi)" in err
    assert "hari kerja tanpa jadwal" not in err  # every working day has a roster cell
    assert "--paksa" in err
    assert rows(month, "SELECT count(*) FROM kunci") + rows(month, "SELECT count(*) FROM audit") == before
    r = kerja("rekap", "kunci", "--bulan", "2021-02", "--paksa", "--oleh", KEPALA)
    assert "Dikunci walau" in r.stderr
    kunci = [a for a in json.loads(kerja("audit", "--json").stdout) if a["aksi"] == "rekap.kunci"]
    found = {f["jenis"]: f for f in kunci[0]["sesudah"]["temuan"]}
    assert sorted(found) == ["capaian-nol", "kinerja-menunggu", "pin-tak-dikenal", "tanpa-atasan"]
    assert found["kinerja-menunggu"]["contoh"] == ["3", "4"]
    assert found["pin-tak-dikenal"]["contoh"] == ["77"] and kunci[0]["alasan"] == "dikunci dengan --paksa"


def test_days_without_roster_are_listed(kerja, store, tmp_path, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-03-10T09:00:00+07:00")
    kerja("pegawai", "impor", write(tmp_path / "p.csv", CSV))
    status(kerja, STAF, "DL", day(1), day(26))
    status(kerja, STAF2, "DL", day(1), day(26))
    status(kerja, KEPALA, "DL", day(1), day(26))
    kerja("jadwal", "ubah", STAF, day(1), "WFO", "--alasan", "uji", "--oleh", KEPALA)
    err = kerja("rekap", "kunci", "--bulan", "2021-02", code=1).stderr
    # 19 working days, one with a roster: 18 without, the first five named
    assert (
        "18 hari kerja tanpa jadwal WFO/WFH: 2021-02-02, 2021-02-03, 2021-02-04, 2021-02-05, 2021-02-08"
        in err
    )
    assert "dan 13 lainnya" in err
