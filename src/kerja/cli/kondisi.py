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


@app.command()
def akhiri(
    kondisi_id: int = typer.Argument(..., help="Id kondisi (lihat `kerja kondisi daftar`)."),
    sampai: date = params.date_option("--sampai", "Hari terakhir kondisi itu YYYY-MM-DD.", ...),
    alasan: str | None = typer.Option(None, "--alasan", help="Keterangan (dicatat di log audit)."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Beri kondisi (mis. ODP tanpa tanggal akhir) hari terakhirnya. Ditolak bila hari yang
    berubah jatuh di bulan yang dikunci.

    Contoh: [bold]kerja kondisi akhiri 3 --sampai 2021-02-14 --alasan "hasil tes negatif"[/bold]
    """
    from ..services.koreksi import end_condition

    d = sampai
    row = end_condition(open_db(), kondisi_id, d, alasan=alasan, oleh=actor(oleh))
    print(f"Kondisi {row['jenis']} {row['nip']} (id {kondisi_id}) kini {row['mulai']} s.d. {row['sampai']}.")


@app.command()
def hapus(
    kondisi_id: int = typer.Argument(..., help="Id kondisi (lihat `kerja kondisi daftar`)."),
    alasan: str = typer.Option(..., "--alasan", help="Mengapa dihapus (dicatat di log audit)."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Hapus kondisi yang salah dicatat (isinya tetap ada di log audit). Ditolak bila kondisinya
    mengenai bulan yang dikunci.

    Contoh: [bold]kerja kondisi hapus 3 --alasan "salah pegawai"[/bold]
    """
    from ..services.koreksi import delete_condition

    row = delete_condition(open_db(), kondisi_id, alasan, oleh=actor(oleh))
    print(f"Kondisi {row['jenis']} {row['nip']} (id {kondisi_id}) dihapus.")
