"""Holidays, conditions, circulars and the roster: the SQL behind libur, kondisi, kebijakan, jadwal.

Roster reads are one query per table per command and writes one executemany: the roster of a
60,000-person province month is 1.3 million rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date
from typing import Any

from ..clock import now_iso
from ..domain.circulars import Circular
from ..domain.roster import Condition, Person, Unit, leader

# -- libur ----------------------------------------------------------------------------------------


def libur_get(conn: sqlite3.Connection, tanggal: date) -> tuple[bool, str | None]:
    """(has a local row, its name) for one date."""
    row = conn.execute("SELECT nama FROM libur WHERE tanggal = ?", (tanggal.isoformat(),)).fetchone()
    return (row is not None, row[0] if row else None)


def libur_put(conn: sqlite3.Connection, tanggal: date, nama: str | None) -> None:
    conn.execute("INSERT OR REPLACE INTO libur (tanggal, nama) VALUES (?, ?)", (tanggal.isoformat(), nama))


def libur_delete(conn: sqlite3.Connection, tanggal: date) -> None:
    conn.execute("DELETE FROM libur WHERE tanggal = ?", (tanggal.isoformat(),))


# -- kondisi --------------------------------------------------------------------------------------


def kondisi_add(
    conn: sqlite3.Connection,
    nip: str,
    jenis: str,
    mulai: date,
    sampai: date | None,
    keterangan: str | None,
    oleh: str,
) -> int:
    cur = conn.execute(
        "INSERT INTO kondisi (nip, jenis, mulai, sampai, keterangan, oleh, dicatat_pada) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (nip, jenis, mulai.isoformat(), sampai.isoformat() if sampai else None, keterangan, oleh, now_iso()),
    )
    return int(cur.lastrowid or 0)


def kondisi_listing(conn: sqlite3.Connection, tanggal: date | None = None) -> list[dict[str, Any]]:
    sql = (
        "SELECT k.id, k.nip, p.nama, u.jalur AS unit, k.jenis, k.mulai, k.sampai, k.keterangan, "
        "k.oleh, k.dicatat_pada FROM kondisi k JOIN pegawai p ON p.nip = k.nip "
        "JOIN unit u ON u.id = p.unit_id"
    )
    args: list[str] = []
    if tanggal:
        sql += " WHERE k.mulai <= ? AND (k.sampai IS NULL OR k.sampai >= ?)"
        args = [tanggal.isoformat()] * 2
    return [dict(r) for r in conn.execute(sql + " ORDER BY k.mulai, k.nip, k.id", args)]


def conditions(conn: sqlite3.Connection) -> list[Condition]:
    rows = conn.execute("SELECT nip, jenis, mulai, sampai FROM kondisi ORDER BY id")
    return [
        Condition(n, j, date.fromisoformat(a), date.fromisoformat(b) if b else None) for n, j, a, b in rows
    ]


# -- kebijakan ------------------------------------------------------------------------------------


def kebijakan_get(conn: sqlite3.Connection, nama: str) -> Circular | None:
    row = conn.execute("SELECT isi FROM kebijakan WHERE nama = ?", (nama,)).fetchone()
    return Circular.from_dict(json.loads(row[0])) if row else None


def kebijakan_put(conn: sqlite3.Connection, c: Circular) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO kebijakan (nama, judul, mulai, sampai, isi, dipasang_pada) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            c.nama,
            c.judul,
            c.mulai.isoformat(),
            c.sampai.isoformat(),
            json.dumps(c.to_dict(), ensure_ascii=False, sort_keys=True),
            now_iso(),
        ),
    )


def kebijakan_all(conn: sqlite3.Connection) -> list[tuple[Circular, str]]:
    """Every circular with its install time, by start date then name."""
    rows = conn.execute("SELECT isi, dipasang_pada FROM kebijakan ORDER BY mulai, nama")
    return [(Circular.from_dict(json.loads(isi)), at) for isi, at in rows]


# -- jadwal ---------------------------------------------------------------------------------------


def units(conn: sqlite3.Connection) -> dict[int, Unit]:
    rows = conn.execute(
        "SELECT u.id, u.jalur, NOT EXISTS (SELECT 1 FROM unit c WHERE c.induk_id = u.id) FROM unit u"
    )
    return {i: Unit(i, jalur, bool(leaf)) for i, jalur, leaf in rows}


def people(conn: sqlite3.Connection, unit_ids: Iterable[int] | None = None) -> list[Person]:
    """Active employees in NIP order (the order every roster computation follows)."""
    rows = conn.execute(
        "SELECT p.nip, p.unit_id, u.opd_id, p.jenis_jabatan, p.tanggal_lahir "
        "FROM pegawai p JOIN unit u ON u.id = p.unit_id WHERE p.aktif = 1 ORDER BY p.nip"
    )
    keep = set(unit_ids) if unit_ids is not None else None
    fromiso = date.fromisoformat
    return [
        Person(nip, uid, opd, leader(jj), fromiso(born) if born else None)
        for nip, uid, opd, jj, born in rows
        if keep is None or uid in keep
    ]


def names(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """NIP -> (name with titles, unit path) of every employee."""
    out: dict[str, tuple[str, str]] = {}
    for nip, nama, gd, gb, jalur in conn.execute(
        "SELECT p.nip, p.nama, p.gelar_depan, p.gelar_belakang, u.jalur "
        "FROM pegawai p JOIN unit u ON u.id = p.unit_id"
    ):
        full = f"{gd} {nama}" if gd else nama
        out[nip] = (f"{full}, {gb}" if gb else full, jalur)
    return out


def statuses(conn: sqlite3.Connection, mulai: date, sampai: date) -> list[tuple[str, date, date, str]]:
    """Declared whole-day statuses in force that overlap [mulai, sampai]: (nip, from, to, code)."""
    rows = conn.execute(
        "SELECT nip, mulai, sampai, kode FROM status_hari WHERE dicabut_pada IS NULL "
        "AND mulai <= ? AND sampai >= ? ORDER BY id",
        (sampai.isoformat(), mulai.isoformat()),
    )
    return [(n, date.fromisoformat(a), date.fromisoformat(b), k) for n, a, b, k in rows]


def cells(conn: sqlite3.Connection, mulai: date, sampai: date) -> list[tuple[str, str, str, str, str | None]]:
    """Stored roster cells in [mulai, sampai]: (tanggal, nip, lokasi, alasan, kebijakan)."""
    return conn.execute(
        "SELECT tanggal, nip, lokasi, alasan, kebijakan FROM jadwal WHERE tanggal BETWEEN ? AND ? "
        "ORDER BY tanggal, nip",
        (mulai.isoformat(), sampai.isoformat()),
    ).fetchall()


def roster_span(conn: sqlite3.Connection) -> tuple[date, date] | None:
    a, b = conn.execute("SELECT min(tanggal), max(tanggal) FROM jadwal").fetchone()
    return (date.fromisoformat(a), date.fromisoformat(b)) if a else None


def cell(conn: sqlite3.Connection, tanggal: date, nip: str) -> tuple[str, str, str | None] | None:
    row = conn.execute(
        "SELECT lokasi, alasan, kebijakan FROM jadwal WHERE tanggal = ? AND nip = ?",
        (tanggal.isoformat(), nip),
    ).fetchone()
    return tuple(row) if row else None  # type: ignore[return-value]


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


def roster_dates(conn: sqlite3.Connection, mulai: date, sampai: date) -> set[str]:
    """ISO dates in [mulai, sampai] that have at least one roster cell."""
    return {
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT tanggal FROM jadwal WHERE tanggal BETWEEN ? AND ?",
            (mulai.isoformat(), sampai.isoformat()),
        )
    }
