"""rekap bulanan / rekap rincian end to end, with golden figures worked out by hand.

February 2021 has 19 working days (weekdays minus 12 Feb, Imlek):
1 2 3 4 5 | 8 9 10 11 (12 Imlek) | 15 16 17 18 19 | 22 23 24 25 26. Hours 07:30-16:00, Fri 16:30.
"""

from __future__ import annotations

import json

import pytest

from helpers import db_bytes
from kinerja_data import (
    KABID,
    KASI,
    KEPALA,
    LUAR,
    STAF,
    STAF2,
    catat,
    load_staff,
    punches,
    status,
)

FEB = [1, 2, 3, 4, 5, 8, 9, 10, 11, 15, 16, 17, 18, 19, 22, 23, 24, 25, 26]


def day(n: int, month: int = 2) -> str:
    return f"2021-{month:02d}-{n:02d}"


def catat_id(kerja, nip, tanggal, mulai, selesai) -> int:
    out = catat(kerja, nip, tanggal, mulai, selesai, uraian="Pekerjaan").stdout
    return int(out.split("#")[1].split()[0])


@pytest.fixture
def february(kerja, store, tmp_path):
    """STAF's month (every tier, a sick day, a TK day, leave over a holiday) and activities."""
    load_staff(kerja, tmp_path)
    # LUAR: no presence at all (19 TK); ceiling chosen so 57% off lands on exactly ,5 Rupiah.
    kerja("pegawai", "ubah", LUAR, "--tpp", "8000375", "--mulai", "2021-02-01")
    # The others: on time every day, at the office.
    punches(
        kerja,
        tmp_path,
        [(n, day(d), "07:00", "17:00", "WFO") for n in (KEPALA, KABID, KASI, STAF2) for d in FEB],
    )
    punches(
        kerja,
        tmp_path,
        [
            (STAF, day(1), "07:45", "16:00", "WFO"),  # 15 min late: TL1 0.5%
            (STAF, day(2), "08:15", "16:05", "WFO"),  # 45: TL2 1%
            (STAF, day(3), "09:00", "16:00", "WFH"),  # 90: TL3 1.5%
            (STAF, day(4), "09:31", "16:00", "WFH"),  # 121: TL4 2%
            (STAF, day(5), "07:30", "16:10", "WFO"),  # Friday, 20 min early of 16:30: PSW1 0.5%
            (STAF, day(8), "07:20", "15:00", "WFO"),  # 60 early: PSW2 1%
            (STAF, day(9), "07:29", "14:45", "WFO"),  # 75 early: PSW3 1.5%
            (STAF, day(18), "07:30", None, "WFO"),  # no check-out: PSW4 (tanpa_pulang) 2%
            (STAF, day(19), "07:30", "16:30", "WFO"),  # on time (Friday)
            (STAF, day(22), "07:25", "16:05", "WFH"),
            (STAF, day(23), "07:25", "16:05", "WFH"),
            (STAF, day(24), "07:25", "16:05", "WFO"),
            (STAF, day(25), "07:25", "16:05", "WFO"),
            (STAF, day(26), "07:25", "16:35", "WFO"),
        ],
    )
    # leave over the holiday: Wed 10 .. Mon 15 = working days 10, 11, 15 only; sick on the 16th;
    # the 17th has nothing: TK 3%.
    status(kerja, STAF, "CT", day(10), day(15))
    status(kerja, STAF, "S", day(16), day(16))
    ids = {}
    ids["kasi"] = catat_id(kerja, STAF, day(1), "08:00", "12:00")  # 240, approved by kasi
    ids["extra"] = catat_id(kerja, STAF, day(1), "13:00", "15:00")  # 120, approved by kasi
    ids["kabid"] = catat_id(kerja, STAF, day(2), "08:00", "12:00")  # 240, approved by kabid
    ids["tolak"] = catat_id(kerja, STAF, day(3), "08:00", "11:00")  # 180, rejected
    ids["tunggu"] = catat_id(kerja, STAF, day(4), "08:00", "10:00")  # 120, pending
    rest = [
        catat_id(kerja, STAF, day(d), "08:00", "13:00") for d in (5, 8, 9, 18, 19, 22, 23, 24, 25, 26)
    ]  # 10 x 300, approved
    kerja("kinerja", "validasi", ids["kasi"], ids["extra"], *rest, "--oleh", KASI)
    kerja("kinerja", "validasi", ids["kabid"], "--oleh", KABID)  # grand-supervisor
    kerja("kinerja", "validasi", ids["tolak"], "--oleh", KASI, "--tolak", "--alasan", "Tanpa bukti")
    return store


def recap(kerja, *args):
    return json.loads(kerja("rekap", "bulanan", "--bulan", "2021-02", "--format", "json", *args).stdout)


def test_golden_february(kerja, february):
    r = recap(kerja)
    assert r["instansi"] == "Dinas Uji" and r["bulan"] == "2021-02"
    rows = {x["nip"]: x for x in r["pegawai"]}
    assert set(rows) == {KEPALA, KABID, KASI, STAF, STAF2, LUAR}
    s = rows[STAF]
    assert s == {
        "nip": STAF,
        "nama": "Staf Satu",
        "unit": "Dinas Uji > Bidang A > Seksi 1",
        "hari_kerja": 19,
        # H on 1 2 3 4 5 8 9 18 19 22 23 24 25 26 = 14: WFH 3 4 22 23, WFO the other 10
        "hadir_wfo": 10,
        "hadir_wfh": 4,
        "sakit": 1,
        "izin": 0,
        "cuti": 3,
        "dinas_luar": 0,
        "tk": 1,
        "tl": [1, 1, 1, 1],
        "psw": [1, 1, 1, 1],
        # TL 0.5+1+1.5+2 = 5, PSW 0.5+1+1.5+2 = 5, TK 3 -> 13
        "potongan_disiplin_persen": 13.0,
        # approved: 240 + 120 (kasi) + 240 (kabid) + 10 x 300 = 3600; rejected 180 and pending
        # 120 do not count. Target: (19 - 1 S - 3 CT) x 300 = 4500. 3600/4500 = 80%.
        "menit_kinerja": 3600,
        "target_menit": 4500,
        "capaian_kinerja_persen": 80.0,
        # 3,500,000 x 60% x 80% = 1,680,000; 3,500,000 x 40% x 87% = 1,218,000
        "pagu_tpp": 3_500_000,
        "tpp_kinerja": 1_680_000,
        "tpp_disiplin": 1_218_000,
        "tpp_total": 2_898_000,
        "tk_tahun_ini": 1,
        "peringatan": None,
        "tk_berturut": 1,
        "potongan_hukdis_persen": 0.0,
    }
    luar = rows[LUAR]
    # 19 TK x 3% = 57%; 8,000,375 x 40% x 43% = 1,376,064.5 -> 1,376,065 (half-up, not to even)
    assert (luar["tk"], luar["potongan_disiplin_persen"], luar["tpp_disiplin"]) == (
        19,
        57.0,
        1_376_065,
    )
    # no activities: 0 / 5700 -> 0%; the year's 19 TK days would be "hukuman disiplin sedang", but
    # they are 19 working days in a row: dismissal (PP 94/2021 art. 11(2)(d)) comes first
    assert (luar["tpp_kinerja"], luar["tk_tahun_ini"], luar["tk_berturut"]) == (0, 19, 19)
    assert "pemberhentian" in luar["peringatan"]
    # on time all month, no activities: disiplin 8,000,000 x 40% = 3,200,000
    assert rows[KEPALA]["hadir_wfo"] == 19 and rows[KEPALA]["tpp_total"] == 3_200_000
    # totals are the sums of the rows
    for k in ("pagu_tpp", "tpp_kinerja", "tpp_disiplin", "tpp_total"):
        assert r["total"][k] == sum(x[k] for x in r["pegawai"])
    assert r["total"]["pagu_tpp"] == 8_000_000 + 5_000_000 + 4_000_000 + 3_500_000 + 3_000_000 + 8_000_375


def test_rincian_matches_the_row_and_explains(kerja, february):
    row = next(x for x in recap(kerja)["pegawai"] if x["nip"] == STAF)
    d = json.loads(kerja("rekap", "rincian", STAF, "--bulan", "2021-02", "--json").stdout)
    assert set(d) == {"nip", "bulan", "hari", "rekap"}
    assert d["rekap"] == row
    assert [h["tanggal"][-2:] for h in d["hari"]] == [f"{n:02d}" for n in FEB]
    by = {int(h["tanggal"][-2:]): h for h in d["hari"]}
    assert by[4]["tl"] == 4 and by[4]["telat_menit"] == 121 and by[4]["potongan_persen"] == 2.0
    assert by[4]["masuk"] == "09:31" and "TL4" in by[4]["aturan"]
    assert by[18]["psw"] == 4 and by[18]["pulang"] is None
    assert by[17]["kode"] == "TK" and by[17]["potongan_persen"] == 3.0
    assert [by[n]["kode"] for n in (10, 11, 15, 16)] == ["CT", "CT", "CT", "S"]
    assert by[1]["menit_kinerja"] == 360 and by[3]["menit_kinerja"] == 0
    assert sum(h["menit_kinerja"] for h in d["hari"]) == row["menit_kinerja"]
    assert sum(h["potongan_persen"] for h in d["hari"]) == pytest.approx(13.0)
    keys = {
        "tanggal",
        "kode",
        "jadwal",
        "masuk",
        "pulang",
        "telat_menit",
        "cepat_menit",
        "tl",
        "psw",
        "potongan_persen",
        "aturan",
        "menit_kinerja",
    }
    assert all(set(h) == keys for h in d["hari"])
    text = kerja("rekap", "rincian", STAF, "--bulan", "2021-02").stdout
    assert "TPP kinerja = 3.500.000 x 60% x 80,00% = 1.680.000" in text
    assert "TPP total = 1.680.000 + 1.218.000 = 2.898.000" in text
    assert "120 menit masih menunggu validasi; 180 menit ditolak atasan" in text


def test_unfinished_month_and_untracked_month_are_flagged(kerja, february, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-02-20T10:00:00+07:00")
    r = kerja("rekap", "bulanan", "--bulan", "2021-02", "--json")
    assert "sementara" in r.stderr and r.stdout.startswith("{")
    r = kerja("rekap", "bulanan", "--bulan", "2021-01", "--json")
    assert "hari kerja 0" in r.stderr
    assert all(x["hari_kerja"] == 0 for x in json.loads(r.stdout)["pegawai"])


def test_rules_change_next_month_and_locked_predecessor(kerja, february, tmp_path):
    feb_before = recap(kerja)
    rules = tmp_path / "perbup.toml"
    rules.write_text(
        "[tpp]\nbobot_kinerja = 70\nbobot_disiplin = 30\n[presensi]\ntk = 6.0\n"
        "[kinerja]\nmenit_per_hari = 240\n",
        encoding="utf-8",
    )
    kerja("aturan", "pasang", rules, "--mulai", "2021-03")
    # February keeps its own rules: the same recap.
    assert recap(kerja) == feb_before
    catat_id(kerja, STAF, day(1, 3), "08:00", "12:00")
    kerja("kinerja", "validasi", "16", "--oleh", KASI)
    kerja("rekap", "kunci", "--bulan", "2021-02", "--oleh", KEPALA, "--paksa")
    before = db_bytes(february)
    march = json.loads(kerja("rekap", "bulanan", "--bulan", "2021-03", "--json").stdout)
    assert db_bytes(february) == before  # read-only
    s = next(x for x in march["pegawai"] if x["nip"] == STAF)
    # March 2021: 22 working days (11 Mar Isra Mikraj); nobody has presence -> 22 TK x 6% = 132%
    # -> clamped to 100: disiplin 0. Target 22 x 240 = 5280; 240 approved minutes:
    # 3,500,000 x 70% x 240/5280 = 2,450,000 / 22 = 111,363.63 -> 111,364
    assert (s["hari_kerja"], s["tk"], s["potongan_disiplin_persen"]) == (22, 22, 100.0)
    assert (s["target_menit"], s["capaian_kinerja_persen"]) == (5280, 4.55)
    assert (s["tpp_kinerja"], s["tpp_disiplin"], s["tpp_total"]) == (111_364, 0, 111_364)
    # the locked February still counts in the year's TK: 1 + 22 = 23 (berat); but 22 working days
    # in a row of TK reach dismissal first (PP 94/2021 art. 11(2)(d))
    assert (s["tk_tahun_ini"], s["tk_berturut"]) == (23, 22) and "pemberhentian" in s["peringatan"]
    luar = next(x for x in march["pegawai"] if x["nip"] == LUAR)
    assert luar["tk_tahun_ini"] == 19 + 22
    # the locked month itself still recaps, the same as before the lock
    assert recap(kerja) == feb_before


def test_validation_deadline_excludes_late_approvals(kerja, store, tmp_path, monkeypatch):
    load_staff(kerja, tmp_path)
    rules = tmp_path / "aturan.toml"
    rules.write_text("[kinerja]\nbatas_validasi_hari = 5\n", encoding="utf-8")
    kerja("aturan", "pasang", rules, "--mulai", "2021-01")
    punches(kerja, tmp_path, [(STAF, day(d), "07:00", "17:00", "WFO") for d in FEB])
    a = catat_id(kerja, STAF, day(1), "08:00", "10:00")
    b = catat_id(kerja, STAF, day(2), "08:00", "11:00")
    monkeypatch.setenv("KERJA_SEKARANG", "2021-03-05T23:59:00+07:00")
    kerja("kinerja", "validasi", a, "--oleh", KASI)
    monkeypatch.setenv("KERJA_SEKARANG", "2021-03-06T07:00:00+07:00")
    kerja("kinerja", "validasi", b, "--oleh", KASI)
    row = next(x for x in recap(kerja)["pegawai"] if x["nip"] == STAF)
    assert row["menit_kinerja"] == 120  # b (180) was validated on 6 March, after day 5


def test_unit_filter_and_unknown_unit(kerja, february):
    r = recap(kerja, "--unit", "Bidang A")
    assert {x["nip"] for x in r["pegawai"]} == {KABID, KASI, STAF, STAF2}
    assert r["total"]["tpp_total"] == sum(x["tpp_total"] for x in r["pegawai"])
    assert (
        "tidak ditemukan"
        in kerja(
            "rekap",
            "bulanan",
            "--bulan",
            "2021-02",
            "--unit",
            "Tidak Ada",
            "--format",
            "json",
            code=1,
        ).stderr
    )
    assert "--format" in kerja("rekap", "bulanan", "--bulan", "2021-02", "--format", "doc", code=1).stderr


def test_exports_xlsx_pdf_csv(kerja, february, tmp_path):
    import openpyxl
    import pypdf

    rows = recap(kerja)["pegawai"]
    out = kerja("rekap", "bulanan", "--bulan", "2021-02", "--format", "xlsx", "--kepala", KEPALA)
    assert "rekap-2021-02.xlsx" in out.stdout
    ws = openpyxl.load_workbook(tmp_path / "rekap-2021-02.xlsx").active
    hr = 5
    headers = [c.value for c in ws[hr]]
    col = {h: i + 1 for i, h in enumerate(headers)}
    for i, r in enumerate(rows, hr + 1):
        assert ws.cell(i, col["NIP"]).value == r["nip"]
        assert ws.cell(i, col["TL4"]).value == r["tl"][3]
        assert ws.cell(i, col["Potongan Disiplin (%)"]).value == r["potongan_disiplin_persen"]
        assert ws.cell(i, col["TPP Total"]).value == r["tpp_total"]
        assert ws.cell(i, col["Peringatan"]).value == (r["peringatan"] or None)
    total_row = hr + len(rows) + 1
    assert ws.cell(total_row, col["TPP Total"]).value == sum(r["tpp_total"] for r in rows)
    texts = {c.value for row in ws.iter_rows(min_row=total_row + 1) for c in row if c.value}
    assert "Kepala Dinas" in texts and f"NIP. {KEPALA}" in texts
    kerja("rekap", "bulanan", "--bulan", "2021-02", "--unit", "Bidang A", "--format", "pdf")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "rekap-2021-02-bidang-a.pdf").pages)
    for nip in (KABID, KASI, STAF, STAF2):
        assert nip in text
    assert LUAR not in text
    csv = kerja("rekap", "bulanan", "--bulan", "2021-02", "--format", "csv").stdout
    assert csv.startswith("\ufeffNo;NIP;") and len(csv.strip().splitlines()) == 7
    kerja(
        "rekap",
        "bulanan",
        "--bulan",
        "2021-02",
        "--format",
        "csv",
        "--pemisah",
        ",",
        "--keluar",
        tmp_path / "r.csv",
    )
    assert (tmp_path / "r.csv").read_text(encoding="utf-8-sig").startswith("No,NIP,")
    table = kerja("rekap", "bulanan", "--bulan", "2021-02").stdout
    assert "2.898.000" in table and "total Rp 12.274.065" in table


def test_recap_on_empty_store_and_missing_month(kerja, store):
    r = json.loads(kerja("rekap", "bulanan", "--bulan", "2021-02", "--json").stdout)
    assert r["pegawai"] == [] and r["total"]["tpp_total"] == 0
    kerja("rekap", "bulanan", "--format", "json", code=2)
