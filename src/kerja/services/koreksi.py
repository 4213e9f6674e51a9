"""Undo for the mistakes clerks make most (issue 10 item 6): a wrong check-in voided, a status
made longer or shorter, a condition ended or removed. Each is one transaction, audited with its
reason, and refused when it would change a day of a locked month. (Activities: services.kinerja
`edit` and `withdraw`.)"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from typing import Any

from .. import clock
from ..domain.corrections import changed_spans
from ..domain.errors import KerjaError
from ..store import audit, institution
from ..store import conditions as conditions_store
from ..store import presence as store
from ..store.db import transaction


def _stamp(now: datetime | None) -> str:
    return (now or clock.now()).astimezone().isoformat(timespec="seconds")


def _months(lo: date, hi: date) -> list[str]:
    out: list[str] = []
    y, m = lo.year, lo.month
    while (y, m) <= (hi.year, hi.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def ensure_spans_unlocked(conn: sqlite3.Connection, spans: list[tuple[date, date | None]], what: str) -> None:
    """Refuse (naming the lock) when a span touches a locked month; an open end reaches every
    later locked month."""
    months: set[str] = set()
    locked = institution.locked_months(conn)
    for lo, hi in spans:
        if hi is None:
            months |= {m for m in locked if m >= lo.isoformat()[:7]}
        elif lo <= hi:
            months |= set(_months(lo, hi))
    institution.ensure_unlocked(conn, months, what)


def _reason(alasan: str | None, what: str) -> str:
    text = (alasan or "").strip()
    if not text:
        raise KerjaError(f"--alasan wajib diisi untuk {what} (dicatat di log audit).")
    return text


# Presence events ---------------------------------------------------------------------------


def list_events(conn: sqlite3.Connection, nip: str, tanggal: date | None = None) -> list[dict[str, Any]]:
    """A person's stored events, void ones included, in the SPEC §12 shape (plus why void)."""
    from ..store import employees as employees_store

    employees_store.get(conn, nip)  # a clear error for an unknown NIP
    return [
        {
            "id": e["id"],
            "waktu": e["waktu"],
            "jenis": e["jenis"],
            "mode": e["mode"],
            "sumber": e["sumber"],
            "mesin": e["mesin"],
            "batal": e["batal_pada"] is not None,
            "batal_alasan": e["batal_alasan"],
        }
        for e in store.events_of(conn, nip, tanggal.isoformat() if tanggal else None)
    ]


def void_event(
    conn: sqlite3.Connection, event_id: int, alasan: str, *, oleh: str, now: datetime | None = None
) -> dict[str, Any]:
    """Void a wrong check-in/out or punch: kept, marked void, left out of every day status."""
    why = _reason(alasan, "membatalkan presensi")
    with transaction(conn):
        e = store.event(conn, event_id)
        if e is None:
            raise KerjaError(
                f"Presensi dengan id {event_id} tidak ada. Lihat id-nya dengan `kerja presensi daftar NIP`."
            )
        if e["batal_pada"]:
            raise KerjaError(
                f"Presensi id {event_id} sudah dibatalkan pada {e['batal_pada'][:16]} ({e['batal_alasan']})."
            )
        institution.ensure_unlocked(conn, [e["tanggal"][:7]], "presensi")
        pada = _stamp(now)
        store.void_event(conn, event_id, pada, oleh, why)
        audit.record(
            conn,
            oleh=oleh,
            aksi="presensi.hapus",
            nip=e["nip"],
            sebelum={k: e[k] for k in ("id", "waktu", "jenis", "mode", "sumber", "mesin")},
            sesudah={"batal_pada": pada},
            alasan=why,
        )
    e.update(batal_pada=pada, batal_oleh=oleh, batal_alasan=why)
    return e


# Declared statuses -------------------------------------------------------------------------


def change_status(
    conn: sqlite3.Connection,
    status_id: int,
    *,
    mulai: date | None,
    sampai: date | None,
    alasan: str,
    oleh: str,
) -> dict[str, Any]:
    """Extend or shorten a declared status (new start and/or end). The days it gains or loses
    must not be in a locked month, and the new period must not overlap another status."""
    from .kalender import Calendars

    why = _reason(alasan, "mengubah status")
    if mulai is None and sampai is None:
        raise KerjaError("Beri --mulai dan/atau --sampai yang baru.")
    with transaction(conn):
        row = store.get_status(conn, status_id)
        if row is None:
            raise KerjaError(
                f"Status dengan id {status_id} tidak ada. Lihat id-nya dengan `kerja presensi status-daftar`."
            )
        if row["dicabut_pada"]:
            raise KerjaError(f"Status id {status_id} sudah dicabut; catat status baru bila perlu.")
        old = (date.fromisoformat(row["mulai"]), date.fromisoformat(row["sampai"]))
        new = (mulai or old[0], sampai or old[1])
        if new[1] < new[0]:
            raise KerjaError(f"--sampai {new[1]} lebih awal dari mulai {new[0]}.")
        if new == old:
            raise KerjaError(f"Status id {status_id} sudah {old[0]} s.d. {old[1]}; tidak ada yang diubah.")
        if not Calendars(conn).person_days(row["nip"], new[0], new[1]):
            raise KerjaError(f"{new[0]} sampai {new[1]} tidak memuat hari kerja; cabut saja statusnya.")
        ensure_spans_unlocked(conn, changed_spans(old, new), "status presensi")
        clash = [
            c
            for c in store.overlapping_statuses(conn, row["nip"], new[0].isoformat(), new[1].isoformat())
            if c["id"] != status_id
        ]
        if clash:
            c = clash[0]
            raise KerjaError(
                f"{row['nip']} sudah berstatus {c['kode']} (id {c['id']}) {c['mulai']} s.d. {c['sampai']}, "
                f"bertumpang tindih dengan {new[0]} s.d. {new[1]}."
            )
        store.set_status_period(conn, status_id, new[0].isoformat(), new[1].isoformat())
        audit.record(
            conn,
            oleh=oleh,
            aksi="status.ubah",
            nip=row["nip"],
            sebelum={"id": status_id, "kode": row["kode"], "mulai": row["mulai"], "sampai": row["sampai"]},
            sesudah={
                "id": status_id,
                "kode": row["kode"],
                "mulai": new[0].isoformat(),
                "sampai": new[1].isoformat(),
            },
            alasan=why,
        )
    row.update(mulai=new[0].isoformat(), sampai=new[1].isoformat())
    row["hari_kerja"] = len(Calendars(conn).person_days(row["nip"], new[0], new[1]))
    return row


# Conditions (kondisi) ----------------------------------------------------------------------


def _condition(conn: sqlite3.Connection, kondisi_id: int) -> dict[str, Any]:
    row = conditions_store.get(conn, kondisi_id)
    if row is None:
        raise KerjaError(
            f"Kondisi dengan id {kondisi_id} tidak ada. Lihat id-nya dengan `kerja kondisi daftar`."
        )
    return row


def _period(row: dict[str, Any]) -> tuple[date, date | None]:
    return date.fromisoformat(row["mulai"]), date.fromisoformat(row["sampai"]) if row["sampai"] else None


def end_condition(
    conn: sqlite3.Connection, kondisi_id: int, sampai: date, *, alasan: str | None, oleh: str
) -> dict[str, Any]:
    """Give a condition (e.g. an open-ended ODP) its last day."""
    with transaction(conn):
        row = _condition(conn, kondisi_id)
        old = _period(row)
        if sampai < old[0]:
            raise KerjaError(
                f"--sampai {sampai} lebih awal dari mulai kondisi {old[0]}; hapus saja dengan "
                f"`kerja kondisi hapus {kondisi_id} --alasan ...`."
            )
        if old[1] == sampai:
            raise KerjaError(f"Kondisi id {kondisi_id} sudah berakhir {sampai}.")
        ensure_spans_unlocked(conn, changed_spans(old, (old[0], sampai)), "kondisi pegawai")
        conditions_store.end(conn, kondisi_id, sampai)
        audit.record(
            conn,
            oleh=oleh,
            aksi="kondisi.akhiri",
            nip=row["nip"],
            sebelum={"id": kondisi_id, "jenis": row["jenis"], "mulai": row["mulai"], "sampai": row["sampai"]},
            sesudah={
                "id": kondisi_id,
                "jenis": row["jenis"],
                "mulai": row["mulai"],
                "sampai": sampai.isoformat(),
            },
            alasan=(alasan or "").strip() or None,
        )
    row["sampai"] = sampai.isoformat()
    return row


def delete_condition(conn: sqlite3.Connection, kondisi_id: int, alasan: str, *, oleh: str) -> dict[str, Any]:
    """Remove a condition entered by mistake; the audit keeps the whole of it."""
    why = _reason(alasan, "menghapus kondisi")
    with transaction(conn):
        row = _condition(conn, kondisi_id)
        ensure_spans_unlocked(conn, changed_spans(_period(row), None), "kondisi pegawai")
        conditions_store.delete(conn, kondisi_id)
        audit.record(conn, oleh=oleh, aksi="kondisi.hapus", nip=row["nip"], sebelum=row, alasan=why)
    return row
