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
    sql = "SELECT waktu, oleh, nip, aksi, sebelum, sesudah, alasan, sumber FROM audit WHERE 1=1"
    args: list[str] = []
    if nip:
        sql += " AND nip = ?"
        args.append(nip)
    if sejak:
        sql += " AND waktu >= ?"
        args.append(sejak)
    rows = conn.execute(sql + " ORDER BY id", args).fetchall()
    out = []
    for r in rows:
        d = dict(r)
        for k in ("sebelum", "sesudah"):
            d[k] = json.loads(d[k]) if d[k] is not None else None
        out.append(d)
    return out
