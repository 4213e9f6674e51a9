"""Reads for the monthly recap: who is in it, in the order finance expects."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any


def employees(
    conn: sqlite3.Connection,
    unit_ids: Sequence[int] | None = None,
    *,
    nip: str | None = None,
    since: str | None = None,
) -> list[dict[str, Any]]:
    """Active employees (of the given units, or the one `nip`), by unit path, rank (eselon
    first), name; with `since` (ISO) also those active on some day from then on (dated facts)."""
    from .presence import ACTIVE_SINCE

    active = f"({ACTIVE_SINCE})" if since is not None else "p.aktif = 1"
    sql = (
        "SELECT p.nip, p.nama, p.gelar_depan, p.gelar_belakang, u.jalur AS unit, p.eselon, p.tpp, p.status "
        f"FROM pegawai p JOIN unit u ON u.id = p.unit_id WHERE {active}"
    )
    args: list[Any] = [since] if since is not None else []
    if unit_ids is not None:
        sql += f" AND p.unit_id IN ({','.join('?' * len(unit_ids))})"
        args += list(unit_ids)
    if nip is not None:
        sql += " AND p.nip = ?"
        args.append(nip)
    sql += " ORDER BY u.jalur, p.eselon IS NULL, p.eselon, p.nama, p.nip"
    return [dict(r) for r in conn.execute(sql, args)]


@contextmanager
def snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """One read transaction: in WAL mode every read inside sees the same committed state, so a
    recap read in several passes never mixes data from before and after a concurrent import."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")
