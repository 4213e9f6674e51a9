from __future__ import annotations

from datetime import date, time

import pytest

from kerja.domain import activities as act
from kerja.domain.errors import KerjaError

# kepala <- kabid <- kasi <- staf
BOSS = {"staf": "kasi", "kasi": "kabid", "kabid": "kepala", "kepala": None, "lain": "kabid"}


def test_minutes_and_refused_reverse_span():
    assert act.minutes(time(8, 0), time(9, 30)) == 90
    with pytest.raises(KerjaError, match="harus sesudah"):
        act.minutes(time(9, 0), time(9, 0))


def test_overlap_touching_ends_allowed():
    slots = [act.Slot(1, "08:00", "09:00"), act.Slot(2, "10:00", "11:00")]
    assert act.overlaps(time(9, 0), time(10, 0), slots) == []
    assert [s.id for s in act.overlaps(time(8, 59), time(10, 1), slots)] == [1, 2]
    assert [s.id for s in act.overlaps(time(10, 15), time(10, 30), slots)] == [2]


def test_validator_direct_and_grand_supervisor():
    act.check_validator("kasi", "staf", BOSS)
    act.check_validator("kabid", "staf", BOSS)  # grand-supervisor
    act.check_validator("kepala", "staf", BOSS)  # none of these raises: all three may validate


@pytest.mark.parametrize(
    "who, owner, msg",
    [
        ("staf", "staf", "sendiri"),
        ("lain", "staf", "bukan atasan"),
        ("staf", "kasi", "bukan atasan"),
    ],
)
def test_validator_refused(who, owner, msg):
    with pytest.raises(KerjaError, match=msg):
        act.check_validator(who, owner, BOSS)


def test_chain_stops_on_cycle():
    assert act.chain_above("a", {"a": "b", "b": "a"}) == ["b"]


def test_subordinates_direct_or_all():
    assert act.subordinates("kabid", BOSS, all_levels=False) == {"kasi", "lain"}
    assert act.subordinates("kabid", BOSS, all_levels=True) == {"kasi", "lain", "staf"}


def test_deadline_and_counting():
    assert act.validation_deadline("2021-02", 0) is None
    assert act.validation_deadline("2021-02", 5) == date(2021, 3, 5)
    assert act.validation_deadline("2021-12", 5) == date(2022, 1, 5)
    assert act.validation_deadline("2021-01", 31) == date(2021, 2, 28)  # clamped to month end
    d = date(2021, 3, 5)
    assert act.counts("disetujui", date(2021, 3, 5), d)
    assert not act.counts("disetujui", date(2021, 3, 6), d)
    assert act.counts("disetujui", date(2021, 9, 1), None)
    assert not act.counts("ditolak", date(2021, 3, 1), d)
    assert not act.counts("diajukan", None, None)


def test_the_chain_of_a_date_decides_who_is_below_whom():
    from kerja.domain.facts import FactOn

    # staf reported to "lama" until 14 March, to kasi from the 15th (today's row)
    on = {d: FactOn(BOSS, {"staf": [("2021-03-14", "lama")]}, d) for d in ("2021-03-10", "2021-03-20")}
    assert on["2021-03-10"]["staf"] == "lama" and on["2021-03-20"]["staf"] == "kasi"
    assert act.may_validate("lama", "staf", on["2021-03-10"])
    assert not act.may_validate("lama", "staf", on["2021-03-20"])
    assert act.may_validate("kepala", "staf", on["2021-03-20"])  # via kasi and kabid
    assert not act.may_validate("kepala", "staf", on["2021-03-10"])  # "lama" is outside the chain
    assert act.reports_to("kasi", "staf", on["2021-03-20"], all_levels=False)
    assert not act.reports_to("kabid", "staf", on["2021-03-20"], all_levels=False)
    # the people who may be below someone on some day: today's links and the earlier ones
    links = [*BOSS.items(), ("staf", "lama")]
    assert act.below("lama", links, all_levels=True) == {"staf"}
    assert act.below("kabid", links, all_levels=True) == {"kasi", "lain", "staf"}
    assert not act.may_validate("staf", "staf", on["2021-03-20"], {"staf": "staf"})
