"""The signature block of printed files (rekap bulanan, jadwal cetak): each signer's full jabatan
and the place and date line, from the options, else the rule keys [tanda_tangan], else the
signer's stored jabatan, else the role's name."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date
from typing import Any

import typer

from . import params

OPT_TEMPAT: Any = typer.Option(
    None, "--tempat", help="Tempat di baris tanggal tanda tangan (bawaan: aturan tanda_tangan.tempat)."
)
OPT_TANGGAL_TTD: Any = params.date_option(
    "--tanggal-ttd", "Tanggal tanda tangan YYYY-MM-DD (tanpa ini: bertitik untuk diisi tangan)."
)


def signature_block(
    conn: sqlite3.Connection,
    month: str,
    roles: Sequence[tuple[str, str, str | None]],
    *,
    tempat: str | None,
    tanggal: date | None,
) -> tuple[list[Any], str | None]:
    """(signers, place and date line) for (role name, rule key suffix, NIP or None) each."""
    from ..domain.names import full_name_of
    from ..io.export import Signer, place_date_line
    from ..services.pegawai import get
    from ..store import institution

    keys = institution.rules_for_month(conn, month).get("tanda_tangan", {})
    out = []
    for role, key, nip in roles:
        jabatan = (keys.get(f"jabatan_{key}") or "").strip()
        if not nip:
            out.append(Signer(jabatan or role))
            continue
        r = get(conn, nip)
        out.append(Signer(jabatan or (r.get("jabatan") or "").strip() or role, full_name_of(r), r["nip"]))
    place = (tempat if tempat is not None else keys.get("tempat", "")).strip()
    return out, place_date_line(place or None, tanggal) if (place or tanggal) else None
