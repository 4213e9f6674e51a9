"""kerja kebijakan: the work-system circulars (SPEC §5)."""

from __future__ import annotations

from pathlib import Path

import typer

from .base import OPT_JSON, OPT_OLEH, App, actor, open_db

app = App(help="Kebijakan sistem kerja (surat edaran): kuota WFO, cakupan, WFH wajib, rotasi.")


@app.command()
def tambah(
    berkas: Path = typer.Argument(..., help="Berkas kebijakan .toml (lihat examples/kebijakan/)."),
    ganti: str | None = typer.Option(
        None,
        "--ganti",
        help="Nama kebijakan yang digantikan kebijakan baru ini pada hari-hari yang beririsan.",
    ),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Periksa lalu pasang kebijakan dari TOML; nama yang sama diganti (tercatat di log audit).
    Masa berlaku yang beririsan dengan kebijakan lain ditolak, kecuali yang baru menggantikannya
    (--ganti NAMA): pada hari-hari irisan itu yang berlaku kebijakan baru.

    Contoh: [bold]kerja kebijakan tambah examples/kebijakan/kukar-2021.toml[/bold]
    """
    from ..services.kalender import install_circular

    c, replaced = install_circular(open_db(), berkas, actor(oleh), ganti)
    print(
        f"Kebijakan {c.nama} ({c.mulai} s.d. {c.sampai}) {'diganti' if replaced else 'dipasang'}: "
        f"WFO {c.wfo_persen}% per {c.tingkat}."
        + (f" Menggantikan {c.ganti} pada hari-hari yang beririsan." if c.ganti else "")
    )


@app.command()
def daftar(as_json: bool = OPT_JSON) -> None:
    """Daftar kebijakan yang terpasang, urut tanggal mulai.

    Contoh: [bold]kerja kebijakan daftar --json[/bold]
    """
    from ..services.kalender import circular_list
    from . import render

    rows = circular_list(open_db())
    if as_json:
        render.emit_json([c.to_dict() | {"dipasang_pada": at} for c, at in rows])
        return
    render.table(
        f"{len(rows)} kebijakan",
        ["Nama", "Judul", "Mulai", "Sampai", "WFO", "Pola"],
        ([c.nama, c.judul, c.mulai, c.sampai, f"{c.wfo_persen}%", c.pola] for c, _ in rows),
    )


@app.command()
def lihat(
    nama: str = typer.Argument(..., help="Nama kebijakan."),
    as_json: bool = OPT_JSON,
) -> None:
    """Isi satu kebijakan dengan bahasa sehari-hari.

    Contoh: [bold]kerja kebijakan lihat kukar-2021[/bold]
    """
    from ..domain.circulars import describe
    from ..services.kalender import get_circular
    from . import render

    c = get_circular(open_db(), nama)
    if as_json:
        render.emit_json(c.to_dict())
        return
    for label, value in describe(c):
        print(f"  {label:<10} {value}")
