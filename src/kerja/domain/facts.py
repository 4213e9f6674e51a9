"""Effective-dated employee facts (issue 10 item 1): pagu TPP, unit, status, echelon, job kind,
supervisor and active each hold from a date on. Pure: a person's timeline comes in as segments,
a changed timeline goes out.

A timeline is a list of segments `(sampai, facts)` in date order: each segment's facts hold up
to and including `sampai`, from the day after the previous one's `sampai` (the first one: from
the beginning). The last segment has `sampai` None: the facts in force from then on, which is
the `pegawai` row itself. A store with no history is one segment: today's values from the
beginning (the migration of an older store needs to write nothing)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

DATED = ("tpp", "unit_id", "status", "eselon", "jenis_jabatan", "nip_atasan", "aktif")

Segment = tuple[date | None, dict[str, Any]]


def apply_change(timeline: Sequence[Segment], mulai: date, changes: Mapping[str, Any]) -> list[Segment]:
    """The timeline with `changes` in force from `mulai` on: every segment from `mulai` on takes
    the new values; the segment `mulai` falls inside is split at it. Other fields keep their own
    history (a raise from April does not undo a unit move dated March)."""
    out: list[Segment] = []
    start: date | None = None  # first day of the segment being looked at (None: the beginning)
    for sampai, facts in timeline:
        if sampai is not None and sampai < mulai:
            out.append((sampai, dict(facts)))
        elif start is not None and start >= mulai:
            out.append((sampai, {**facts, **changes}))
        else:  # mulai falls inside this segment: before it the old facts, from it the new ones
            out.append((mulai - timedelta(days=1), dict(facts)))
            out.append((sampai, {**facts, **changes}))
        start = sampai + timedelta(days=1) if sampai is not None else None
    return out


def in_force(timeline: Sequence[Segment], day: date) -> dict[str, Any]:
    """The facts that hold on `day`."""
    for sampai, facts in timeline:
        if sampai is None or day <= sampai:
            return dict(facts)
    return dict(timeline[-1][1])


def history(timeline: Sequence[Segment]) -> list[dict[str, Any]]:
    """The timeline for reading: {"mulai", "sampai", facts...} (ISO dates, None for open ends),
    adjacent segments with equal facts merged."""
    out: list[dict[str, Any]] = []
    start: date | None = None
    for sampai, facts in timeline:
        if out and {k: out[-1][k] for k in facts} == dict(facts):
            out[-1]["sampai"] = sampai.isoformat() if sampai else None
        else:
            out.append(
                {
                    "mulai": start.isoformat() if start else None,
                    "sampai": sampai.isoformat() if sampai else None,
                }
                | dict(facts)
            )
        start = sampai + timedelta(days=1) if sampai is not None else None
    return out


def value_on(segments: Sequence[tuple[str, Any]], now: Any, day: str) -> Any:
    """One fact on `day` (ISO): the value of the first dated segment (sampai ISO, value), in date
    order, that still holds then, else the current value `now`."""
    for sampai, value in segments:
        if day <= sampai:
            return value
    return now


def active_on(segments: Sequence[tuple[str, int]], aktif_now: int, day: str) -> bool:
    """Whether a person is on the books on `day` (ISO): the active flag of the first dated
    segment (sampai ISO, aktif) that still holds then, else the current one. A new hire is a
    segment "inactive until the day before the start date"."""
    return bool(value_on(segments, aktif_now, day))


class FactOn(Mapping[str, Any]):
    """One fact of everyone as it stood on `day`: `now` (nip -> today's value, the pegawai rows)
    with the dated segments of the few people who have them (nip -> [(sampai ISO, value)] in date
    order) looked up on demand, so a day's view of 60,000 people costs nothing until read. The
    supervisor chain on an activity's date is one of these (store.employees.supervisors_on)."""

    def __init__(self, now: Mapping[str, Any], dated: Mapping[str, Sequence[tuple[str, Any]]], day: str):
        self._now, self._dated, self.day = now, dated, day

    def __getitem__(self, nip: str) -> Any:
        now = self._now[nip]
        segs = self._dated.get(nip)
        return value_on(segs, now, self.day) if segs else now

    def __iter__(self) -> Iterator[str]:
        return iter(self._now)

    def __len__(self) -> int:
        return len(self._now)
