"""The root command: global options, the top-level commands and every command group."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import typer

from . import demo as demo_cmd
from . import layan as layan_cmd
from . import params
from .base import OPT_JSON, OPT_LEBAR, OPT_OLEH, actor, open_db, state
from .lazy import LazyRootApp

# The command groups (aturan, kinerja, pegawai, ...) are cli.lazy.GROUPS: imported when their
# command runs. A new group goes there, with its module and its one-line help.
app = LazyRootApp(
    name="kerja",
    help=(
        "Sistem kerja ASN di satu berkas SQLite: data pegawai, jadwal WFH/WFO, presensi, "
        "e-Kinerja dan rekap TPP.\n\n"
        "Contoh: [bold]kerja init --instansi 'Dinas Kominfo' --zona WITA[/bold], lalu "
        "[bold]kerja pegawai impor pegawai.xlsx[/bold]."
    ),
)
app.command("demo")(demo_cmd.demo)
app.command("layan")(layan_cmd.layan)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        print(f"kerja {version('kerja')}")
        raise typer.Exit()


@app.callback()
def root(
    db: Path | None = typer.Option(
        None,
        "--db",
        help="Berkas basis data (bawaan: $KERJA_DB, lalu ./kerja.db); boleh juga sesudah perintahnya.",
        show_default=False,
    ),
    debug: bool = typer.Option(False, "--debug", help="Tampilkan jejak lengkap bila ada kesalahan."),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Tampilkan versi lalu keluar."
    ),
) -> None:
    state.db = db
    state.debug = debug


@app.command()
def init(
    instansi: str = typer.Option("Instansi", "--instansi", help="Nama instansi untuk laporan."),
    zona: str = params.zone_option("Zona waktu instansi.", "WIB"),
    aturan_file: Path | None = typer.Option(None, "--aturan", help="Berkas aturan TOML (SPEC §4)."),
) -> None:
    """Buat basis data baru (berkas 0600) dengan aturan bawaan atau dari --aturan.

    Contoh: [bold]kerja --db dinas.db init --instansi "Dinas Kesehatan" --zona WITA[/bold]
    """
    from ..services import institution
    from .base import db_path

    rules = institution.read_rules_file(aturan_file) if aturan_file else None
    path = db_path()
    institution.create_store(path, instansi=instansi, zona=zona, rules=rules, oleh=actor(None))
    from . import render

    render.say(f"Basis data {path} siap: {instansi} ({zona}).\nBerikutnya: kerja pegawai impor BERKAS")


@app.command("audit")
def audit_cmd(
    nip: str | None = params.nip_option("--nip", "Hanya perubahan untuk NIP ini."),
    sejak: date | None = params.date_option("--sejak", "Hanya sejak tanggal ini (YYYY-MM-DD)."),
    as_json: bool = OPT_JSON,
) -> None:
    """Log audit: siapa mengubah apa, kapan, dari apa menjadi apa, dan mengapa.

    Contoh: [bold]kerja audit --nip 197508172000031002 --sejak 2021-02-01[/bold]
    """
    from ..services.database import audit_entries
    from . import render

    rows = audit_entries(open_db(), nip=nip, sejak=sejak.isoformat() if sejak else None)
    if as_json:
        render.emit_json(rows)
        return

    # One entry per block: a head line, then what changed and why, wrapped to the terminal.
    # Seven columns of a table would squeeze the values past reading on 80 columns.
    import textwrap

    width = max(40, render.width())

    def one(v: object) -> str:
        return "-" if v is None else render.visible(v)

    def listed(v: object) -> str:
        # An import's row lists every NIP it added (60,000 for a province): the first few here,
        # all of them with --json or per person with --nip.
        if isinstance(v, list) and len(v) > 5:
            return f"{len(v)} ({', '.join(one(x) for x in v[:3])}, ...; semua: --json)"
        return one(v)

    def short(v: object) -> str:
        if isinstance(v, dict):
            return ", ".join(f"{render.visible(k)}={listed(v[k])}" for k in v)
        return one(v)

    from datetime import datetime

    from ..domain.zones import zone
    from ..services.local_time import institution_zone

    z = institution_zone(open_db())
    print(f"Log audit: {len(rows)} entri (waktu {z})")
    # Values are shown escaped (render.visible): a newline in --oleh or a reason cannot forge an
    # entry, a terminal escape cannot recolour or hide one. --json gives them exactly as stored.
    for r in rows:
        local = datetime.fromisoformat(r["waktu"]).astimezone(zone(z))
        head = f"{local:%Y-%m-%d %H:%M}  {render.visible(r['aksi'])}"
        head += f"  NIP {render.visible(r['nip'])}" if r["nip"] else ""
        print(f"{head}  oleh {one(r['oleh'])}")
        for label in ("sebelum", "sesudah", "alasan"):
            if r[label] not in (None, "", {}):
                print(
                    textwrap.fill(
                        short(r[label]), width, initial_indent=f"    {label}: ", subsequent_indent="      "
                    )
                )


@app.command("hari-ini")
def hari_ini(
    tanggal: date | None = params.date_option("--tanggal", "Tanggal YYYY-MM-DD (bawaan: hari ini)."),
    unit: str | None = typer.Option(None, "--unit", help="Unit/OPD (nama atau jalur) beserta sub-unitnya."),
    ringkas: bool = typer.Option(
        False,
        "--ringkas",
        help="Jumlah dan pengecualian saja (terlambat, belum masuk, ...), tanpa daftar WFO/WFH.",
    ),
    lebar: bool = OPT_LEBAR,
    as_json: bool = OPT_JSON,
) -> None:
    """Hari ini sekilas: jumlah dan daftar yang terlambat (menit), belum masuk, cuti/sakit/DL,
    tidak sesuai jadwal, lalu yang WFO dan WFH. Di pipa (cron, surel) keluarannya teks polos.

    Contoh: [bold]kerja hari-ini --unit "Bidang Aplikasi Informatika"[/bold]
    """
    from .. import clock
    from ..services import hari_ini as svc
    from ..services.local_time import today
    from ..services.presensi import no_roster
    from . import render
    from .render import Col

    conn = open_db()
    d = tanggal or today(conn, clock.now())
    view = svc.hari_ini(conn, d, unit)
    if as_json:
        render.emit_json(view)
        return
    people = view["pegawai"]
    if not people:
        render.note(f"{d}: bukan hari kerja, atau tidak ada pegawai" + (f" di {unit}." if unit else "."))
        return
    why = no_roster(conn, d)
    if why:
        render.note(f"Peringatan: {why}")
    j = view["jumlah"]
    n = render.angka
    head = f"{view['tanggal']}{' — ' + unit if unit else ''}: {n(len(people))} pegawai"
    past = d < today(conn, clock.now())
    sections: list[tuple[str, list[dict], str, Callable[[dict], object]]] = [
        ("Terlambat", [r for r in people if r["telat_menit"]], "Telat", lambda r: f"{r['telat_menit']} mnt"),
        (
            "Tanpa keterangan (TK)" if past else "Belum masuk",
            [r for r in people if r["keadaan"] == "belum_masuk"],
            "Jadwal",
            lambda r: r["jadwal"] or "-",
        ),
        (
            "Cuti/sakit/izin/DL",
            [r for r in people if r["keadaan"] == "status"],
            "Kode",
            lambda r: r["kode"],
        ),
        (
            "Tidak sesuai jadwal",
            [r for r in people if r["catatan"] == "tidak sesuai jadwal"],
            "Jdw/hadir",
            lambda r: f"{r['jadwal']}/{r['mode']}",
        ),
    ]
    if not ringkas:
        sections += [
            ("WFO", [r for r in people if r["keadaan"] == "wfo"], "Masuk", lambda r: r["masuk"] or "-"),
            ("WFH", [r for r in people if r["keadaan"] == "wfh"], "Masuk", lambda r: r["masuk"] or "-"),
        ]
    import textwrap

    width = render.listing_width(lebar)
    counts = (
        f"WFO {n(j['wfo'])}, WFH {n(j['wfh'])}, terlambat {n(j['telat'])}, "
        f"{'tanpa keterangan' if past else 'belum masuk'} {n(j['belum_masuk'])}, cuti/sakit/izin/DL "
        f"{n(j['status'])}, tidak sesuai jadwal {n(j['tidak_sesuai_jadwal'])}"
    )
    lines = [
        head,
        *(textwrap.wrap(counts, width or 10**6, initial_indent="  ", subsequent_indent="  ")),
    ]
    for label, rows, what, value in sections:
        if not rows:
            continue
        lines.append("")
        lines += render.listing_lines(
            f"{label}: {n(len(rows))}",
            [Col("NIP"), Col("Nama", cut=True, min=12), Col("Unit", cut=True, min=8), Col(what)],
            [
                (
                    None,
                    (
                        [r["nip"], r["nama"], render.unit_heading(r["unit"]).split(" > ")[-1], value(r)]
                        for r in rows
                    ),
                )
            ],
            width=width,
        )
    render.page(lines)


@app.command()
def cadangkan(
    berkas: Path = typer.Argument(..., help="Berkas cadangan baru."),
    timpa: bool = typer.Option(False, "--timpa", help="Timpa cadangan lama dengan nama yang sama."),
) -> None:
    """Salin basis data secara konsisten, aman walau ada proses lain yang sedang menulis.

    Contoh: [bold]kerja cadangkan cadangan/kerja-2021-02-28.db[/bold]
    """
    from ..services.database import backup

    target = backup(open_db(), berkas, timpa=timpa)
    print(f"Cadangan tersimpan di {target}.")


def main() -> None:
    from .render import wrap_stdout

    wrap_stdout()
    app()


__all__ = ["app", "main", "OPT_OLEH"]
