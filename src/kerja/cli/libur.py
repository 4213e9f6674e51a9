"""kerja libur: national holidays, cuti bersama and local holidays."""

from __future__ import annotations

import typer

from .base import OPT_JSON, OPT_OLEH, App, actor, date_arg, open_db

app = App(help="Hari libur: nasional, cuti bersama, dan libur lokal/keputusan daerah.")

JENIS = {
    "nasional": "Libur nasional",
    "cuti-bersama": "Cuti bersama",
    "lokal": "Libur lokal",
    "dibatalkan": "Dibatalkan (hari kerja)",
}


@app.command()
def daftar(
    tahun: int = typer.Option(..., "--tahun", help="Tahun, mis. 2021."),
    as_json: bool = OPT_JSON,
) -> None:
    """Daftar hari libur setahun: nasional, cuti bersama, lokal, dan yang dibatalkan.

    Contoh: [bold]kerja libur daftar --tahun 2021[/bold]
    """
    from ..services.kalender import holiday_list
    from . import render

    if not 1946 <= tahun <= 2100:
        from .base import fail

        raise fail(f"--tahun {tahun} di luar jangkauan (1946-2100).")
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
    tanggal: str = typer.Argument(..., help="Tanggal libur, YYYY-MM-DD."),
    nama: str = typer.Option(..., "--nama", help="Nama hari libur, mis. 'HUT Kabupaten'."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Tambah libur lokal (keputusan daerah); tidak ada jadwal pada hari itu.

    Jadwal yang sudah dibuat untuk tanggal itu tidak dihapus: buat ulang dengan
    `kerja jadwal buat --timpa` bila perlu.

    Contoh: [bold]kerja libur tambah 2021-02-12 --nama "HUT Kabupaten"[/bold]
    """
    from ..services.kalender import add_holiday

    d = date_arg(tanggal, "TANGGAL")
    add_holiday(open_db(), d, nama, actor(oleh))
    print(f"Libur lokal {d} ({nama.strip()}) ditambahkan.")


@app.command()
def hapus(
    tanggal: str = typer.Argument(..., help="Tanggal libur, YYYY-MM-DD."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Hapus libur lokal, atau batalkan libur nasional/cuti bersama (menjadi hari kerja).

    Contoh: [bold]kerja libur hapus 2021-02-12[/bold]
    """
    from ..services.kalender import remove_holiday

    print(remove_holiday(open_db(), date_arg(tanggal, "TANGGAL"), actor(oleh)))
