"""The month lock (`rekap kunci` / `rekap buka` / `rekap periksa`): once finance has the recap, a
month's presence, statuses, roster and activities must not move, and neither may its result.

Every writer calls store.institution.ensure_unlocked inside its transaction. Locking first lists
what will be wrong forever (domain.lock.findings) and refuses unless forced; then it stores the
month's recap document, exactly the text `rekap bulanan --format json` prints, and its SHA-256.
A locked month's recap is that stored text from then on (services.rekap.locked_recap)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .. import clock
from ..domain import lock as rules
from ..domain.errors import KerjaError
from ..domain.zones import shown
from ..io.export import recap_json
from ..store import activities as activities_store
from ..store import audit
from ..store import institution as institution_store
from ..store import presence as store
from ..store import roster as roster_store
from ..store.db import transaction


class LockRefused(KerjaError):
    """`rekap kunci` without --paksa found things that would stay wrong forever."""

    def __init__(self, bulan: str, found: list[dict[str, Any]]):
        self.findings = found
        lines = [f"Bulan {bulan} belum dikunci; yang akan salah selamanya bila dikunci sekarang:"]
        lines += [f"  - {f['pesan']}" for f in found]
        lines.append(
            f"Perbaiki dulu, atau kunci juga dengan `kerja rekap kunci --bulan {bulan} --paksa` "
            "(daftar ini dicatat di log audit)."
        )
        super().__init__("\n".join(lines))


@dataclass
class Locked:
    bulan: str
    oleh: str
    pada: str
    sha256: str
    pegawai: int
    tpp_total: int
    temuan: list[dict[str, Any]] = field(default_factory=list)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _findings(conn: sqlite3.Connection, bulan: str, recap: dict[str, Any]) -> list[dict[str, Any]]:
    from ..domain.months import month_bounds
    from .kalender import working_days

    start, end = month_bounds(bulan)
    s, e = start.isoformat(), end.isoformat()
    have = {d.isoformat() for d in roster_store.stored_days(conn, start, end)}
    return rules.findings(
        pending=activities_store.pending(conn, s, e),
        days_without_roster=[
            d.isoformat() for d in working_days(conn, start, end) if d.isoformat() not in have
        ],
        unsupervised=activities_store.unsupervised(conn, s, e),
        recap_rows=recap["pegawai"],
        unknown_pins=store.unknown_pins(conn, bulan),
    )


def lock(
    conn: sqlite3.Connection,
    bulan: str,
    *,
    oleh: str,
    now: datetime,
    paksa: bool = False,
) -> Locked:
    """Lock a month and store its recap. The recap is computed inside the write transaction, so
    what is stored is exactly the state the lock freezes (writers wait for it: a province recap
    takes seconds)."""
    from .rekap import monthly_recap

    pada = clock.stamp(now)
    with transaction(conn):
        old = store.lock_row(conn, bulan)
        if old:
            raise KerjaError(
                f"Bulan {bulan} sudah dikunci oleh {old['oleh']} pada "
                f"{shown(old['pada'], institution_store.zona(conn))}."
            )
        recap = monthly_recap(conn, bulan, now=now)
        found = _findings(conn, bulan, recap)
        if found and not paksa:
            raise LockRefused(bulan, found)
        text = recap_json(recap)
        digest = sha256(text)
        store.lock(conn, bulan, oleh, pada, text, digest)
        audit.record(
            conn,
            oleh=oleh,
            aksi="rekap.kunci",
            sesudah={
                "bulan": bulan,
                "oleh": oleh,
                "pada": pada,
                "sha256": digest,
                "pegawai": len(recap["pegawai"]),
                "tpp_total": recap["total"]["tpp_total"],
                "temuan": found,
            },
            alasan="dikunci dengan --paksa" if found else None,
        )
    return Locked(bulan, oleh, pada, digest, len(recap["pegawai"]), recap["total"]["tpp_total"], found)


def unlock(conn: sqlite3.Connection, bulan: str, alasan: str, *, oleh: str) -> dict[str, Any]:
    """Reopen a month; the recap it had stored goes into the audit trail, whole."""
    if not alasan.strip():
        raise KerjaError("Alasan wajib diisi untuk membuka bulan yang terkunci.")
    with transaction(conn):
        old = store.lock_row(conn, bulan)
        if old is None:
            raise KerjaError(f"Bulan {bulan} tidak sedang dikunci.")
        sebelum = {**old, "rekap": store.locked_recap(conn, bulan)}
        store.unlock(conn, bulan)
        audit.record(conn, oleh=oleh, aksi="rekap.buka", sebelum=sebelum, alasan=alasan.strip())
    return old


def locks(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every lock: bulan, oleh, pada, sha256 (None for a lock made before recaps were stored)."""
    return store.locks(conn)


@dataclass
class Check:
    bulan: str
    sha256: str
    sama: bool
    perbedaan: list[str]


def check(conn: sqlite3.Connection, bulan: str, *, now: datetime | None = None) -> Check:
    """Recompute a locked month from today's data and compare it with the recap stored at the
    lock (`rekap periksa`); nothing is written."""
    from .rekap import monthly_recap

    text = store.locked_recap(conn, bulan)
    if text is None:
        if store.lock_row(conn, bulan) is None:
            raise KerjaError(
                f"Bulan {bulan} tidak sedang dikunci; tidak ada rekap tersimpan untuk diperiksa."
            )
        raise KerjaError(
            f"Bulan {bulan} dikunci oleh versi kerja lama tanpa rekap tersimpan; tidak ada pembanding."
        )
    current = recap_json(monthly_recap(conn, bulan, now=now, live=True))
    if current == text:
        return Check(bulan, sha256(text), True, [])
    diff = rules.differences(json.loads(text), json.loads(current))
    return Check(bulan, sha256(text), False, diff or ["Teks JSON berbeda (urutan atau format)."])
