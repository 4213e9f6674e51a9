"""Presence events, declared day statuses and month locks: the SQL.

Event times are stored in the offset of the employee's unit zone at the time of the event, so the
local clock reading is the text itself (`waktu[11:19]`) and `tanggal` is its local day; bulk reads
therefore need no time-zone arithmetic.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from ..domain.presence import Punches

INSERT_EVENT = (
    "INSERT OR IGNORE INTO presensi (nip, waktu, tanggal, jenis, mode, sumber, state, oleh, "
    "dicatat_pada) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _nip_filter(nips: Sequence[str] | None, column: str = "nip") -> tuple[str, list[Any]]:
    if nips is None:
        return "", []
    return f" AND {column} IN (SELECT value FROM json_each(?))", [json.dumps(list(nips))]


def _plain(conn: sqlite3.Connection) -> sqlite3.Cursor:
    """A cursor yielding plain tuples: sqlite3.Row costs too much over millions of rows."""
    cur = conn.cursor()
    cur.row_factory = None
    return cur


def unit_zones(conn: sqlite3.Connection, default: str) -> dict[int, str]:
    """Unit id -> zone, inherited from the nearest ancestor that sets one, else `default`."""
    rows = _plain(conn).execute("SELECT id, induk_id, zona FROM unit")
    units = {r[0]: (r[1], r[2]) for r in rows}
    out: dict[int, str] = {}

    def zone_of(uid: int) -> str:
        if uid not in out:
            parent, z = units[uid]
            out[uid] = z or (zone_of(parent) if parent is not None and parent in units else default)
        return out[uid]

    for uid in units:
        zone_of(uid)
    return out


def active_employees(
    conn: sqlite3.Connection,
    *,
    nips: Sequence[str] | None = None,
    unit_ids: Sequence[int] | None = None,
) -> list[tuple[str, int]]:
    """(nip, unit_id) of active employees, ordered by unit path then NIP."""
    where, args = _nip_filter(nips, "p.nip")
    if unit_ids is not None:
        where += " AND p.unit_id IN (SELECT value FROM json_each(?))"
        args.append(json.dumps(list(unit_ids)))
    sql = ("SELECT p.nip, p.unit_id FROM pegawai p JOIN unit u ON u.id = p.unit_id "
           f"WHERE p.aktif = 1{where} ORDER BY u.jalur, p.nip")  # fmt: skip
    return _plain(conn).execute(sql, args).fetchall()


def tracking_start(conn: sqlite3.Connection) -> date | None:
    """The first day with a roster or a presence record (SPEC §8: no earlier day counts)."""
    row = conn.execute(
        "SELECT min((SELECT min(tanggal) FROM jadwal), (SELECT min(tanggal) FROM presensi)), "
        "(SELECT min(tanggal) FROM jadwal), (SELECT min(tanggal) FROM presensi)"
    ).fetchone()
    first = row[0] or row[1] or row[2]  # min() of a NULL and a date is NULL
    return date.fromisoformat(first) if first else None


def roster(
    conn: sqlite3.Connection, start: date, end: date, nips: Sequence[str] | None = None
) -> dict[str, dict[str, str]]:
    """nip -> {ISO date: 'WFO'|'WFH'} of the roster in [start, end]."""
    where, args = _nip_filter(nips)
    out: dict[str, dict[str, str]] = {}
    for nip, tanggal, lokasi in _plain(conn).execute(
        f"SELECT nip, tanggal, lokasi FROM jadwal WHERE tanggal BETWEEN ? AND ?{where}",
        [start.isoformat(), end.isoformat(), *args],
    ):
        d = out.get(nip)
        if d is None:
            d = out[nip] = {}
        d[tanggal] = lokasi
    return out


# Seconds of the local day from the stored ISO text 'YYYY-MM-DDTHH:MM:SS+HH:MM'.
_SECS = "(substr(waktu, 12, 2) * 3600 + substr(waktu, 15, 2) * 60 + substr(waktu, 18, 2))"


def punches(
    conn: sqlite3.Connection, start: date, end: date, nips: Sequence[str] | None = None
) -> dict[str, dict[str, Punches]]:
    """nip -> {ISO date: Punches}: every person-day's events reduced by one aggregate query."""
    where, args = _nip_filter(nips)
    sql = f"""
    SELECT nip, tanggal,
      min(CASE WHEN jenis = 'masuk' THEN s END), max(CASE WHEN jenis = 'pulang' THEN s END),
      min(CASE WHEN jenis IS NULL THEN s END), max(CASE WHEN jenis IS NULL THEN s END),
      count(*) - count(jenis), max(mode = 'WFO'), max(mode = 'WFH'), max(mode IS NULL)
    FROM (SELECT nip, tanggal, jenis, mode, {_SECS} AS s FROM presensi
          WHERE tanggal BETWEEN ? AND ?{where})
    GROUP BY tanggal, nip"""
    out: dict[str, dict[str, Punches]] = {}
    for nip, tanggal, fm, lp, fu, lu, n, wfo, wfh, none in _plain(conn).execute(
        sql, [start.isoformat(), end.isoformat(), *args]
    ):
        d = out.get(nip)
        if d is None:
            d = out[nip] = {}
        d[tanggal] = Punches(fm, lp, fu, lu, n, bool(wfo), bool(wfh), bool(none))
    return out


def statuses(
    conn: sqlite3.Connection, start: date, end: date, nips: Sequence[str] | None = None
) -> list[tuple[str, str, str, str]]:
    """(nip, kode, mulai, sampai) of standing (not withdrawn) statuses overlapping the period."""
    where, args = _nip_filter(nips)
    return _plain(conn).execute(
        "SELECT nip, kode, mulai, sampai FROM status_hari WHERE dicabut_pada IS NULL "
        f"AND mulai <= ? AND sampai >= ?{where}",
        [end.isoformat(), start.isoformat(), *args],
    ).fetchall()


def insert_events(conn: sqlite3.Connection, rows: Iterable[Sequence[Any]]) -> int:
    """INSERT OR IGNORE rows (nip, waktu, tanggal, jenis, mode, sumber, state, oleh, dicatat_pada);
    returns how many were new (the unique index makes a re-import add nothing)."""
    return conn.executemany(INSERT_EVENT, rows).rowcount
