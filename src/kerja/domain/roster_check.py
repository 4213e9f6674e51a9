"""Checking a roster against its circulars: quota, coverage, mandatory WFH (SPEC §6).

The same check serves `jadwal buat` (on what it just generated), `jadwal periksa` and `jadwal ubah`
(on what is stored), so a violation means the same thing everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from .circulars import Circular, target
from .roster import Inputs, Person, Result, Rules, Unit, Violation, group_key


def check(inp: Inputs, res: Result) -> list[Violation]:
    """Quota, coverage and mandatory-WFH violations of the roster `res` on its days.

    Quota: the office count of a quota group (leaders left out when pejabat_dihitung is false)
    above its target T. Coverage: a leaf unit with someone on duty and fewer than
    min_wfo_per_unit in the office. Mandatory WFH: someone the circular keeps home is in the office.
    A declared status takes the person off duty whatever their cell says.

    Counting runs on byte strings ordered by quota group and unit, so each count is one C call
    per group or unit and day, not a Python step per cell.
    """
    people, units = inp.people, inp.units
    rules = Rules(people, inp.conditions, inp.statuses)
    by_date = {d.tanggal: d.circular for d in inp.days}
    pairs = res.codes.pairs
    if len(pairs) > 255:
        raise ValueError("too many distinct (lokasi, alasan) pairs")
    wfo_table = bytes(1 if p and p[0] == "WFO" else 0 for p in pairs).ljust(256, b"\0")
    layouts: dict[str, _Layout] = {}
    out: list[Violation] = []
    last = max(res.days, default=date.min)
    for d, row in zip(res.days, res.cells, strict=True):
        c = by_date[d]
        lay = layouts.get(c.tingkat)
        if lay is None:
            lay = layouts[c.tingkat] = _Layout(people, units, c)
        seq = bytearray(lay.getter(row)) if len(people) > 1 else bytearray(row)
        for i in rules.off:
            if rules.is_off(i, d):
                seq[lay.pos[i]] = 0
        wfo = seq.translate(wfo_table)
        uncounted = [i for i in lay.leaders] if c.pejabat_wfo and not c.pejabat_dihitung else []
        kept_home: dict[int, int] = {}
        specials = lay.special(rules, c, last)
        for i in specials:
            pi = lay.pos[i]
            if not seq[pi]:
                continue
            why = rules.wfh(i, d, c)
            if why is None:
                continue
            u = people[i].unit
            kept_home[u] = kept_home.get(u, 0) + 1
            if wfo[pi]:
                detail = f"{people[i].nip} harus WFH ({why}) tetapi dijadwalkan WFO"
                out.append(Violation(d, units[u].name, "wfh-wajib", detail))
        minus_n: dict[int, int] = {}
        minus_o: dict[int, int] = {}
        for i in uncounted:
            pi = lay.pos[i]
            g = group_key(people[i], c)
            if seq[pi]:
                minus_n[g] = minus_n.get(g, 0) + 1
            if wfo[pi]:
                minus_o[g] = minus_o.get(g, 0) + 1
        for g, a, b in lay.groups:
            n = b - a - seq.count(0, a, b) - minus_n.get(g, 0)
            office = wfo.count(1, a, b) - minus_o.get(g, 0)
            T = target(n, c.wfo_persen, c.pembulatan)
            if office > T:
                detail = f"{office} WFO, kuota {T} dari {n} orang ({c.wfo_persen}%)"
                out.append(Violation(d, units[g].name, "kuota", detail))
        need = c.min_wfo_per_unit
        if need:
            for u, a, b in lay.leaves:
                on = b - a - seq.count(0, a, b)
                if on and wfo.count(1, a, b) < need:
                    may = on - kept_home.get(u, 0)
                    out.append(
                        Violation(
                            d,
                            units[u].name,
                            "cakupan",
                            f"{units[u].name.split(' > ')[-1]}: {may} dari {on} boleh masuk, minimal {need}",
                        )
                    )
    out.sort(key=lambda v: (v.tanggal, v.unit, v.jenis, v.detail))
    return out


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
