"""The WFH/WFO roster generator (SPEC §6), pure: people, days, circulars, conditions, statuses,
fixed cells -> one code per person-day, with notices; `check` lists the violations of any roster.

Rules apply in the priority order of SPEC §6, per day and quota group: on duty, mandatory WFH,
target T, leaders, coverage of every leaf unit, then the fair fill. Fairness is solved per
(circular, quota group) over all the circular's days that have a roster (earlier runs come in as
fixed days), in three steps on integer indices: (A) plan each leaf unit's coverage days for the
whole period, spreading them by deviation from fair share; (B) fill each day by urgency, the
remaining fair share over the remaining free days; (C) improve by swaps within a day, first the
largest |WFO days - fair share|, then the number of people a day or more from it; when no single
swap lowers the largest, chains of hand-overs (augmenting paths) are searched, until integrality
proves it cannot fall or a work budget runs out. bench/cpsat_compare.py measures the result
against CP-SAT on the same problem.

Everything is deterministic: members are taken in the order given, ties break by that order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from .calendar import turns_age_on
from .circulars import Circular, target

ROTATING_REASONS = frozenset({"rotasi", "cakupan", "rotasi-wfh"})
EPS = 1e-9


@dataclass(frozen=True)
class Person:
    nip: str
    unit: int  # the person's own unit id
    opd: int
    leader: bool
    born: date | None = None
    # On the books in this unit and role from `dari` to `sampai` only (effective-dated facts,
    # domain/facts.py): a person who moves, changes role, joins or leaves inside the period is
    # one Person per stretch, off duty outside it. None: from the beginning / on and on.
    dari: date | None = None
    sampai: date | None = None

    def on_books(self, d: date) -> bool:
        return (self.dari is None or self.dari <= d) and (self.sampai is None or d <= self.sampai)


class PersonIndex:
    """Which entry of a people list holds a NIP's cell on a day: the person's only entry, or,
    for someone whose facts change inside the period, the stretch that day falls in."""

    def __init__(self, people: Sequence[Person]) -> None:
        self.people = people
        self.plain: dict[str, int] = {}
        self.dated: dict[str, list[int]] = {}
        for i, p in enumerate(people):
            if p.dari is None and p.sampai is None:
                self.plain[p.nip] = i
            else:
                self.dated.setdefault(p.nip, []).append(i)

    def get(self, nip: str, d: date) -> int | None:
        i = self.plain.get(nip)
        if i is not None or not self.dated:
            return i
        for j in self.dated.get(nip, ()):
            if self.people[j].on_books(d):
                return j
        return None


@dataclass(frozen=True)
class Unit:
    id: int
    name: str  # the full path 'OPD > Bidang > Seksi'
    leaf: bool


@dataclass(frozen=True)
class Condition:
    nip: str
    jenis: str
    mulai: date
    sampai: date | None = None  # None: open-ended


@dataclass(frozen=True)
class Day:
    tanggal: date
    circular: Circular
    generate: bool = True  # False: a day with a stored roster that is kept (fixed cells only)


@dataclass(frozen=True)
class Violation:
    tanggal: date
    unit: str
    jenis: str  # kuota | cakupan | wfh-wajib
    detail: str

    def as_dict(self) -> dict[str, str]:
        return {
            "tanggal": self.tanggal.isoformat(),
            "unit": self.unit,
            "jenis": self.jenis,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class Shortfall:
    """A quota group below its target T on a day (not a violation: nobody else could come in, or
    a team's turn was too small for it, as with pola "tim")."""

    tanggal: date
    unit: str  # the quota group's unit path
    wfo: int  # office count (rule 3's counting)
    kuota: int  # T
    orang: int  # the head count T is taken of

    def as_dict(self) -> dict[str, object]:
        return {
            "tanggal": self.tanggal.isoformat(),
            "unit": self.unit,
            "wfo": self.wfo,
            "kuota": self.kuota,
            "orang": self.orang,
        }


def shortfall_lines(items: Sequence[Shortfall]) -> list[str]:
    """One Indonesian line per (unit, office count, T): 'U: 19 dari 21 tempat WFO terisi pada 3
    hari (2021-03-01, 2021-03-03, 2021-03-05)', in the order of the first day."""
    by: dict[tuple[str, int, int], list[date]] = {}
    for s in items:
        by.setdefault((s.unit, s.wfo, s.kuota), []).append(s.tanggal)
    out = []
    for (unit, wfo, kuota), days in by.items():
        shown = ", ".join(d.isoformat() for d in days[:5]) + (", ..." if len(days) > 5 else "")
        out.append(f"{unit}: {wfo} dari {kuota} tempat WFO terisi pada {len(days)} hari ({shown})")
    return out


@dataclass(frozen=True)
class Notice:
    """Someone a day or more above their fair share (not a violation): coverage of their small
    unit forced it (sebab "cakupan"), or the turns of fixed teams (sebab "tim")."""

    nip: str
    kebijakan: str
    unit: str
    wfo: int
    bagian_adil: float
    sebab: str = "cakupan"

    @property
    def lebih(self) -> float:
        return self.wfo - self.bagian_adil


class Codes:
    """(lokasi, alasan) pairs as small integers; 0 means no cell (not on duty)."""

    def __init__(self) -> None:
        self.pairs: list[tuple[str, str] | None] = [None]
        self._index: dict[tuple[str, str], int] = {}
        for pair in (
            ("WFO", "pejabat"),
            ("WFO", "cakupan"),
            ("WFO", "rotasi"),
            ("WFH", "rotasi-wfh"),
            ("WFO", "manual"),
            ("WFH", "manual"),
        ):
            self.code(*pair)

    def code(self, lokasi: str, alasan: str) -> int:
        key = (lokasi, alasan)
        c = self._index.get(key)
        if c is None:
            c = self._index[key] = len(self.pairs)
            self.pairs.append(key)
        return c


PEJABAT, CAKUPAN, ROTASI, ROTASI_WFH = 1, 2, 3, 4


@dataclass
class Inputs:
    people: Sequence[Person]
    units: Mapping[int, Unit]
    days: Sequence[Day]
    conditions: Iterable[Condition] = ()
    statuses: Iterable[tuple[str, date, date]] = ()  # (nip, mulai, sampai) declared whole days
    fixed: Mapping[tuple[date, str], tuple[str, str]] = field(default_factory=dict)


@dataclass
class Result:
    codes: Codes
    days: list[date]  # generated days, in order
    cells: list[list[int]]  # per generated day, a code per person (Inputs.people order)
    notices: list[Notice]
    fair: dict[tuple[str, str], tuple[int, float]]  # (circular, nip) -> (WFO days, fair share)
    violations: list[Violation] = field(default_factory=list)
    shortfalls: list[Shortfall] = field(default_factory=list)  # groups below T on a day

    def rows(self, people: Sequence[Person], kebijakan: Mapping[date, str]) -> Iterable[tuple]:
        """(tanggal, nip, lokasi, alasan, kebijakan) for every cell, for one executemany.

        Built from itertools pieces (compress drops the people without a cell), so the 1.3 million
        rows of a province month cost no Python step each.
        """
        from itertools import chain, compress, repeat

        nips = [p.nip for p in people]
        lok = [pair[0] if pair else "" for pair in self.codes.pairs]
        why = [pair[1] if pair else "" for pair in self.codes.pairs]
        parts = []
        for d, row in zip(self.days, self.cells, strict=True):
            on = list(compress(row, row))
            parts.append(
                zip(
                    repeat(d.isoformat()),
                    compress(nips, row),
                    map(lok.__getitem__, on),
                    map(why.__getitem__, on),
                    repeat(kebijakan[d]),
                )
            )
        return chain.from_iterable(parts)

    def tally(self) -> dict[str, int]:
        """Cells per location: {"WFO": n, "WFH": m}."""
        out = {"WFO": 0, "WFH": 0}
        for lok in out:
            table = bytes(1 if p and p[0] == lok else 0 for p in self.codes.pairs).ljust(256, b"\0")
            out[lok] = sum(bytes(row).translate(table).count(1) for row in self.cells)
        return out

    def max_deviation(self) -> float:
        return max((abs(x - f) for x, f in self.fair.values()), default=0.0)


# ---------------------------------------------------------------------------------------------
# Rules 1 and 2: who is on duty, who must stay home


class Rules:
    """Per person: the days a declared status takes them off duty (rule 1) and the reason the
    circular keeps them home on a day (rule 2)."""

    def __init__(
        self,
        people: Sequence[Person],
        conditions: Iterable[Condition],
        statuses: Iterable[tuple[str, date, date]],
    ) -> None:
        idx: dict[str, list[int]] = {}
        for i, p in enumerate(people):
            idx.setdefault(p.nip, []).append(i)
        self.people = people
        self.cond: dict[int, list[Condition]] = {}
        for c in conditions:
            for i in idx.get(c.nip, ()):
                self.cond.setdefault(i, []).append(c)
        self.off: dict[int, list[tuple[date, date]]] = {}
        for nip, a, b in statuses:
            for i in idx.get(nip, ()):
                self.off.setdefault(i, []).append((a, b))
        for i, p in enumerate(people):  # off the books outside the stretch (a move, a start date)
            if p.dari is not None and p.dari > date.min:
                self.off.setdefault(i, []).append((date.min, p.dari - timedelta(days=1)))
            if p.sampai is not None and p.sampai < date.max:
                self.off.setdefault(i, []).append((p.sampai + timedelta(days=1), date.max))
        self._turn: dict[int, list[date | None]] = {}

    def turns(self, usia: int) -> list[date | None]:
        """The day each person reaches `usia` (calendar.turns_age_on)."""
        if usia not in self._turn:
            out: list[date | None] = []
            for p in self.people:
                if p.born is None:
                    out.append(None)
                    continue
                out.append(turns_age_on(p.born, usia))
            self._turn[usia] = out
        return self._turn[usia]

    def is_off(self, i: int, d: date) -> bool:
        """Rule 1: a declared status (leave, sick, DL, ...) takes person i off duty on day d."""
        return any(a <= d <= b for a, b in self.off.get(i, ()))

    def must_stay_home(self, i: int, d: date, c: Circular) -> str | None:
        """Rule 2: the mandatory-WFH rule that keeps person i home on day d, or None."""
        if c.usia_min is not None:
            t = self.turns(c.usia_min)[i]
            if t is not None and t <= d:
                return "usia"
        conds = self.cond.get(i)
        if not conds:
            return None
        active = {k.jenis for k in conds if k.mulai <= d and (k.sampai is None or d <= k.sampai)}
        if c.hamil and "hamil" in active:
            return "hamil"
        if c.menyusui and "menyusui" in active:
            return "menyusui"
        for j in c.kondisi:
            if j in active:
                return j
        if c.perjalanan_hari:
            for k in conds:
                if k.jenis == "perjalanan":
                    back = k.sampai or k.mulai
                    if k.mulai <= d <= back + timedelta(days=c.perjalanan_hari):
                        return "perjalanan"
        return None

    def special(self, i: int, last: date, c: Circular) -> bool:
        """Whether person i needs a day-by-day look (else: rotating every day, no exceptions)."""
        if i in self.cond or i in self.off:
            return True
        if c.usia_min is not None:
            t = self.turns(c.usia_min)[i]
            return t is not None and t <= last
        return False


# ---------------------------------------------------------------------------------------------
# Rule 3: the target, and the head count it is taken of


def leaders_outside_quota(c: Circular) -> bool:
    """Whether leaders are left out of the quota's head count and office count: they are kept in the
    office by rule 4 (pejabat_wfo) and the circular does not count them (pejabat_dihitung false)."""
    return c.pejabat_wfo and not c.pejabat_dihitung


@dataclass(frozen=True)
class Quota:
    head: int  # on-duty people the target is taken of
    office: int  # of them, in the office
    target: int  # T

    @property
    def over(self) -> bool:
        return self.office > self.target


def quota(on_duty: int, in_office: int, leaders_on_duty: int, leaders_in_office: int, c: Circular) -> Quota:
    """Rule 3 for one quota group on one day: T = wfo_persen% of the on-duty head count, rounded as
    set; leaders are left out of both counts when `leaders_outside_quota`. The solver, the check
    and the roster grid's totals all count through here."""
    if leaders_outside_quota(c):
        on_duty -= leaders_on_duty
        in_office -= leaders_in_office
    return Quota(on_duty, in_office, target(on_duty, c.wfo_persen, c.pembulatan))


# ---------------------------------------------------------------------------------------------
# The generator

Move = tuple[int, int, int]  # (day k, member leaving the office, member coming in)


def group_key(p: Person, c: Circular) -> int:
    return p.opd if c.tingkat == "opd" else p.unit


def build(inp: Inputs) -> Result:
    """The roster of every generated day: per circular and quota group, rules 1-5 settle each day
    and rule 6 fills it (`_Group`); the fair shares, notices and violations come with it."""
    people, units = inp.people, inp.units
    codes = Codes()
    rules = Rules(people, inp.conditions, inp.statuses)
    fixed = _fixed_codes(inp, codes)
    gen_days = [day.tanggal for day in inp.days if day.generate]
    gen_pos = {d: k for k, d in enumerate(gen_days)}
    cells = [[0] * len(people) for _ in gen_days]
    notices: list[Notice] = []
    fair: dict[tuple[str, str], tuple[int, float]] = {}
    for c, days in _days_by_circular(inp.days):
        for members in _quota_groups(people, c):
            g = _Group(c, days, members, people, units, rules, fixed, codes)
            g.solve()
            for k, day in enumerate(days):
                if day.generate:
                    row = cells[gen_pos[day.tanggal]]
                    list(map(row.__setitem__, members, g.cells[k]))  # a scatter at C speed
            for j, i in enumerate(members):
                if g.in_rotation[j]:
                    p, x, f = people[i], g.wfo_days[j], g.share[j]
                    fair[(c.nama, p.nip)] = (x, f)
                    if x - f >= 1 - EPS:
                        sebab = "tim" if c.pola == "tim" else "cakupan"
                        notices.append(Notice(p.nip, c.nama, units[p.unit].name, x, f, sebab))
    res = Result(codes, gen_days, cells, notices, fair)
    res.violations, res.shortfalls = review(inp, res)
    return res


def _fixed_codes(inp: Inputs, codes: Codes) -> dict[int, dict[date, int]]:
    """Person index -> day -> the code of their kept cell (manual changes, earlier runs)."""
    by_nip: dict[str, list[tuple[date, int]]] = {}
    for (d, nip), (lok, why) in inp.fixed.items():
        by_nip.setdefault(nip, []).append((d, codes.code(lok, why)))
    out: dict[int, dict[date, int]] = {}
    for i, p in enumerate(inp.people):
        if p.nip in by_nip:
            kept = (
                by_nip[p.nip]
                if p.dari is None and p.sampai is None
                else [(d, k) for d, k in by_nip[p.nip] if p.on_books(d)]
            )
            if kept:
                out[i] = dict(kept)
    return out


def _days_by_circular(days: Sequence[Day]) -> list[tuple[Circular, list[Day]]]:
    """Each circular with its days in date order: fairness is solved over all of them at once."""
    by_name: dict[str, list[Day]] = {}
    circ: dict[str, Circular] = {}
    for day in sorted(days, key=lambda x: x.tanggal):
        by_name.setdefault(day.circular.nama, []).append(day)
        circ[day.circular.nama] = day.circular
    return [(circ[name], ds) for name, ds in by_name.items()]


def _quota_groups(people: Sequence[Person], c: Circular) -> list[list[int]]:
    """The people (indices, in input order) of each quota group of circular c."""
    groups: dict[int, list[int]] = {}
    for i, p in enumerate(people):
        groups.setdefault(group_key(p, c), []).append(i)
    return list(groups.values())


def _leaf_units(
    members: Sequence[int], people: Sequence[Person], units: Mapping[int, Unit]
) -> tuple[list[int], list[int]]:
    """(each member's leaf unit as a local index, -1 for a member of a non-leaf unit; the leaf
    units' ids by local index)."""
    local: dict[int, int] = {}
    unit_of: list[int] = []
    unit_ids: list[int] = []
    for i in members:
        u = people[i].unit
        if units[u].leaf:
            if u not in local:
                local[u] = len(unit_ids)
                unit_ids.append(u)
            unit_of.append(local[u])
        else:
            unit_of.append(-1)
    return unit_of, unit_ids


@dataclass
class _DayTally:
    """One day of a quota group while rules 1, 2 and 4 place its members (local indices j)."""

    cells: list[int]  # a code per member; 0: off duty (free rotating members: WFH until picked)
    free: bytearray  # 1: a free rotating member, whom rule 6 may pick
    free_list: list[int]  # the same members as a list
    may_u: list[int]  # per leaf unit: on-duty members whom rule 2 lets come in
    avail_u: list[int]  # per leaf unit: free rotating members
    office_u: list[int]  # per leaf unit: office count before rule 6
    rotating: list[int] = field(default_factory=list)  # rotating members beyond the plain ones
    on_duty: int = 0
    leaders_on: int = 0
    office: int = 0  # office count before rule 6 (leaders, kept cells)
    leaders_in: int = 0
    rotating_office: int = 0  # kept office days of rotating members


class _Plain:
    """Members with no status, condition, age limit, kept cell or leader role in the period: they
    rotate on every generated day, so their part of a day is copied from one template."""

    def __init__(self, plain: list[int], n: int, unit_of: list[int], n_units: int) -> None:
        self.members = plain
        self.cells, self.free, self.may_u = [0] * n, bytearray(n), [0] * n_units
        for j in plain:
            self.cells[j], self.free[j] = ROTASI_WFH, 1
            if unit_of[j] >= 0:
                self.may_u[unit_of[j]] += 1

    def day(self) -> _DayTally:
        free_list, nu = list(self.members), len(self.may_u)
        t = _DayTally(
            self.cells.copy(), bytearray(self.free), free_list, self.may_u.copy(), self.may_u.copy(), [0] * nu
        )
        t.on_duty = len(self.members)
        return t


class _Group:
    """One quota group under one circular over its days, in local member indices j.

    `_settle` applies rules 1-5 to every day and works out each member's fair share; `solve`
    then makes rule 6's picks: (A) `_plan_coverage`, (B) `_fill`, (C) `_improve`, or `_teams`
    for pola "tim"; `_label` writes the codes.
    """

    def __init__(
        self,
        c: Circular,
        days: Sequence[Day],
        members: list[int],
        people: Sequence[Person],
        units: Mapping[int, Unit],
        rules: Rules,
        fixed: Mapping[int, Mapping[date, int]],
        codes: Codes,
    ) -> None:
        self.c, self.days, self.members = c, days, members
        self.n = n = len(members)
        self.unit_of, self.unit_ids = _leaf_units(members, people, units)
        # Per day, from rules 1-5.
        self.cells: list[list[int]] = []  # a code per member
        self.free: list[bytearray] = []  # 1: a free rotating member
        self.free_list: list[list[int]] = []  # the same as a list of members
        self.picks: list[int] = []  # rotation picks to make
        self.cov_need: list[dict[int, int]] = []  # leaf unit -> coverage picks needed
        self.office_u: list[list[int]] = []  # per leaf unit: office count before rotation picks
        # Per member.
        self.wfo_days = [0] * n  # office days as a rotating member (kept ones and picks)
        self.share = [0.0] * n  # fair share of office days (rule 6)
        self.in_rotation = [False] * n  # rotating on at least one day
        self.free_days = [0] * n  # days as a free rotating member
        self._settle(people, rules, fixed, codes)
        # Rule 6's picks, per day.
        nd, nu = len(days), len(self.unit_ids)
        self.wfo = [bytearray(n) for _ in range(nd)]  # 1: in the office by a rotation pick
        self.cov = [bytearray(n) for _ in range(nd)]  # 1: that pick is for coverage
        self.picked_u = [[0] * nu for _ in range(nd)]  # rotation picks per leaf unit
        self.cov_days = [0] * n
        self._by_unit: list[list[int]] | None = None
        self._bfs_budget = 60 * n * max(1, nd)  # member-day looks the chain search may spend

    # -- rules 1-5 ----------------------------------------------------------------------------

    def _settle(
        self, people: Sequence[Person], rules: Rules, fixed: Mapping[int, Mapping[date, int]], codes: Codes
    ) -> None:
        """Rules 1-5 on every day, and the fair shares: each day's rotating office places (kept
        ones and picks) divided by its rotating head count, summed per member over the days."""
        c, n = self.c, self.n
        last = self.days[-1].tanggal
        special = [
            bool(fixed.get(i)) or (c.pejabat_wfo and people[i].leader) or rules.special(i, last, c)
            for i in self.members
        ]
        plain = _Plain([j for j in range(n) if not special[j]], n, self.unit_of, len(self.unit_ids))
        look = [j for j in range(n) if special[j]]
        places = _Places(self, people, rules, fixed, codes)
        plain_share = 0.0  # the plain members' share, the same for all of them
        n_gen = 0
        for day in self.days:
            if day.generate:
                n_gen += 1
                t = plain.day()
                places.place(t, day, look)
            else:  # a kept day: only the stored cells count
                nu = len(self.unit_ids)
                t = _DayTally([0] * n, bytearray(n), [], [0] * nu, [0] * nu, [0] * nu)
                places.place(t, day, range(n))
            need = self._coverage_need(day, t)
            picks = self._rotation_picks(t, need)
            self._keep_day(t, need, picks)
            heads = len(t.rotating) + (len(plain.members) if day.generate else 0)
            if heads:
                share = (t.rotating_office + picks) / heads
                if day.generate:
                    plain_share += share
                for j in t.rotating:
                    self.share[j] += share
                    self.in_rotation[j] = True
        for j in plain.members:
            self.share[j] += plain_share
            self.free_days[j] = n_gen
            self.in_rotation[j] = n_gen > 0

    def _coverage_need(self, day: Day, t: _DayTally) -> dict[int, int]:
        """Rule 5: each leaf unit with an on-duty member who may come in and fewer than
        min_wfo_per_unit in the office -> the coverage picks it needs (at most its free members)."""
        need: dict[int, int] = {}
        least = self.c.min_wfo_per_unit
        if day.generate and least:
            for u in range(len(self.unit_ids)):
                if t.may_u[u] and t.office_u[u] < least and t.avail_u[u]:
                    need[u] = min(least - t.office_u[u], t.avail_u[u])
        return need

    def _rotation_picks(self, t: _DayTally, need: dict[int, int]) -> int:
        """Rule 3, then how many rotation picks rule 6 makes: enough to fill the day up to T, or to
        give its coverage if that takes more; as many as there are free rotating members at most."""
        q = quota(t.on_duty, t.office, t.leaders_on, t.leaders_in, self.c)
        return min(len(t.free_list), max(q.target - q.office, sum(need.values()), 0))

    def _keep_day(self, t: _DayTally, need: dict[int, int], picks: int) -> None:
        """The day as rules 1-5 left it, for rule 6."""
        self.cells.append(t.cells)
        self.free.append(t.free)
        self.free_list.append(t.free_list)
        self.picks.append(picks)
        self.cov_need.append(need)
        self.office_u.append(t.office_u)

    # -- rule 6 ------------------------------------------------------------------------------

    def solve(self) -> None:
        if self.c.pola == "tim":
            self._teams()
        else:
            self._plan_coverage()
            self._fill()
            self._improve()
        self._label()

    def _pick(self, k: int, j: int, cov: bool = False) -> None:
        self.wfo[k][j] = 1
        self.wfo_days[j] += 1
        if cov:
            self.cov[k][j] = 1
            self.cov_days[j] += 1
        u = self.unit_of[j]
        if u >= 0:
            self.picked_u[k][u] += 1

    def _unit_members(self) -> list[list[int]]:
        by_u: list[list[int]] = [[] for _ in self.unit_ids]
        for j, u in enumerate(self.unit_of):
            if u >= 0:
                by_u[u].append(j)
        return by_u

    def _plan_coverage(self) -> None:
        """(A) Every unit's coverage picks over the whole period, least served first."""
        by_u = self._unit_members()
        wfo_days, share = self.wfo_days, self.share
        for u, mem in enumerate(by_u):
            for k in range(len(self.days)):
                need = self.cov_need[k].get(u, 0)
                if not need:
                    continue
                free = self.free[k]
                cands = [j for j in mem if free[j]]
                cands.sort(key=lambda j: wfo_days[j] - share[j])
                for j in cands[:need]:
                    self._pick(k, j, cov=True)

    def _fill(self) -> None:
        """(B) Day by day, the rest of the picks to those furthest behind their share, per day left."""
        # Free days left for each member, not counting the coverage days planned already.
        rem = [a - b for a, b in zip(self.free_days, self.cov_days, strict=True)]
        wfo_days, share = self.wfo_days, self.share
        for k in range(len(self.days)):
            wfo = self.wfo[k]
            cands = [j for j in self.free_list[k] if not wfo[j]]
            m = self.picks[k] - sum(self.cov[k])
            if m >= len(cands):
                chosen = cands
            elif m > 0:
                keys = [(wfo_days[j] - share[j]) / rem[j] for j in cands]
                order = sorted(range(len(cands)), key=keys.__getitem__)
                chosen = [cands[o] for o in order[:m]]
            else:
                chosen = []
            for j in cands:
                rem[j] -= 1
            for j in chosen:
                self._pick(k, j)

    def _can_leave(self, k: int, a: int, b: int) -> bool:
        """Whether a may give their office day k to b without uncovering a's unit."""
        ua = self.unit_of[a]
        if ua < 0 or (b >= 0 and ua == self.unit_of[b]) or not self.c.min_wfo_per_unit:
            return True
        return self.office_u[k][ua] + self.picked_u[k][ua] - 1 >= self.c.min_wfo_per_unit

    def _swap(self, k: int, a: int, b: int) -> None:
        """a leaves the office on day k, b comes in."""
        wfo = self.wfo[k]
        wfo[a], wfo[b] = 0, 1
        self.wfo_days[a] -= 1
        self.wfo_days[b] += 1
        ua, ub = self.unit_of[a], self.unit_of[b]
        if ua >= 0:
            self.picked_u[k][ua] -= 1
        if ub >= 0:
            self.picked_u[k][ub] += 1
        if self.cov[k][a]:
            self.cov[k][a] = 0
            if ua == ub:
                self.cov[k][b] = 1

    def _best_move(self, j: int, order: list[int], bound: float, count_mode: bool) -> Move | None:
        """The swap that helps j most: (day, leaves, enters) or None.

        Phase 1 (count_mode False): the pair's worst |deviation| must fall below `bound`.
        Phase 2: the pair's count of people a day or more off must fall, max staying <= bound.
        """
        dj = self.wfo_days[j] - self.share[j]
        found = self._give_away(j, order) if dj > 0 else self._take_over(j, order)
        if found is None:
            return None
        best, db = found
        step = -1 if dj > 0 else 1
        new_j, new_b = dj + step, db - step
        if not count_mode:
            return best if max(abs(new_j), abs(new_b)) < bound - EPS else None
        before = (abs(dj) >= 1 - EPS) + (abs(db) >= 1 - EPS)
        after = (abs(new_j) >= 1 - EPS) + (abs(new_b) >= 1 - EPS)
        ok = after < before and max(abs(new_j), abs(new_b)) <= bound + EPS
        return best if ok else None

    def _give_away(self, j: int, order: list[int]) -> tuple[Move, float] | None:
        """j (above share) hands an office day to the member furthest below share who is free that
        day: the best such (move, that member's deviation) over all days."""
        wfo_days, share = self.wfo_days, self.share
        best: tuple[Move, float] | None = None
        for k in range(len(self.days)):
            wfo, free = self.wfo[k], self.free[k]
            if not (wfo[j] and free[j]):
                continue
            for b in order:  # ascending deviation
                if free[b] and not wfo[b] and self._can_leave(k, j, b):
                    db = wfo_days[b] - share[b]
                    if best is None or db < best[1]:
                        best = (k, j, b), db
                    break
        return best

    def _take_over(self, j: int, order: list[int]) -> tuple[Move, float] | None:
        """j (below share) takes an office day from the member furthest above share who may leave
        it: the best such (move, that member's deviation) over all days."""
        wfo_days, share = self.wfo_days, self.share
        best: tuple[Move, float] | None = None
        for k in range(len(self.days)):
            wfo, free = self.wfo[k], self.free[k]
            if not free[j] or wfo[j]:
                continue
            for a in reversed(order):
                if free[a] and wfo[a] and self._can_leave(k, a, j):
                    da = wfo_days[a] - share[a]
                    if best is None or da > best[1]:
                        best = (k, a, j), da
                    break
        return best

    def _augment(self, j: int, bound: float) -> bool:
        """Pass one office day away from j (above share) or to j (below) along a chain of people,
        each handing a day on to the next, so only the chain's far end changes count; that end must
        stay below `bound`. Breadth-first over people, each day's free members scanned once: the
        augmenting path of a flow, which single swaps cannot find."""
        wfo_days, share, nd = self.wfo_days, self.share, len(self.days)
        give = wfo_days[j] - share[j] > 0  # j gives a day away (else: j takes one)
        if self._by_unit is None:
            self._by_unit = self._unit_members()
        by_unit = self._by_unit
        parent: dict[int, tuple[int, int] | None] = {j: None}
        done_day = [False] * nd
        queue = [j]
        for a in queue:
            came = parent[a]
            for k in range(nd):
                wfo, free = self.wfo[k], self.free[k]
                if not free[a] or bool(wfo[a]) != give or (came and came[1] == k):
                    continue
                # Coverage: a unit with no spare office day passes only within itself.
                if give and not self._can_leave(k, a, -1):
                    cands = [b for b in by_unit[self.unit_of[a]] if free[b]]
                elif done_day[k]:
                    continue
                else:
                    cands = self.free_list[k]
                    done_day[k] = True
                self._bfs_budget -= len(cands)
                for b in cands:
                    if bool(wfo[b]) == give or b in parent:
                        continue
                    if not give and not self._can_leave(k, b, a):
                        continue
                    parent[b] = (a, k)
                    end = wfo_days[b] - share[b] + (1 if give else -1)
                    if abs(end) < bound - EPS:
                        return self._apply_chain(b, parent, give)
                    queue.append(b)
        return False

    def _could_be_lower(self, rot: list[int], worst: float) -> bool:
        """Whether whole WFO-day counts could all lie within `worst` - a hair of the fair shares
        with the same total: a lower bound that ignores the days (it proves the common case that
        equal shares of 5.14 leave 14% of people at 6, 0.86 above, and nothing can change it)."""
        import math

        wfo_days, share = self.wfo_days, self.share
        t = worst - 1e-6
        total = sum(wfo_days[j] for j in rot)
        hi = sum(math.floor(share[j] + t + EPS) for j in rot)
        lo = sum(math.ceil(share[j] - t - EPS) for j in rot)
        return lo <= total <= hi

    def _apply_chain(self, b: int, parent: dict[int, tuple[int, int] | None], give: bool) -> bool:
        """Apply the swaps of a chain ending at b; undo them all if a unit lost its coverage."""
        done: list[tuple[int, int, int]] = []
        node = b
        while (step := parent[node]) is not None:
            a, k = step
            mv = (k, a, node) if give else (k, node, a)  # (day, leaves, enters)
            if not self._can_leave(*mv):
                for k2, out, inn in reversed(done):
                    self._swap(k2, inn, out)
                return False
            self._swap(*mv)
            done.append(mv)
            node = a
        return True

    def _improve(self) -> None:
        """(C) Swaps within a day: first the largest deviation, then how many are a day off."""
        rot = [j for j in range(self.n) if self.in_rotation[j]]
        if not rot:
            return
        budget = self._lower_worst(rot, 40 * len(rot) + 100)
        self._fewer_off(rot, budget)

    def _lower_worst(self, rot: list[int], budget: int) -> int:
        """Phase 1: swaps, then chains, that lower the largest |WFO days - fair share|, until none
        helps or the budget of rounds runs out; returns the rounds left."""
        wfo_days, share = self.wfo_days, self.share
        stuck: set[int] = set()
        while budget > 0:
            budget -= 1
            dev = {j: abs(wfo_days[j] - share[j]) for j in rot}
            worst = max(dev.values())
            order = sorted(rot, key=lambda j: wfo_days[j] - share[j])
            moved = False
            cands = sorted(j for j in rot if dev[j] >= worst - EPS and j not in stuck)
            for j in cands:
                mv = self._best_move(j, order, worst, False)
                if mv:
                    self._swap(*mv)
                    moved = True
                    break
            else:
                # No single swap helps any of the worst: try chains, within a work budget, unless
                # integrality alone already proves the largest deviation cannot fall.
                if not self._could_be_lower(rot, worst):
                    break
                for j in cands:
                    if self._bfs_budget > 0 and self._augment(j, worst):
                        moved = True
                        break
                    stuck.add(j)
            if not moved:
                break
        return budget

    def _fewer_off(self, rot: list[int], budget: int) -> None:
        """Phase 2: fewer people a day or more off their share, never raising the largest deviation."""
        wfo_days, share = self.wfo_days, self.share
        bound = max(abs(wfo_days[j] - share[j]) for j in rot)
        stuck: set[int] = set()
        while budget > 0:
            budget -= 1
            off = [j for j in rot if abs(wfo_days[j] - share[j]) >= 1 - EPS and j not in stuck]
            if not off:
                break
            order = sorted(rot, key=lambda j: wfo_days[j] - share[j])
            off.sort(key=lambda j: -abs(wfo_days[j] - share[j]))
            moved = False
            for j in off:
                mv = self._best_move(j, order, bound, True)
                if mv:
                    self._swap(*mv)
                    moved = True
                    break
                stuck.add(j)
            if not moved:
                break

    def _teams(self) -> None:
        """pola = "tim": fixed cohorts that take turns (per day or per week) and never mix.

        On a team's turn its members come in up to the target (the most behind first); coverage a
        team cannot give is taken from another team (reason cakupan).
        """
        c = self.c
        team, m, in_office_turn = self._deal_teams()
        start = self.c.mulai
        monday = start - timedelta(days=start.weekday())
        wfo_days, share = self.wfo_days, self.share
        for k, day in enumerate(self.days):
            if not day.generate or not self.picks[k] and not self.cov_need[k]:
                continue
            # Turns count the circular's roster days (per day) or calendar weeks since its start.
            turn = (k if c.tim_per == "hari" else (day.tanggal - monday).days // 7) % m
            free = self.free[k]

            def on_turn(j: int, turn: int = turn) -> bool:
                return (team[j] == turn) == in_office_turn if m > 1 else c.wfo_persen >= 100

            cands = [j for j in range(self.n) if free[j] and on_turn(j)]
            cands.sort(key=lambda j: wfo_days[j] - share[j])
            for j in cands[: self.picks[k]]:
                self._pick(k, j)
            for u, need in self.cov_need[k].items():
                short = need - self.picked_u[k][u]
                if short > 0:
                    pool = [
                        j for j in range(self.n) if self.unit_of[j] == u and free[j] and not self.wfo[k][j]
                    ]
                    pool.sort(key=lambda j: wfo_days[j] - share[j])
                    for j in pool[:short]:
                        self._pick(k, j, cov=True)

    def _deal_teams(self) -> tuple[list[int], int, bool]:
        """(each member's team, the number of teams m, whether a turn is an office turn).

        Each leaf unit's members are dealt round-robin over the teams, so every team can cover every
        unit. At most 50% WFO, a team's turn is in the office (m = 100/p); above it, a turn is at
        home (m = 100/(100 - p)).
        """
        p = self.c.wfo_persen
        if 0 < p < 100:
            in_office_turn = p <= 50
            m = max(2, round(100 / p) if in_office_turn else round(100 / (100 - p)))
        else:
            in_office_turn, m = True, 1
        team = [0] * self.n
        dealt = 0
        for mem in self._unit_members() + [[j for j in range(self.n) if self.unit_of[j] < 0]]:
            for r, j in enumerate(mem):
                team[j] = (dealt + r) % m
            dealt += len(mem)
        return team, m, in_office_turn

    def _label(self) -> None:
        """Write codes: rotation picks are cakupan for the first picks a unit needed, else rotasi."""
        for k, day in enumerate(self.days):
            if not day.generate:
                continue
            out, wfo, cov = self.cells[k], self.wfo[k], self.cov[k]
            need = dict(self.cov_need[k])
            for j in range(self.n):
                if wfo[j] and cov[j]:
                    u = self.unit_of[j]
                    if need.get(u, 0) > 0:
                        need[u] -= 1
                    else:
                        cov[j] = 0
            for j in range(self.n):
                if wfo[j]:
                    u = self.unit_of[j]
                    if not cov[j] and need.get(u, 0) > 0:
                        cov[j] = 1
                        need[u] -= 1
                    out[j] = CAKUPAN if cov[j] else ROTASI


class _Places:
    """Rules 1, 2 and 4 and the kept cells, member by member, into a day's tally."""

    def __init__(
        self,
        g: _Group,
        people: Sequence[Person],
        rules: Rules,
        fixed: Mapping[int, Mapping[date, int]],
        codes: Codes,
    ) -> None:
        self.g, self.people, self.rules, self.fixed, self.codes = g, people, rules, fixed, codes
        self.fixed_wfo = {code for code, pair in enumerate(codes.pairs) if pair and pair[0] == "WFO"}
        self.home_codes: dict[str, int] = {}

    def place(self, t: _DayTally, day: Day, todo: Iterable[int]) -> None:
        g, c, d = self.g, self.g.c, day.tanggal
        for j in todo:
            i = g.members[j]
            kept = self.fixed.get(i)
            code = kept.get(d, 0) if kept else 0
            if not day.generate and not code:
                continue  # no stored cell: not on duty that day
            if self.rules.is_off(i, d):  # rule 1
                continue
            why = self.rules.must_stay_home(i, d, c)  # rule 2
            lead = c.pejabat_wfo and self.people[i].leader  # rule 4 unless rule 2 keeps them home
            t.on_duty += 1
            t.leaders_on += lead
            u = g.unit_of[j]
            if u >= 0 and why is None:
                t.may_u[u] += 1
            if code:
                self._kept(t, j, u, code, why is None and not lead, lead)
            elif why is not None:
                t.cells[j] = self._home(why)
            elif lead:
                t.cells[j] = PEJABAT
                t.office += 1
                t.leaders_in += 1
                if u >= 0:
                    t.office_u[u] += 1
            else:  # rotating, free for rule 6 to pick
                t.cells[j] = ROTASI_WFH
                t.free[j] = 1
                t.free_list.append(j)
                t.rotating.append(j)
                g.free_days[j] += 1
                if u >= 0:
                    t.avail_u[u] += 1

    def _kept(self, t: _DayTally, j: int, u: int, code: int, rotating: bool, lead: bool) -> None:
        """A kept cell stands; in the office it counts toward T and the unit's coverage, and a
        rotating member's kept office day counts toward their fair share."""
        t.cells[j] = code
        wfo = code in self.fixed_wfo
        if rotating:
            t.rotating.append(j)
            t.rotating_office += wfo
            self.g.wfo_days[j] += wfo
        if wfo:
            t.office += 1
            t.leaders_in += lead
            if u >= 0:
                t.office_u[u] += 1

    def _home(self, why: str) -> int:
        code = self.home_codes.get(why)
        if code is None:
            code = self.home_codes[why] = self.codes.code("WFH", f"wfh-wajib:{why}")
        return code


from .roster_check import check, review  # noqa: E402, F401  (they read the classes above; check re-exported)
