"""Golden cases of the month arithmetic, computed by hand in the comments."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import pytest

from kerja.domain import recap
from kerja.domain.rules import defaults


@dataclass(frozen=True)
class Day:
    kode: str
    mode: str | None = None
    tl: int | None = None
    psw: int | None = None
    potongan_persen: Decimal = Decimal("0")


def H(mode: str = "WFO", tl: int | None = None, psw: int | None = None, cut: str = "0") -> Day:
    return Day("H", mode, tl, psw, Decimal(cut))


def test_every_tier_sick_tk_and_leave():
    days = [
        H(tl=1, cut="0.5"),
        H(tl=2, cut="1.0"),
        H(tl=3, cut="1.5"),
        H(tl=4, cut="2.0"),
        H("WFH", psw=1, cut="0.5"),
        H("WFH", psw=2, cut="1.0"),
        H("WFH", psw=3, cut="1.5"),
        H("WFH", psw=4, cut="2.0"),
        Day("S"),
        Day("TK", potongan_persen=Decimal("3.0")),
        Day("CT"),
        *[H() for _ in range(6)],
        *[H("WFH") for _ in range(3)],
    ]
    row = recap.employee_row(days, 5000, defaults(), 3_500_000, tk_tahun_ini=1)
    # 20 days: 4 + 6 = 10 WFO, 4 + 3 = 7 WFH, 1 S, 1 TK, 1 CT.
    assert (row["hari_kerja"], row["hadir_wfo"], row["hadir_wfh"]) == (20, 10, 7)
    assert (row["sakit"], row["izin"], row["cuti"], row["dinas_luar"], row["tk"]) == (1, 0, 1, 0, 1)
    assert row["tl"] == [1, 1, 1, 1] and row["psw"] == [1, 1, 1, 1]
    # cuts: TL 0.5+1+1.5+2 = 5, PSW the same 5, TK 3 -> 13%
    assert row["potongan_disiplin_persen"] == 13.0
    # on duty 20 - S - CT = 18 days x 300 = 5400; 5000 / 5400 = 92.5925...% -> 92.59
    assert row["target_menit"] == 5400
    assert row["capaian_kinerja_persen"] == 92.59
    # kinerja = 3,500,000 x 60% x 5000/5400 = 52,500,000 / 27 = 1,944,444.44 -> 1,944,444
    assert row["tpp_kinerja"] == 1_944_444
    # disiplin = 3,500,000 x 40% x 87% = 1,218,000
    assert row["tpp_disiplin"] == 1_218_000
    assert row["tpp_total"] == 3_162_444
    assert row["tk_tahun_ini"] == 1 and row["peringatan"] is None


def test_spec_example_row():
    # SPEC §8: 20 days, 5 WFO, 13 WFH, 1 I, 1 TK, TL1 x2, PSW4 x1; cuts 0.5+0.5+2+3 = 6
    days = [
        H(tl=1, cut="0.5"),
        H(tl=1, cut="0.5"),
        H(psw=4, cut="2.0"),
        H(),
        H(),
        *[H("WFH") for _ in range(13)],
        Day("I"),
        Day("TK", potongan_persen=Decimal(3)),
    ]
    row = recap.employee_row(days, 5400, defaults(), 3_500_000, tk_tahun_ini=1)
    # target 19 x 300 = 5700; 5400/5700 = 94.7368% -> 94.74
    # kinerja 2,100,000 x 5400/5700 = 1,989,473.68 -> 1,989,474
    # disiplin 1,400,000 x 94% = 1,316,000
    assert (row["target_menit"], row["capaian_kinerja_persen"]) == (5700, 94.74)
    assert (row["tpp_kinerja"], row["tpp_disiplin"], row["tpp_total"]) == (
        1_989_474,
        1_316_000,
        3_305_474,
    )
    assert row["potongan_disiplin_persen"] == 6.0


def test_cut_above_100_clamps_and_achievement_caps():
    # 22 TK days at 5% each = 110% -> clamped to 100%: disiplin part 0
    days = [Day("TK", potongan_persen=Decimal(5)) for _ in range(22)]
    row = recap.employee_row(days, 9999, defaults(), 2_000_000, tk_tahun_ini=22)
    assert row["potongan_disiplin_persen"] == 100.0
    assert row["tpp_disiplin"] == 0
    # 9999 minutes over a 6600 target -> capped at 100%: 2,000,000 x 60% = 1,200,000
    assert row["capaian_kinerja_persen"] == 100.0 and row["tpp_kinerja"] == 1_200_000
    # 22 consecutive TK days: the run of 10 (PP 94/2021 art. 11(2)(d)) comes before the year's count
    assert row["tk_berturut"] == 22 and "pemberhentian" in row["peringatan"]


def test_half_up_rounding_at_exactly_half():
    # disiplin: 3,000,030 x 40% x (100 - 12.5)% = 1,050,010.5 exactly -> 1,050,011
    # (banker's rounding, Python's round(), would give 1,050,010)
    days = [H(cut="2.5") for _ in range(5)] + [H() for _ in range(11)]
    row = recap.employee_row(days, 4800, defaults(), 3_000_030, 0)
    assert row["potongan_disiplin_persen"] == 12.5
    assert row["tpp_disiplin"] == 1_050_011
    # kinerja: 16 days x 300 = 4800 target; 1,250,000 x 60% x 3906/4800 = 610,312.5 -> 610,313
    row = recap.employee_row([H() for _ in range(16)], 3906, defaults(), 1_250_000, 0)
    assert row["tpp_kinerja"] == 610_313
    assert row["capaian_kinerja_persen"] == 81.38  # 81.375 -> 81.38 half-up


def test_month_on_leave_has_no_target_and_full_achievement():
    days = [Day("CT") for _ in range(10)] + [Day("DL"), Day("TB"), Day("CS"), Day("CM")]
    row = recap.employee_row(days, 0, defaults(), 1_000_000, 0)
    assert (row["cuti"], row["dinas_luar"], row["sakit"]) == (11, 2, 1)
    assert row["target_menit"] == 0 and row["capaian_kinerja_persen"] == 100.0
    assert row["tpp_total"] == 1_000_000


def test_rules_in_force_change_weights_and_target():
    rules = defaults()
    rules["tpp"] = {"bobot_kinerja": 70, "bobot_disiplin": 30}
    rules["kinerja"]["menit_per_hari"] = 240
    row = recap.employee_row([H() for _ in range(10)], 1200, rules, 1_000_000, 0)
    # target 10 x 240 = 2400; 1200/2400 = 50%; kinerja 1,000,000 x 70% x 50% = 350,000
    assert (row["target_menit"], row["tpp_kinerja"], row["tpp_disiplin"]) == (
        2400,
        350_000,
        300_000,
    )


def test_missing_ceiling_pays_nothing():
    row = recap.employee_row([H()], 300, defaults(), None, 0)
    assert (row["pagu_tpp"], row["tpp_total"]) == (0, 0)


@pytest.mark.parametrize(
    "tk, level",
    [
        (0, None),
        (2, None),
        (3, "teguran lisan"),
        (4, "teguran tertulis"),
        (6, "teguran tertulis"),
        (7, "pernyataan tidak puas"),
        (10, "pernyataan tidak puas"),
        (11, "hukuman disiplin sedang: pemotongan tunjangan kinerja 25% selama 6 bulan"),
        (13, "selama 6 bulan"),
        (14, "selama 9 bulan"),
        (16, "selama 9 bulan"),
        (17, "selama 12 bulan"),
        (20, "selama 12 bulan"),
        (21, "hukuman disiplin berat: penurunan jabatan"),
        (24, "penurunan jabatan"),
        (25, "jabatan pelaksana"),
        (27, "jabatan pelaksana"),
        (28, "pemberhentian"),
        (40, "pemberhentian"),
    ],
)
def test_pp94_levels(tk, level):
    # each level of PP 94/2021 art. 9-11 by the year's TK days, naming its sanction
    got = recap.peringatan(tk)
    assert got == level if level is None else level in got


def test_pp94_ten_consecutive_days_is_dismissal_and_not_for_non_asn():
    # 10 working days in a row (art. 11(2)(d)) reach dismissal although the year has only 10
    assert "pemberhentian" in recap.peringatan(10, tk_berturut=10)
    assert recap.peringatan(10, tk_berturut=9) == recap.peringatan(10)  # 9 in a row: the yearly level
    assert recap.peringatan(30, tk_berturut=12, berlaku=False) is None  # PPPK / NON-ASN by default


def test_exact_takes_float_rules_by_their_text():
    assert recap.exact(0.1) == Fraction(1, 10)
    assert recap.exact(Decimal("1.5")) == Fraction(3, 2)
    assert recap.round_half_up(Fraction(5, 2)) == 3 and recap.round_half_up(Fraction(7, 3)) == 2


def test_totals_are_sums_of_rows():
    rows = [
        {"pagu_tpp": 1, "tpp_kinerja": 2, "tpp_disiplin": 3, "tpp_total": 5},
        {"pagu_tpp": 10, "tpp_kinerja": 20, "tpp_disiplin": 30, "tpp_total": 50},
    ]
    assert recap.totals(rows) == {
        "pagu_tpp": 11,
        "tpp_kinerja": 22,
        "tpp_disiplin": 33,
        "tpp_total": 55,
    }


def test_unknown_day_code_is_refused():
    with pytest.raises(ValueError):
        recap.day_counts([Day("X")])


def test_explain_matches_row():
    days = [Day("TK", potongan_persen=Decimal(60)), Day("TK", potongan_persen=Decimal(60))]
    row = recap.employee_row(days, 0, defaults(), 3_500_000, 3)
    lines = recap.explain(row, recap.tally(days), defaults())
    text = "\n".join(lines)
    assert "Potongan disiplin 120% dibatasi 100% [presensi.batas_bulanan]" in text
    assert "TPP total = 0 + 0 = 0" in text
    assert "teguran lisan" in text
