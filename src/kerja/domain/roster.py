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

from .circulars import Circular, target

LEADER_KINDS = frozenset({"JPT", "ADMINISTRATOR", "PENGAWAS"})
ROTATING_REASONS = frozenset({"rotasi", "cakupan", "rotasi-wfh"})
EPS = 1e-9


@dataclass(frozen=True)
class Person:
    nip: str
    unit: int  # the person's own unit id
    opd: int
    leader: bool
    born: date | None = None


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
# Mandatory WFH


class Rules:
    """Per person: the days they are off duty and the reason they must stay home on a day."""

    def __init__(
        self,
        people: Sequence[Person],
        conditions: Iterable[Condition],
        statuses: Iterable[tuple[str, date, date]],
    ) -> None:
        idx = {p.nip: i for i, p in enumerate(people)}
        self.people = people
        self.cond: dict[int, list[Condition]] = {}
        for c in conditions:
            if c.nip in idx:
                self.cond.setdefault(idx[c.nip], []).append(c)
        self.off: dict[int, list[tuple[date, date]]] = {}
        for nip, a, b in statuses:
            if nip in idx:
                self.off.setdefault(idx[nip], []).append((a, b))
        self._turn: dict[int, list[date | None]] = {}

    def turns(self, usia: int) -> list[date | None]:
        """The day each person reaches `usia` (age_on semantics; 29 Feb births turn on 1 Mar)."""
        if usia not in self._turn:
            out: list[date | None] = []
            for p in self.people:
                if p.born is None:
                    out.append(None)
                    continue
                y = p.born.year + usia
                try:
                    out.append(p.born.replace(year=y))
                except ValueError:
                    out.append(date(y, 3, 1))
            self._turn[usia] = out
        return self._turn[usia]

    def is_off(self, i: int, d: date) -> bool:
        return any(a <= d <= b for a, b in self.off.get(i, ()))

    def wfh(self, i: int, d: date, c: Circular) -> str | None:
        """The mandatory-WFH rule that keeps person i home on day d, or None."""
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
# The generator


OFF, ROT, LEAD = -1, -2, -3


def group_key(p: Person, c: Circular) -> int:
    return p.opd if c.tingkat == "opd" else p.unit


def build(inp: Inputs) -> Result:
    people, units = inp.people, inp.units
    codes = Codes()
    rules = Rules(people, inp.conditions, inp.statuses)
    gen_days = [d.tanggal for d in inp.days if d.generate]
    gen_pos = {d: k for k, d in enumerate(gen_days)}
    cells = [[0] * len(people) for _ in gen_days]
    fixed_by_nip: dict[str, list[tuple[date, int]]] = {}
    for (d, nip), (lok, why) in inp.fixed.items():
        fixed_by_nip.setdefault(nip, []).append((d, codes.code(lok, why)))
    fixed_idx: dict[int, dict[date, int]] = {}
    for i, p in enumerate(people):
        if p.nip in fixed_by_nip:
            fixed_idx[i] = dict(fixed_by_nip[p.nip])

    by_circ: dict[str, list[Day]] = {}
    circs: dict[str, Circular] = {}
    for d in sorted(inp.days, key=lambda x: x.tanggal):
        by_circ.setdefault(d.circular.nama, []).append(d)
        circs[d.circular.nama] = d.circular
    notices: list[Notice] = []
    fair: dict[tuple[str, str], tuple[int, float]] = {}
    for name, days in by_circ.items():
        c = circs[name]
        groups: dict[int, list[int]] = {}
        for i, p in enumerate(people):
            groups.setdefault(group_key(p, c), []).append(i)
        for members in groups.values():
            g = _Group(c, days, members, people, units, rules, fixed_idx, codes)
            g.solve()
            for k, d in enumerate(days):
                if d.generate:
                    row = cells[gen_pos[d.tanggal]]
                    list(map(row.__setitem__, members, g.out[k]))  # a scatter at C speed
            for j, i in enumerate(members):
                if g.in_rotation[j]:
                    fair[(name, people[i].nip)] = (g.x[j], g.f[j])
                    if g.x[j] - g.f[j] >= 1 - EPS:
                        sebab = "tim" if c.pola == "tim" else "cakupan"
                        notices.append(
                            Notice(people[i].nip, name, units[people[i].unit].name, g.x[j], g.f[j], sebab)
                        )
    res = Result(codes, gen_days, cells, notices, fair)
    res.violations = check(inp, res)
    return res


class _Group:
    """One quota group under one circular over its days: the state the three steps share."""

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
        n, nd = len(members), len(days)
        self.n = n
        # Leaf unit of each member as a local index (-1: the member sits in a non-leaf unit).
        uidx: dict[int, int] = {}
        self.unit_of = []
        self.unit_ids: list[int] = []
        for i in members:
            u = people[i].unit
            if units[u].leaf:
                if u not in uidx:
                    uidx[u] = len(self.unit_ids)
                    self.unit_ids.append(u)
                self.unit_of.append(uidx[u])
            else:
                self.unit_of.append(-1)
        nu = len(self.unit_ids)
        last = days[-1].tanggal
        leaders_wfo = c.pejabat_wfo
        special = [
            bool(fixed.get(i)) or (leaders_wfo and people[i].leader) or rules.special(i, last, c)
            for i in members
        ]
        plain = [j for j in range(n) if not special[j]]
        spec = [j for j in range(n) if special[j]]
        self.out: list[list[int]] = []
        self.free: list[bytearray] = []  # free rotating member on day k
        self.free_list: list[list[int]] = []  # the same as a list of members
        self.k_total: list[int] = []
        self.picks: list[int] = []  # free picks to make on day k
        self.cov_need: list[dict[int, int]] = []  # unit -> coverage picks still needed
        self.base_u: list[list[int]] = []  # office count per unit before rotation picks
        self.x = [0] * n
        self.f = [0.0] * n
        self.in_rotation = [False] * n
        wfh_codes: dict[str, int] = {}
        fixed_wfo = {code for code, pair in enumerate(codes.pairs) if pair and pair[0] == "WFO"}
        # Plain members (no status, condition, age limit, fixed cell or leader role in the period)
        # rotate every generated day: their part of each day is copied from templates, and their
        # fair share is the sum of the daily shares, added once at the end.
        plain_out, plain_free, plain_may = [0] * n, bytearray(n), [0] * nu
        for j in plain:
            plain_out[j], plain_free[j] = ROTASI_WFH, 1
            if self.unit_of[j] >= 0:
                plain_may[self.unit_of[j]] += 1
        plain_share = 0.0
        self.free_days = [0] * n  # days each member is a free rotating member
        n_gen = 0
        for day in days:
            d = day.tanggal
            base = 0  # office count toward the target before rotation
            office_u = [0] * nu
            fixed_rot_wfo = 0
            if day.generate:
                n_gen += 1
                out, free = plain_out.copy(), bytearray(plain_free)
                may_u, avail = plain_may.copy(), plain_may.copy()  # may come in / free rotating
                S = list(plain)  # rotating members, free or fixed
                free_list = list(plain)
                n_count = len(plain)  # head count for the target
                todo = spec
            else:
                out, free = [0] * n, bytearray(n)
                may_u, avail, S, free_list, n_count = [0] * nu, [0] * nu, [], [], 0
                todo = range(n)
            for j in todo:
                i = members[j]
                p = people[i]
                fc = fixed.get(i, {}).get(d, 0) if fixed.get(i) else 0
                if not day.generate and not fc:
                    continue  # no stored cell: not on duty that day
                if rules.is_off(i, d):
                    continue
                why = rules.wfh(i, d, c)
                lead = leaders_wfo and p.leader
                counted = c.pejabat_dihitung or not lead
                if counted:
                    n_count += 1
                u = self.unit_of[j]
                if u >= 0 and why is None:
                    may_u[u] += 1
                rotating = why is None and not lead
                if fc:
                    out[j] = fc
                    wfo = fc in fixed_wfo
                    if rotating:
                        S.append(j)
                        fixed_rot_wfo += wfo
                        self.x[j] += wfo
                    elif wfo and counted:
                        base += 1
                    if wfo and u >= 0:
                        office_u[u] += 1
                elif why is not None:
                    if why not in wfh_codes:
                        wfh_codes[why] = codes.code("WFH", f"wfh-wajib:{why}")
                    out[j] = wfh_codes[why]
                elif lead:
                    out[j] = PEJABAT
                    base += counted
                    if u >= 0:
                        office_u[u] += 1
                else:
                    out[j] = ROTASI_WFH
                    free[j] = 1
                    S.append(j)
                    free_list.append(j)
                    self.free_days[j] += 1
                    if u >= 0:
                        avail[u] += 1
            T = target(n_count, c.wfo_persen, c.pembulatan)
            need: dict[int, int] = {}
            if day.generate and c.min_wfo_per_unit:
                for u in range(nu):
                    if may_u[u] and office_u[u] < c.min_wfo_per_unit and avail[u]:
                        need[u] = min(c.min_wfo_per_unit - office_u[u], avail[u])
            n_free = len(free_list) if day.generate else 0
            picks = min(n_free, max(T - base - fixed_rot_wfo, sum(need.values()), 0))
            self.out.append(out)
            self.free.append(free)
            self.free_list.append(free_list)
            self.k_total.append(fixed_rot_wfo + picks)
            self.picks.append(picks)
            self.cov_need.append(need)
            self.base_u.append(office_u)
            if S:
                share = (fixed_rot_wfo + picks) / len(S)
                f = self.f
                rest = S[len(plain) :] if day.generate else S
                if day.generate:
                    plain_share += share
                for j in rest:
                    f[j] += share
                    self.in_rotation[j] = True
        for j in plain:
            self.f[j] += plain_share
            self.free_days[j] = n_gen
            self.in_rotation[j] = n_gen > 0
        self.wfo = [bytearray(n) for _ in range(nd)]
        self.cov = [bytearray(n) for _ in range(nd)]
        self.picked_u = [[0] * nu for _ in range(nd)]
        self.cov_days = [0] * n
        self._by_unit: list[list[int]] | None = None
        self._bfs_budget = 60 * n * max(1, nd)  # member-day looks the chain search may spend

    # -- the steps --------------------------------------------------------------------------

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
        self.x[j] += 1
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
        x, f = self.x, self.f
        for u, mem in enumerate(by_u):
            for k in range(len(self.days)):
                need = self.cov_need[k].get(u, 0)
                if not need:
                    continue
                free = self.free[k]
                cands = [j for j in mem if free[j]]
                cands.sort(key=lambda j: x[j] - f[j])
                for j in cands[:need]:
                    self._pick(k, j, cov=True)

    def _fill(self) -> None:
        """(B) Day by day, the rest of the picks to those furthest behind their share, per day left."""
        # Free days left for each member, not counting the coverage days planned already.
        rem = [a - b for a, b in zip(self.free_days, self.cov_days, strict=True)]
        x, f = self.x, self.f
        for k in range(len(self.days)):
            wfo = self.wfo[k]
            cands = [j for j in self.free_list[k] if not wfo[j]]
            m = self.picks[k] - sum(self.cov[k])
            if m >= len(cands):
                chosen = cands
            elif m > 0:
                keys = [(x[j] - f[j]) / rem[j] for j in cands]
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
        return self.base_u[k][ua] + self.picked_u[k][ua] - 1 >= self.c.min_wfo_per_unit

    def _swap(self, k: int, a: int, b: int) -> None:
        """a leaves the office on day k, b comes in."""
        wfo = self.wfo[k]
        wfo[a], wfo[b] = 0, 1
        self.x[a] -= 1
        self.x[b] += 1
        ua, ub = self.unit_of[a], self.unit_of[b]
        if ua >= 0:
            self.picked_u[k][ua] -= 1
        if ub >= 0:
            self.picked_u[k][ub] += 1
        if self.cov[k][a]:
            self.cov[k][a] = 0
            if ua == ub:
                self.cov[k][b] = 1

    def _best_move(self, j: int, order: list[int], bound: float, count_mode: bool):  # type: ignore[no-untyped-def]
        """The swap that helps j most: (k, a, b) or None.

        Phase 1 (count_mode False): the pair's worst |deviation| must fall below `bound`.
        Phase 2: the pair's count of people a day or more off must fall, max staying <= bound.
        """
        x, f = self.x, self.f
        dj = x[j] - f[j]
        nd = len(self.days)
        best = None
        best_val = None
        if dj > 0:  # j gives away an office day to the member furthest below share
            for k in range(nd):
                wfo, free = self.wfo[k], self.free[k]
                if not (wfo[j] and free[j]):
                    continue
                for b in order:  # ascending deviation
                    if free[b] and not wfo[b] and self._can_leave(k, j, b):
                        db = x[b] - f[b]
                        if best_val is None or db < best_val:
                            best, best_val = (k, j, b), db
                        break
            if best is None:
                return None
            db = best_val
            new_j, new_b = dj - 1, db + 1
        else:  # j takes an office day from the member furthest above share
            for k in range(nd):
                wfo, free = self.wfo[k], self.free[k]
                if not free[j] or wfo[j]:
                    continue
                for a in reversed(order):
                    if free[a] and wfo[a] and self._can_leave(k, a, j):
                        da = x[a] - f[a]
                        if best_val is None or da > best_val:
                            best, best_val = (k, a, j), da
                        break
            if best is None:
                return None
            db = best_val
            new_j, new_b = dj + 1, db - 1
        if not count_mode:
            return best if max(abs(new_j), abs(new_b)) < bound - EPS else None
        before = (abs(dj) >= 1 - EPS) + (abs(db) >= 1 - EPS)
        after = (abs(new_j) >= 1 - EPS) + (abs(new_b) >= 1 - EPS)
        ok = after < before and max(abs(new_j), abs(new_b)) <= bound + EPS
        return best if ok else None

    def _augment(self, j: int, bound: float) -> bool:
        """Pass one office day away from j (above share) or to j (below) along a chain of people,
        each handing a day on to the next, so only the chain's far end changes count; that end must
        stay below `bound`. Breadth-first over people, each day's free members scanned once: the
        augmenting path of a flow, which single swaps cannot find."""
        x, f, nd = self.x, self.f, len(self.days)
        give = x[j] - f[j] > 0  # j gives a day away (else: j takes one)
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
                    end = x[b] - f[b] + (1 if give else -1)
                    if abs(end) < bound - EPS:
                        return self._apply_chain(b, parent, give)
                    queue.append(b)
        return False

    def _could_be_lower(self, rot: list[int], worst: float) -> bool:
        """Whether whole WFO-day counts could all lie within `worst` - a hair of the fair shares
        with the same total: a lower bound that ignores the days (it proves the common case that
        equal shares of 5.14 leave 14% of people at 6, 0.86 above, and nothing can change it)."""
        import math

        x, f = self.x, self.f
        t = worst - 1e-6
        total = sum(x[j] for j in rot)
        hi = sum(math.floor(f[j] + t + EPS) for j in rot)
        lo = sum(math.ceil(f[j] - t - EPS) for j in rot)
        return lo <= total <= hi

    def _apply_chain(self, b: int, parent: dict[int, tuple[int, int] | None], give: bool) -> bool:
        """Apply the swaps of a chain ending at b; undo them all if a unit lost its coverage."""
        done: list[tuple[int, int, int]] = []
        node = b
        while parent[node] is not None:
            a, k = parent[node]  # type: ignore[misc]
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
        x, f = self.x, self.f
        budget = 40 * len(rot) + 100
        stuck: set[int] = set()
        while budget > 0:
            budget -= 1
            dev = {j: abs(x[j] - f[j]) for j in rot}
            worst = max(dev.values())
            order = sorted(rot, key=lambda j: x[j] - f[j])
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
        # Phase 2: fewer people a day or more off, never raising the largest deviation.
        bound = max(abs(x[j] - f[j]) for j in rot)
        stuck = set()
        while budget > 0:
            budget -= 1
            off = [j for j in rot if abs(x[j] - f[j]) >= 1 - EPS and j not in stuck]
            if not off:
                break
            order = sorted(rot, key=lambda j: x[j] - f[j])
            off.sort(key=lambda j: -abs(x[j] - f[j]))
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

        Each leaf unit's rotating members are dealt round-robin over the teams, so every team can
        cover every unit. On a team's turn its members come in up to the target (the most behind
        first); coverage a team cannot give is taken from another team (reason cakupan).
        """
        c = self.c
        p = c.wfo_persen
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
        start = self.c.mulai
        monday = start - timedelta(days=start.weekday())
        x, f = self.x, self.f
        for k, day in enumerate(self.days):
            if not day.generate or not self.picks[k] and not self.cov_need[k]:
                continue
            # Turns count the circular's roster days (per day) or calendar weeks since its start.
            turn = (k if c.tim_per == "hari" else (day.tanggal - monday).days // 7) % m
            free = self.free[k]

            def on_turn(j: int, turn: int = turn) -> bool:
                return (team[j] == turn) == in_office_turn if m > 1 else p >= 100

            cands = [j for j in range(self.n) if free[j] and on_turn(j)]
            cands.sort(key=lambda j: x[j] - f[j])
            for j in cands[: self.picks[k]]:
                self._pick(k, j)
            for u, need in self.cov_need[k].items():
                short = need - self.picked_u[k][u]
                if short > 0:
                    pool = [
                        j for j in range(self.n) if self.unit_of[j] == u and free[j] and not self.wfo[k][j]
                    ]
                    pool.sort(key=lambda j: x[j] - f[j])
                    for j in pool[:short]:
                        self._pick(k, j, cov=True)

    def _label(self) -> None:
        """Write codes: rotation picks are cakupan for the first picks a unit needed, else rotasi."""
        for k, day in enumerate(self.days):
            if not day.generate:
                continue
            out, wfo, cov = self.out[k], self.wfo[k], self.cov[k]
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


def leader(jenis_jabatan: str | None) -> bool:
    return (jenis_jabatan or "").upper() in LEADER_KINDS


from .roster_check import check  # noqa: E402  (check reads the classes above)
