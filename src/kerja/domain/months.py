"""Calendar months ('YYYY-MM'): their first and last day, the months a period touches.

Month arithmetic goes through dateutil's relativedelta (day=N clips to the month's last day).
"""

from __future__ import annotations

from datetime import date


def first_day(month: str | date) -> date:
    """The first day of a month given as 'YYYY-MM' or as any day in it."""
    if isinstance(month, date):
        return month.replace(day=1)
    return date(int(month[:4]), int(month[5:7]), 1)


def month_bounds(month: str | date) -> tuple[date, date]:
    """(first day, last day) of a month given as 'YYYY-MM' or as any day in it."""
    from dateutil.relativedelta import relativedelta

    first = first_day(month)
    return first, first + relativedelta(day=31)


def next_month_day(month: str | date, day: int) -> date:
    """Day `day` of the month after `month`, or that month's last day when it is shorter."""
    from dateutil.relativedelta import relativedelta

    return first_day(month) + relativedelta(months=1, day=day)


def months_between(start: date, end: date) -> list[str]:
    """'YYYY-MM' of every month from start's to end's, in order."""
    out: list[str] = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out
