"""kerja mesin: attendance machines the store knows (PINs are unique per machine)."""

from __future__ import annotations

import typer

from .base import OPT_JSON, OPT_OLEH, App, actor, open_db

app = App(
    help="Mesin presensi: daftarkan mesin tiap OPD/unit (PIN berlaku per mesin) dan lihat "
    "mesin tak dikenal yang mencoba mengirim data."
)


@app.command()
def tambah(
    mesin_id: str = typer.Argument(
        ..., metavar="ID", help="Nomor seri (ADMS/cloud) atau nomor mesin (attlog USB)."
    ),
    unit: str = typer.Option(..., "--unit", help="Unit/OPD tempat mesin dipasang (nama atau jalur)."),
    nama: str | None = typer.Option(None, "--nama", help="Nama mesin, mis. 'Lobi Dinas Kesehatan'."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Daftarkan mesin presensi. Instansi dengan satu mesin tidak perlu mendaftarkannya.

    Sesudah itu PIN pegawai bisa dikaitkan ke mesin ini:
    [bold]kerja pegawai ubah NIP --pin-mesin 7 --mesin ID[/bold]; PIN 7 di mesin lain orang lain.

    Contoh: [bold]kerja mesin tambah CQUJ223960001 --unit "Dinas Kesehatan" --nama "Lobi"[/bold]
    """
    from .. import clock
    from ..services.mesin import add_machine

    row = add_machine(open_db(), mesin_id, unit=unit, nama=nama, oleh=actor(oleh), now=clock.now())
    print(f"Mesin {row['id']} terdaftar di {row['unit']}" + (f" ({row['nama']})." if row["nama"] else "."))


@app.command()
def daftar(
    tak_dikenal: bool = typer.Option(
        False, "--tak-dikenal", help="Nomor seri yang mengirim data (ADMS) tetapi belum terdaftar."
    ),
    as_json: bool = OPT_JSON,
) -> None:
    """Mesin terdaftar (unit, nama, jumlah PIN), atau yang tak dikenal dengan --tak-dikenal.

    Contoh: [bold]kerja mesin daftar --tak-dikenal[/bold]
    """
    from ..services.mesin import list_machines, unknown_machines
    from . import render

    conn = open_db()
    if tak_dikenal:
        rows = unknown_machines(conn)
        if as_json:
            render.emit_json(rows)
            return
        if not rows:
            print("Tidak ada mesin tak dikenal.")
            return
        render.table(
            f"{len(rows)} mesin tak dikenal (daftarkan dengan `kerja mesin tambah SN --unit U`)",
            ["Nomor seri", "Pertama", "Terakhir", "Kali"],
            ((r["sn"], r["pertama"], r["terakhir"], r["kali"]) for r in rows),
            justify_right=(3,),
        )
        return
    rows = list_machines(conn)
    if as_json:
        render.emit_json(rows)
        return
    if not rows:
        print("Belum ada mesin terdaftar (PIN pegawai berlaku untuk mesin mana pun).")
        return
    render.table(
        f"{len(rows)} mesin",
        ["ID", "Nama", "Unit", "PIN"],
        ((r["id"], r["nama"] or "", r["unit"], r["pin"]) for r in rows),
        justify_right=(3,),
    )
