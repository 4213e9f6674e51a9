"""The simulated month: realistic and reproducible presence and activities."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, time

import pytest

from kerja.demo import institution, simulate

DAYS = [date(2021, 2, d) for d in (1, 2, 3, 4, 5, 8, 9, 10, 11, 15, 16, 17, 18, 19, 22)]


def hours(d: date) -> tuple[time, time]:
    return time(7, 30), time(16, 30) if d.weekday() == 4 else time(16, 0)


@pytest.fixture(scope="module")
def dinas():
    return institution.build()


@pytest.fixture(scope="module")
def month(dinas):
    roster = {
        (d, p.nip): ("WFO" if (i + d.day) % 4 == 0 else "WFH")
        for d in DAYS
        for i, p in enumerate(dinas.people)
    }
    return simulate.simulate(dinas, DAYS, hours, roster)


def test_reproducible(dinas, month):
    again = simulate.simulate(dinas, DAYS, hours, {(d, p.nip): "WFO" for d in DAYS for p in dinas.people})
    # a different roster changes where and when people punch, not who works or what they wrote
    assert {(p.nip, p.waktu.date()) for p in again.punches} == {
        (p.nip, p.waktu.date()) for p in month.punches
    }
    assert again.activities == month.activities
    assert simulate.simulate(dinas, DAYS, hours, None).punches == again.punches


def test_absences_are_few_and_never_overlap(dinas, month):
    kinds = {s.kode for s in month.statuses}
    assert {"S", "CT"} <= kinds
    assert 1 <= len({n for n, _ in month.absent}) <= 2
    off = defaultdict(int)
    for s in month.statuses:
        for d in DAYS:
            if s.mulai <= d <= s.sampai:
                off[(s.nip, d)] += 1
    for key in month.absent:
        off[key] += 1
    assert max(off.values()) == 1
    # nobody punches on a day off
    punched = {(p.nip, p.waktu.date()) for p in month.punches}
    assert not punched & set(off)


def test_lateness_is_realistic(month):
    ins: dict[tuple[str, date], list] = defaultdict(list)
    for p in month.punches:
        ins[(p.nip, p.waktu.date())].append(p.waktu)
    late = [(min(v).hour * 60 + min(v).minute) - 450 for v in ins.values()]
    late = [m for m in late if m > 0]
    share = len(late) / len(ins)
    assert 0.03 < share < 0.15, share
    assert any(m > 60 for m in late) and sum(1 for m in late if m <= 30) > len(late) / 2
    missing_out = sum(1 for v in ins.values() if len(v) == 1)
    assert 0 < missing_out < len(ins) * 0.05


def test_office_days_punch_the_machine_home_days_check_in_online(dinas, month):
    assert month.machine and month.online
    assert all(p.mode == "WFO" for p in month.machine)
    assert all(p.mode == "WFH" and p.jenis in ("masuk", "pulang") for p in month.online)


def test_attlog_lines_are_zkteco_format(month, tmp_path):
    path = simulate.write_attlog(month.machine, tmp_path / "1_attlog.dat")
    lines = path.read_text().splitlines()
    assert len(lines) == len(month.machine)
    # USB download layout: PIN right-aligned to 9, time, device 1, state 0, verify, workcode 0.
    pattern = re.compile(r"^[ \d]{8}\d\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\t1\t0\t(1|15)\t0$")
    assert all(pattern.match(line) for line in lines), lines[:3]
    assert lines == sorted(lines, key=lambda s: s.split("\t")[1])


def test_online_csv(month, tmp_path):
    path = simulate.write_online_csv(month.online, tmp_path / "online.csv")
    head, first = path.read_text().splitlines()[:2]
    assert head == "nip,waktu,jenis,mode"
    assert first.endswith(",masuk,wfh")


def test_activities_do_not_overlap_and_mostly_meet_the_target(dinas, month):
    per_day: dict[tuple[str, date], list] = defaultdict(list)
    for a in month.activities:
        per_day[(a.nip, a.tanggal)].append(a)
        assert a.menit > 0 and a.uraian
    for acts in per_day.values():
        acts.sort(key=lambda a: a.mulai)
        assert all(x.selesai <= y.mulai for x, y in zip(acts, acts[1:], strict=False))
    minutes = sorted(sum(a.menit for a in v) for v in per_day.values())
    assert minutes[len(minutes) // 2] >= 300
    outcome = defaultdict(int)
    for a in month.activities:
        outcome[a.hasil] += 1
        assert (a.alasan is not None) == (a.hasil == "tolak")
    total = len(month.activities)
    assert outcome["setuju"] > 0.85 * total and 0 < outcome["tolak"] < 0.06 * total
    assert 0 < outcome["tunggu"] < 0.1 * total
    kadis = next(p.nip for p in dinas.people if p.nip_atasan is None)
    assert all(a.hasil == "tunggu" for a in month.activities if a.nip == kadis)


def test_short_period_and_small_institution_still_work(dinas):
    few = institution.Dinas(dinas.instansi, dinas.zona, dinas.people[:20])
    two_days = DAYS[:2]
    statuses, absent = simulate.plan_absences(few, two_days)
    assert all(s.mulai in two_days and s.sampai in two_days for s in statuses)
    assert all(d in two_days for _, d in absent)
    assert simulate.simulate(few, two_days, hours).punches
