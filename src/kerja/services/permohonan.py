"""Employees' requests: a correction of their own presence or a declared status day, with an
optional attachment, decided by their supervisor. An approved request becomes exactly the record
the clerk's own command makes (`presensi masuk/pulang --waktu --oleh`, `presensi status`), in the
same transaction as the decision."""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain import requests as dom
from ..domain import zones
from ..domain.activities import below, check_validator, may_validate
from ..domain.errors import KerjaError, NotFound, Refused
from ..store import audit, institution
from ..store import employees as employees_store
from ..store import presence as presence_store
from ..store import requests as store
from ..store.db import store_path, transaction
from . import local_time, presensi

# The stored fields of a request as the API shows them.
PUBLIC = (
    "id",
    "nip",
    "nama",
    "jenis",
    "tanggal",
    "sampai",
    "kode",
    "masuk",
    "pulang",
    "mode",
    "alasan",
    "status",
    "diajukan_pada",
    "diputus_oleh",
    "diputus_pada",
    "alasan_putusan",
    "hasil",
)


def attachment_dir(conn: sqlite3.Connection) -> Path:
    """Attachments live beside the store, never inside it: `<db file>.lampiran/`."""
    db = store_path(conn)
    return db.with_name(db.name + ".lampiran")


def public(row: Mapping[str, Any]) -> dict[str, Any]:
    out = {k: row.get(k) for k in PUBLIC}
    out["lampiran"] = bool(row.get("lampiran"))
    return out


def _today(conn: sqlite3.Connection, nip: str, now: datetime) -> Any:
    if presence_store.employee_for_event(conn, nip) is None:
        raise NotFound(f"Pegawai dengan NIP {nip} tidak ditemukan.")
    return zones.local_today(now, local_time.employee_zone(conn, nip))


def submit(
    conn: sqlite3.Connection,
    nip: str,
    data: Mapping[str, Any],
    *,
    lampiran: bytes | None = None,
    now: datetime,
) -> dict[str, Any]:
    """An employee's own request. A locked month refuses it at once (and again at the decision)."""
    kind = dom.attachment_kind(lampiran[:8], len(lampiran)) if lampiran else None
    with transaction(conn):
        emp = employees_store.get(conn, nip)
        if not emp["aktif"]:
            raise KerjaError(f"Pegawai {nip} nonaktif; permohonan tidak dicatat.")
        req = dom.parse_request(data, _today(conn, nip, now))
        institution.ensure_unlocked(conn, req.months(), "presensi")
        row = {
            "nip": nip,
            "jenis": req.jenis,
            "tanggal": req.tanggal.isoformat(),
            "sampai": req.sampai.isoformat() if req.sampai else None,
            "kode": req.kode,
            "masuk": f"{req.masuk:%H:%M}" if req.masuk else None,
            "pulang": f"{req.pulang:%H:%M}" if req.pulang else None,
            "mode": req.mode,
            "alasan": req.alasan,
            "status": "menunggu",
            "diajukan_pada": now.isoformat(timespec="seconds"),
        }
        rid = store.insert(conn, row)
        if lampiran and kind:
            folder = attachment_dir(conn)
            folder.mkdir(mode=0o700, exist_ok=True)
            name = f"{rid}-{secrets.token_hex(8)}.{kind}"
            tmp = folder / (name + ".sebagian")
            fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(lampiran)
                os.replace(tmp, folder / name)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
            store.set_attachment(conn, rid, name)
        audit.record(conn, oleh=nip, aksi="permohonan.ajukan", nip=nip, sesudah={"id": rid, **row})
        out = store.get(conn, rid)
    assert out is not None
    return public(out)


def listing(
    conn: sqlite3.Connection, *, nip: str | None = None, pemutus: str | None = None, menunggu: bool = False
) -> list[dict[str, Any]]:
    """All requests (the clerk), or one person's own, or those a supervisor may decide (their
    whole chain below them on the request's date, as `decide` checks), or both at once when nip
    and pemutus name the same person."""
    nips: set[str] | None = None
    if nip is not None or pemutus is not None:
        nips = set()
        if nip is not None:
            nips.add(nip)
        if pemutus is not None:
            nips |= below(pemutus, employees_store.supervisor_links(conn), all_levels=True)
    rows = store.listing(conn, nips=nips, menunggu=menunggu)
    if pemutus is not None and rows:
        bosses = employees_store.supervisors_on(conn, (r["tanggal"] for r in rows))
        rows = [
            r
            for r in rows
            if (nip is not None and r["nip"] == nip) or may_validate(pemutus, r["nip"], bosses[r["tanggal"]])
        ]
    return [public(r) for r in rows]


def _chain_on(conn: sqlite3.Connection, row: Mapping[str, Any]) -> Mapping[str, str | None]:
    """The supervisors in force on the request's (first) day: who may decide it."""
    return employees_store.supervisors_on(conn, [row["tanggal"]])[row["tanggal"]]


def attachment(conn: sqlite3.Connection, request_id: int, *, viewer: str) -> tuple[Path, str]:
    """(file, content type) of a request's attachment, for its owner or someone who may decide it."""
    row = store.get(conn, request_id)
    if row is None or not row["lampiran"]:
        raise NotFound(f"Permohonan #{request_id} tidak punya lampiran.")
    if viewer != row["nip"]:
        check_validator(viewer, row["nip"], _chain_on(conn, row))
    kind = row["lampiran"].rsplit(".", 1)[-1]
    return attachment_dir(conn) / row["lampiran"], dom.CONTENT_TYPES[kind]


def decide(
    conn: sqlite3.Connection,
    request_id: int,
    *,
    oleh: str,
    setuju: bool,
    alasan: str | None,
    now: datetime,
) -> dict[str, Any]:
    """The supervisor's decision. Approval records what the request asks through the clerk's
    own services, with `oleh` the approver and the audit naming the requester; all of it or nothing."""
    alasan = (alasan or "").strip() or None
    if not setuju and not alasan:
        raise KerjaError("Penolakan wajib memberi alasan.")
    with transaction(conn):
        row = store.get(conn, request_id)
        if row is None:
            raise NotFound(f"Permohonan #{request_id} tidak ada.")
        check_validator(oleh, row["nip"], _chain_on(conn, row))
        if row["status"] != "menunggu":
            raise Refused(
                f"Permohonan #{request_id} sudah {row['status']} oleh {row['diputus_oleh']} pada "
                f"{(row['diputus_pada'] or '')[:16]}."
            )
        req = dom.parse_request(
            {k: row[k] for k in ("jenis", "tanggal", "sampai", "kode", "masuk", "pulang", "mode", "alasan")},
            _today(conn, row["nip"], now),
        )
        institution.ensure_unlocked(conn, req.months(), "presensi")
        why = f"permohonan #{request_id} dari {row['nip']}, disetujui {oleh}: {req.alasan}"
        hasil: dict[str, Any] | None = None
        if setuju and req.jenis == "koreksi":
            hasil = {"presensi": []}
            for jenis, jam in (("masuk", req.masuk), ("pulang", req.pulang)):
                if jam is not None:
                    rec = presensi.record(
                        conn,
                        row["nip"],
                        jenis,
                        oleh=oleh,
                        pengguna=oleh,
                        now=now,
                        waktu=datetime.combine(req.tanggal, jam),
                        mode=req.mode,
                        alasan=why,
                    )
                    hasil["presensi"].append(rec.id)
        elif setuju:
            assert req.kode is not None
            st = presensi.declare_status(
                conn,
                row["nip"],
                req.kode,
                req.tanggal,
                req.sampai,
                f"{req.alasan} (permohonan #{request_id})",
                oleh=oleh,
                now=now,
            )
            hasil = {"status": st["id"]}
        status = "disetujui" if setuju else "ditolak"
        pada = now.isoformat(timespec="seconds")
        store.decide(conn, request_id, status=status, oleh=oleh, pada=pada, alasan=alasan, hasil=hasil)
        audit.record(
            conn,
            oleh=oleh,
            aksi=f"permohonan.{'setujui' if setuju else 'tolak'}",
            nip=row["nip"],
            sebelum={"id": request_id, "status": "menunggu", "diajukan_oleh": row["nip"]},
            sesudah={"id": request_id, "status": status, "diputus_oleh": oleh, "hasil": hasil},
            alasan=alasan or why,
        )
        out = store.get(conn, request_id)
    assert out is not None
    return public(out)
