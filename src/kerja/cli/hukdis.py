"""kerja hukdis: disciplinary sanctions (PP 94/2021) that cut the TPP for their months."""

from __future__ import annotations

from datetime import date

import typer

from . import params
from .base import OPT_JSON, OPT_OLEH, App, actor, now, open_db

app = App(help="Hukuman disiplin (PP 94/2021): catat dan daftar; memotong TPP selama bulan-bulannya.")

JENIS_HELP = (
    "Jenis: teguran-lisan, teguran-tertulis, tidak-puas, potong-tpp-6, potong-tpp-9, potong-tpp-12, "
    "turun-jabatan, pelaksana, pemberhentian."
)


@app.command()
def tambah(
    nip: str = params.nip_argument("NIP pegawai yang dihukum."),
    jenis: str = typer.Option(..., "--jenis", help=JENIS_HELP),
    mulai: date = params.date_option("--mulai", "Tanggal mulai berlaku (SK), YYYY-MM-DD.", default=...),
    keterangan: str | None = typer.Option(None, "--keterangan", help="Nomor SK atau catatan."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Catat hukuman disiplin dari SK-nya; potong-tpp-6/9/12 memotong TPP 25% (aturan
    disiplin.potongan_hukdis) selama 6/9/12 bulan mulai bulan --mulai, terlihat di rekap rincian.

    Contoh: [bold]kerja hukdis tambah 197508172000031002 --jenis potong-tpp-6 --mulai 2021-03-01
    --keterangan "SK Bupati 800/12/2021"[/bold]
    """
    from ..services import hukdis

    row = hukdis.add(
        open_db(),
        nip,
        jenis=jenis.strip().lower(),
        mulai=mulai,
        keterangan=keterangan,
        oleh=actor(oleh),
        now=now(),
    )
    months = row["bulan_potong"]
    span = f"TPP dipotong {months[0]} s.d. {months[-1]}" if months else "tidak memotong TPP"
    print(f"Hukuman #{row['id']} {row['jenis']} untuk {row['nip']} ({row['nama']}) dicatat; {span}.")


@app.command()
def daftar(
    nip: str | None = params.nip_option("--nip", "Hanya pegawai ini."),
    as_json: bool = OPT_JSON,
) -> None:
    """Daftar hukuman disiplin yang tercatat, dengan bulan-bulan potongan TPP-nya.

    Contoh: [bold]kerja hukdis daftar --json[/bold]
    """
    from ..services import hukdis
    from . import render

    rows = hukdis.listing(open_db(), nip)
    if as_json:
        render.emit_json(rows)
        return
    if not rows:
        print("Belum ada hukuman disiplin yang tercatat.")
        return
    for r in rows:
        months = r["bulan_potong"]
        span = f"{months[0]} s.d. {months[-1]}" if months else "tanpa potongan TPP"
        print(
            f"#{r['id']} {r['nip']} {r['jenis']} mulai {r['mulai']} ({span}) {r['keterangan'] or ''}".rstrip()
        )
