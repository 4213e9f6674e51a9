"""Working days and hours per unit ([[jam_kerja.unit]], issue "The regulations clerks actually
have"): a school works six days, 07.00-13.00 (Saturday to 12.00), inside a five-day institution
(07.30-16.00, Friday 16.30), in February 2021, through the CLI on a temporary store.

February 2021, 12 Feb (Imlek, a Friday) off for everyone:
  institution: 1 2 3 4 5 | 8 9 10 11 | 15 16 17 18 19 | 22 23 24 25 26      = 19 days
  school:      the same + Saturdays 6, 13, 20, 27                           = 23 days
"""

from __future__ import annotations

import json

from kinerja_data import punches, status
from regulations_data import KEPALA, A, day

SCHOOL = "Dinas Uji > SD Negeri 1"
G = "197901012005011001"  # a teacher in a sub-unit of the school: the school's calendar covers it
G2 = "198001012006011002"  # at the school itself
G3 = "198101012007011003"
WEEKDAYS = [1, 2, 3, 4, 5, 8, 9, 10, 11, 15, 16, 17, 18, 19, 22, 23, 24, 25, 26]
SATURDAYS = [6, 13, 20, 27]
FRIDAYS = {5, 19, 26}

RULES = f"""
[[jam_kerja.unit]]
unit = "{SCHOOL}"
hari = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab"]
masuk = "07:00"
pulang = "13:00"
pulang_sabtu = "12:00"

[presensi]
# Kementan-style sick leave by length: 1-2 working days free, 3-14 days 25% once
potongan_status = {{ CS = [[1, 2, 0.0], [3, 14, 25.0]] }}
"""


def setup(kerja, tmp_path, rules: str = RULES) -> None:
    path = tmp_path / "aturan.toml"
    path.write_text(rules, encoding="utf-8")
    kerja("init", "--instansi", "Dinas Uji", "--zona", "WIB", "--aturan", path)
    sheet = tmp_path / "pegawai.csv"
    sheet.write_text(
        "NIP;Nama;Unit;Eselon;NIP Atasan;TPP;Status\n"
        f"{KEPALA};Kepala Dinas;Dinas Uji;II.a;;1.000.000;PNS\n"
        f"{A};Staf A;Dinas Uji > Bidang A;;{KEPALA};1.000.000;PNS\n"
        f"{G};Guru G;{SCHOOL} > Kelas 1;;{KEPALA};1.000.000;PNS\n"
        f"{G2};Guru G2;{SCHOOL};;{KEPALA};1.000.000;PNS\n"
        f"{G3};Guru G3;{SCHOOL} > Kelas 1;;{KEPALA};1.000.000;PNS\n",
        encoding="utf-8",
    )
    kerja("pegawai", "impor", sheet)


def school_day(nip: str, d: int, masuk: str = "07:00", pulang: str | None = None) -> tuple:
    return (nip, day(d), masuk, pulang or ("12:00" if d in SATURDAYS else "13:00"), "WFO")


def office_day(nip: str, d: int, masuk: str = "07:30") -> tuple:
    return (nip, day(d), masuk, "16:30" if d in FRIDAYS else "16:00", "WFO")


def recap(kerja, month: str = "2021-02") -> dict[str, dict]:
    doc = json.loads(kerja("rekap", "bulanan", "--bulan", month, "--format", "json").stdout)
    return {r["nip"]: r for r in doc["pegawai"]}


def days_of(kerja, nip: str) -> dict[str, dict]:
    doc = json.loads(kerja("rekap", "rincian", nip, "--bulan", "2021-02", "--json").stdout)
    return {h["tanggal"]: h for h in doc["hari"]}


def test_a_school_month_on_six_days_with_its_own_hours(kerja, tmp_path, monkeypatch):
    setup(kerja, tmp_path)
    rows = []
    # G: every school day 07:00-13:00 (Saturday -12:00), except
    special = {1, 2, 6, 13}
    rows += [school_day(G, d) for d in WEEKDAYS + SATURDAYS if d not in special]
    rows += [
        school_day(G, 1, "07:20"),  # 20 min after 07:00: TL1 0.5% (on time against 07:30)
        school_day(G, 2, "07:45"),  # 45 min after 07:00: TL2 1% (15 min against 07:30: TL1)
        school_day(G, 13, pulang="11:30"),  # Saturday, 30 min before 12:00: PSW1 0.5%
    ]  # Sat 6 Feb: nothing: TK 3% (a working day for the school)
    # A (the institution's calendar): on time every weekday, 1 Feb at 07:20 is on time against
    # 07:30; absent on Mon 8 Feb (TK 3%); comes in on Sat 6 Feb, which is not A's working day.
    rows += [office_day(A, d) for d in WEEKDAYS if d not in {1, 8}]
    rows += [office_day(A, 1, "07:20"), (A, day(6), "08:00", "12:00", "WFO")]
    # G2: absent 1-11 Feb, on time from 13 Feb (Saturday) on
    rows += [school_day(G2, d) for d in WEEKDAYS + SATURDAYS if d >= 13]
    # G3: on time every school day but 4-6 Feb (sick leave CS, Thursday to Saturday)
    rows += [school_day(G3, d) for d in WEEKDAYS + SATURDAYS if d not in {4, 5, 6}]
    punches(kerja, tmp_path, rows)
    status(kerja, G3, "CS", day(4), day(6))
    got = recap(kerja)

    # G: 19 weekdays + 4 Saturdays = 23 working days; 22 present, 1 TK (Sat 6 Feb);
    # cut 0.5 + 1 + 0.5 + 3 = 5%; no activities: kinerja 0 against 300 x 23 = 6,900 minutes;
    # disiplin 1,000,000 x 40% x 95% = 380,000
    g = got[G]
    assert (g["hari_kerja"], g["hadir_wfo"], g["tk"], g["target_menit"]) == (23, 22, 1, 6_900)
    assert (g["tl"], g["psw"], g["potongan_disiplin_persen"]) == ([1, 1, 0, 0], [1, 0, 0, 0], 5.0)
    assert (g["tpp_kinerja"], g["tpp_disiplin"], g["tpp_total"]) == (0, 380_000, 380_000)
    mine = days_of(kerja, G)
    assert (mine[day(1)]["telat_menit"], mine[day(2)]["telat_menit"]) == (20, 45)
    assert mine[day(5)]["cepat_menit"] == 0  # Friday ends at the school's 13:00, not 16:30
    assert mine[day(6)]["kode"] == "TK" and mine[day(13)]["cepat_menit"] == 30

    # A: 19 working days (Sat 6 Feb is none: its punches make no row), TK 1 (8 Feb): 3%;
    # disiplin 400,000 x 97% = 388,000
    a = got[A]
    assert (a["hari_kerja"], a["tk"], a["tl"], a["potongan_disiplin_persen"]) == (19, 1, [0, 0, 0, 0], 3.0)
    assert a["tpp_disiplin"] == 388_000
    assert day(6) not in days_of(kerja, A) and days_of(kerja, A)[day(1)]["telat_menit"] == 0

    # G2: TK on 1 2 3 4 5 6 8 9 10 11 Feb: 10 consecutive school working days (Saturday 6 Feb
    # between them) is dismissal (PP 94/2021 art. 11(2)(d)); on the institution's calendar it
    # would be 9 in a row. Cut 10 x 3% = 30%: 400,000 x 70% = 280,000
    g2 = got[G2]
    assert (g2["tk"], g2["tk_berturut"], g2["potongan_disiplin_persen"]) == (10, 10, 30.0)
    assert "pemberhentian" in g2["peringatan"] and g2["tpp_disiplin"] == 280_000

    # G3: CS on Thu 4, Fri 5 and Sat 6 Feb = 3 school working days: the 3-14 day tier, 25% once
    # (2 days on the institution's calendar: no cut); on duty 23 - 3 = 20 days: target 6,000;
    # disiplin 400,000 x 75% = 300,000
    g3 = got[G3]
    assert (g3["cuti"], g3["sakit"], g3["target_menit"], g3["potongan_disiplin_persen"]) == (
        0,
        3,
        6_000,
        25.0,
    )
    assert g3["tpp_disiplin"] == 300_000

    # The year's TK in March counts February by each person's calendar (without deriving every
    # day): G 1 (Sat 6 Feb), A 1 (8 Feb), G2 10; "now" is Mon 1 March 06:00, a working day with
    # no punch yet, TK so far for everyone: 2, 2 and 11 (a school Saturday counted as the
    # institution's would give G 1).
    monkeypatch.setenv("KERJA_SEKARANG", "2021-03-01T06:00:00+07:00")
    march = recap(kerja, "2021-03")
    assert (march[G]["tk_tahun_ini"], march[A]["tk_tahun_ini"], march[G2]["tk_tahun_ini"]) == (2, 2, 11)


def test_a_unit_with_its_own_hours_only(kerja, tmp_path):
    """The school keeps the institution's five days and only starts at 07.00 (no hari given):
    lateness is counted from 07.00 for it and from 07.30 for everyone else."""
    setup(kerja, tmp_path, f'[[jam_kerja.unit]]\nunit = "{SCHOOL}"\nmasuk = "07:00"\n')
    rows = [office_day(G, d, "07:00") for d in WEEKDAYS if d != 1] + [office_day(G, 1, "07:40")]
    rows += [office_day(A, d) for d in WEEKDAYS if d != 1] + [office_day(A, 1, "07:40")]
    punches(kerja, tmp_path, rows)
    got = recap(kerja)
    # G: 07:40 - 07:00 = 40 min: TL2 1%; A: 07:40 - 07:30 = 10 min: TL1 0.5%. The school's
    # pulang stays the institution's (16:00, Friday 16:30): nobody left early. 19 days each.
    # Disiplin G 400,000 x 99% = 396,000; A 400,000 x 99.5% = 398,000
    assert (got[G]["hari_kerja"], got[G]["tl"], got[G]["psw"]) == (19, [0, 1, 0, 0], [0, 0, 0, 0])
    assert (got[A]["hari_kerja"], got[A]["tl"], got[A]["psw"]) == (19, [1, 0, 0, 0], [0, 0, 0, 0])
    assert (got[G]["tpp_disiplin"], got[A]["tpp_disiplin"]) == (396_000, 398_000)
    assert days_of(kerja, G)[day(1)]["telat_menit"] == 40 and days_of(kerja, A)[day(1)]["telat_menit"] == 10


CIRCULAR = """
nama = "uji-feb"
judul = "Uji Februari 2021"
mulai = 2021-02-01
sampai = 2021-02-28

[kuota]
wfo_persen = 100
tingkat = "opd"

[rotasi]
pola = "bergilir"
"""


def test_the_roster_gives_the_school_its_saturdays(kerja, tmp_path):
    setup(kerja, tmp_path)
    (tmp_path / "uji.toml").write_text(CIRCULAR, encoding="utf-8")
    kerja("kebijakan", "tambah", tmp_path / "uji.toml")
    kerja("jadwal", "buat", "--kebijakan", "uji-feb", code=None)
    cells = json.loads(kerja("jadwal", "ekspor", "--format", "json").stdout)
    days: dict[str, set[str]] = {}
    for c in cells:
        days.setdefault(c["nip"], set()).add(c["tanggal"])
    # the school (G, G2, G3 at the school or under it): 23 days with Saturdays; the others 19
    school = {day(d) for d in WEEKDAYS + SATURDAYS}
    assert days[G] == days[G2] == days[G3] == school and len(school) == 23
    assert days[A] == days[KEPALA] == {day(d) for d in WEEKDAYS}
    # a Saturday cell by hand is refused for someone whose calendar does not work it
    err = kerja(
        "jadwal", "ubah", A, day(6), "WFO", "--alasan", "uji", "--oleh", KEPALA, code=1
    ).stderr  # fmt: skip
    assert "bukan hari kerja" in err


def test_unit_hours_are_checked_by_name_and_explained(kerja, tmp_path, store):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[jam_kerja.unit]]\nunit = "SD 1"\njam = "07:00"\n', encoding="utf-8")
    err = kerja("aturan", "pasang", bad, "--mulai", "2021-02", code=1).stderr
    assert "jam_kerja.unit[0].jam" in err and "masuk" in err
    bad.write_text('[[jam_kerja.unit]]\nmasuk = "07:00"\n', encoding="utf-8")
    assert "jam_kerja.unit[0].unit" in kerja("aturan", "pasang", bad, code=1).stderr
    bad.write_text('[[jam_kerja.unit]]\nunit = "SD 1"\nmasuk = "17:00"\n', encoding="utf-8")
    err = kerja("aturan", "pasang", bad, code=1).stderr
    assert "jam_kerja.unit[0].pulang" in err  # 16:00 of the institution is before 17:00
    bad.write_text('[[jam_kerja.unit]]\nunit = "SD 1"\nhari = ["Sabtu"]\n', encoding="utf-8")
    assert "jam_kerja.unit[0].hari" in kerja("aturan", "pasang", bad, code=1).stderr
    bad.write_text('[[jam_kerja.unit]]\nunit = "SD 1"\n[[jam_kerja.unit]]\nunit = "SD 1"\n', encoding="utf-8")
    assert "jam_kerja.unit[1].unit" in kerja("aturan", "pasang", bad, code=1).stderr
    shown = kerja("aturan", "lihat").stdout
    assert "# hari dan jam kerja sendiri untuk satu unit" in shown
    assert '# [[jam_kerja.unit]]\n# unit = "Dinas Pendidikan > SD Negeri 1"' in shown


def test_a_move_into_the_school_changes_the_calendar_from_its_date(kerja, tmp_path):
    """A moves from Bidang A to the school from Mon 15 Feb (an effective-dated fact): the days
    before follow the institution's calendar, the days from then the school's."""
    setup(kerja, tmp_path)
    kerja(
        "pegawai", "ubah", A, "--unit", SCHOOL, "--mulai", day(15), "--alasan", "mutasi", "--oleh", "petugas",
    )  # fmt: skip
    before = [d for d in WEEKDAYS if d < 15]  # 1-5, 8-11: 9 days at 07:30
    after = [d for d in WEEKDAYS + SATURDAYS if d >= 15]  # 15-19, 20, 22-26, 27: 12 days at 07:00
    rows = [office_day(A, d) for d in before if d != 1] + [office_day(A, 1, "07:20")]
    rows += [school_day(A, d) for d in after if d not in {15, 27}] + [school_day(A, 15, "07:20")]
    rows += [school_day(G, d) for d in WEEKDAYS + SATURDAYS]
    punches(kerja, tmp_path, rows)  # A: Sat 27 Feb absent
    got = recap(kerja)
    # 9 + 12 = 21 working days; 07:20 on 1 Feb is on time (07:30), on 15 Feb 20 min late (07:00):
    # TL1 0.5%; Sat 27 Feb TK 3%: 3.5%; disiplin 400,000 x 96.5% = 386,000; target 300 x 21
    a = got[A]
    assert (a["hari_kerja"], a["tk"], a["tl"], a["target_menit"]) == (21, 1, [1, 0, 0, 0], 6_300)
    assert (a["potongan_disiplin_persen"], a["tpp_disiplin"]) == (3.5, 386_000)
    mine = days_of(kerja, A)
    assert day(6) not in mine and mine[day(20)]["kode"] == "H" and mine[day(27)]["kode"] == "TK"
    assert (mine[day(1)]["telat_menit"], mine[day(15)]["telat_menit"]) == (0, 20)


def test_a_unit_path_not_in_the_store_is_warned_about(kerja, tmp_path):
    setup(kerja, tmp_path)
    rules = tmp_path / "salah.toml"
    rules.write_text(
        '[[jam_kerja.unit]]\nunit = "Dinas Uji > SD Negri 1"\nmasuk = "07:00"\n', encoding="utf-8"
    )
    said = kerja("aturan", "pasang", rules, "--mulai", "2021-02", "--oleh", "petugas")
    assert "'Dinas Uji > SD Negri 1'" in said.stderr and "tidak ada" in said.stderr
    rules.write_text(f'[[jam_kerja.unit]]\nunit = "{SCHOOL}"\nmasuk = "07:00"\n', encoding="utf-8")
    assert (
        "Peringatan" not in kerja("aturan", "pasang", rules, "--mulai", "2021-02", "--oleh", "petugas").stderr
    )
