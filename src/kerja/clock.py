"""The one place that reads the clock and the OS user.

`KERJA_SEKARANG` (an ISO timestamp with offset) fixes "now" for tests, demos and replays.
"""

from __future__ import annotations

import getpass
import os
from datetime import UTC, datetime


def now() -> datetime:
    fixed = os.environ.get("KERJA_SEKARANG")
    if fixed:
        ts = datetime.fromisoformat(fixed)
        return ts if ts.tzinfo else ts.replace(tzinfo=UTC)
    return datetime.now(UTC)


def stamp(ts: datetime) -> str:
    """A recorded-at text: the moment in the machine's zone, to the second (no clock read)."""
    return ts.astimezone().isoformat(timespec="seconds")


def now_iso() -> str:
    return stamp(now())


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user database in some containers
        return "tidak-diketahui"
