"""Presence events, declared day statuses and month locks: the SQL.

Event times are stored in the offset of the employee's unit zone at the time of the event, so the
local clock reading is the text itself (`waktu[11:19]`) and `tanggal` is its local day; bulk reads
therefore need no time-zone arithmetic.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from ..domain.presence import Punches

# Rows are (tanggal, nip, waktu, jenis, mode, sumber, state, oleh, dicatat_pada).
_COLUMNS = "tanggal, nip, waktu, jenis, mode, sumber, state, oleh, dicatat_pada"
INSERT_MANUAL = f"INSERT INTO presensi ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
# An imported punch already there (same day, person, time, source and type) is not added again:
# the unique index presensi_hari ignores it.
# Imported rows also carry their machine: (tanggal, nip, waktu, jenis, mode, sumber, state, mesin,
# oleh, dicatat_pada).
_IMPORT_COLUMNS = "tanggal, nip, waktu, jenis, mode, sumber, state, mesin, oleh, dicatat_pada"
INSERT_NEW = f"INSERT OR IGNORE INTO presensi ({_IMPORT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"


def _nip_filter(nips: Sequence[str] | None, column: str = "nip") -> tuple[str, list[Any]]:
    if nips is None:
        return "", []
    return f" AND {column} IN (SELECT value FROM json_each(?))", [json.dumps(list(nips))]


def _plain(conn: sqlite3.Connection) -> sqlite3.Cursor:
    """A cursor yielding plain tuples: sqlite3.Row costs too much over millions of rows."""
    cur = conn.cursor()
    cur.row_factory = None
    return cur


def active_employees(
    conn: sqlite3.Connection,
    *,
    nips: Sequence[str] | None = None,
    unit_ids: Sequence[int] | None = None,
    since: str | None = None,
) -> list[tuple[str, int]]:
    """(nip, unit_id) of active employees, ordered by unit path then NIP; with `since` (ISO), also
    those inactive now who were active on some day from then on (pegawai_riwayat)."""
    where, args = _nip_filter(nips, "p.nip")
    if unit_ids is not None:
        where += " AND p.unit_id IN (SELECT value FROM json_each(?))"
        args.append(json.dumps(list(unit_ids)))
    active = "p.aktif = 1"
    if since is not None:
        active = f"({ACTIVE_SINCE})"
        args.insert(0, since)
    sql = (
        "SELECT p.nip, p.unit_id FROM pegawai p JOIN unit u ON u.id = p.unit_id "
        f"WHERE {active}{where} ORDER BY u.jalur, p.nip"
    )
    return _plain(conn).execute(sql, args).fetchall()


# Active now, or active in a dated segment that ends on or after the given day.
ACTIVE_SINCE = (
    "p.aktif = 1 OR p.nip IN (SELECT h.nip FROM pegawai_riwayat h WHERE h.aktif = 1 AND h.sampai >= ?)"
)


def dated_activity(conn: sqlite3.Connection, since: str) -> dict[str, tuple[list[tuple[str, int]], int]]:
    """nip -> ([(sampai, aktif) of the dated segments ending on or after `since`], aktif now), for
    the few people with a dated change."""
    out: dict[str, tuple[list[tuple[str, int]], int]] = {}
    rows = _plain(conn).execute(
        "SELECT h.nip, h.sampai, h.aktif, p.aktif FROM pegawai_riwayat h JOIN pegawai p ON p.nip = h.nip "
        "WHERE h.sampai >= ? ORDER BY h.nip, h.sampai",
        (since,),
    )
    for nip, sampai, aktif, now in rows:
        out.setdefault(nip, ([], now))[0].append((sampai, aktif))
    return out


# Voided events (presensi hapus) stay in the table, marked; every read below leaves them out.
STANDING = "batal_pada IS NULL"
_FIRST_EVENT = f"SELECT min(tanggal) FROM presensi WHERE {STANDING}"


def tracking_start(conn: sqlite3.Connection) -> date | None:
    """The first day with a roster or a presence record (SPEC §8: no earlier day counts)."""
    row = conn.execute(
        f"SELECT min((SELECT min(tanggal) FROM jadwal), ({_FIRST_EVENT})), "
        f"(SELECT min(tanggal) FROM jadwal), ({_FIRST_EVENT})"
    ).fetchone()
    first = row[0] or row[1] or row[2]  # min() of a NULL and a date is NULL
    return date.fromisoformat(first) if first else None


# Seconds of the local day from the stored ISO text 'YYYY-MM-DDTHH:MM:SS+HH:MM'.
_SECS = "(substr(waktu, 12, 2) * 3600 + substr(waktu, 15, 2) * 60 + substr(waktu, 18, 2))"
# A person-day's events as (*Punches fields, nip[, tanggal]): the row itself can serve as the
# Punches of derive(), which reads only the first seven items. 'WFH' < 'WFO': max(mode) = 'WFO'
# iff some event is WFO, min(mode) = 'WFH' iff some event is WFH. A one-day read leaves the
# date out ({key} = nip): a province day is 60,000 rows, each date one more Python string.
_AGGREGATE = f"""
    SELECT
      min(CASE WHEN jenis = 'masuk' THEN s END), max(CASE WHEN jenis = 'pulang' THEN s END),
      min(CASE WHEN jenis IS NULL THEN s END), max(CASE WHEN jenis IS NULL THEN s END),
      count(*) - count(jenis), max(mode) = 'WFO', min(mode) = 'WFH', {{key}}
    FROM (SELECT nip, tanggal, jenis, mode, {_SECS} AS s FROM presensi WHERE {{where}} AND {STANDING})
    GROUP BY tanggal, nip"""


def punches(
    conn: sqlite3.Connection, start: date, end: date, nips: Sequence[str]
) -> dict[str, dict[str, Punches]]:
    """nip -> {ISO date: Punches} for a few employees over a period."""
    where, args = _nip_filter(nips)
    days = [(start + timedelta(days=i)).isoformat() for i in range((end - start).days + 1)]
    out: dict[str, dict[str, Punches]] = {}
    sql = _AGGREGATE.format(key="nip, tanggal", where=f"tanggal IN (SELECT value FROM json_each(?)){where}")
    for row in _plain(conn).execute(sql, [json.dumps(days), *args]):
        out.setdefault(row[7], {})[row[8]] = Punches(*row[:7])
    return out


def event_day_counts(
    conn: sqlite3.Connection, days: Sequence[str], nips: Sequence[str] | None = None
) -> dict[str, int]:
    """nip -> on how many of `days` (ISO dates) the employee has at least one event."""
    where, args = _nip_filter(nips)
    return dict(
        _plain(conn)
        .execute(
            "SELECT nip, count(DISTINCT tanggal) FROM presensi "
            f"WHERE tanggal IN (SELECT value FROM json_each(?)){where} AND {STANDING} GROUP BY nip",
            [json.dumps(list(days)), *args],
        )
        .fetchall()
    )


def day_roster(conn: sqlite3.Connection, tanggal: str, nips: Sequence[str] | None = None) -> dict[str, str]:
    """nip -> 'WFO'|'WFH' of the roster on one day."""
    where, args = _nip_filter(nips)
    return dict(
        _plain(conn)
        .execute(f"SELECT nip, lokasi FROM jadwal WHERE tanggal = ?{where}", [tanggal, *args])
        .fetchall()
    )


def day_punches(
    conn: sqlite3.Connection, tanggal: str, nips: Sequence[str] | None = None
) -> dict[str, Sequence[Any]]:
    """nip -> the day's events reduced by one aggregate query that walks the (tanggal, nip, ...)
    index in order. Each value is the SQL row itself, Punches fields first (a province day is
    60,000 of them: no copy into a NamedTuple)."""
    where, args = _nip_filter(nips)
    sql = _AGGREGATE.format(key="nip", where=f"tanggal = ?{where}")
    return {row[7]: row for row in _plain(conn).execute(sql, [tanggal, *args])}


def statuses(
    conn: sqlite3.Connection, start: date, end: date, nips: Sequence[str] | None = None
) -> list[tuple[str, str, str, str]]:
    """(nip, kode, mulai, sampai) of standing (not withdrawn) statuses overlapping the period."""
    where, args = _nip_filter(nips)
    return (
        _plain(conn)
        .execute(
            "SELECT nip, kode, mulai, sampai FROM status_hari WHERE dicabut_pada IS NULL "
            f"AND mulai <= ? AND sampai >= ?{where}",
            [end.isoformat(), start.isoformat(), *args],
        )
        .fetchall()
    )


def widen_cache(conn: sqlite3.Connection) -> None:
    """A bigger page cache for a bulk import: the index pages of the day being filled stay in
    memory (64 MB)."""
    conn.execute("PRAGMA cache_size = -65536")


def insert_events(conn: sqlite3.Connection, rows: Iterable[Sequence[Any]]) -> int:
    """Insert imported rows (tanggal, nip, waktu, jenis, mode, sumber, state, mesin, oleh, dicatat_pada)
    that are not there yet (also within `rows`); returns how many were new."""
    return conn.executemany(INSERT_NEW, rows).rowcount


def existing_keys(conn: sqlite3.Connection, days: Sequence[tuple[str, str]]) -> set[tuple[str, ...]]:
    """The import keys (tanggal, nip, local reading, sumber, jenis or '') stored on the given
    (tanggal, sumber) pairs: the columns of the unique index presensi_hari."""
    out: set[tuple[str, ...]] = set()
    cur = _plain(conn)
    for tanggal, sumber in days:
        out.update(
            cur.execute(
                "SELECT tanggal, nip, substr(waktu, 1, 19), sumber, ifnull(jenis, '') FROM presensi "
                "WHERE tanggal = ? AND sumber = ?",
                (tanggal, sumber),
            ).fetchall()
        )
    return out


def online_instants(
    conn: sqlite3.Connection, nips: Sequence[str], start: str, end: str
) -> set[tuple[str, str, str]]:
    """(nip, UTC instant ISO, jenis or '') of the stored online punches of `nips` dated within a
    day of [start, end]: an online punch is the same one whatever offset it was given with."""
    from datetime import UTC, datetime

    lo = (date.fromisoformat(start) - timedelta(days=1)).isoformat()
    hi = (date.fromisoformat(end) + timedelta(days=1)).isoformat()
    where, args = _nip_filter(nips)
    rows = _plain(conn).execute(
        "SELECT nip, waktu, ifnull(jenis, '') FROM presensi WHERE sumber = 'online' "
        f"AND tanggal BETWEEN ? AND ?{where}",
        [lo, hi, *args],
    )
    return {(n, datetime.fromisoformat(w).astimezone(UTC).isoformat(), j) for n, w, j in rows}


def insert_manual(conn: sqlite3.Connection, row: Sequence[Any]) -> int:
    """A manual check-in/out: always kept (no unique index on manual rows); returns its id."""
    cur = conn.execute(INSERT_MANUAL, row)
    return int(cur.lastrowid or 0)


def insert_located(conn: sqlite3.Connection, row: Sequence[Any], where: Sequence[Any]) -> int:
    """A check-in with the browser's location (lat, lon, akurasi_m, jarak_m, di_luar_radius)."""
    cur = conn.execute(
        f"INSERT INTO presensi ({_COLUMNS}, lat, lon, akurasi_m, jarak_m, di_luar_radius) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [*row, *where],
    )
    return int(cur.lastrowid or 0)


def employee_for_event(conn: sqlite3.Connection, nip: str) -> tuple[str, int] | None:
    """(nama, aktif) of an employee."""
    row = conn.execute("SELECT nama, aktif FROM pegawai WHERE nip = ?", (nip,)).fetchone()
    return (row[0], row[1]) if row else None


def roster_location(conn: sqlite3.Connection, nip: str, tanggal: str) -> str | None:
    row = conn.execute("SELECT lokasi FROM jadwal WHERE tanggal = ? AND nip = ?", (tanggal, nip)).fetchone()
    return row[0] if row else None


def employee_units(conn: sqlite3.Connection) -> dict[str, int]:
    """NIP -> unit id of every employee (imports need each one's zone)."""
    return dict(_plain(conn).execute("SELECT nip, unit_id FROM pegawai").fetchall())


def overlapping_statuses(conn: sqlite3.Connection, nip: str, mulai: str, sampai: str) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT id, kode, mulai, sampai FROM status_hari WHERE nip = ? AND dicabut_pada IS NULL "
        "AND mulai <= ? AND sampai >= ? ORDER BY mulai",
        (nip, sampai, mulai),
    ).fetchall()


def insert_status(conn: sqlite3.Connection, row: dict[str, Any]) -> int:
    cur = conn.execute(
        "INSERT INTO status_hari (nip, kode, mulai, sampai, keterangan, oleh, dicatat_pada) "
        "VALUES (:nip, :kode, :mulai, :sampai, :keterangan, :oleh, :dicatat_pada)",
        row,
    )
    return int(cur.lastrowid or 0)


def get_status(conn: sqlite3.Connection, status_id: int) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM status_hari WHERE id = ?", (status_id,)).fetchone()
    return dict(row) if row else None


def withdraw_status(conn: sqlite3.Connection, status_id: int, pada: str, alasan: str) -> None:
    conn.execute(
        "UPDATE status_hari SET dicabut_pada = ?, dicabut_alasan = ? WHERE id = ?",
        (pada, alasan, status_id),
    )


def status_list(
    conn: sqlite3.Connection, *, nip: str | None = None, bulan: str | None = None
) -> list[dict[str, Any]]:
    sql = "SELECT * FROM status_hari WHERE 1=1"
    args: list[Any] = []
    if nip:
        sql += " AND nip = ?"
        args.append(nip)
    if bulan:
        sql += " AND mulai <= ? AND sampai >= ?"
        args += [bulan + "-31", bulan + "-01"]
    return [dict(r) for r in conn.execute(sql + " ORDER BY mulai, nip, id", args)]


def people_info(conn: sqlite3.Connection, nips: Sequence[str] | None = None) -> dict[str, tuple[str, str]]:
    """nip -> (nama, unit path)."""
    where, args = _nip_filter(nips, "p.nip")
    return {
        nip: (nama, jalur)
        for nip, nama, jalur in _plain(conn).execute(
            f"SELECT p.nip, p.nama, u.jalur FROM pegawai p JOIN unit u ON u.id = p.unit_id WHERE 1=1{where}",
            args,
        )
    }


def not_checked_in(
    conn: sqlite3.Connection, tanggal: str, *, unit_ids: Sequence[int] | None, wfh: bool
) -> list[tuple[str, str, str, str]]:
    """(nip, nama, unit path, lokasi): on the roster that day, active, no standing status, and
    no check-in (typed or untyped punch) yet. `wfh` False leaves WFH days out."""
    where, args = "", []
    if unit_ids is not None:
        where += " AND p.unit_id IN (SELECT value FROM json_each(?))"
        args.append(json.dumps(list(unit_ids)))
    if not wfh:
        where += " AND j.lokasi = 'WFO'"
    return (
        _plain(conn)
        .execute(
            f"""SELECT j.nip, p.nama, u.jalur, j.lokasi
        FROM jadwal j JOIN pegawai p ON p.nip = j.nip JOIN unit u ON u.id = p.unit_id
        WHERE j.tanggal = ?1 AND p.aktif = 1{where}
          AND NOT EXISTS (SELECT 1 FROM status_hari s WHERE s.nip = j.nip
                          AND s.dicabut_pada IS NULL AND s.mulai <= ?1 AND s.sampai >= ?1)
          AND NOT EXISTS (SELECT 1 FROM presensi e WHERE e.tanggal = ?1 AND e.nip = j.nip
                          AND e.batal_pada IS NULL
                          AND (e.jenis IS NULL OR e.jenis = 'masuk'))
        ORDER BY u.jalur, p.nama""",
            [tanggal, *args],
        )
        .fetchall()
    )


# Month locks ------------------------------------------------------------------------------


_LOCK = "SELECT k.bulan, k.oleh, k.pada, r.sha256 FROM kunci k LEFT JOIN kunci_rekap r ON r.bulan = k.bulan"


def lock_row(conn: sqlite3.Connection, bulan: str) -> dict[str, Any] | None:
    """(bulan, oleh, pada, sha256) of a lock; sha256 None for a lock with no stored recap."""
    row = conn.execute(f"{_LOCK} WHERE k.bulan = ?", (bulan,)).fetchone()
    return dict(row) if row else None


def lock(conn: sqlite3.Connection, bulan: str, oleh: str, pada: str, rekap: str, sha256: str) -> None:
    conn.execute("INSERT INTO kunci (bulan, oleh, pada) VALUES (?, ?, ?)", (bulan, oleh, pada))
    conn.execute("INSERT INTO kunci_rekap (bulan, rekap, sha256) VALUES (?, ?, ?)", (bulan, rekap, sha256))


def locked_recap(conn: sqlite3.Connection, bulan: str) -> str | None:
    """The recap document stored by `rekap kunci` for a locked month, as stored."""
    row = conn.execute("SELECT rekap FROM kunci_rekap WHERE bulan = ?", (bulan,)).fetchone()
    return row[0] if row else None


def unlock(conn: sqlite3.Connection, bulan: str) -> None:
    conn.execute("DELETE FROM kunci_rekap WHERE bulan = ?", (bulan,))
    conn.execute("DELETE FROM kunci WHERE bulan = ?", (bulan,))


def locks(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(f"{_LOCK} ORDER BY k.bulan")]


# PINs an import could not map to anyone --------------------------------------------------


def note_unknown_pins(conn: sqlite3.Connection, counts: dict[tuple[str, str], int], pada: str) -> None:
    """Note (pin, bulan) -> punches one import saw. The count kept is the largest one import saw:
    the nightly cumulative file (examples/crontab) re-reads the same punches every night."""
    conn.executemany(
        "INSERT INTO pin_tak_dikenal (pin, bulan, jumlah, terakhir) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (pin, bulan) DO UPDATE SET jumlah = max(jumlah, excluded.jumlah), "
        "terakhir = excluded.terakhir",
        [(pin, bulan, n, pada) for (pin, bulan), n in counts.items()],
    )


def unknown_pins(conn: sqlite3.Connection, bulan: str) -> list[tuple[str, int]]:
    """(pin, punches) seen in a month that still map to nobody (a PIN given to someone since drops out)."""
    return (
        _plain(conn)
        .execute(
            "SELECT t.pin, t.jumlah FROM pin_tak_dikenal t WHERE t.bulan = ? "
            "AND NOT EXISTS (SELECT 1 FROM pegawai p WHERE p.pin_mesin = t.pin OR p.nip = t.pin) "
            "ORDER BY length(t.pin), t.pin",
            (bulan,),
        )
        .fetchall()
    )


# Events one by one (presensi daftar / hapus, the repeated check-in) ------------------------

_EVENT = (
    "SELECT id, nip, tanggal, waktu, jenis, mode, sumber, mesin, oleh, batal_pada, batal_oleh, batal_alasan"
)


def events_of(conn: sqlite3.Connection, nip: str, tanggal: str | None = None) -> list[dict[str, Any]]:
    """A person's events (voided ones too), by time."""
    sql = f"{_EVENT} FROM presensi WHERE nip = ?"
    args = [nip]
    if tanggal:
        sql = f"{_EVENT} FROM presensi WHERE tanggal = ? AND nip = ?"
        args = [tanggal, nip]
    return [dict(r) for r in conn.execute(sql + " ORDER BY waktu, id", args)]


def event(conn: sqlite3.Connection, event_id: int) -> dict[str, Any] | None:
    row = conn.execute(f"{_EVENT} FROM presensi WHERE id = ?", (event_id,)).fetchone()
    return dict(row) if row else None


def void_event(conn: sqlite3.Connection, event_id: int, pada: str, oleh: str, alasan: str) -> None:
    conn.execute(
        "UPDATE presensi SET batal_pada = ?, batal_oleh = ?, batal_alasan = ? WHERE id = ?",
        (pada, oleh, alasan, event_id),
    )


def same_manual(
    conn: sqlite3.Connection, nip: str, tanggal: str, jenis: str, mode: str, sumber: str = "manual"
) -> list[tuple[int, str]]:
    """(id, waktu) of the day's standing events of this kind, mode and source (manual, web)."""
    return conn.execute(
        "SELECT id, waktu FROM presensi WHERE tanggal = ? AND nip = ? AND jenis = ? AND mode = ? "
        f"AND sumber = ? AND {STANDING}",
        (tanggal, nip, jenis, mode, sumber),
    ).fetchall()


def set_status_period(conn: sqlite3.Connection, status_id: int, mulai: str, sampai: str) -> None:
    conn.execute("UPDATE status_hari SET mulai = ?, sampai = ? WHERE id = ?", (mulai, sampai, status_id))


def person_day_events(conn: sqlite3.Connection, nip: str, tanggal: str) -> list[dict[str, Any]]:
    """One person's events of one day, in time order (the employee's own "Hari ini")."""
    return [
        dict(r)
        for r in conn.execute(
            "SELECT id, waktu, jenis, mode, sumber, jarak_m, di_luar_radius FROM presensi "
            f"WHERE tanggal = ? AND nip = ? AND {STANDING} ORDER BY waktu, id",
            (tanggal, nip),
        )
    ]


def holiday_hint(conn: sqlite3.Connection, tanggal: str) -> str | None:
    """Why `tanggal` (a working weekday) is a holiday, from what is stored, without the national
    calendar (too heavy for one punch): a local holiday's name (`libur tambah`); else, inside the
    stored roster's span, a day without any roster cell (the roster skips holidays). None when
    neither says so, or when a local entry makes the day a working day again."""
    row = conn.execute("SELECT nama FROM libur WHERE tanggal = ?", (tanggal,)).fetchone()
    if row is not None:
        return row[0]  # None: a national holiday turned back into a working day
    gap = conn.execute(
        "SELECT (SELECT min(tanggal) FROM jadwal) <= ?1 AND (SELECT max(tanggal) FROM jadwal) >= ?1 "
        "AND NOT EXISTS (SELECT 1 FROM jadwal WHERE tanggal = ?1)",
        (tanggal,),
    ).fetchone()[0]
    return "tidak ada di jadwal: libur nasional atau cuti bersama" if gap else None
