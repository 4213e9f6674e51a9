"""The ZKTeco ADMS push protocol's side that stores things: which machine may push, and its
ATTLOG lines stored exactly as `kerja presensi impor --format adms --mesin SN` stores a file of
them (the same service: idempotent, PINs of that machine first, source mesin, locked months
refused). The HTTP dialogue itself is kerja.web.adms."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from datetime import datetime

from ..domain.errors import KerjaError, NotAllowed, Refused
from . import mesin, presensi


def check_machine(conn: sqlite3.Connection, sn: str | None, *, now: datetime) -> str:
    """The serial number of a registered machine; an unknown one is noted (for `kerja mesin
    daftar --tak-dikenal`) and refused."""
    sn = (sn or "").strip()
    if not sn or len(sn) > 64 or any(not (c.isalnum() or c in "-_.") for c in sn):
        raise KerjaError("SN mesin tidak ada atau tidak sah.")
    if not mesin.machine_known(conn, sn):
        mesin.record_unknown_machine(conn, sn, now)
        raise NotAllowed(f"Mesin {sn} belum terdaftar; daftarkan dengan `kerja mesin tambah {sn} --unit U`.")
    return sn


def receive_attlog(conn: sqlite3.Connection, sn: str, body: bytes, *, now: datetime) -> int:
    """Store one ATTLOG push; returns the number of punch lines in it (the `OK: <n>` the machine
    expects). The lines go through `presensi.import_file` from a private temporary file."""
    lines = sum(1 for line in body.splitlines() if line.strip())
    if not lines:
        return 0
    fd, name = tempfile.mkstemp(prefix="kerja-adms-", suffix=".dat")  # 0600, the system's temp folder
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(body)
        summary = presensi.import_file(conn, name, oleh=f"mesin {sn}", now=now, fmt="adms", mesin=sn)
    finally:
        os.unlink(name)
    if summary.terkunci:
        # The import stored the rest and left these out (a locked month is frozen): the machine
        # is told so instead of "OK", as `presensi impor` exits 3 for them.
        raise Refused(
            f"{summary.terkunci} presensi di bulan yang sudah dikunci ({', '.join(summary.bulan_terkunci)}) "
            "tidak disimpan; buka bulannya dengan `kerja rekap buka` bila memang perlu dikoreksi."
        )
    return lines
