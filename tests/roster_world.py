"""Small hand-made institutions for the roster tests."""

from __future__ import annotations

from datetime import date, timedelta

from kerja.domain.circulars import parse
from kerja.domain.roster import Day, Inputs, Person, Unit

MON = date(2021, 2, 1)


def circular(**sections):  # type: ignore[no-untyped-def]
    doc = {"nama": sections.pop("nama", "se"), "mulai": MON, "sampai": MON + timedelta(days=27)}
    doc |= sections
    return parse(doc)


def weekdays(n: int, start: date = MON) -> list[date]:
    out, d = [], start
    while len(out) < n:
        if d.weekday() < 5:
            out.append(d)
        d += timedelta(days=1)
    return out


class World:
    """OPD 1 with leaf units added by `seksi`; people get NIP-like ids in insertion order."""

    def __init__(self) -> None:
        self.units = {1: Unit(1, "Dinas", False)}
        self.people: list[Person] = []

    def seksi(
        self, name: str, staff: int, leader: bool = True, born: date | None = None, opd: int = 1
    ) -> list[str]:
        uid = len(self.units) + 1
        self.units[uid] = Unit(uid, f"{self.units[opd].name} > {name}", True)
        nips = []
        for k in range(staff + leader):
            nip = f"{len(self.people) + 1:03d}"
            self.people.append(Person(nip, uid, opd, leader and k == 0, born or date(1985, 1, 1)))
            nips.append(nip)
        return nips

    def inputs(self, c, n_days: int = 10, **kw) -> Inputs:  # type: ignore[no-untyped-def]
        return Inputs(self.people, self.units, [Day(d, c) for d in weekdays(n_days)], **kw)


def grid(res, people):  # type: ignore[no-untyped-def]
    """{(date, nip): (lokasi, alasan)} of a result."""
    out = {}
    for d, row in zip(res.days, res.cells, strict=True):
        for p, code in zip(people, row, strict=True):
            if code:
                out[(d, p.nip)] = res.codes.pairs[code]
    return out
