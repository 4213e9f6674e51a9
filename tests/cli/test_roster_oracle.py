"""An independent oracle for the roster's guarantees (SPEC §6), recomputed from the EXPORTED cells.

`jadwal buat` runs through the CLI on a temporary store; the test then reads only `jadwal ekspor
--format json` and what it set up itself (who leads, who is old, who is pregnant, who belongs
where) and recomputes, with SPEC §6's own arithmetic and none of the solver's figures:
each day's target T per quota group (rule 3), that the leaders are in (rule 4), that those the
circular keeps home are home (rule 2), coverage of every leaf unit (rule 5), and each rotating
person's fair share (rule 6): the sum over their rotating days of that day's rotating office count
over that day's rotating head count. Without coverage picks everyone must be within one day of
their share; with them, whoever is a day or more above it must be named in a notice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

import pytest

from helpers import write

HEAD = "NIP;Nama;Jabatan;Eselon;Unit Kerja;NIP Atasan;Tanggal Lahir\n"
MULAI, SAMPAI = date(2021, 3, 1), date(2021, 3, 26)


@dataclass(frozen=True)
class Who:
    nip: str
    opd: str  # the OPD's path
    unit: str  # the person's own unit path
    leader: bool
    born: date


def _nip(k: int, born: date, female: bool = False) -> str:
    return f"{born:%Y%m%d}201503{2 if female else 1}{k:03d}"


def institution() -> tuple[list[Who], set[str]]:
    """Two OPDs; seksi of 2 to 8 people, some without a head; three people over 55; (people, the
    leaf unit paths)."""
    people: list[Who] = []
    leaves: set[str] = set()
    young, old = date(1990, 1, 1), date(1960, 6, 1)

    def add(opd: str, unit: str, leader: bool, born: date = young, female: bool = False) -> str:
        k = len(people) + 1
        nip = _nip(k, born.replace(day=1 + k % 28), female)
        people.append(Who(nip, opd, unit, leader, born.replace(day=1 + k % 28)))
        return nip

    d1, d2 = "Dinas Oracle", "Badan Oracle"
    add(d1, d1, True)
    add(d1, f"{d1} > Bidang P", True)
    for seksi, staff, head, olds in (("P1", 7, True, 1), ("P2", 4, False, 0), ("P3", 5, True, 1)):
        path = f"{d1} > Bidang P > Seksi {seksi}"
        leaves.add(path)
        if head:
            add(d1, path, True)
        for s in range(staff):
            add(d1, path, False, old if s < olds else young, female=s == 2)
    add(d2, d2, True)
    for seksi, staff, head, olds in (("R1", 8, False, 1), ("R2", 2, False, 0), ("R3", 6, True, 0)):
        path = f"{d2} > Seksi {seksi}"
        leaves.add(path)
        if head:
            add(d2, path, True)
        for s in range(staff):
            add(d2, path, False, old if s < olds else young, female=s == 2)
    return people, leaves


def csv_text(people: list[Who]) -> str:
    rows = []
    for p in people:
        eselon = {0: "II.a", 1: "III.a"}.get(p.unit.count(" > "), "IV.a") if p.leader else ""
        jabatan = "Kepala" if p.leader else "Pelaksana"
        rows.append(f"{p.nip};Nama {p.nip[-3:]};{jabatan};{eselon};{p.unit};;{p.born.isoformat()}")
    return HEAD + "\n".join(rows) + "\n"


def circular(**kuota: object) -> str:
    cak = kuota.pop("min_wfo_per_unit")
    body = "\n".join(f"{k} = {json.dumps(v)}" for k, v in kuota.items())
    return f"""nama = "oracle"
judul = "Oracle"
mulai = {MULAI.isoformat()}
sampai = {SAMPAI.isoformat()}
[kuota]
{body}
[cakupan]
pejabat_wfo = true
min_wfo_per_unit = {cak}
[wfh_wajib]
usia_min = 55
hamil = true
"""


def target(head: int, persen: int) -> int:
    """T = persen% of head, rounded half up ('terdekat'), in exact arithmetic."""
    return int(Fraction(head * persen, 100) + Fraction(1, 2))


def run_roster(kerja, tmp_path, monkeypatch, **kuota):  # type: ignore[no-untyped-def]
    """The store set up through the CLI, `jadwal buat --json` and the exported cells."""
    monkeypatch.setenv("KERJA_SEKARANG", "2021-02-20T08:00:00+07:00")
    people, leaves = institution()
    kerja("init", "--instansi", "Pemkab Oracle", "--zona", "WIB")
    kerja("pegawai", "impor", write(tmp_path / "p.csv", csv_text(people)))
    kerja("kebijakan", "tambah", write(tmp_path / "se.toml", circular(**kuota)))
    staff = [p for p in people if not p.leader and p.born.year > 1980]
    pregnant = next(p for p in staff if p.nip[14] == "2")
    kerja("kondisi", "tambah", pregnant.nip, "--jenis", "hamil", "--mulai", "2021-03-10")
    for p, a, b in ((staff[5], "2021-03-02", "2021-03-05"), (staff[12], "2021-03-15", "2021-03-24")):
        kerja(
            "presensi", "status", p.nip, "--kode", "CT", "--mulai", a, "--sampai", b, "--keterangan", "cuti"
        )
    # The head of Seksi P1 on leave too: a leader off duty leaves their unit to coverage.
    kasi = next(p for p in people if p.leader and p.unit.endswith("Seksi P1"))
    kerja("presensi", "status", kasi.nip, "--kode", "DL", "--mulai", "2021-03-08", "--keterangan", "dinas")
    r = kerja("jadwal", "buat", "--mulai", MULAI, "--sampai", SAMPAI, "--json", code=None)
    summary = json.loads(r.stdout)
    cells = json.loads(kerja("jadwal", "ekspor", "--format", "json").stdout)
    home = {(pregnant.nip, d) for d in {c["tanggal"] for c in cells} if d >= "2021-03-10"}
    return people, leaves, summary, cells, home, r.exit_code


def kept_home(p: Who, day: str, home: set[tuple[str, str]]) -> str | None:
    """Rule 2 by the test's own facts: 55 or older on the day, or pregnant from 10 March."""
    d = date.fromisoformat(day)
    if (d.year - p.born.year) - ((d.month, d.day) < (p.born.month, p.born.day)) >= 55:
        return "usia"
    return "hamil" if (p.nip, day) in home else None


def oracle(people, cells, home, tingkat: str, leaders_counted: bool, persen: int):  # type: ignore[no-untyped-def]
    """Per (day, group): (head count, office count, T, leaders in, rotating on duty, the cells);
    per rotating person: (WFO days, fair share as a Fraction)."""
    who = {p.nip: p for p in people}
    by_day: dict[str, list[dict]] = {}
    for c in cells:
        by_day.setdefault(c["tanggal"], []).append(c)
    days: dict[tuple[str, str], tuple[int, int, int, int, int, list[dict]]] = {}
    wfo_days: dict[str, int] = {}
    share: dict[str, Fraction] = {}
    for day, rows in sorted(by_day.items()):
        groups: dict[str, list[dict]] = {}
        for c in rows:
            p = who[c["nip"]]
            groups.setdefault(p.opd if tingkat == "opd" else p.unit, []).append(c)
        for g, mem in groups.items():
            counted = [c for c in mem if leaders_counted or not who[c["nip"]].leader]
            office = sum(c["lokasi"] == "WFO" for c in counted)
            leaders_in = sum(c["lokasi"] == "WFO" for c in mem if who[c["nip"]].leader)
            rot = [c for c in mem if not who[c["nip"]].leader and not kept_home(who[c["nip"]], day, home)]
            rot_office = sum(c["lokasi"] == "WFO" for c in rot)
            days[(day, g)] = (len(counted), office, target(len(counted), persen), leaders_in, len(rot), mem)
            for c in rot:
                wfo_days[c["nip"]] = wfo_days.get(c["nip"], 0) + (c["lokasi"] == "WFO")
                share[c["nip"]] = share.get(c["nip"], Fraction(0)) + Fraction(rot_office, len(rot))
    return days, {n: (wfo_days[n], share[n]) for n in wfo_days}


def check_rules_1_2_4_5(people, leaves, cells, home, min_wfo: int) -> None:  # type: ignore[no-untyped-def]
    who = {p.nip: p for p in people}
    days = sorted({c["tanggal"] for c in cells})
    assert all(date.fromisoformat(d).weekday() < 5 for d in days)
    assert "2021-03-11" not in days  # Isra Mikraj, a national holiday
    on_duty = {(c["tanggal"], c["nip"]) for c in cells}
    assert ("2021-03-03", [p for p in people if not p.leader and p.born.year > 1980][5].nip) not in on_duty
    for c in cells:
        p = who[c["nip"]]
        why = kept_home(p, c["tanggal"], home)
        if why:  # rule 2 comes first, leaders included
            assert (c["lokasi"], c["alasan"]) == ("WFH", f"wfh-wajib:{why}"), c
        elif p.leader:  # rule 4
            assert (c["lokasi"], c["alasan"]) == ("WFO", "pejabat"), c
        else:
            assert c["alasan"] in ({"rotasi", "cakupan"} if c["lokasi"] == "WFO" else {"rotasi-wfh"}), c
    if not min_wfo:
        assert not any(c["alasan"] == "cakupan" for c in cells)
        return
    for day in days:  # rule 5: every leaf unit with someone who may come in has its minimum
        for leaf in leaves:
            here = [c for c in cells if c["tanggal"] == day and who[c["nip"]].unit == leaf]
            may = [c for c in here if not kept_home(who[c["nip"]], day, home)]
            if may:
                assert sum(c["lokasi"] == "WFO" for c in here) >= min(min_wfo, len(may)), (day, leaf)


def test_without_coverage_everyone_is_within_a_day_of_fair_share(kerja, tmp_path, monkeypatch):
    people, leaves, summary, cells, home, code = run_roster(
        kerja, tmp_path, monkeypatch, wfo_persen=30, tingkat="opd", pejabat_dihitung=False, min_wfo_per_unit=0
    )
    assert code == 0 and summary["pelanggaran"] == []
    # 1-26 March: 4 weeks of weekdays (20) less 11 March (Isra Mikraj).
    assert len({c["tanggal"] for c in cells}) == 19
    check_rules_1_2_4_5(people, leaves, cells, home, 0)
    days, fair = oracle(people, cells, home, "opd", leaders_counted=False, persen=30)
    for (day, g), (head, office, t, _leaders, _rot, _cells) in days.items():
        # Leaders are outside the quota here, so the office count is the rotating picks: exactly T.
        assert office == t, (day, g, head, office, t)
    assert len(fair) == len([p for p in people if not p.leader]) - 3  # the three over 55 never rotate
    worst = max(abs(x - f) for x, f in fair.values())
    assert worst < 1, sorted((abs(x - f), n) for n, (x, f) in fair.items())[-3:]
    assert summary["catatan"] == []
    assert summary["deviasi_maks"] == round(float(worst), 2)


@pytest.mark.parametrize("tingkat", ["opd", "unit"])
def test_with_coverage_targets_met_and_every_excess_is_named(kerja, tmp_path, monkeypatch, tingkat):
    people, leaves, summary, cells, home, code = run_roster(
        kerja,
        tmp_path,
        monkeypatch,
        wfo_persen=25,
        tingkat=tingkat,
        pejabat_dihitung=True,
        min_wfo_per_unit=1,
    )
    check_rules_1_2_4_5(people, leaves, cells, home, 1)
    days, fair = oracle(people, cells, home, tingkat, leaders_counted=True, persen=25)
    who = {p.nip: p for p in people}
    over = {(v["tanggal"], v["unit"]): v["detail"] for v in summary["pelanggaran"] if v["jenis"] == "kuota"}
    for (day, g), (head, office, t, leaders_in, rot, mem) in days.items():
        if office > t:
            # Only leaders and coverage may push a group above T: every other office day is a
            # coverage pick, at most one per leaf unit with no leader in, and it is a violation.
            picks = [c for c in mem if c["lokasi"] == "WFO" and not who[c["nip"]].leader]
            led = {who[c["nip"]].unit for c in mem if c["lokasi"] == "WFO" and who[c["nip"]].leader}
            unled = {who[c["nip"]].unit for c in mem} & leaves - led
            assert all(c["alasan"] == "cakupan" for c in picks), (day, g)
            assert len(picks) <= len(unled), (day, g, office, t)
            assert over[(day, g)] == f"{office} WFO, kuota {t} dari {head} orang (25%)"
        else:
            # Targets met: up to T as far as there are rotating people to fill it.
            assert office >= min(t, leaders_in + rot), (day, g, office, t)
            assert (day, g) not in over
    assert code == (3 if summary["pelanggaran"] else 0)
    named = {n["nip"]: n for n in summary["catatan"]}
    excess = {nip: (x, f) for nip, (x, f) in fair.items() if x - f >= 1}
    if tingkat == "opd":
        # Dinas Oracle: 20 people, T = 5 = its 4 leaders + one coverage pick a day for Seksi P2
        # (4 people, no head): ~19/4 office days each against a share of ~19/14 (14 rotating).
        # Badan Oracle: 18 people, T = 5 (4.5 rounds up) = 2 leaders + Seksi R1 and R2's picks + 1;
        # R2's 2 people give one day in two each against a share of ~2/14 a day.
        assert {who[n].unit for n in excess} == {
            "Dinas Oracle > Bidang P > Seksi P2",
            "Badan Oracle > Seksi R2",
        }
    else:
        # Alone in their unit, the Kadis, the Kabid and the Kaban are each a group of 1 whose
        # T is 25% of 1 = 0: every one of their days is a quota violation.
        assert {g for (_d, g) in over} >= {"Dinas Oracle", "Dinas Oracle > Bidang P", "Badan Oracle"}
    assert set(named) == set(excess)
    for nip, (x, f) in excess.items():
        assert (named[nip]["wfo"], named[nip]["bagian_adil"]) == (x, round(float(f), 2))
        assert named[nip]["sebab"] == "cakupan"
    assert summary["deviasi_maks"] == round(float(max(abs(x - f) for x, f in fair.values())), 2)


@pytest.mark.parametrize("persen", [10, 50])
def test_fair_share_bound_holds_at_other_quotas(kerja, tmp_path, monkeypatch, persen):
    _people, _leaves, summary, cells, home, code = run_roster(
        kerja,
        tmp_path,
        monkeypatch,
        wfo_persen=persen,
        tingkat="opd",
        pejabat_dihitung=False,
        min_wfo_per_unit=0,
    )
    days, fair = oracle(_people, cells, home, "opd", leaders_counted=False, persen=persen)
    assert code == 0 and all(office == t for (_h, office, t, _l, _r, _c) in days.values())
    assert max(abs(x - f) for x, f in fair.values()) < 1
