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
    conn: sqlite3.Connection,
    unit_ids: Iterable[int] | None = None,
    *,
    opd_ids: Iterable[int] | None = None,
    mulai: date | None = None,
    sampai: date | None = None,
) -> list[Person]:
    """Active employees (of the given units or OPDs) in NIP order (the order every roster
    computation follows). The filters run in SQL, by the pegawai(unit_id) index.

    With a period [mulai, sampai], the facts in force on each of its days (pegawai_riwayat): a
    person whose unit, role or active flag changes inside it is one Person per stretch (`dari`,
    `sampai`), and someone inactive now who was on the books in it is there for those days."""
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
    out = [
        Person(nip, uid, opd, is_leader(jj), fromiso(born) if born else None)
        for nip, uid, opd, jj, born in rows
    ]
    if mulai is None or sampai is None:
        return out
    dated = _dated_people(conn, mulai, sampai)
    if not dated:
        return out
    units_ok = set(unit_ids) if unit_ids is not None else None
    opds_ok = set(opd_ids) if opd_ids is not None else None
    kept = [p for p in out if p.nip not in dated]
    for entries in dated.values():
        kept += [
            e
            for e in entries
            if (units_ok is None or e.unit in units_ok) and (opds_ok is None or e.opd in opds_ok)
        ]
    kept.sort(key=lambda p: (p.nip, p.dari or date.min))
    return kept


def _dated_people(conn: sqlite3.Connection, mulai: date, sampai: date) -> dict[str, list[Person]]:
    """nip -> the stretches of [mulai, sampai] with the same unit and role, on the books, for the
    few people with a dated change ending in the period or later (domain/facts.py segments)."""
    from datetime import timedelta

    rows = conn.execute(
        "SELECT h.nip, h.sampai, h.unit_id, u.opd_id, h.jenis_jabatan, h.aktif, p.tanggal_lahir "
        "FROM pegawai_riwayat h JOIN pegawai p ON p.nip = h.nip LEFT JOIN unit u ON u.id = h.unit_id "
        "WHERE h.sampai >= ?1 "
        "UNION ALL SELECT p.nip, NULL, p.unit_id, u.opd_id, p.jenis_jabatan, p.aktif, p.tanggal_lahir "
        "FROM pegawai p JOIN unit u ON u.id = p.unit_id "
        "WHERE p.nip IN (SELECT nip FROM pegawai_riwayat WHERE sampai >= ?1)",
        (mulai.isoformat(),),
    ).fetchall()
    segs: dict[str, list[tuple[Any, ...]]] = {}
    for r in rows:
        segs.setdefault(r[0], []).append(tuple(r))
    out: dict[str, list[Person]] = {}
    for nip, items in segs.items():
        items.sort(key=lambda r: r[1] or "9999-12-31")
        start = mulai
        entries: list[Person] = []
        for _nip, until, uid, opd, jj, aktif, born in items:
            end = min(sampai, date.fromisoformat(until)) if until else sampai
            if end >= start and aktif and opd is not None:
                lead = is_leader(jj)
                prev = entries[-1] if entries else None
                joins = prev is not None and prev.sampai == start - timedelta(days=1)
                if prev and joins and prev.unit == uid and prev.leader == lead:
                    entries[-1] = Person(nip, uid, opd, lead, prev.born, prev.dari, end)
                else:
                    bday = date.fromisoformat(born) if born else None
                    entries.append(Person(nip, uid, opd, lead, bday, start, end))
            if until:
                start = max(start, date.fromisoformat(until) + timedelta(days=1))
            if start > sampai:
                break
        if len(entries) == 1 and entries[0].dari == mulai and entries[0].sampai == sampai:
            e = entries[0]
            entries = [Person(nip, e.unit, e.opd, e.leader, e.born)]
        out[nip] = entries
    return out


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
