"""kerja kondisi: dated conditions that a circular's mandatory-WFH rules read."""

from __future__ import annotations

from datetime import date

import typer

from . import params
from .base import OPT_JSON, OPT_OLEH, App, actor, now, open_db

app = App(help="Kondisi pegawai (hamil, menyusui, komorbid, odp, pdp, positif, kontak-erat, perjalanan).")


@app.command()
def tambah(
    nip: str = params.nip_argument(),
    jenis: str = params.option(..., "--jenis", type=params.CONDITION, help="Jenis kondisi."),
    mulai: date | None = params.date_option("--mulai", "Berlaku sejak (bawaan: hari ini)."),
    sampai: date | None = params.date_option(
        "--sampai", "Berlaku sampai (kosong: terbuka). Perjalanan: tanggal kembali."
    ),
    keterangan: str | None = typer.Option(None, "--keterangan", help="Catatan, mis. nomor surat dokter."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Catat kondisi pegawai; aturan WFH wajib kebijakan membacanya per hari.

    Contoh: [bold]kerja kondisi tambah 198503302010012003 --jenis hamil --mulai 2021-01-04[/bold]
    """
    from ..services.kalender import add_condition

    n = nip
    kid = add_condition(
        open_db(),
        n,
        jenis,
        mulai,
        sampai,
        keterangan,
        actor(oleh),
        now=now(),
    )
    print(f"Kondisi #{kid} ({jenis.strip().lower()}) untuk {n} dicatat.")


@app.command()
def daftar(
    tanggal: date | None = params.date_option("--tanggal", "Hanya yang berlaku pada tanggal ini."),
    as_json: bool = OPT_JSON,
) -> None:
    """Daftar kondisi pegawai (semua, atau yang berlaku pada --tanggal).

    Contoh: [bold]kerja kondisi daftar --tanggal 2021-02-01 --json[/bold]
    """
    from ..services.kalender import condition_list
    from . import render

    rows = condition_list(open_db(), tanggal)
    if as_json:
        keys = ("id", "nip", "nama", "unit", "jenis", "mulai", "sampai", "keterangan", "oleh", "dicatat_pada")
        render.emit_json([{k: r[k] for k in keys} for r in rows])
        return
    render.table(
        f"{len(rows)} kondisi",
        ["#", "NIP", "Nama", "Jenis", "Mulai", "Sampai", "Keterangan"],
        (
            [
                r["id"],
                r["nip"],
                r["nama"],
                r["jenis"],
                r["mulai"],
                r["sampai"] or "(terbuka)",
                r["keterangan"],
            ]
            for r in rows
        ),
    )
