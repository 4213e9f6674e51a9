"""kerja libur: national holidays, cuti bersama and local holidays."""

from __future__ import annotations

from datetime import date

import typer

from . import params
from .base import OPT_JSON, OPT_OLEH, App, actor, open_db

app = App(help="Hari libur: nasional, cuti bersama, dan libur lokal/keputusan daerah.")

JENIS = {
    "nasional": "Libur nasional",
    "cuti-bersama": "Cuti bersama",
    "lokal": "Libur lokal",
    "dibatalkan": "Dibatalkan (hari kerja)",
}


@app.command()
def daftar(
    tahun: int = params.option(..., "--tahun", type=params.YEAR, help="Tahun, mis. 2021."),
    as_json: bool = OPT_JSON,
) -> None:
    """Daftar hari libur setahun: nasional, cuti bersama, lokal, dan yang dibatalkan.

    Contoh: [bold]kerja libur daftar --tahun 2021[/bold]
    """
    from ..services.kalender import holiday_list
    from . import render

    rows = holiday_list(open_db(), tahun)
    if as_json:
        render.emit_json([{"tanggal": r["tanggal"], "nama": r["nama"], "jenis": r["jenis"]} for r in rows])
        return
    from ..domain.rules import HARI

    render.table(
        f"Hari libur {tahun} ({len(rows)} hari)",
        ["Tanggal", "Hari", "Nama", "Jenis"],
        ([r["tanggal"], HARI[r["tanggal"].weekday()], r["nama"], JENIS[r["jenis"]]] for r in rows),
    )


@app.command()
def tambah(
    tanggal: date = params.argument(..., type=params.DATE, help="Tanggal libur, YYYY-MM-DD."),
    nama: str = typer.Option(..., "--nama", help="Nama hari libur, mis. 'HUT Kabupaten'."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Tambah libur lokal (keputusan daerah); tidak ada jadwal pada hari itu.

    Jadwal yang sudah dibuat untuk tanggal itu tidak dihapus: buat ulang dengan
    `kerja jadwal buat --timpa` bila perlu.

    Contoh: [bold]kerja libur tambah 2021-02-12 --nama "HUT Kabupaten"[/bold]
    """
    from ..services.kalender import add_holiday

    add_holiday(open_db(), tanggal, nama, actor(oleh))
    print(f"Libur lokal {tanggal} ({nama.strip()}) ditambahkan.")


@app.command()
def hapus(
    tanggal: date = params.argument(..., type=params.DATE, help="Tanggal libur, YYYY-MM-DD."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Hapus libur lokal, atau batalkan libur nasional/cuti bersama (menjadi hari kerja).

    Contoh: [bold]kerja libur hapus 2021-02-12[/bold]
    """
    from ..services.kalender import remove_holiday

    print(remove_holiday(open_db(), tanggal, actor(oleh)))
