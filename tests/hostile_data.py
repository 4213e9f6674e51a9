"""Helpers of the hostile suite (imported by its tests, not collected)."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from kinerja_data import load_staff  # noqa: F401  (re-exported for the tests)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def is_store(path: Path) -> bool:
    """The file still opens as a kerja store (its pegawai table answers)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("SELECT count(*) FROM pegawai").fetchone()
        return True
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def leftovers(folder: Path) -> list[str]:
    """Temporary files of an unfinished write anywhere under folder."""
    return sorted(p.name for p in folder.rglob("*") if "sebagian" in p.name)
