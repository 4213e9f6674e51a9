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
from collections.abc import Callable, Iterator
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


def connect(
    path: str | os.PathLike[str],
    *,
    create: bool = False,
    setup: Callable[[sqlite3.Connection], None] | None = None,
) -> sqlite3.Connection:
    """Open (and migrate if needed) the store at path. Only `create=True` may make a new file,
    and it makes it whole: see `_create`."""
    p = Path(path)
    if create:
        _create(p, setup)
    elif not p.exists():
        raise KerjaError(
            f"Basis data {p} belum ada. Buat dulu dengan `kerja init` "
            "(atau tunjuk berkas lain dengan --db / KERJA_DB)."
        )
    try:
        conn = sqlite3.connect(p, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        _configure(conn)
        from .migrations import ensure_schema

        ensure_schema(conn, p, new=False)
    except sqlite3.DatabaseError as e:
        raise KerjaError(f"{p} bukan basis data kerja yang bisa dibaca ({e}).") from None
    return conn


def _create(p: Path, setup: Callable[[sqlite3.Connection], None] | None) -> None:
    """A new store, atomically: schema and `setup` (the institution) are written into a private
    temporary file beside `p`, which is then hard-linked to `p` (refused if `p` appeared
    meanwhile). A killed `kerja init` leaves no file at `p`, or a complete store; never an empty
    one. An empty file at `p` (what an older kerja left when killed there) is replaced."""
    from ..io.atomic import sweep, temp_path

    if p.exists() and not (p.is_file() and p.stat().st_size == 0):
        raise KerjaError(f"Basis data {p} sudah ada; `kerja init` tidak menimpanya.")
    if p.parent and not p.parent.is_dir():
        raise KerjaError(f"Folder {p.parent} tidak ada; buat foldernya dulu (mkdir -p {p.parent}).")
    sweep(p)
    tmp = temp_path(p)
    sidecars = [tmp.with_name(tmp.name + s) for s in ("-wal", "-shm", "-journal")]
    for f in (tmp, *sidecars):
        if f.exists():
            f.unlink()
    # 0600 from the first byte: the file holds personal data.
    os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    try:
        conn = sqlite3.connect(tmp, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            _configure(conn)
            from .migrations import ensure_schema

            ensure_schema(conn, p, new=True)
            if setup is not None:
                setup(conn)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        if p.exists() and p.stat().st_size == 0:
            p.unlink()
        try:
            os.link(tmp, p)
        except FileExistsError:
            raise KerjaError(f"Basis data {p} sudah ada; `kerja init` tidak menimpanya.") from None
        except OSError:
            if p.exists():
                raise KerjaError(f"Basis data {p} sudah ada; `kerja init` tidak menimpanya.") from None
            os.replace(tmp, p)  # a file system without hard links
    finally:
        for f in (tmp, *sidecars):
            if f.exists():
                f.unlink()


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error: all of a command's changes or none.

    Inside another transaction it joins that one (a service that calls other services, e.g. an
    approved request recording a check-in, commits or rolls back as one)."""
    if conn.in_transaction:
        yield conn
        return
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


def backup(conn: sqlite3.Connection, target: str | os.PathLike[str], *, timpa: bool = False) -> Path:
    """A consistent copy while others keep working (SQLite's online backup API), written under a
    temporary name and renamed whole: a killed backup never leaves half a database behind."""
    from ..io.atomic import check_target

    t = Path(target)
    if t.exists() and not timpa and not t.is_dir():
        raise KerjaError(f"{t} sudah ada; pilih nama berkas lain untuk cadangan (atau --timpa).")
    check_target(t, stores=[store_path(conn)], timpa=timpa, option="cadangan", replace_database=timpa)
    return copy_to(conn, t)


def copy_to(conn: sqlite3.Connection, t: Path) -> Path:
    """The online backup into `t`, atomically (no checks: migrations name their own backup)."""
    from ..io.atomic import write_atomic

    def write(tmp: Path) -> None:
        dest = sqlite3.connect(tmp)
        try:
            conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()

    return write_atomic(t, write)


def store_path(conn: sqlite3.Connection) -> Path:
    """The file behind a connection's main database."""
    for row in conn.execute("PRAGMA database_list"):
        if row[1] == "main":
            return Path(row[2])
    raise KerjaError("basis data tanpa berkas")  # pragma: no cover
