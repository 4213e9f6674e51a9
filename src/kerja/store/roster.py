"""The roster (jadwal) and what it is computed from: people, units, statuses.

Roster reads are one query per table per command and writes one executemany: the roster of a
60,000-person province month is 1.3 million rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date
from typing import Any, cast

from ..domain.names import full_name
from ..domain.positions import is_leader
from ..domain.roster import Person, Unit


def units(conn: sqlite3.Connection) -> dict[int, Unit]:
    # A leaf is a unit nobody names as parent: one pass in Python (a NOT EXISTS per unit has no
    # index on induk_id to use and took 0.3-0.4 s over a province's 1,500 units).
    rows = conn.execute("SELECT id, jalur, induk_id FROM unit").fetchall()
    parents = {r[2] for r in rows}
    return {i: Unit(i, jalur, i not in parents) for i, jalur, _ in rows}


def _in(column: str, values: Iterable[Any] | None) -> tuple[str, list[Any]]:
    """An ` AND column IN (...)` filter bound as one JSON parameter (no limit on its length)."""
    if values is None:
        return "", []
    return f" AND {column} IN (SELECT value FROM json_each(?))", [json.dumps(sorted(set(values)))]


def people(
    conn: sqlite3.Connection, unit_ids: Iterable[int] | None = None, *, opd_ids: Iterable[int] | None = None
) -> list[Person]:
    """Active employees (of the given units or OPDs) in NIP order (the order every roster
    computation follows). The filters run in SQL, by the pegawai(unit_id) index."""
    where, args = _in("p.unit_id", unit_ids)
    more, more_args = "", cast(list[Any], [])
    if opd_ids is not None:
        # Through the OPDs' unit ids (a scan of the small unit table), so that pegawai is read by
        # its unit_id index rather than in full.
        more, more_args = _in("u.opd_id", opd_ids)
        more = f" AND p.unit_id IN (SELECT u.id FROM unit u WHERE 1=1{more})"
    rows = conn.execute(
        "SELECT p.nip, p.unit_id, u.opd_id, p.jenis_jabatan, p.tanggal_lahir "
        f"FROM pegawai p JOIN unit u ON u.id = p.unit_id WHERE p.aktif = 1{where}{more} ORDER BY p.nip",
        [*args, *more_args],
    )
    fromiso = date.fromisoformat
    return [
        Person(nip, uid, opd, is_leader(jj), fromiso(born) if born else None)
        for nip, uid, opd, jj, born in rows
    ]


def names(conn: sqlite3.Connection, nips: Iterable[str] | None = None) -> dict[str, tuple[str, str]]:
    """NIP -> (name with titles, unit path) of every employee (or of `nips`)."""
    out: dict[str, tuple[str, str]] = {}
    where, args = _in("p.nip", nips)
    for nip, nama, gd, gb, jalur in conn.execute(
        f"SELECT p.nip, p.nama, p.gelar_depan, p.gelar_belakang, u.jalur "
        f"FROM pegawai p JOIN unit u ON u.id = p.unit_id WHERE 1=1{where}",
        args,
    ):
        out[nip] = (full_name(nama, gd, gb), jalur)
    return out


def statuses(
    conn: sqlite3.Connection, mulai: date, sampai: date, nips: Iterable[str] | None = None
) -> list[tuple[str, date, date, str]]:
    """Declared whole-day statuses in force that overlap [mulai, sampai] (of `nips` only, when
    given, by the status_hari(nip, mulai) index): (nip, from, to, code)."""
    where, args = _in("nip", nips)
    rows = conn.execute(
        "SELECT nip, mulai, sampai, kode FROM status_hari WHERE dicabut_pada IS NULL "
        f"AND mulai <= ? AND sampai >= ?{where} ORDER BY id",
        (sampai.isoformat(), mulai.isoformat(), *args),
    )
    return [(n, date.fromisoformat(a), date.fromisoformat(b), k) for n, a, b, k in rows]


def _dates(mulai: date, sampai: date) -> str:
    return json.dumps(
        [date.fromordinal(o).isoformat() for o in range(mulai.toordinal(), sampai.toordinal() + 1)]
    )


def cells(
    conn: sqlite3.Connection, mulai: date, sampai: date, nips: Iterable[str] | None = None
) -> list[tuple[str, str, str, str, str | None]]:
    """Stored roster cells in [mulai, sampai]: (tanggal, nip, lokasi, alasan, kebijakan).

    With `nips`, only theirs, by point lookups on the (tanggal, nip) primary key (each date of
    the period times each NIP): a unit's fortnight reads its own few hundred cells, not the
    province's."""
    if nips is None:
        return conn.execute(
            "SELECT tanggal, nip, lokasi, alasan, kebijakan FROM jadwal WHERE tanggal BETWEEN ? AND ? "
            "ORDER BY tanggal, nip",
            (mulai.isoformat(), sampai.isoformat()),
        ).fetchall()
    where, args = _in("nip", nips)
    return conn.execute(
        "SELECT tanggal, nip, lokasi, alasan, kebijakan FROM jadwal "
        f"WHERE tanggal IN (SELECT value FROM json_each(?)){where} ORDER BY tanggal, nip",
        (_dates(mulai, sampai), *args),
    ).fetchall()


def day_heads(conn: sqlite3.Connection, mulai: date, sampai: date) -> list[tuple[str, str | None]]:
    """(tanggal, kebijakan of its first cell in NIP order) of each day in [mulai, sampai] with a
    stored roster: what `cells` of everyone tells about the days, without reading the cells."""
    rows = conn.execute(
        "SELECT d.value, (SELECT kebijakan FROM jadwal j WHERE j.tanggal = d.value ORDER BY j.nip LIMIT 1) "
        "FROM json_each(?) d WHERE EXISTS (SELECT 1 FROM jadwal j WHERE j.tanggal = d.value) "
        "ORDER BY d.value",
        (_dates(mulai, sampai),),
    )
    return [(t, k) for t, k in rows]


def roster_span(conn: sqlite3.Connection) -> tuple[date, date] | None:
    a, b = conn.execute("SELECT min(tanggal), max(tanggal) FROM jadwal").fetchone()
    return (date.fromisoformat(a), date.fromisoformat(b)) if a else None


def cell(conn: sqlite3.Connection, tanggal: date, nip: str) -> tuple[str, str, str | None] | None:
    row = conn.execute(
        "SELECT lokasi, alasan, kebijakan FROM jadwal WHERE tanggal = ? AND nip = ?",
        (tanggal.isoformat(), nip),
    ).fetchone()
    return tuple(row) if row else None


def put_cell(
    conn: sqlite3.Connection, tanggal: date, nip: str, lokasi: str, alasan: str, kebijakan: str | None
) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO jadwal (tanggal, nip, lokasi, alasan, kebijakan) VALUES (?, ?, ?, ?, ?)",
        (tanggal.isoformat(), nip, lokasi, alasan, kebijakan),
    )


def replace_days(
    conn: sqlite3.Connection,
    days: Iterable[date],
    nips: Iterable[str] | None,
    rows: Iterable[tuple[str, str, str, str, str]],
) -> int:
    """Drop the cells of `days` (of `nips` only, when given) and insert `rows`; rows written."""
    isos = [(d.isoformat(),) for d in days]
    if nips is None:
        conn.executemany("DELETE FROM jadwal WHERE tanggal = ?", isos)
    else:
        keep = [(iso, nip) for (iso,) in isos for nip in nips]
        conn.executemany("DELETE FROM jadwal WHERE tanggal = ? AND nip = ?", keep)
    before = conn.total_changes
    # Rows come in (tanggal, nip) order, the primary key's: each insert appends to the table.
    conn.executemany(
        "INSERT INTO jadwal (tanggal, nip, lokasi, alasan, kebijakan) VALUES (?, ?, ?, ?, ?)", rows
    )
    return conn.total_changes - before


def stored_days(conn: sqlite3.Connection, mulai: date, sampai: date) -> set[date]:
    """The days in [mulai, sampai] that have a stored roster."""
    rows = conn.execute(
        "SELECT DISTINCT tanggal FROM jadwal WHERE tanggal BETWEEN ? AND ?",
        (mulai.isoformat(), sampai.isoformat()),
    )
    return {date.fromisoformat(r[0]) for r in rows}


def plain_cells(
    conn: sqlite3.Connection, mulai: date, sampai: date, *, manual_only: bool = False
) -> sqlite3.Cursor:
    """(tanggal, nip, lokasi, alasan) of the stored cells in [mulai, sampai] in (tanggal, nip)
    order, streamed (a province month is 1.3 million rows); `manual_only`: the hand-set ones."""
    sql = "SELECT tanggal, nip, lokasi, alasan FROM jadwal WHERE tanggal BETWEEN ? AND ?"
    if manual_only:
        sql += " AND alasan = 'manual'"
    return conn.execute(sql + " ORDER BY tanggal, nip", (mulai.isoformat(), sampai.isoformat()))


def circular_names(conn: sqlite3.Connection, mulai: date, sampai: date) -> set[str]:
    """The circulars the stored cells of [mulai, sampai] were made under."""
    rows = conn.execute(
        "SELECT DISTINCT kebijakan FROM jadwal WHERE tanggal BETWEEN ? AND ?",
        (mulai.isoformat(), sampai.isoformat()),
    )
    return {r[0] for r in rows if r[0] is not None}
