"""Institution settings (name, zone) and the rule sets by start month."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from ..clock import now_iso
from ..domain import rules as rules_domain
from ..domain.errors import Refused

START = "0000-01"


def init(conn: sqlite3.Connection, instansi: str, zona: str, aturan: dict[str, Any], oleh: str) -> None:
    conn.executemany(
        "INSERT INTO meta (kunci, nilai) VALUES (?, ?)",
        [("instansi", instansi), ("zona", zona), ("dibuat_pada", now_iso())],
    )
    put_rules(conn, START, aturan, oleh)


def meta(conn: sqlite3.Connection, key: str, default: str = "") -> str:
    row = conn.execute("SELECT nilai FROM meta WHERE kunci = ?", (key,)).fetchone()
    return row[0] if row else default


def instansi(conn: sqlite3.Connection) -> str:
    return meta(conn, "instansi")


def zona(conn: sqlite3.Connection) -> str:
    return meta(conn, "zona", "WIB")


def put_rules(
    conn: sqlite3.Connection, mulai: str, aturan: dict[str, Any], oleh: str
) -> dict[str, Any] | None:
    """Store a full rule set from month `mulai`; returns the set it replaces, if any."""
    old = conn.execute("SELECT isi FROM aturan WHERE mulai = ?", (mulai,)).fetchone()
    conn.execute(
        "INSERT OR REPLACE INTO aturan (mulai, isi, dipasang_pada, oleh) VALUES (?, ?, ?, ?)",
        (mulai, json.dumps(aturan, ensure_ascii=False, sort_keys=True), now_iso(), oleh),
    )
    return json.loads(old[0]) if old else None


def rule_sets(conn: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    return {m: json.loads(isi) for m, isi in conn.execute("SELECT mulai, isi FROM aturan")}


@contextmanager
def draft_rules(conn: sqlite3.Connection, month: str, aturan: dict[str, Any]) -> Iterator[None]:
    """Inside the block, every rule read through `conn` sees `aturan` in force for `month` (as
    `aturan pasang --mulai month` would put it), and nothing is written to the store: the rule
    table is shadowed by a TEMP copy, which lives in this connection's private temp database
    (never in the file) and unqualified names resolve to temp first. For `rekap simulasi`."""
    conn.execute("DROP TABLE IF EXISTS temp.aturan")
    conn.execute("CREATE TEMP TABLE aturan AS SELECT * FROM main.aturan")
    try:
        conn.execute("DELETE FROM temp.aturan WHERE mulai = ?", (month,))
        conn.execute(
            "INSERT INTO temp.aturan (mulai, isi, dipasang_pada, oleh) VALUES (?, ?, '', 'simulasi')",
            (month, json.dumps(aturan, ensure_ascii=False, sort_keys=True)),
        )
        yield
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.aturan")


def rules_for_month(conn: sqlite3.Connection, month: str) -> dict[str, Any]:
    return rules_domain.in_force(rule_sets(conn), month)


def rules_for_day(conn: sqlite3.Connection):
    """A function date -> rules in force that day, reading the table once."""
    sets = rule_sets(conn)
    cache: dict[str, dict[str, Any]] = {}

    def rules_for(d: date) -> dict[str, Any]:
        month = d.isoformat()[:7]
        if month not in cache:
            cache[month] = rules_domain.in_force(sets, month)
        return cache[month]

    return rules_for


def local_holidays(conn: sqlite3.Connection) -> dict[date, str | None]:
    return {date.fromisoformat(t): n for t, n in conn.execute("SELECT tanggal, nama FROM libur")}


def locked_months(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT bulan FROM kunci")}


def ensure_unlocked(conn: sqlite3.Connection, months: Iterable[str], what: str = "data") -> None:
    """Refuse a change that touches a locked month (rekap kunci), naming the lock."""
    wanted = sorted(set(months))
    if not wanted:
        return
    marks = ",".join("?" * len(wanted))
    rows = conn.execute(
        f"SELECT bulan, oleh, pada FROM kunci WHERE bulan IN ({marks}) ORDER BY bulan", wanted
    ).fetchall()
    if rows:
        b, oleh, pada = rows[0]
        raise Refused(
            f"Bulan {b} sudah dikunci untuk rekap TPP (oleh {oleh}, {pada[:16]}); {what} bulan itu "
            f"tidak boleh diubah. Buka dulu dengan `kerja rekap buka --bulan {b} --alasan ...`."
        )
