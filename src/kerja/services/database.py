"""Opening, creating and copying the store: what the CLI and the web service call, so neither
touches store/ itself."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from ..store import audit
from ..store import db as store_db


def default_path() -> Path:
    """KERJA_DB, else ./kerja.db."""
    return store_db.default_path()


def open_store(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """An existing store, migrated to this kerja's schema if it is older."""
    return store_db.connect(path)


def create_store(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """A new, empty store (refused if the file exists)."""
    return store_db.connect(path, create=True)


def backup(conn: sqlite3.Connection, target: str | os.PathLike[str], *, timpa: bool = False) -> Path:
    """A consistent copy of the store while others keep working."""
    return store_db.backup(conn, target, timpa=timpa)


def audit_entries(
    conn: sqlite3.Connection, *, nip: str | None = None, sejak: str | None = None
) -> list[dict[str, Any]]:
    """The audit log, oldest first (of one employee, since a day, when given)."""
    return audit.entries(conn, nip=nip, sejak=sejak)
