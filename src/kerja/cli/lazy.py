"""Command groups imported when their command runs, not at start-up.

`kerja presensi masuk` (run by a clerk many times a day, or by a cron line) used to import every
command module and build every command's options before recording one punch. The root command
is a `LazyGroup`: it knows each group by name, module and one-line help (`GROUPS`), lists them for
`kerja --help` from that table, and imports a group's module only when that group is asked for.

Everything that walks the Typer registry from outside (`app.registered_groups`, CliRunner, the
help and completion tests) still sees every group: `LazyRootApp.registered_groups` loads them
all on access; only a real run through `app()` (the console script) stays lazy.
"""

from __future__ import annotations

import importlib
from typing import Any

import typer
from typer.core import TyperGroup
from typer.models import TyperInfo

from .base import App
from .core import KerjaGroup

# name -> (module under kerja.cli, the group's help exactly as its App declares it; a test keeps
# the two equal). In the order `kerja --help` lists them, after the root's own commands.
GROUPS: dict[str, tuple[str, str]] = {
    "aturan": ("aturan", "Aturan instansi (jam kerja, libur, potongan, bobot TPP) yang berlaku per bulan."),
    "kinerja": ("kinerja", "e-Kinerja: catat kegiatan harian, daftar, dan validasi oleh atasan."),
    "pegawai": ("pegawai", "Data pegawai: impor dari SIMPEG/SIASN atau spreadsheet, daftar, lihat, ubah."),
    "presensi": (
        "presensi",
        "Presensi: masuk/pulang, impor mesin absensi, status hari (sakit, cuti, DL), "
        "rekap harian dan yang belum hadir.",
    ),
    "rekap": ("rekap", "Rekap TPP bulanan (disiplin dan kinerja), rinciannya, dan kunci bulan."),
    "unit": ("unit", "Pohon unit kerja (OPD > Bidang > Seksi) dengan jumlah pegawai."),
    "mesin": (
        "mesin",
        "Mesin presensi: daftarkan mesin tiap OPD/unit (PIN berlaku per mesin) dan lihat "
        "mesin tak dikenal yang mencoba mengirim data.",
    ),
    "libur": ("libur", "Hari libur: nasional, cuti bersama, dan libur lokal/keputusan daerah."),
    "kondisi": (
        "kondisi",
        "Kondisi pegawai (hamil, menyusui, komorbid, odp, pdp, positif, kontak-erat, perjalanan).",
    ),
    "kebijakan": (
        "kebijakan",
        "Kebijakan sistem kerja (surat edaran): kuota WFO, cakupan, WFH wajib, rotasi.",
    ),
    "jadwal": ("jadwal", "Jadwal WFO/WFH: buat, lihat, ubah, periksa, ekspor."),
    "hukdis": (
        "hukdis",
        "Hukuman disiplin (PP 94/2021): catat dan daftar; memotong TPP selama bulan-bulannya.",
    ),
    "akun": ("akun", "Akun web untuk `kerja layan`: buat, reset sandi, kunci, daftar."),
    "permohonan": (
        "permohonan",
        "Permohonan pegawai (koreksi presensi, izin/sakit/cuti/DL) dari `kerja layan`.",
    ),
    "ekspor": (
        "ekspor",
        "Ekspor data bulanan untuk mesin analitik (Parquet: DuckDB, Spark, Trino, BigQuery).",
    ),
}


def group_app(name: str) -> typer.Typer:
    """The Typer app of a group, importing its module."""
    module = importlib.import_module(f"{__package__}.{GROUPS[name][0]}")
    app: typer.Typer = module.app
    return app


class LazyGroup(KerjaGroup):
    """The root click group (Indonesian errors and usage, cli.core), whose sub-groups are
    imported on first use."""

    _listing = False

    def list_commands(self, ctx: Any) -> list[str]:
        return [*self.commands, *(n for n in GROUPS if n not in self.commands)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        cmd = self.commands.get(cmd_name)
        if cmd is not None or cmd_name not in GROUPS:
            return cmd
        if self._listing:
            # `kerja --help` needs a name and a line of help, not the group's options.
            return TyperGroup(name=cmd_name, help=GROUPS[cmd_name][1], rich_markup_mode=self.rich_markup_mode)
        cmd = typer.main.get_group_from_info(
            TyperInfo(group_app(cmd_name), name=cmd_name),
            pretty_exceptions_short=True,
            suggest_commands=self.suggest_commands,
            rich_markup_mode=self.rich_markup_mode,
        )
        self.commands[cmd_name] = cmd
        return cmd

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


class LazyRootApp(App):
    """The root Typer app: its groups are `GROUPS`, registered without importing them."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", LazyGroup)
        self._lazy = False
        self._own_groups: list[TyperInfo] = []
        super().__init__(**kwargs)

    @property
    def registered_groups(self) -> list[TyperInfo]:
        if self._lazy:
            return self._own_groups
        return [*self._own_groups, *(TyperInfo(group_app(n), name=n) for n in GROUPS)]

    @registered_groups.setter
    def registered_groups(self, value: list[TyperInfo]) -> None:
        self._own_groups = value

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self._lazy = True  # the click tree built now holds the root's own commands only
        try:
            return super().__call__(*args, **kwargs)
        finally:
            self._lazy = False
