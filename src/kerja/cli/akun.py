"""kerja akun: web accounts for `kerja layan` (one-time passwords, reset, lock, list)."""

from __future__ import annotations

from . import params
from .base import OPT_JSON, OPT_OLEH, App, actor, open_db

app = App(help="Akun web untuk `kerja layan`: buat, reset sandi, kunci, daftar.")


def _show_password(row: dict, as_json: bool, what: str) -> None:
    from . import render

    if as_json:
        render.emit_json({"nip": row["nip"], "peran": row["peran"], "sandi": row["sandi"]})
        return
    print(f"{what} untuk {row['nip']} ({row['nama']}), peran {row['peran']}.")
    print(f"Sandi sekali pakai: {row['sandi']}")
    print("Berikan langsung kepada pegawai itu; ia wajib menggantinya saat pertama masuk.")


@app.command()
def buat(
    nip: str = params.nip_argument("NIP pegawai pemilik akun."),
    peran: str | None = params.option(
        None,
        "--peran",
        type=params.ROLE,
        help="pegawai, atasan atau petugas (bawaan: atasan bila ia membawahi seseorang, selain itu pegawai).",
        show_default=False,
    ),
    as_json: bool = OPT_JSON,
    oleh: str | None = OPT_OLEH,
) -> None:
    """Buat akun web dan cetak sandi sekali pakai (disimpan hanya sebagai hash argon2id).

    Contoh: [bold]kerja akun buat 198212292020011007[/bold] atau
    [bold]kerja akun buat 197105271994062005 --peran petugas --json[/bold]
    """
    from .. import clock
    from ..services import akun

    row = akun.create(open_db(), nip, peran, oleh=actor(oleh), now=clock.now())
    _show_password(row, as_json, "Akun dibuat")


@app.command()
def reset(
    nip: str = params.nip_argument("NIP pemilik akun."),
    as_json: bool = OPT_JSON,
    oleh: str | None = OPT_OLEH,
) -> None:
    """Sandi sekali pakai baru (sandi lupa); membuka akun yang dikunci dan mengakhiri sesinya.

    Contoh: [bold]kerja akun reset 198212292020011007[/bold]
    """
    from .. import clock
    from ..services import akun

    row = akun.reset(open_db(), nip, oleh=actor(oleh), now=clock.now())
    _show_password(row, as_json, "Sandi direset")


@app.command()
def kunci(
    nip: str = params.nip_argument("NIP pemilik akun."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Kunci akun (HP hilang, pindah tugas): sesinya berakhir saat itu juga. Buka lagi dengan reset.

    Contoh: [bold]kerja akun kunci 198212292020011007[/bold]
    """
    from .. import clock
    from ..services import akun

    row = akun.lock(open_db(), nip, oleh=actor(oleh), now=clock.now())
    print(f"Akun {row['nip']} ({row['nama']}) dikunci. Buka lagi dengan `kerja akun reset {row['nip']}`.")


@app.command()
def daftar(as_json: bool = OPT_JSON) -> None:
    """Daftar akun web: peran, terkunci, masih memakai sandi sekali pakai, terakhir masuk.

    Contoh: [bold]kerja akun daftar --json[/bold]
    """
    from ..services import akun
    from . import render

    rows = akun.listing(open_db())
    if as_json:
        render.emit_json(rows)
        return
    render.table(
        f"{len(rows)} akun",
        ["NIP", "Nama", "Peran", "Keadaan", "Terakhir masuk"],
        (
            (
                r["nip"],
                r["nama"],
                r["peran"],
                "dikunci" if r["terkunci"] else "sandi sekali pakai" if r["ganti_sandi"] else "aktif",
                (r["terakhir_masuk"] or "-")[:16].replace("T", " "),
            )
            for r in rows
        ),
    )
