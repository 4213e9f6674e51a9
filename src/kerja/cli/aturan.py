"""kerja aturan: the institution's rules (hours, holidays, cuts, TPP weights), by month."""

from __future__ import annotations

from pathlib import Path

import typer

from . import params
from .base import OPT_JSON, OPT_OLEH, App, actor, now, open_db

app = App(help="Aturan instansi (jam kerja, libur, potongan, bobot TPP) yang berlaku per bulan.")


@app.command()
def lihat(
    bulan: str | None = params.month_option("Bulan YYYY-MM (bawaan: bulan ini)."),
    as_json: bool = OPT_JSON,
) -> None:
    """Tampilkan aturan yang berlaku pada suatu bulan, dalam format TOML.

    Contoh: [bold]kerja aturan lihat --bulan 2021-02[/bold]
    """
    from ..services.institution import rules_in_force
    from . import render

    month, rules = rules_in_force(open_db(), bulan, now=now())
    if as_json:
        render.emit_json({"bulan": month, "aturan": rules})
        return
    print(f"# Aturan yang berlaku pada {month}")
    print(rules_toml(rules), end="")


def _value(v: object) -> str:
    import json

    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items()) + "}" if v else "{}"
    return json.dumps(str(v), ensure_ascii=False)  # a TOML basic string


def _key(k: str) -> str:
    """A TOML key: bare when it can be, else quoted ("Sangat Baik", "presensi.tl")."""
    import json
    import re

    return k if re.fullmatch(r"[A-Za-z0-9_-]+", k) else json.dumps(k, ensure_ascii=False)


# Keys that are lists of tables ([[...]]), with the example shown while the list is empty.
TABLE_LISTS = {
    "jam_kerja.khusus": [
        "[[jam_kerja.khusus]]",
        "mulai = 2026-02-18",
        "sampai = 2026-03-19",
        'masuk = "08:00"',
        'pulang = "15:00"',
        'pulang_jumat = "15:30"',
    ],
    "jam_kerja.unit": [
        "[[jam_kerja.unit]]",
        'unit = "Dinas Pendidikan > SD Negeri 1"',
        'hari = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab"]',
        'masuk = "07:00"',
        'pulang = "13:00"',
        'pulang_jumat = "11:00"',
        'pulang_sabtu = "12:00"',
    ],
    "libur.setengah_hari": ["[[libur.setengah_hari]]", "tanggal = 2026-12-24", 'pulang = "12:00"'],
}


def rules_toml(rules: dict) -> str:
    """The rules as TOML a clerk can read and edit: sections and keys in the order of SPEC §4,
    short arrays on one line (tomli_w puts every element on its own line), special periods as
    [[jam_kerja.khusus]] tables. `kerja aturan pasang` reads it back unchanged."""
    import textwrap

    from ..domain.rules import DEFAULTS, KETERANGAN

    out: list[str] = []
    for section in [*DEFAULTS, *(k for k in rules if k not in DEFAULTS)]:
        values = rules.get(section)
        if not isinstance(values, dict):
            continue
        out.append(f"[{section}]")
        order = [*DEFAULTS.get(section, {}), *(k for k in values if k not in DEFAULTS.get(section, {}))]
        tables = []
        for key in order:
            if key not in values:
                continue
            v = values[key]
            doc = KETERANGAN.get(f"{section}.{key}")
            if f"{section}.{key}" in TABLE_LISTS:
                tables.append((key, v, doc))
                continue
            if doc:
                out.extend(textwrap.wrap(doc, 78, initial_indent="# ", subsequent_indent="#   "))
            out.append(f"{key} = {_value(v)}")
        for key, items, doc in tables:
            # Every key is documented, an empty list of tables too: its comment and an example.
            if doc:
                out.append("")
                out.extend(textwrap.wrap(doc, 78, initial_indent="# ", subsequent_indent="#   "))
            if not items:
                out.extend(f"# {line}" for line in TABLE_LISTS[f"{section}.{key}"])
            first = ("unit", "hari", "tanggal", "mulai", "sampai", "masuk", "pulang", "pulang_jumat")
            for item in items:
                out.append(f"[[{section}.{key}]]")
                for k in sorted(item, key=lambda k: first.index(k) if k in first else 99):
                    # dates stay TOML dates (mulai = 2026-02-18), as SPEC §4 writes them
                    date_key = k in ("mulai", "sampai", "tanggal") and isinstance(item[k], str)
                    out.append(f"{k} = {item[k] if date_key else _value(item[k])}")
        out.append("")
    return "\n".join(out)


@app.command()
def pasang(
    berkas: Path = typer.Argument(..., help="Berkas TOML; kunci yang tidak ditulis memakai bawaan."),
    mulai: str | None = params.month_option(
        "Berlaku mulai bulan YYYY-MM (bawaan: bulan ini).", name="--mulai"
    ),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Pasang aturan baru mulai suatu bulan; bulan sebelumnya tetap memakai aturan lamanya.

    Contoh: [bold]kerja aturan pasang perbup-2021.toml --mulai 2021-03[/bold]
    """
    from ..services.institution import install_rules, rules_in_force, unknown_units
    from . import render

    conn = open_db()
    month = install_rules(conn, berkas, mulai=mulai, oleh=actor(oleh), now=now())
    print(f"Aturan dari {berkas.name} berlaku mulai {month}.")
    for path in unknown_units(conn, rules_in_force(conn, month, now=now())[1]):
        render.note(
            f"Peringatan: unit {path!r} di [[jam_kerja.unit]] tidak ada di basis data; hari dan jam "
            "kerjanya belum berlaku untuk siapa pun. Tulis jalur lengkap seperti di `kerja unit daftar`."
        )
