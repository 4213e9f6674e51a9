"""The institution: creating a store, its rule sets."""

from __future__ import annotations

import sqlite3
import tomllib
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..domain import rules as dom
from ..domain import toml_errors
from ..domain.errors import KerjaError
from ..store import audit
from ..store import institution as store
from ..store.db import transaction
from . import local_time


def read_toml(path: str | Path) -> dict[str, Any]:
    p = Path(path)
    if not p.is_file():
        raise KerjaError(f"Berkas {p} tidak ditemukan.")
    try:
        return tomllib.loads(p.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as e:
        raise KerjaError(f"berkas {p.name} bukan TOML yang sah: {toml_errors.indonesian(str(e))}.") from None
    except UnicodeDecodeError:
        raise KerjaError(f"{p.name} harus teks UTF-8.") from None


def read_rules_file(path: str | Path) -> dict[str, Any]:
    """A rules file checked and merged over the defaults; errors name the key."""
    try:
        return dom.merge(read_toml(path))
    except KerjaError as e:
        raise KerjaError(f"{Path(path).name}: {e}") from None


def create_store(
    path: str | Path, *, instansi: str, zona: str, rules: dict[str, Any] | None, oleh: str
) -> sqlite3.Connection:
    """`kerja init`: a new store holding the institution, made whole or not at all."""
    from ..store.db import connect

    return connect(
        path, create=True, setup=lambda c: init(c, instansi=instansi, zona=zona, rules=rules, oleh=oleh)
    )


def init(
    conn: sqlite3.Connection, *, instansi: str, zona: str, rules: dict[str, Any] | None, oleh: str
) -> None:
    with transaction(conn):
        store.init(conn, instansi, zona, rules or dom.defaults(), oleh)
        audit.record(conn, oleh=oleh, aksi="init", sesudah={"instansi": instansi, "zona": zona})


def install_rules(
    conn: sqlite3.Connection, path: str | Path, *, mulai: str | None, oleh: str, now: datetime
) -> str:
    """Put a rule file in force from month `mulai` (default: this month). Returns the month."""
    rules = read_rules_file(path)
    month = mulai or local_time.this_month(conn, now)
    with transaction(conn):
        locked = sorted(m for m in store.locked_months(conn) if m >= month)
        if locked:
            raise KerjaError(
                f"Bulan {', '.join(locked)} sudah dikunci (rekap kunci); aturan baru tidak boleh "
                f"mengubahnya. Pilih bulan mulai sesudah bulan terkunci, atau `kerja rekap buka` dulu."
            )
        old = store.put_rules(conn, month, rules, oleh)
        audit.record(
            conn,
            oleh=oleh,
            aksi="aturan.pasang",
            sebelum=old,
            sesudah=rules,
            alasan=f"berlaku mulai {month} dari {Path(path).name}",
        )
    return month


def unknown_units(conn: sqlite3.Connection, rules: dict[str, Any]) -> list[str]:
    """The [[jam_kerja.unit]] paths that name no unit in the store (a typo, a unit renamed or
    not imported yet): their calendar then applies to nobody."""
    from ..store import units as units_store

    return [
        e["unit"] for e in rules["jam_kerja"].get("unit", ()) if not units_store.path_exists(conn, e["unit"])
    ]


def rules_in_force(
    conn: sqlite3.Connection, month: str | None, *, now: datetime
) -> tuple[str, dict[str, Any]]:
    m = month or local_time.this_month(conn, now)
    return m, store.rules_for_month(conn, m)


def rules_by_day(conn: sqlite3.Connection) -> Callable[[date], dict[str, Any]]:
    """A function day -> the rules in force that day (the rule sets read once)."""
    return store.rules_for_day(conn)
