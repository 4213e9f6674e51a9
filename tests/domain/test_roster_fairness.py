"""Fairness as a property over random small institutions (SPEC §6, issue 3)."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from kerja.domain.circulars import parse
from kerja.domain.roster import Condition, Day, Inputs, Person, Unit, build
from roster_world import MON, weekdays

EPS = 1e-9


@st.composite
def institutions(draw, leaders_everywhere: bool):  # type: ignore[no-untyped-def]
    units = {1: Unit(1, "Dinas 1", False), 2: Unit(2, "Dinas 2", False)}
    people: list[Person] = []
    statuses, conditions = [], []
    n_days = draw(st.integers(3, 15))
    days = weekdays(n_days)
    for _ in range(draw(st.integers(1, 6))):
        uid = len(units) + 1
        opd = draw(st.sampled_from([1, 2]))
        units[uid] = Unit(uid, f"Dinas {opd} > Seksi {uid}", True)
        lead = leaders_everywhere or draw(st.booleans())
        for k in range(draw(st.integers(1, 8)) + lead):
            nip = f"{len(people) + 1:03d}"
            people.append(Person(nip, uid, opd, lead and k == 0, date(1980, 1, 1)))
            if lead and k == 0:
                continue  # leaders stay available: their unit never needs a coverage pick
            if draw(st.integers(0, 5)) == 0:
                a = draw(st.integers(0, n_days - 1))
                b = draw(st.integers(a, n_days - 1))
                statuses.append((nip, days[a], days[b]))
            if draw(st.integers(0, 7)) == 0:
                a = draw(st.integers(0, n_days - 1))
                conditions.append(Condition(nip, "odp", days[a], days[a] + timedelta(days=3)))
    c = parse(
        {
            "nama": "se",
            "mulai": MON,
            "sampai": MON + timedelta(days=40),
            "kuota": {
                "wfo_persen": draw(st.sampled_from([10, 25, 33, 50, 75])),
                "pembulatan": draw(st.sampled_from(["terdekat", "atas", "bawah"])),
                "tingkat": draw(st.sampled_from(["opd", "unit"])),
            },
            "wfh_wajib": {"kondisi": ["odp"]},
        }
    )
    return Inputs(people, units, [Day(d, c) for d in days], conditions, statuses)


@settings(max_examples=50, deadline=None)
@given(institutions(leaders_everywhere=True))
def test_without_coverage_picks_everyone_is_within_one_day_of_fair_share(inp):
    res = build(inp)
    worst = max((abs(x - f) for x, f in res.fair.values()), default=0)
    assert worst < 1 - EPS
    assert res.notices == []
    assert not any(res.codes.pairs[c] == ("WFO", "cakupan") for row in res.cells for c in row)


@settings(max_examples=50, deadline=None)
@given(institutions(leaders_everywhere=False))
def test_notices_name_exactly_the_people_coverage_put_above_their_share(inp):
    res = build(inp)
    above = {nip for (_, nip), (x, f) in res.fair.items() if x - f >= 1 - EPS}
    assert {n.nip for n in res.notices} == above
    unit_of = {p.nip: inp.units[p.unit].name for p in inp.people}
    covered = {
        unit_of[p.nip]
        for row in res.cells
        for p, c in zip(inp.people, row, strict=True)
        if res.codes.pairs[c] == ("WFO", "cakupan")
    }
    for n in res.notices:
        assert n.unit in covered and n.lebih >= 1 - EPS


@settings(max_examples=25, deadline=None)
@given(institutions(leaders_everywhere=False))
def test_generation_is_deterministic(inp):
    assert build(inp).cells == build(inp).cells
