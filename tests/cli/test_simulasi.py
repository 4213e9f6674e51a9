"""What-if before a rule is in force (issue 12 item 7): `rekap simulasi` recomputes a month under a
draft rule file and `jadwal simulasi` builds the roster a draft circular would give, each against
what is in force, per unit and per person, writing nothing to the store.

February 2021 has 19 working days (weekdays minus 12 Feb, Imlek); hours 07:30-16:00, Fri 16:30.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from helpers import db_bytes
from kinerja_data import punches
from regulations_data import HONOR, KEPALA, A, B, day, month, on_time


def counts(db: Path) -> dict[str, int]:
    """Rows per table: the store's shape, audit log included."""
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


DRAFT = """# Draf Perbup: potongan dari seluruh TPP, TK 5% sehari, terlambat sampai 30 menit bebas
[presensi]
tk = 5.0
tl = [[1, 30, 0.0], [31, 60, 1.0], [61, 90, 1.5], [91, 1440, 2.0]]
[tpp]
basis_potongan = "total"
"""


def feb_with_a_late_and_absent_a(kerja, tmp_path: Path) -> Path:
    month(kerja, None, tmp_path, pagu="2.000.000")
    rows = on_time(A, skip={1, 4}) + [(A, day(1), "08:15", "16:00", "WFO")]  # 45 late: TL2; 4 Feb TK
    rows += on_time(B, skip={2}) + [(B, day(2), "07:50", "16:00", "WFO")]  # 20 late: TL1
    rows += on_time(KEPALA) + on_time(HONOR)
    punches(kerja, tmp_path, rows)
    draft = tmp_path / "draf.toml"
    draft.write_text(DRAFT, encoding="utf-8")
    return draft


def test_rekap_simulasi_names_who_gains_and_loses_and_writes_nothing(kerja, tmp_path, db_path):
    draft = feb_with_a_late_and_absent_a(kerja, tmp_path)
    before, shape = db_bytes(db_path), counts(db_path)
    d = json.loads(kerja("rekap", "simulasi", "--bulan", "2021-02", "--aturan", draft, "--json").stdout)
    assert db_bytes(db_path) == before and counts(db_path) == shape  # audit included: nothing written
    # Nobody logged activities: capaian 0, tpp_kinerja 0 on both sides; the discipline share is
    # 2,000,000 x 40% = 800,000.
    # A, in force: TL2 1% + TK 3% = 4% of the share: 800,000 x 96% = 768,000.
    #    draft:     TL2 1% + TK 5% = 6% of the whole 2,000,000 = 120,000 off: 680,000 (-88,000).
    # B, in force: TL1 0.5%: 800,000 x 99.5% = 796,000; draft: TL1 is 0%: 800,000 (+4,000).
    # Kepala and the honorary: on time every day, 800,000 on both sides.
    by_nip = {p["nip"]: p for p in d["pegawai"]}
    assert set(by_nip) == {A, B}
    assert (by_nip[A]["tpp_berlaku"], by_nip[A]["tpp_draf"], by_nip[A]["selisih"]) == (
        768_000,
        680_000,
        -88_000,
    )
    assert by_nip[A]["berlaku"]["potongan_disiplin_persen"] == 4.0
    assert by_nip[A]["draf"]["potongan_disiplin_persen"] == 6.0
    assert (by_nip[B]["tpp_berlaku"], by_nip[B]["tpp_draf"], by_nip[B]["selisih"]) == (
        796_000,
        800_000,
        4_000,
    )
    assert (d["naik"], d["turun"], d["sama"]) == (1, 1, 2)
    # Totals: 768,000 + 796,000 + 800,000 + 800,000 = 3,164,000 -> 680,000 + 3 x 800,000 = 3,080,000
    assert d["total"]["berlaku"]["tpp_total"] == 3_164_000
    assert d["total"]["draf"]["tpp_total"] == 3_080_000
    assert d["total"]["selisih"]["tpp_total"] == -84_000
    units = {u["unit"]: u for u in d["unit"]}
    # Bidang A (A, B, honorary): 768,000 + 796,000 + 800,000 = 2,364,000 -> 2,280,000
    bidang = units["Dinas Uji > Bidang A"]
    assert (bidang["pegawai"], bidang["tpp_berlaku"], bidang["tpp_draf"]) == (3, 2_364_000, 2_280_000)
    assert (bidang["selisih"], bidang["naik"], bidang["turun"]) == (-84_000, 1, 1)
    assert units["Dinas Uji"]["selisih"] == 0
    keys = {k["kunci"]: (k["berlaku"], k["draf"]) for k in d["kunci_berubah"]}
    assert keys["presensi.tk"] == (3.0, 5.0) and keys["tpp.basis_potongan"] == ("disiplin", "total")
    assert set(keys) == {"presensi.tk", "presensi.tl", "tpp.basis_potongan"}
    # the recap in force is untouched
    doc = json.loads(kerja("rekap", "bulanan", "--bulan", "2021-02", "--format", "json").stdout)
    assert {r["nip"]: r["tpp_total"] for r in doc["pegawai"]}[A] == 768_000


def test_rekap_simulasi_screen(kerja, tmp_path, db_path):
    draft = feb_with_a_late_and_absent_a(kerja, tmp_path)
    before = db_bytes(db_path)
    out = kerja("rekap", "simulasi", "--bulan", "2021-02", "--aturan", draft).stdout
    assert db_bytes(db_path) == before
    assert "tidak ada yang disimpan" in out
    assert "Rp 3.164.000 -> Rp 3.080.000 (Rp -84.000)" in out
    assert "1 naik, 1 turun, 2 sama" in out
    assert "presensi.tk: 3.0 -> 5.0" in out
    assert A in out and "-88.000" in out and "+4.000" in out


def test_rekap_simulasi_bad_draft_is_named_and_nothing_written(kerja, tmp_path, db_path):
    feb_with_a_late_and_absent_a(kerja, tmp_path)
    bad = tmp_path / "salah.toml"
    bad.write_text("[presensi]\ntk = 'tiga'\n", encoding="utf-8")
    before = db_bytes(db_path)
    err = kerja("rekap", "simulasi", "--bulan", "2021-02", "--aturan", bad, code=1).stderr
    assert "salah.toml" in err and "presensi.tk" in err
    err = kerja(
        "rekap", "simulasi", "--bulan", "2021-02", "--aturan", tmp_path / "tidak-ada.toml", code=1
    ).stderr
    assert "tidak ditemukan" in err
    assert db_bytes(db_path) == before


# -- jadwal simulasi ------------------------------------------------------------------------------


def roster_and_draft(kerja, tmp_path: Path, monkeypatch, wfo: int = 50) -> Path:
    from roster_fixture import KUKAR, setup

    monkeypatch.setenv("KERJA_SEKARANG", "2021-01-20T08:00:00+08:00")  # before the period
    setup(kerja, tmp_path)
    kerja("jadwal", "buat", "--kebijakan", "kukar-2021")
    draft = tmp_path / "edaran-draf.toml"
    text = KUKAR.read_text(encoding="utf-8").replace('nama = "kukar-2021"', 'nama = "kukar-2021-revisi"')
    draft.write_text(text.replace("wfo_persen = 25", f"wfo_persen = {wfo}"), encoding="utf-8")
    return draft


def test_jadwal_simulasi_counts_per_unit_and_person_and_writes_nothing(kerja, tmp_path, db_path, monkeypatch):
    from roster_fixture import KABID, KADIS, KASI, nip, staff_a1, staff_a2

    draft = roster_and_draft(kerja, tmp_path, monkeypatch)
    before, shape = db_bytes(db_path), counts(db_path)
    d = json.loads(kerja("jadwal", "simulasi", "--kebijakan-berkas", draft, "--json").stdout)
    assert db_bytes(db_path) == before and counts(db_path) == shape  # audit included: nothing written
    assert (d["kebijakan"], d["mulai"], d["sampai"], d["hari"]) == (
        "kukar-2021-revisi",
        "2021-01-27",
        "2021-02-09",
        10,
    )
    # Stored (25%): Dinas Uji 15 people -> 3.75 -> 4 a day (3 leaders + Seksi A2's coverage pick);
    # Badan Lain 3 -> 0.75 -> 1 (its Kasi). 5 WFO and 13 WFH a day, over 10 days: 50 and 130.
    # Draft (50%): Dinas Uji 7.5 -> 8 a day, Badan Lain 1.5 -> 2: 10 WFO, 8 WFH a day: 100 and 80.
    assert d["total"] == {"berlaku": {"WFO": 50, "WFH": 130}, "draf": {"WFO": 100, "WFH": 80}}
    units = {u["unit"]: u for u in d["unit"]}
    x = units["Badan Lain > Seksi X"]
    # Seksi X: its Kasi every day (10) -> Kasi plus one of the two staff each day (20)
    assert (x["wfo_berlaku"], x["wfh_berlaku"], x["wfo_draf"], x["wfh_draf"]) == (10, 20, 20, 10)
    a1, a2 = units["Dinas Uji > Bidang A > Seksi A1"], units["Dinas Uji > Bidang A > Seksi A2"]
    # The 12 rotating staff of Seksi A1 and A2: 1 coverage pick a day (10) -> 1 + 4 a day (50);
    # Seksi A1 also holds its Kasi, in the office every day on both sides (10).
    assert a1["wfo_berlaku"] + a2["wfo_berlaku"] == 10 + 10
    assert a1["wfo_draf"] + a2["wfo_draf"] == 10 + 50
    people = {p["nip"]: p for p in d["pegawai"]}
    assert not {KADIS, KABID, KASI, nip(21)} & set(people)  # leaders: WFO every day on both sides
    # fair share of a rotating Dinas staff: 50 rotating WFO days / 12 = 4.17: everyone 4 or 5
    for n in staff_a2():
        assert n not in people or people[n]["wfo_draf"] in (4, 5)
    for n in staff_a1():  # no WFO day stored, 4 or 5 in the draft
        assert people[n]["wfo_berlaku"] == 0 and people[n]["wfo_draf"] in (4, 5)
        assert len(people[n]["hari"]) == people[n]["wfo_draf"]
        assert all(h["berlaku"] == "WFH" and h["draf"] == "WFO" for h in people[n]["hari"])
    for n in (nip(20), nip(22)):  # Seksi X staff: one of two a day for 10 days: 5 each
        assert (people[n]["wfo_berlaku"], people[n]["wfo_draf"]) == (0, 5)
    assert d["pelanggaran"] == {"berlaku": [], "draf": []}
    # the stored roster is untouched
    rows = json.loads(kerja("jadwal", "ekspor", "--format", "json").stdout)
    assert sum(r["lokasi"] == "WFO" for r in rows) == 50


def test_jadwal_simulasi_over_part_of_the_period_on_screen(kerja, tmp_path, db_path, monkeypatch):
    draft = roster_and_draft(kerja, tmp_path, monkeypatch)
    before = db_bytes(db_path)
    out = kerja(
        "jadwal", "simulasi", "--kebijakan-berkas", draft, "--mulai", "2021-02-01", "--sampai", "2021-02-05"
    ).stdout
    assert db_bytes(db_path) == before
    # 5 days: 5 x 5 = 25 WFO stored, 5 x 10 = 50 with the draft; WFH 5 x 13 = 65 -> 5 x 8 = 40
    assert "5 hari kerja; tidak ada yang disimpan" in out
    assert "WFO 25 -> 50, WFH 65 -> 40" in out
    assert "Seksi X" in out and "Pelanggaran: 0 pada jadwal tersimpan, 0 dengan draf." in out


def test_jadwal_simulasi_names_the_violations_a_draft_brings(kerja, tmp_path, db_path, monkeypatch):
    # 10%: Dinas Uji 1.5 -> 2 a day, but its 3 leaders come in: a quota violation every day
    draft = roster_and_draft(kerja, tmp_path, monkeypatch, wfo=10)
    before = db_bytes(db_path)
    d = json.loads(kerja("jadwal", "simulasi", "--kebijakan-berkas", draft, "--json").stdout)
    assert db_bytes(db_path) == before
    assert d["pelanggaran"]["berlaku"] == []
    kuota = [v for v in d["pelanggaran"]["draf"] if v["jenis"] == "kuota" and v["unit"] == "Dinas Uji"]
    assert len(kuota) == 10


def test_jadwal_simulasi_bad_file_is_named(kerja, tmp_path, db_path, monkeypatch):
    roster_and_draft(kerja, tmp_path, monkeypatch)
    bad = tmp_path / "rusak.toml"
    bad.write_text('nama = "x"\nmulai = 2021-02-01\nsampai = 2021-02-05\n[kuota]\nwfo_persen = 150\n')
    before = db_bytes(db_path)
    err = kerja("jadwal", "simulasi", "--kebijakan-berkas", bad, code=1).stderr
    assert "wfo_persen" in err
    assert db_bytes(db_path) == before
