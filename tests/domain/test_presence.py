"""Day status derivation (SPEC §7), table-driven with small readable cases."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kerja.domain import rules as rules_dom
from kerja.domain.presence import Punches, day_rules, derive, in_out, seconds_of, summarise

MON = date(2021, 2, 1)  # a Monday
FRI = date(2021, 2, 5)
RULES = rules_dom.defaults()


def day(events, d=MON, rules=RULES, **kw):
    """events: [('07:31:00', 'masuk'|'pulang'|None, 'WFO'|'WFH'|None)]"""
    p = summarise((seconds_of(t), j, m) for t, j, m in events)
    return derive(d, "1", day_rules(d, rules), punches=p, **kw)


@pytest.mark.parametrize(
    ("clock", "late", "tier", "cut"),
    [
        ("07:29:00", 0, None, "0"),
        ("07:30:00", 0, None, "0"),  # 0 minutes
        ("07:30:59", 0, None, "0"),  # seconds do not count
        ("07:31:00", 1, 1, "0.5"),  # 1
        ("07:31:59", 1, 1, "0.5"),
        ("08:00:00", 30, 1, "0.5"),  # 30
        ("08:01:00", 31, 2, "1.0"),  # 31
        ("08:30:00", 60, 2, "1.0"),  # 60
        ("08:31:00", 61, 3, "1.5"),  # 61
        ("09:00:00", 90, 3, "1.5"),  # 90
        ("09:01:00", 91, 4, "2.0"),  # 91
        ("15:00:00", 450, 4, "2.0"),
    ],
)
def test_late_tiers(clock, late, tier, cut):
    s = day([(clock, "masuk", "WFO"), ("16:00:00", "pulang", "WFO")])
    assert (s.kode, s.telat_menit, s.tl, s.psw, s.cepat_menit) == ("H", late, tier, None, 0)
    assert s.potongan_persen == Decimal(cut)
    if tier:
        assert s.aturan.startswith(f"TL{tier} (")


@pytest.mark.parametrize(
    ("clock", "early", "tier", "cut"),
    [
        ("16:00:00", 0, None, "0"),
        ("16:20:00", 0, None, "0"),
        ("15:59:59", 1, 1, "0.5"),  # by the clock: 15:59 is one minute before 16:00
        ("15:59:00", 1, 1, "0.5"),
        ("15:30:00", 30, 1, "0.5"),
        ("15:29:00", 31, 2, "1.0"),
        ("15:00:00", 60, 2, "1.0"),
        ("14:59:00", 61, 3, "1.5"),
        ("14:30:00", 90, 3, "1.5"),
        ("14:29:00", 91, 4, "2.0"),
    ],
)
def test_early_tiers(clock, early, tier, cut):
    s = day([("07:00:00", "masuk", "WFO"), (clock, "pulang", "WFO")])
    assert (s.cepat_menit, s.psw, s.tl) == (early, tier, None)
    assert s.potongan_persen == Decimal(cut)


def test_late_and_early_add_up_and_explain():
    s = day([("08:05:00", "masuk", "WFO"), ("15:45:00", "pulang", "WFO")])
    assert s.potongan_persen == Decimal("1.5")
    assert s.aturan == "TL2 (31-60 mnt) 1% [presensi.tl] + PSW1 (1-30 mnt) 0,5% [presensi.psw]"
    assert (s.masuk, s.pulang) == ("08:05", "15:45")


def test_friday_ends_later():
    s = day([("07:30:00", "masuk", "WFO"), ("16:00:00", "pulang", "WFO")], d=FRI)
    assert (s.cepat_menit, s.psw) == (30, 1)
    s = day([("07:30:00", "masuk", "WFO"), ("16:30:00", "pulang", "WFO")], d=FRI)
    assert (s.cepat_menit, s.psw, s.potongan_persen) == (0, None, 0)


def test_ramadan_hours_from_khusus():
    rules = rules_dom.merge(
        {
            "jam_kerja": {
                "khusus": [
                    {
                        "mulai": "2021-04-13",
                        "sampai": "2021-05-12",
                        "masuk": "08:00",
                        "pulang": "15:00",
                        "pulang_jumat": "15:30",
                    }
                ]
            }
        }
    )
    ramadan_mon, ramadan_fri = date(2021, 4, 19), date(2021, 4, 23)
    s = day([("07:55:00", "masuk", None), ("15:00:00", "pulang", None)], d=ramadan_mon, rules=rules)
    assert (s.telat_menit, s.cepat_menit, s.potongan_persen) == (0, 0, 0)
    s = day([("08:10:00", "masuk", None), ("15:00:00", "pulang", None)], d=ramadan_fri, rules=rules)
    assert (s.telat_menit, s.cepat_menit, s.tl, s.psw) == (10, 30, 1, 1)
    # The day after the period has the ordinary hours again.
    s = day([("07:55:00", "masuk", None), ("16:00:00", "pulang", None)], d=date(2021, 5, 13), rules=rules)
    assert (s.telat_menit, s.tl) == (25, 1)


def test_no_check_in_counts_tl4_with_its_own_cut():
    s = day([("16:05:00", "pulang", "WFO")])
    assert (s.kode, s.masuk, s.tl, s.psw) == ("H", None, 4, None)
    assert s.potongan_persen == Decimal("2.0")
    assert s.aturan == "tanpa masuk 2% [presensi.tanpa_masuk]"


def test_no_check_out_counts_psw4():
    s = day([("07:20:00", "masuk", "WFO")])
    assert (s.pulang, s.tl, s.psw, s.aturan) == (None, None, 4, "tanpa pulang 2% [presensi.tanpa_pulang]")


def test_absent_without_reason_is_tk():
    s = derive(MON, "1", day_rules(MON, RULES))
    assert (s.kode, s.potongan_persen, s.aturan, s.tl, s.psw) == (
        "TK",
        Decimal("3.0"),
        "TK 3% [presensi.tk]",
        None,
        None,
    )


def test_declared_status_wins_over_events_and_cuts_only_when_the_rules_say():
    s = day([("09:30:00", None, None)], status="S")
    assert (s.kode, s.tl, s.psw, s.potongan_persen) == ("S", None, None, 0)
    assert s.aturan == "S tanpa potongan"
    rules = rules_dom.merge({"presensi": {"potongan_status": {"CB": 3.0}}})
    s = derive(MON, "1", day_rules(MON, rules), status="CB")
    assert (s.potongan_persen, s.aturan) == (Decimal("3.0"), "CB 3% [presensi.potongan_status]")


@pytest.mark.parametrize(
    ("clock", "masuk", "pulang", "tl", "psw"),
    [
        ("07:10:00", "07:10", None, None, 4),  # before midday: an in
        ("11:59:59", "11:59", None, 4, 4),
        ("12:00:00", None, "12:00", 4, 4),  # from midday: an out
        ("16:10:00", None, "16:10", 4, None),
    ],
)
def test_single_untyped_punch_by_midday(clock, masuk, pulang, tl, psw):
    s = day([(clock, None, "WFO")])
    assert (s.masuk, s.pulang, s.tl, s.psw) == (masuk, pulang, tl, psw)


def test_untyped_first_and_last_and_never_the_same_punch():
    t = seconds_of
    p = summarise([(t("07:00:00"), None, None), (t("12:30:00"), None, None), (t("16:05:00"), None, None)])
    assert in_out(p) == (t("07:00:00"), t("16:05:00"))
    # A typed check-in plus one untyped punch: the punch is the out.
    p = summarise([(t("07:00:00"), "masuk", None), (t("09:00:00"), None, None)])
    assert in_out(p) == (t("07:00:00"), t("09:00:00"))
    # A lone untyped punch with a typed check-out: the punch is the in, whatever its hour.
    p = summarise([(t("13:00:00"), None, None), (t("16:00:00"), "pulang", None)])
    assert in_out(p) == (t("13:00:00"), t("16:00:00"))
    # Typed events win over untyped ones; the first check-in and the last check-out count.
    p = summarise(
        [
            (t("07:40:00"), "masuk", None),
            (t("07:20:00"), None, None),
            (t("07:45:00"), "masuk", None),
            (t("16:01:00"), "pulang", None),
            (t("16:30:00"), "pulang", None),
        ]
    )
    assert in_out(p) == (t("07:40:00"), t("16:30:00"))
    assert summarise([]) is None


def test_mode_against_roster_is_flagged():
    s = day([("07:00:00", "masuk", "WFO"), ("16:00:00", "pulang", "WFO")], jadwal="WFH")
    assert (s.mode, s.catatan) == ("WFO", "tidak sesuai jadwal")
    s = day([("07:00:00", "masuk", "WFH"), ("16:00:00", "pulang", "WFH")], jadwal="WFO")
    assert (s.mode, s.catatan) == ("WFH", "tidak sesuai jadwal")
    s = day([("07:00:00", "masuk", "WFH"), ("16:00:00", "pulang", "WFH")], jadwal="WFH")
    assert (s.mode, s.catatan) == ("WFH", None)
    # An event without a mode takes the roster's.
    s = day([("07:00:00", "masuk", None), ("16:00:00", "pulang", None)], jadwal="WFH")
    assert (s.mode, s.catatan) == ("WFH", None)


def test_wfh_day_without_required_presence():
    rules = rules_dom.merge({"presensi": {"wfh_wajib_presensi": False}})
    s = derive(MON, "1", day_rules(MON, rules), jadwal="WFH")
    assert (s.kode, s.mode, s.potongan_persen) == ("H", "WFH", 0)
    s = derive(MON, "1", day_rules(MON, rules), jadwal="WFO")
    assert s.kode == "TK"


def test_cuts_are_exact_decimals():
    rules = rules_dom.merge({"presensi": {"tl": [[1, 30, 0.1], [31, 1440, 0.2]], "psw": [[1, 1440, 0.2]]}})
    s = day([("07:45:00", "masuk", None), ("15:00:00", "pulang", None)], rules=rules)
    assert s.potongan_persen == Decimal("0.3")  # as floats: 0.30000000000000004
    assert s.aturan == "TL1 (1-30 mnt) 0,1% [presensi.tl] + PSW1 (1-1440 mnt) 0,2% [presensi.psw]"


def test_punches_record_modes():
    p = summarise([(1, "masuk", "WFO"), (2, None, None)])
    assert p == Punches(1, None, 2, 2, 1, True, False)


def test_derived_status_is_a_real_frozen_dataclass():
    import dataclasses

    from kerja.domain.presence import DayStatus

    s = day([("07:45:00", "masuk", "WFO"), ("16:00:00", "pulang", "WFO")])
    assert type(s) is DayStatus
    same = DayStatus(**dataclasses.asdict(s))
    assert s == same and hash(s) == hash(same)
    assert dataclasses.replace(s, tl=None).tl is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.tl = 2  # type: ignore[misc]
