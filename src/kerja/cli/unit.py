"""kerja unit: the unit tree (OPD > Bidang > Seksi) with head counts."""

from __future__ import annotations

import typer

from . import params
from .base import OPT_JSON, OPT_OLEH, App, actor, open_db

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
    zona: str = params.zone_option("Zona waktu unit.", ...),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Atur zona waktu sebuah unit beserta sub-unitnya (bila berbeda dari instansi).

    Contoh: [bold]kerja unit ubah "UPT Samarinda" --zona WITA[/bold]
    """
    from ..services.units import set_zone

    n = set_zone(open_db(), unit, zona, actor(oleh))
    print(f"Zona {zona} dipasang untuk {n} unit.")
