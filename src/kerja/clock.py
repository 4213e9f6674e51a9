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


def now_iso() -> str:
    return now().astimezone().isoformat(timespec="seconds")


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user database in some containers
        return "tidak-diketahui"
