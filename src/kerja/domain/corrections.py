"""Rules of the undo paths (issue 10 item 6): which days a correction touches (a correction in a
locked month is refused) and when a check-in is a repeat of one just recorded. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

REPEAT_SECONDS = 60  # an identical check-in this close to the last one is the same tap twice


def is_repeat(earlier: Iterable[datetime], ts: datetime) -> bool:
    """True when an identical event (same person, kind and mode) was recorded less than a minute
    from `ts`: a double tap or a retried command, recorded once."""
    return any(abs((ts - e).total_seconds()) < REPEAT_SECONDS for e in earlier)


def changed_spans(
    old: tuple[date, date | None], new: tuple[date, date | None] | None
) -> list[tuple[date, date | None]]:
    """The days a change of period [old] -> [new] (None: removed; an end None: open-ended) can
    touch, as spans (end None: open-ended). Covers every day in exactly one of the two periods
    (a superset when the periods do not meet: the gap between them is included)."""
    a, b = old
    if new is None:
        return [(a, b)]
    c, d = new
    out: list[tuple[date, date | None]] = []
    if a != c:
        out.append((min(a, c), max(a, c) - timedelta(days=1)))
    if b != d:
        if b is not None and d is not None:
            out.append((min(b, d) + timedelta(days=1), max(b, d)))
        else:  # one of them is open-ended: everything after the other one's end
            end = b if b is not None else d
            assert end is not None  # b != d, so not both None
            out.append((end + timedelta(days=1), None))
    return out
