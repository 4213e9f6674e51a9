"""Checking a roster against its circulars: quota, coverage, mandatory WFH (SPEC §6).

The same check serves `jadwal buat` (on what it just generated), `jadwal periksa` and `jadwal ubah`
(on what is stored), so a violation means the same thing everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .circulars import Circular
from .roster import (
    Inputs,
    Person,
    Result,
    Rules,
    Shortfall,
    Unit,
    Violation,
    group_key,
    leaders_outside_quota,
    quota,
)


def check(inp: Inputs, res: Result) -> list[Violation]:
    """Quota, coverage and mandatory-WFH violations of the roster `res` on its days (`review`)."""
    return review(inp, res)[0]


def review(inp: Inputs, res: Result) -> tuple[list[Violation], list[Shortfall]]:
    """The violations of the roster `res` on its days, and the quota groups it leaves below T.

    Quota: the office count of a quota group (rule 3's `quota`) above its target T. Coverage: a
    leaf unit with someone on duty and fewer than min_wfo_per_unit in the office. Mandatory WFH:
    someone the circular keeps home is in the office. A declared status takes the person off duty
    whatever their cell says.

    Counting runs on byte strings ordered by quota group and unit, so each count is one C call
    per group or unit and day, not a Python step per cell.
    """
    rules = Rules(inp.people, inp.conditions, inp.statuses)
    by_date = {d.tanggal: d.circular for d in inp.days}
    pairs = res.codes.pairs
    if len(pairs) > 255:
        raise ValueError("too many distinct (lokasi, alasan) pairs")
    wfo_table = bytes(1 if p and p[0] == "WFO" else 0 for p in pairs).ljust(256, b"\0")
    layouts: dict[str, _Layout] = {}
    out: list[Violation] = []
    short: list[Shortfall] = []
    last = max(res.days, default=date.min)
    for d, row in zip(res.days, res.cells, strict=True):
        c = by_date[d]
        lay = layouts.get(c.tingkat)
        if lay is None:
            lay = layouts[c.tingkat] = _Layout(inp.people, inp.units, c)
        seq = bytearray(lay.getter(row)) if len(inp.people) > 1 else bytearray(row)
        for i in rules.off:
            if rules.is_off(i, d):
                seq[lay.pos[i]] = 0
        day = _Day(d, c, lay, seq, seq.translate(wfo_table))
        kept_home = day.mandatory_wfh(inp, rules, last, out)
        day.quota(inp, out, short)
        day.coverage(inp.units, kept_home, out)
    out.sort(key=lambda v: (v.tanggal, v.unit, v.jenis, v.detail))
    short.sort(key=lambda s: (s.tanggal, s.unit))
    return out, short


@dataclass
class _Day:
    """One day's cells in layout order: `seq` a code (0: off duty), `wfo` 1 for the office."""

    d: date
    c: Circular
    lay: _Layout
    seq: bytearray
    wfo: bytearray

    def mandatory_wfh(self, inp: Inputs, rules: Rules, last: date, out: list[Violation]) -> dict[int, int]:
        """Rule 2: someone kept home in the office is a violation. Returns unit -> people kept home."""
        people, units, d, c = inp.people, inp.units, self.d, self.c
        kept_home: dict[int, int] = {}
        for i in self.lay.special(rules, c, last):
            pi = self.lay.pos[i]
            if not self.seq[pi]:
                continue
            why = rules.must_stay_home(i, d, c)
            if why is None:
                continue
            u = people[i].unit
            kept_home[u] = kept_home.get(u, 0) + 1
            if self.wfo[pi]:
                detail = f"{people[i].nip} harus WFH ({why}) tetapi dijadwalkan WFO"
                out.append(Violation(d, units[u].name, "wfh-wajib", detail))
        return kept_home

    def quota(self, inp: Inputs, out: list[Violation], short: list[Shortfall]) -> None:
        """Rule 3: each quota group's office count at most its target T (above: a violation;
        below: a shortfall)."""
        c, seq, wfo = self.c, self.seq, self.wfo
        leaders_on: dict[int, int] = {}
        leaders_in: dict[int, int] = {}
        for i in self.lay.leaders if leaders_outside_quota(c) else ():
            pi = self.lay.pos[i]
            g = group_key(inp.people[i], c)
            if seq[pi]:
                leaders_on[g] = leaders_on.get(g, 0) + 1
            if wfo[pi]:
                leaders_in[g] = leaders_in.get(g, 0) + 1
        for g, a, b in self.lay.groups:
            on_duty = b - a - seq.count(0, a, b)
            q = quota(on_duty, wfo.count(1, a, b), leaders_on.get(g, 0), leaders_in.get(g, 0), c)
            if q.over:
                detail = f"{q.office} WFO, kuota {q.target} dari {q.head} orang ({c.wfo_persen}%)"
                out.append(Violation(self.d, inp.units[g].name, "kuota", detail))
            elif q.office < q.target:
                short.append(Shortfall(self.d, inp.units[g].name, q.office, q.target, q.head))

    def coverage(self, units: Mapping[int, Unit], kept_home: dict[int, int], out: list[Violation]) -> None:
        """Rule 5: each leaf unit with someone on duty has min_wfo_per_unit in the office."""
        need = self.c.min_wfo_per_unit
        if not need:
            return
        seq, wfo = self.seq, self.wfo
        for u, a, b in self.lay.leaves:
            on = b - a - seq.count(0, a, b)
            if on and wfo.count(1, a, b) < need:
                may = on - kept_home.get(u, 0)
                name = units[u].name
                detail = f"{name.split(' > ')[-1]}: {may} dari {on} boleh masuk, minimal {need}"
                out.append(Violation(self.d, name, "cakupan", detail))


class _Layout:
    """People ordered by quota group then unit, with the slices of each group and leaf unit."""

    def __init__(self, people: Sequence[Person], units: Mapping[int, Unit], c: Circular) -> None:
        from operator import itemgetter

        order = sorted(range(len(people)), key=lambda i: (group_key(people[i], c), people[i].unit, i))
        self.pos = [0] * len(people)
        for k, i in enumerate(order):
            self.pos[i] = k
        self.getter = itemgetter(*order) if len(order) > 1 else (lambda row: row)
        self.groups: list[tuple[int, int, int]] = []
        self.leaves: list[tuple[int, int, int]] = []
        for key, slices, fn in (
            (0, self.groups, lambda p: group_key(p, c)),
            (1, self.leaves, lambda p: p.unit),
        ):
            k = 0
            while k < len(order):
                v = fn(people[order[k]])
                e = k
                while e < len(order) and fn(people[order[e]]) == v:
                    e += 1
                if key == 0 or units[v].leaf:
                    slices.append((v, k, e))
                k = e
        self.leaders = [i for i in order if people[i].leader]
        self._special: dict[tuple[int | None, date], list[int]] = {}

    def special(self, rules: Rules, c: Circular, last: date) -> list[int]:
        key = (c.usia_min, last)
        if key not in self._special:
            self._special[key] = [
                i
                for i in range(len(self.pos))
                if i in rules.cond or (c.usia_min is not None and rules.special(i, last, c))
            ]
        return self._special[key]
