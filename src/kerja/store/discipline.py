"""Disciplinary sanctions (hukdis, PP 94/2021) and the imported monthly achievement of the
"capaian" e-Kinerja scheme, the activity catalogue of the "volume" scheme, and validators outside
the store: what the recap reads besides presence and activities."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any


def add_sanction(conn: sqlite3.Connection, row: dict[str, Any]) -> int:
    cur = conn.execute(
        "INSERT INTO hukdis (nip, jenis, mulai, bulan, keterangan, oleh, dicatat_pada) "
        "VALUES (:nip, :jenis, :mulai, :bulan, :keterangan, :oleh, :dicatat_pada)",
        row,
    )
    return int(cur.lastrowid or 0)


def sanctions(conn: sqlite3.Connection, nip: str | None = None) -> list[dict[str, Any]]:
    sql = "SELECT id, nip, jenis, mulai, bulan, keterangan, oleh, dicatat_pada FROM hukdis"
    args: list[Any] = []
    if nip:
        sql += " WHERE nip = ?"
        args.append(nip)
    return [dict(r) for r in conn.execute(sql + " ORDER BY mulai, id", args)]


def sanctions_in_month(conn: sqlite3.Connection, first: str, last: str) -> dict[str, list[str]]:
    """nip -> the kinds of sanction whose cut runs in the month [first, last] (ISO dates): from
    the month of `mulai` for `bulan` whole months."""
    rows = conn.execute(
        "SELECT nip, jenis FROM hukdis WHERE bulan > 0 AND mulai <= ? "
        "AND date(mulai, 'start of month', '+' || bulan || ' months') > ?",
        (last, first),
    )
    out: dict[str, list[str]] = {}
    for nip, jenis in rows:
        out.setdefault(nip, []).append(jenis)
    return out


def put_catalogue(conn: sqlite3.Connection, rows: Iterable[Sequence[Any]]) -> int:
    cur = conn.executemany(
        "INSERT INTO katalog_kinerja (kode, nama, norma_menit, satuan) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(kode) DO UPDATE SET nama = excluded.nama, norma_menit = excluded.norma_menit, "
        "satuan = excluded.satuan",
        rows,
    )
    return cur.rowcount


def catalogue(conn: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    return {r["kode"]: dict(r) for r in conn.execute("SELECT * FROM katalog_kinerja ORDER BY kode")}


def put_achievements(conn: sqlite3.Connection, bulan: str, rows: Iterable[Sequence[Any]]) -> int:
    """(nip, persen text, predikat) rows for a month; a re-import replaces that person's month."""
    cur = conn.executemany(
        "INSERT INTO capaian (nip, bulan, persen, predikat) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(nip, bulan) DO UPDATE SET persen = excluded.persen, predikat = excluded.predikat",
        [(nip, bulan, persen, predikat) for nip, persen, predikat in rows],
    )
    return cur.rowcount


def achievements(conn: sqlite3.Connection, bulan: str) -> dict[str, str]:
    """nip -> the imported achievement % (exact decimal text) of the month."""
    return dict(conn.execute("SELECT nip, persen FROM capaian WHERE bulan = ?", (bulan,)).fetchall())


def set_outside_validator(conn: sqlite3.Connection, row: dict[str, Any]) -> dict[str, Any] | None:
    old = outside_validator(conn, row["nip"])
    conn.execute(
        "INSERT INTO validator_luar (nip, nip_luar, nama, jabatan, oleh, dicatat_pada) "
        "VALUES (:nip, :nip_luar, :nama, :jabatan, :oleh, :dicatat_pada) ON CONFLICT(nip) DO UPDATE SET "
        "nip_luar = excluded.nip_luar, nama = excluded.nama, jabatan = excluded.jabatan, "
        "oleh = excluded.oleh, dicatat_pada = excluded.dicatat_pada",
        row,
    )
    return old


def outside_validator(conn: sqlite3.Connection, nip: str) -> dict[str, Any] | None:
    r = conn.execute("SELECT * FROM validator_luar WHERE nip = ?", (nip,)).fetchone()
    return dict(r) if r else None


def outside_validators(conn: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    return {r["nip"]: dict(r) for r in conn.execute("SELECT * FROM validator_luar")}


def heads_without_validator(conn: sqlite3.Connection, first: str, last: str) -> list[dict[str, Any]]:
    """Active employees whose activities nobody in the store may validate (no supervisor in the
    store, no validator outside it), with how many activities they logged in [first, last]; by
    their pegawai row, so only the people without a dated change holding on or after `first`
    (those are looked at day by day: services.kinerja.unvalidatable)."""
    sql = (
        "SELECT p.nip, p.nama, u.jalur AS unit, count(k.id) AS kegiatan FROM pegawai p "
        "JOIN unit u ON u.id = p.unit_id LEFT JOIN kinerja k ON k.nip = p.nip "
        "AND k.tanggal BETWEEN ?1 AND ?2 "
        "WHERE p.aktif = 1 AND (p.nip_atasan IS NULL OR p.nip_atasan NOT IN (SELECT nip FROM pegawai)) "
        "AND p.nip NOT IN (SELECT nip FROM validator_luar) "
        "AND p.nip NOT IN (SELECT nip FROM pegawai_riwayat WHERE sampai >= ?1) "
        "GROUP BY p.nip ORDER BY u.jalur, p.nip"
    )
    return [dict(r) for r in conn.execute(sql, (first, last))]


def people_with_days(
    conn: sqlite3.Connection, nips: Iterable[str], first: str, last: str
) -> list[tuple[str, str, str, list[str]]]:
    """(nip, nama, unit path, [dates of their activities in [first, last]]) of `nips`."""
    import json

    out = []
    for nip, nama, unit, days in conn.execute(
        "SELECT p.nip, p.nama, u.jalur, (SELECT json_group_array(k.tanggal) FROM kinerja k "
        "WHERE k.nip = p.nip AND k.tanggal BETWEEN ?2 AND ?3) FROM pegawai p JOIN unit u ON u.id = p.unit_id "
        "WHERE p.nip IN (SELECT value FROM json_each(?1))",
        (json.dumps(sorted(set(nips))), first, last),
    ):
        out.append((nip, nama, unit, json.loads(days)))
    return out


def known_nips(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT nip FROM pegawai")}
