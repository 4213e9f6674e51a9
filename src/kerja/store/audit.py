"""The append-only audit log (triggers refuse UPDATE and DELETE)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from contextvars import ContextVar
from typing import Any

from ..clock import now_iso

# Where a change came from: None for the command line, "web" for `kerja layan` (set per request
# by kerja.web), "mesin" for an ADMS push. A context variable, so every service's audit entries
# carry it without each service passing it along.
SUMBER: ContextVar[str | None] = ContextVar("kerja_audit_sumber", default=None)


# One row per employee import, nip NULL: the file's name and SHA-256 and the NIPs it added (the
# changed and inactivated people keep a row each, with their old and new values). Read back per
# person by `entries(nip=...)` as a `pegawai.tambah` entry. See docs/audit.md.
IMPORT = "pegawai.impor"
ADDED = "pegawai.tambah"

# One encoder for every entry: json.dumps with these options builds a new one per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str)


def _dump(value: Any) -> str | None:
    if value is None:
        return None
    return _ENCODER.encode(value)


def record(
    conn: sqlite3.Connection,
    *,
    oleh: str,
    aksi: str,
    nip: str | None = None,
    sebelum: Any = None,
    sesudah: Any = None,
    alasan: str | None = None,
) -> None:
    record_many(conn, oleh, [(nip, aksi, sebelum, sesudah, alasan)])


def record_many(
    conn: sqlite3.Connection,
    oleh: str,
    entries: Iterable[tuple[str | None, str, Any, Any, str | None]],
) -> int:
    """(nip, aksi, sebelum, sesudah, alasan) entries, all stamped with one time."""
    waktu = now_iso()
    sumber = SUMBER.get()
    cur = conn.executemany(
        "INSERT INTO audit (waktu, oleh, nip, aksi, sebelum, sesudah, alasan, sumber) "
        "VALUES (?,?,?,?,?,?,?,?)",
        ((waktu, oleh, nip, aksi, _dump(a), _dump(b), alasan, sumber) for nip, aksi, a, b, alasan in entries),
    )
    return cur.rowcount


def entries(
    conn: sqlite3.Connection, *, nip: str | None = None, sejak: str | None = None
) -> list[dict[str, Any]]:
    """The log, oldest first. With `nip`, that person's entries, and for each import that added
    them a `pegawai.tambah` entry with the record as added (see `_as_added`)."""
    cols = "id, waktu, oleh, nip, aksi, sebelum, sesudah, alasan, sumber"
    since = " AND waktu >= ?2" if sejak else ""
    if nip:
        # The NIP as a JSON string inside an import row's list: instr finds the candidates without
        # parsing the lists; each is then checked exactly.
        sql = (
            f"SELECT {cols} FROM audit WHERE nip = ?1{since} UNION ALL "
            f"SELECT {cols} FROM audit WHERE aksi = '{IMPORT}' AND nip IS NULL "
            f"AND instr(sesudah, '\"' || ?1 || '\"') > 0{since} ORDER BY id"
        )
        rows = conn.execute(sql, (nip, sejak) if sejak else (nip,)).fetchall()
    else:
        sql = f"SELECT {cols} FROM audit WHERE 1=1{' AND waktu >= ?1' if sejak else ''} ORDER BY id"
        rows = conn.execute(sql, (sejak,) if sejak else ()).fetchall()
    out = []
    for r in rows:
        d = dict(r)
        for k in ("sebelum", "sesudah"):
            d[k] = json.loads(d[k]) if d[k] is not None else None
        if nip and d["aksi"] == IMPORT and d["nip"] is None:
            if nip not in (d["sesudah"] or {}).get("ditambah", ()):
                continue
            d.update(nip=nip, aksi=ADDED, sesudah=_as_added(conn, nip, d["id"]))
        del d["id"]
        out.append(d)
    return out


def _as_added(conn: sqlite3.Connection, nip: str, import_id: int) -> dict[str, Any] | None:
    """The person's record as the import `import_id` added it: the stored record with every later
    audited change undone (each `pegawai.ubah` / `pegawai.nonaktif` keeps the old values of what
    it changed), newest first. The unit is named by its path today. None if no longer stored."""
    from ..domain.employees import FIELDS

    row = conn.execute(
        "SELECT p.*, u.jalur AS unit FROM pegawai p JOIN unit u ON u.id = p.unit_id WHERE p.nip = ?",
        (nip,),
    ).fetchone()
    if row is None:
        return None
    rec = {k: row[k] for k in FIELDS}
    later = conn.execute(
        "SELECT sebelum FROM audit WHERE nip = ? AND id > ? AND aksi IN ('pegawai.ubah', 'pegawai.nonaktif') "
        "AND sebelum IS NOT NULL ORDER BY id DESC",
        (nip, import_id),
    ).fetchall()
    for (before,) in later:
        old = json.loads(before)
        if isinstance(old, dict):
            rec.update({k: v for k, v in old.items() if k in rec})
    return dict(sorted(rec.items()))  # as the per-person rows of older imports were written
