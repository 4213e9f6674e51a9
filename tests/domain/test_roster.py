"""The roster rules of SPEC §6, one small hand-checkable case each."""

from datetime import date

from kerja.domain.roster import Condition, Day, Inputs, build
from roster_world import MON, World, circular, grid, weekdays


def office(g, d):  # type: ignore[no-untyped-def]
    return sorted(nip for (day, nip), (lok, _) in g.items() if day == d and lok == "WFO")


def test_leaders_in_office_rotation_fills_to_quota_and_reasons_are_saved():
    w = World()
    w.seksi("Seksi A", 7)  # 1 leader + 7 staff = 8 people, 25% -> 2 in office
    res = build(w.inputs(circular(), 4))
    g = grid(res, w.people)
    for d in weekdays(4):
        assert g[(d, "001")] == ("WFO", "pejabat")
        assert len(office(g, d)) == 2
        reasons = sorted(g[(d, n)][1] for n in office(g, d))
        assert reasons == ["pejabat", "rotasi"]
        assert sum(1 for (day, _), v in g.items() if day == d and v == ("WFH", "rotasi-wfh")) == 6
    assert res.violations == [] and res.notices == []


def test_unit_without_leader_gets_a_coverage_pick():
    w = World()
    w.seksi("Seksi A", 3)
    w.seksi("Seksi B", 3, leader=False)  # 7 people, 25% -> 2: leader A + one of B
    res = build(w.inputs(circular(), 6))
    g = grid(res, w.people)
    for d in weekdays(6):
        b_in = [n for n in office(g, d) if n in ("005", "006", "007")]
        assert len(b_in) == 1 and g[(d, b_in[0])] == ("WFO", "cakupan")
    # Six coverage days over three people: two each.
    assert sorted(res.fair[("se", n)][0] for n in ("005", "006", "007")) == [2, 2, 2]


def test_leader_excused_by_a_condition_stays_home_and_a_member_covers():
    w = World()
    w.seksi("Seksi A", 4)
    c = circular(wfh_wajib={"hamil": True})
    res = build(w.inputs(c, 3, conditions=[Condition("001", "hamil", MON, None)]))
    g = grid(res, w.people)
    for d in weekdays(3):
        assert g[(d, "001")] == ("WFH", "wfh-wajib:hamil")
        (inside,) = office(g, d)  # 25% of 5 = 1.25 -> 1
        assert g[(d, inside)] == ("WFO", "cakupan")
    assert res.violations == []


def test_unit_whose_only_member_is_on_leave_has_no_cell_and_no_violation():
    w = World()
    w.seksi("Seksi A", 3)
    (solo,) = w.seksi("Seksi B", 0)  # just its head
    days = weekdays(3)
    res = build(w.inputs(circular(), 3, statuses=[(solo, days[0], days[-1])]))
    g = grid(res, w.people)
    assert not any(nip == solo for (_, nip) in g)
    assert res.violations == []


def test_person_turning_55_mid_period_goes_home_from_the_birthday():
    w = World()
    w.seksi("Seksi A", 3)
    (old,) = [p.nip for p in w.people if p.nip == "004"]
    w.people[3] = w.people[3].__class__(old, w.people[3].unit, 1, False, date(1966, 2, 3))
    c = circular(wfh_wajib={"usia_min": 55})
    res = build(w.inputs(c, 5))
    g = grid(res, w.people)
    d = weekdays(5)
    assert g[(d[0], old)][1] in ("rotasi", "rotasi-wfh")  # 54 on 1 and 2 Feb
    assert g[(d[1], old)][1] in ("rotasi", "rotasi-wfh")
    assert all(g[(x, old)] == ("WFH", "wfh-wajib:usia") for x in d[2:])  # 55 from 3 Feb


def test_quota_rounding_on_three_people():
    for how, expected in (("terdekat", 1), ("atas", 1), ("bawah", 0)):
        w = World()
        w.seksi("Seksi A", 3, leader=False)
        c = circular(kuota={"wfo_persen": 25, "pembulatan": how}, cakupan={"min_wfo_per_unit": 0})
        g = grid(build(w.inputs(c, 2)), w.people)
        assert all(len(office(g, d)) == expected for d in weekdays(2)), how


def test_leaders_outside_the_quota_when_pejabat_dihitung_false():
    w = World()
    w.seksi("Seksi A", 8)  # head + 8 staff
    w.seksi("Seksi B", 7)  # head + 7 staff
    for counted, expected in ((True, 4), (False, 6)):
        # counted: 25% of 17 = 4.25 -> 4, two of them leaders. Not counted: 25% of 15 staff -> 4,
        # plus the two leaders on top.
        c = circular(kuota={"pejabat_dihitung": counted})
        res = build(w.inputs(c, 2))
        g = grid(res, w.people)
        assert all(len(office(g, d)) == expected for d in weekdays(2)), counted
        assert res.violations == []


def test_leaders_and_coverage_above_target_is_a_quota_violation():
    w = World()
    for s in "ABC":
        w.seksi(f"Seksi {s}", 1)  # 6 people, 25% -> 2, but 3 leaders must come in
    res = build(w.inputs(circular(), 1))
    (v,) = res.violations
    assert (v.jenis, v.unit, v.detail) == ("kuota", "Dinas", "3 WFO, kuota 2 dari 6 orang (25%)")


def test_unit_nobody_may_enter_is_a_coverage_violation():
    w = World()
    w.seksi("Seksi A", 3)
    w.seksi("Seksi Tua", 3, leader=False, born=date(1960, 1, 1))
    res = build(w.inputs(circular(wfh_wajib={"usia_min": 55}), 1))
    (v,) = res.violations
    assert v.jenis == "cakupan" and v.detail == "Seksi Tua: 0 dari 3 boleh masuk, minimal 1"


def test_manual_cells_are_kept_and_count_toward_quota_and_fairness():
    w = World()
    w.seksi("Seksi A", 7)
    d = weekdays(2)
    fixed = {(d[0], "002"): ("WFO", "manual"), (d[0], "003"): ("WFO", "manual")}
    res = build(w.inputs(circular(), 2, fixed=fixed))
    g = grid(res, w.people)
    assert g[(d[0], "002")] == ("WFO", "manual") and g[(d[0], "003")] == ("WFO", "manual")
    # Day 1: leader + two manual = 3 > target 2: a quota violation, nobody else picked.
    assert office(g, d[0]) == ["001", "002", "003"]
    assert [v.jenis for v in res.violations] == ["kuota"]
    # Day 2: the one rotation pick goes to someone who has not been in yet.
    (pick,) = [n for n in office(g, d[1]) if n != "001"]
    assert pick not in ("002", "003")


def test_kept_days_count_toward_fair_share_and_are_not_returned():
    w = World()
    w.seksi("Seksi A", 3)  # leader + 3: 25% of 4 = 1 -> leader only
    w.seksi("Seksi B", 7, leader=False)  # 7: with A, 11 people -> 3 in: leader A + 2 of B
    c = circular()
    d = weekdays(4)
    past = {
        (d[0], n): (
            "WFO" if n in ("006", "007") else "WFH",
            "pejabat" if n == "001" else "rotasi" if n in ("006", "007") else "rotasi-wfh",
        )
        for n in [p.nip for p in w.people]
    }
    past[(d[0], "001")] = ("WFO", "pejabat")
    days = [Day(d[0], c, generate=False)] + [Day(x, c) for x in d[1:]]
    res = build(Inputs(w.people, w.units, days, fixed=past))
    assert res.days == d[1:]
    g = grid(res, w.people)
    # 006 and 007 already had their office day: the next picks go to others first.
    assert not {"006", "007"} & set(office(g, d[1]))


def test_teams_never_mix_and_take_turns():
    w = World()
    w.seksi("Seksi A", 4)
    w.seksi("Seksi B", 4)
    c = circular(kuota={"wfo_persen": 50}, rotasi={"pola": "tim"})
    res = build(w.inputs(c, 6))
    g = grid(res, w.people)
    d = weekdays(6)
    inside = [frozenset(n for n in office(g, x) if g[(x, n)][1] in ("rotasi", "cakupan")) for x in d]
    # 10 people, 50% -> 5: two leaders + 3 of the team on turn (teams of 4: one stays home).
    assert all(len(s) == 3 for s in inside)
    team_a, team_b = inside[0] | inside[2] | inside[4], inside[1] | inside[3] | inside[5]
    assert not team_a & team_b and len(team_a) == len(team_b) == 4
    # Every team covers every unit.
    for t in (team_a, team_b):
        assert {w.people[int(n) - 1].unit for n in t} == {2, 3}
    assert res.violations == []


def test_weekly_teams_switch_on_monday():
    w = World()
    w.seksi("Seksi A", 6)
    c = circular(kuota={"wfo_persen": 50}, rotasi={"pola": "tim", "tim_per": "pekan"})
    res = build(w.inputs(c, 10))
    g = grid(res, w.people)
    d = weekdays(10)
    week = [frozenset(n for n in office(g, x) if n != "001") for x in d]
    assert len(set(week[:5])) == 1 and len(set(week[5:])) == 1 and not week[0] & week[5]


def test_same_inputs_same_roster():
    w = World()
    w.seksi("Seksi A", 9)
    w.seksi("Seksi B", 2, leader=False)
    w.seksi("Seksi C", 5)
    conds = [Condition("003", "odp", MON, None), Condition("010", "hamil", MON, None)]
    c = circular(wfh_wajib={"hamil": True, "kondisi": ["odp"]})
    a = build(w.inputs(c, 10, conditions=conds))
    b = build(w.inputs(c, 10, conditions=list(reversed(conds))))
    assert a.cells == b.cells and a.codes.pairs == b.codes.pairs


def test_holiday_free_days_only_come_from_the_days_given():
    w = World()
    w.seksi("Seksi A", 3)
    d = weekdays(3)
    days = [Day(d[0], circular()), Day(d[2], circular())]  # d[1] a holiday: not given
    res = build(Inputs(w.people, w.units, days))
    assert res.days == [d[0], d[2]]


def test_manual_office_day_for_someone_kept_home_is_a_violation():
    w = World()
    w.seksi("Seksi A", 7)
    d = weekdays(1)[0]
    c = circular(wfh_wajib={"hamil": True})
    fixed = {(d, "003"): ("WFO", "manual")}
    res = build(w.inputs(c, 1, conditions=[Condition("003", "hamil", MON, None)], fixed=fixed))
    (v,) = [v for v in res.violations if v.jenis == "wfh-wajib"]
    assert v.detail == "003 harus WFH (hamil) tetapi dijadwalkan WFO" and v.unit == "Dinas > Seksi A"
