"""e-Kinerja activities (table `kinerja`)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from ..domain.activities import Slot

COLUMNS = (
    "id",
    "nip",
    "tanggal",
    "mulai",
    "selesai",
    "menit",
    "uraian",
    "output",
    "status",
    "divalidasi_oleh",
    "divalidasi_pada",
    "alasan",
)
_SELECT = f"SELECT {', '.join(COLUMNS)} FROM kinerja"


def same_day(conn: sqlite3.Connection, nip: str, tanggal: str) -> list[Slot]:
    """The day's activities that still stand (a rejected one may be entered again, corrected)."""
    rows = conn.execute(
        "SELECT id, mulai, selesai, uraian FROM kinerja WHERE nip = ? AND tanggal = ? "
        "AND status != 'ditolak' ORDER BY mulai",
        (nip, tanggal),
    )
    return [Slot(*r) for r in rows]


def insert(conn: sqlite3.Connection, row: dict[str, Any]) -> int:
    cur = conn.execute(
        "INSERT INTO kinerja (nip, tanggal, mulai, selesai, menit, uraian, output, dicatat_pada, "
        "volume, kegiatan) VALUES (:nip, :tanggal, :mulai, :selesai, :menit, :uraian, :output, "
        ":dicatat_pada, :volume, :kegiatan)",
        {"volume": None, "kegiatan": None, **row},
    )
    return int(cur.lastrowid or 0)


def by_ids(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    for chunk in range(0, len(ids), 500):
        part = list(ids[chunk : chunk + 500])
        marks = ",".join("?" * len(part))
        for r in conn.execute(f"{_SELECT} WHERE id IN ({marks})", part):
            out[r["id"]] = dict(r)
    return out


def set_validation(conn: sqlite3.Connection, rows: Iterable[tuple[str, str, str, str | None, int]]) -> None:
    """(status, divalidasi_oleh, divalidasi_pada, alasan, id) for each activity."""
    conn.executemany(
        "UPDATE kinerja SET status = ?, divalidasi_oleh = ?, divalidasi_pada = ?, alasan = ? WHERE id = ?",
        rows,
    )


def listing(
    conn: sqlite3.Connection,
    *,
    nips: Iterable[str] | None = None,
    bulan: str | None = None,
    status: str | None = None,
) -> list[dict[str, Any]]:
    sql = _SELECT + " WHERE 1=1"
    args: list[Any] = []
    if nips is not None:
        # In SQL, by the (nip, tanggal) index: one person's month is a few dozen rows of a
        # province's 1.3 million, and costs what it shows.
        sql += " AND nip IN (SELECT value FROM json_each(?))"
        args.append(json.dumps(sorted(set(nips))))
    if bulan:
        sql += " AND tanggal BETWEEN ? AND ?"
        args += [bulan + "-01", bulan + "-31"]
    if status:
        sql += " AND status = ?"
        args.append(status)
    return [dict(r) for r in conn.execute(sql + " ORDER BY tanggal, nip, mulai, id", args)]


def counted_minutes(
    conn: sqlite3.Connection,
    start: str,
    end: str,
    deadline: str | None,
    *,
    nip: str | None = None,
    skema: str = "menit",
    per_day: bool = False,
) -> list[tuple[str, str | None, int]]:
    """(nip, tanggal, minutes) of approved activities in [start, end] validated on or before
    `deadline` (the local date part of divalidasi_pada; None = no deadline). The rule that decides
    what counts is domain.activities.counts; this is the same test as one aggregate query.
    For one `nip` (or with `per_day`), one row per day; for everyone, one row per employee
    (tanggal None)."""
    per_day = per_day or bool(nip)
    day = "tanggal" if per_day else "NULL"
    # "volume" scheme: an activity counts volume x the catalogue's norm (none in the catalogue: 0)
    minutes = (
        "menit"
        if skema != "volume"
        else (
            "coalesce(volume, 1) * "
            "coalesce((SELECT norma_menit FROM katalog_kinerja c WHERE c.kode = kegiatan), 0)"
        )
    )
    sql = (
        f"SELECT nip, {day}, sum({minutes}) FROM kinerja WHERE status = 'disetujui' "
        "AND tanggal BETWEEN ? AND ? AND (? IS NULL OR substr(divalidasi_pada, 1, 10) <= ?)"
    )
    args: list[Any] = [start, end, deadline, deadline]
    if nip:
        sql += " AND nip = ?"
        args.append(nip)
    cur = conn.cursor()
    cur.row_factory = None  # plain tuples: a province has tens of thousands of rows
    return cur.execute(sql + (" GROUP BY nip, tanggal" if per_day else " GROUP BY nip"), args).fetchall()


def pending(conn: sqlite3.Connection, start: str, end: str) -> list[tuple[int, str, str]]:
    """(id, nip, tanggal) of activities in [start, end] still waiting for validation."""
    return conn.execute(
        "SELECT id, nip, tanggal FROM kinerja WHERE status = 'diajukan' AND tanggal BETWEEN ? AND ? "
        "ORDER BY tanggal, nip, id",
        (start, end),
    ).fetchall()


def unsupervised(conn: sqlite3.Connection, start: str, end: str) -> list[tuple[str, str]]:
    """(nip, nama) of employees with no supervisor in force on the date of an activity they have
    in [start, end], and no validator outside the store (`pegawai ubah --validator-luar`): nobody
    can validate those. People with a dated change (pegawai_riwayat) are
    looked at activity by activity, everyone else by their pegawai row."""
    return conn.execute(
        "WITH dated AS (SELECT DISTINCT nip FROM pegawai_riwayat WHERE sampai >= ?1) "
        "SELECT p.nip, p.nama FROM pegawai p WHERE "
        "(p.nip_atasan IS NULL OR p.nip_atasan NOT IN (SELECT nip FROM pegawai)) AND p.nip NOT IN dated "
        "AND p.nip NOT IN (SELECT nip FROM validator_luar) AND EXISTS "
        "(SELECT 1 FROM kinerja k WHERE k.nip = p.nip AND k.tanggal BETWEEN ?1 AND ?2) "
        "UNION SELECT p.nip, p.nama FROM pegawai p WHERE p.nip IN dated "
        "AND p.nip NOT IN (SELECT nip FROM validator_luar) AND EXISTS "
        "(SELECT 1 FROM kinerja k WHERE k.nip = p.nip AND k.tanggal BETWEEN ?1 AND ?2 AND coalesce("
        "(SELECT h.nip_atasan IS NULL FROM pegawai_riwayat h WHERE h.nip = k.nip AND h.sampai >= k.tanggal "
        "ORDER BY h.sampai LIMIT 1), p.nip_atasan IS NULL)) ORDER BY 1",
        (start, end),
    ).fetchall()


def get(conn: sqlite3.Connection, activity_id: int) -> dict[str, Any] | None:
    row = conn.execute(f"{_SELECT} WHERE id = ?", (activity_id,)).fetchone()
    return dict(row) if row else None


def update(conn: sqlite3.Connection, activity_id: int, row: dict[str, Any]) -> None:
    """Set tanggal, mulai, selesai, menit, uraian, output of a pending activity."""
    conn.execute(
        "UPDATE kinerja SET tanggal = :tanggal, mulai = :mulai, selesai = :selesai, menit = :menit, "
        "uraian = :uraian, output = :output WHERE id = :id AND status = 'diajukan'",
        {**row, "id": activity_id},
    )


def delete(conn: sqlite3.Connection, activity_id: int) -> None:
    """A withdrawn pending activity goes; the audit entry keeps the whole of it."""
    conn.execute("DELETE FROM kinerja WHERE id = ? AND status = 'diajukan'", (activity_id,))
