"""kerja aturan: the institution's rules (hours, holidays, cuts, TPP weights), by month."""

from __future__ import annotations

from pathlib import Path

import typer

from .base import OPT_JSON, OPT_OLEH, App, actor, month_arg, open_db

app = App(help="Aturan instansi (jam kerja, libur, potongan, bobot TPP) yang berlaku per bulan.")


@app.command()
def lihat(
    bulan: str | None = typer.Option(None, "--bulan", help="Bulan YYYY-MM (bawaan: bulan ini)."),
    as_json: bool = OPT_JSON,
) -> None:
    """Tampilkan aturan yang berlaku pada suatu bulan, dalam format TOML.

    Contoh: [bold]kerja aturan lihat --bulan 2021-02[/bold]
    """
    from ..services.institution import rules_in_force
    from . import render

    month, rules = rules_in_force(open_db(), month_arg(bulan))
    if as_json:
        render.emit_json({"bulan": month, "aturan": rules})
        return
    import tomli_w

    print(f"# Aturan yang berlaku pada {month}")
    print(tomli_w.dumps(rules, multiline_strings=False), end="")


@app.command()
def pasang(
    berkas: Path = typer.Argument(..., help="Berkas TOML; kunci yang tidak ditulis memakai bawaan."),
    mulai: str | None = typer.Option(
        None, "--mulai", help="Berlaku mulai bulan YYYY-MM (bawaan: bulan ini)."
    ),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Pasang aturan baru mulai suatu bulan; bulan sebelumnya tetap memakai aturan lamanya.

    Contoh: [bold]kerja aturan pasang perbup-2021.toml --mulai 2021-03[/bold]
    """
    from ..services.institution import install_rules

    month = install_rules(open_db(), berkas, mulai=month_arg(mulai, "--mulai"), oleh=actor(oleh))
    print(f"Aturan dari {berkas.name} berlaku mulai {month}.")
