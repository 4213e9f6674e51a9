"""Opening the store, write transactions, backups.

One SQLite file, WAL journal, a 5 s busy timeout and synchronous=NORMAL: measured (research/
ecosystem.md §2e) to give no "database is locked" with 8 concurrent writers. Every write starts with
BEGIN IMMEDIATE, because a deferred transaction that reads then writes fails at once under
contention, busy timeout or not.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..domain.errors import KerjaError

BUSY_TIMEOUT_MS = 5000


def default_path() -> Path:
    return Path(os.environ.get("KERJA_DB") or "kerja.db")


def _configure(conn: sqlite3.Connection) -> sqlite3.Connection:
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def connect(path: str | os.PathLike[str], *, create: bool = False) -> sqlite3.Connection:
    """Open (and migrate if needed) the store at path. Only `create=True` may make a new file."""
    p = Path(path)
    if not p.exists():
        if not create:
            raise KerjaError(
                f"Basis data {p} belum ada. Buat dulu dengan `kerja init` "
                "(atau tunjuk berkas lain dengan --db / KERJA_DB)."
            )
        if p.parent and not p.parent.exists():
            raise KerjaError(f"Folder {p.parent} tidak ada; buat foldernya dulu.")
        # 0600 from the first byte: the file holds personal data.
        os.close(os.open(p, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    elif create:
        raise KerjaError(f"Basis data {p} sudah ada; `kerja init` tidak menimpanya.")
    try:
        conn = sqlite3.connect(p, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        _configure(conn)
        from .migrations import ensure_schema

        ensure_schema(conn, p, new=create)
    except sqlite3.DatabaseError as e:
        raise KerjaError(f"{p} bukan basis data kerja yang bisa dibaca ({e}).") from None
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error: all of a command's changes or none."""
    for attempt in range(6):
        try:
            conn.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError as e:
            # busy_timeout already waited 5 s; a few more tries cover a long import elsewhere.
            if "locked" not in str(e) and "busy" not in str(e) or attempt == 5:
                raise KerjaError(
                    "Basis data sedang dipakai proses lain terlalu lama; coba lagi sebentar lagi."
                ) from None
            time.sleep(0.2 * (attempt + 1))
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def backup(conn: sqlite3.Connection, target: str | os.PathLike[str]) -> Path:
    """A consistent copy while others keep working (SQLite's online backup API)."""
    t = Path(target)
    if t.exists():
        raise KerjaError(f"{t} sudah ada; pilih nama berkas lain untuk cadangan.")
    if t.parent.exists() and not t.parent.is_dir():
        raise KerjaError(f"{t.parent} bukan folder; pilih tempat lain untuk cadangan.")
    # A new machine has no backup folder yet: create it (and remove it again if the copy fails,
    # so a failed backup leaves nothing behind).
    created = [d for d in (t.parent, *t.parent.parents) if not d.exists()]
    t.parent.mkdir(parents=True, exist_ok=True)
    tmp = t.with_name(t.name + ".sebagian")
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        os.close(fd)
        dest = sqlite3.connect(tmp)
        try:
            conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        os.replace(tmp, t)
    except BaseException:
        tmp.unlink(missing_ok=True)
        for d in created:  # innermost first
            try:
                d.rmdir()
            except OSError:
                break
        raise
    return t
