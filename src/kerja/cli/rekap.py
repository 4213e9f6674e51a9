"""kerja rekap: the monthly recap group. This module holds the month lock (`kunci`, `buka`);
the recap commands (`bulanan`, `rincian`) join it later."""

from __future__ import annotations

import typer

from .base import OPT_JSON, OPT_OLEH, App, actor, month_arg, open_db

app = App(help="Rekap bulanan TPP dan kunci bulan.")


@app.command()
def kunci(
    bulan: str = typer.Option(..., "--bulan", help="Bulan YYYY-MM."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Kunci bulan: presensi, status, jadwal dan kinerja bulan itu tidak bisa diubah lagi.

    Contoh: [bold]kerja rekap kunci --bulan 2021-02 --oleh 196801011990031001[/bold]
    """
    from ..services.kunci import lock

    row = lock(open_db(), month_arg(bulan) or "", oleh=actor(oleh))
    print(f"Bulan {row['bulan']} dikunci oleh {row['oleh']}. Buka dengan "
          f"`kerja rekap buka --bulan {row['bulan']} --alasan ...`.")  # fmt: skip


@app.command()
def buka(
    bulan: str = typer.Option(..., "--bulan", help="Bulan YYYY-MM."),
    alasan: str = typer.Option(..., "--alasan", help="Mengapa dibuka lagi (dicatat di audit)."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Buka kunci bulan agar datanya bisa dikoreksi (dicatat di log audit beserta alasannya).

    Contoh: [bold]kerja rekap buka --bulan 2021-02 --alasan "koreksi cuti pegawai"[/bold]
    """
    from ..services.kunci import unlock

    m = month_arg(bulan) or ""
    unlock(open_db(), m, alasan, oleh=actor(oleh))
    print(f"Kunci bulan {m} dibuka.")


@app.command("kunci-daftar")
def kunci_daftar(as_json: bool = OPT_JSON) -> None:
    """Bulan-bulan yang sedang dikunci.

    Contoh: [bold]kerja rekap kunci-daftar[/bold]
    """
    from ..services.kunci import locks
    from . import render

    rows = locks(open_db())
    if as_json:
        render.emit_json(rows)
        return
    render.table(f"{len(rows)} bulan terkunci", ["Bulan", "Oleh", "Pada"],
                 ([r["bulan"], r["oleh"], r["pada"][:16]] for r in rows))  # fmt: skip
