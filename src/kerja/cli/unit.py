"""kerja unit: the unit tree (OPD > Bidang > Seksi) with head counts."""

from __future__ import annotations

import typer

from . import params
from .base import OPT_JSON, OPT_OLEH, App, actor, fail, open_db

app = App(help="Pohon unit kerja (OPD > Bidang > Seksi) dengan jumlah pegawai.")


@app.command()
def daftar(as_json: bool = OPT_JSON) -> None:
    """Pohon unit dengan jumlah pegawai aktif (sendiri dan seluruh cabangnya).

    Contoh: [bold]kerja unit daftar[/bold]
    """
    from ..services.units import tree
    from . import render

    units = tree(open_db())
    if as_json:
        render.emit_json(
            [
                {
                    "unit": u["jalur"],
                    "nama": u["nama"],
                    "tingkat": u["tingkat"],
                    "zona": u["zona"],
                    "pegawai": u["pegawai"],
                    "total": u["total"],
                }
                for u in units
            ]
        )
        return
    render.table(
        f"{len(units)} unit",
        ["Unit", "Pegawai", "Total", "Zona"],
        (("  " * (u["tingkat"] - 1) + u["nama"], u["pegawai"], u["total"], u["zona"]) for u in units),
        justify_right=(1, 2),
    )


@app.command()
def ubah(
    unit: str = typer.Argument(..., help="Unit (nama atau jalur lengkap)."),
    zona: str | None = params.zone_option("Zona waktu unit."),
    lokasi: str | None = typer.Option(
        None, "--lokasi", help="Letak kantor unit 'LINTANG,BUJUR' (desimal), untuk presensi web."
    ),
    radius: int | None = typer.Option(None, "--radius", help="Jarak (meter) dari kantor yang masih wajar."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Atur zona waktu sebuah unit beserta sub-unitnya, dan/atau letak kantornya.

    Presensi web dengan lokasi browser yang lebih jauh dari --radius meter dari --lokasi kantor
    ditandai "di luar radius" (tetap dicatat). Sub-unit tanpa lokasi sendiri memakai lokasi induknya.

    Contoh: [bold]kerja unit ubah "UPT Samarinda" --zona WITA[/bold] atau
    [bold]kerja unit ubah "Dinas Kominfo" --lokasi -0.4948,117.1436 --radius 150[/bold]
    """
    if zona is None and lokasi is None:
        raise fail("Sebutkan yang diubah: --zona dan/atau --lokasi LINTANG,BUJUR --radius METER.", 2)
    if (lokasi is None) != (radius is None):
        raise fail("--lokasi dan --radius dipakai berpasangan.", 2)
    conn = open_db()
    if zona is not None:
        from ..services.units import set_zone

        n = set_zone(conn, unit, zona, actor(oleh))
        print(f"Zona {zona} dipasang untuk {n} unit.")
    if lokasi is not None and radius is not None:
        from ..domain.geo import parse_lokasi
        from ..services.units import set_office

        lat, lon = parse_lokasi(lokasi)
        jalur = set_office(conn, unit, lat, lon, radius, actor(oleh))
        print(
            f"Lokasi kantor {jalur}: {lat},{lon}, radius {radius} m "
            "(juga untuk sub-unit tanpa lokasi sendiri)."
        )


@app.command()
def hapus(
    unit: str = typer.Argument(..., help="Unit (nama atau jalur lengkap)."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Hapus unit yang kosong (tanpa pegawai, sub-unit atau mesin).

    Contoh: [bold]kerja unit hapus "Dinas X > Seksi Lama"[/bold]
    """
    from ..services.units import remove_unit

    print(f"Unit {remove_unit(open_db(), unit, actor(oleh))} dihapus.")


@app.command()
def pindah(
    unit: str = typer.Argument(..., help="Unit yang dipindah (nama atau jalur lengkap), beserta isinya."),
    ke: str = typer.Option(..., "--ke", help="Induk baru (nama atau jalur); '-' = jadi OPD sendiri."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Pindahkan unit beserta sub-unit dan pegawainya ke induk lain.

    Contoh: [bold]kerja unit pindah "Seksi Surveilans" --ke "Dinas Kesehatan > Bidang P2P"[/bold]
    """
    from ..services.units import move_unit

    print(f"Unit sekarang: {move_unit(open_db(), unit, ke, actor(oleh))}.")
