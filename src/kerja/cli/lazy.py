"""Command groups imported when their command runs, and commands built when they are asked for.

`kerja presensi masuk` (run by a clerk many times a day, or by a cron line) used to import every
command module and build every command's options before recording one punch. The root command
is a `LazyGroup`: it knows each group by name, module and one-line help (`GROUPS`), lists them for
`kerja --help` from that table, and imports a group's module only when that group is asked for.
Within the root and within a group, each command's Click command (its options worked out from
the function's signature, ~0.5 ms each) is built only when it is asked for (`LazyCommands`):
`presensi masuk` builds `masuk`, not the other ten commands of `presensi`; a group's --help asks
for all of them.

Everything that walks the Typer registry from outside (`app.registered_groups`, CliRunner, the
help and completion tests) still sees every group and command, built the usual Typer way:
`LazyRootApp.registered_groups` loads them all on access; only a real run through `app()` (the
console script) stays lazy.
"""

from __future__ import annotations

import copy
import importlib
import inspect
from collections.abc import Callable, Iterator, MutableMapping
from functools import partial
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandInfo, TyperInfo

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


class LazyCommands(MutableMapping[str, Any]):
    """A group's `commands`: name -> Click command, each made on first access by its maker.
    Iterating gives the names (in declaration order) without making anything. `listed(name)`
    is what the group's help needs of a command (name, help, panel): a summary when one is
    known, made without working out the command's options."""

    def __init__(
        self, makers: dict[str, Callable[[], Any]], summaries: dict[str, Callable[[], Any]] | None = None
    ) -> None:
        self._makers = makers
        self._summaries = summaries or {}
        self._made: dict[str, Any] = {}

    def add(self, name: str, maker: Callable[[], Any], summary: Callable[[], Any] | None = None) -> None:
        self._makers[name] = maker
        if summary is not None:
            self._summaries[name] = summary

    def listed(self, name: str) -> Any:
        if name in self._made or name not in self._summaries:
            return self.get(name)
        return self._summaries[name]()

    def __getitem__(self, name: str) -> Any:
        if name not in self._made:
            self._made[name] = self._makers[name]()  # KeyError: no such command
        return self._made[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._makers.setdefault(name, lambda: command)
        self._made[name] = command

    def __delitem__(self, name: str) -> None:
        del self._makers[name]
        self._summaries.pop(name, None)
        self._made.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)


def _command_name(info: CommandInfo) -> str:
    # The name Typer gives the command (typer.main.get_command_from_info).
    return info.name or typer.main.get_command_name(info.callback.__name__)  # type: ignore[union-attr]


def _command_maker(info: CommandInfo, opts: dict[str, Any]) -> Callable[[], Any]:
    return partial(
        typer.main.get_command_from_info,
        info,
        pretty_exceptions_short=opts["pretty_exceptions_short"],
        rich_markup_mode=opts["rich_markup_mode"],
    )


def _command_summary(info: CommandInfo, opts: dict[str, Any]) -> Any:
    """The command as typer.main.get_command_from_info makes it, without options or callback:
    enough for the line a group's help shows (name, help, panel, hidden, deprecated)."""
    help_text = inspect.getdoc(info.callback) if info.help is None else inspect.cleandoc(info.help)
    cls = info.cls or TyperCommand
    return cls(
        name=_command_name(info),
        context_settings=info.context_settings,
        help=help_text,
        epilog=info.epilog,
        short_help=info.short_help,
        options_metavar=info.options_metavar,
        add_help_option=info.add_help_option,
        no_args_is_help=info.no_args_is_help,
        hidden=info.hidden,
        deprecated=info.deprecated,
        rich_markup_mode=opts["rich_markup_mode"],
        rich_help_panel=info.rich_help_panel,
    )


def _commands(commands: list[CommandInfo], groups: list[TyperInfo], opts: dict[str, Any]) -> LazyCommands:
    """Each command and sub-group, made when asked for, in the order and under the names
    typer.main.get_group_from_info gives them."""
    makers: dict[str, Callable[[], Any]] = {}
    summaries: dict[str, Callable[[], Any]] = {}
    for c in commands:
        name = _command_name(c)
        makers[name] = _command_maker(c, opts)
        summaries[name] = partial(_command_summary, c, opts)
    for sub in groups:
        if isinstance(sub.name, str) and sub.name:
            makers[sub.name] = partial(lazy_group, sub, opts)  # cheap: its commands are lazy too
            summaries.pop(sub.name, None)
            continue
        # Unnamed (merged) or named by its callback: built now, exactly as Typer does.
        built = typer.main.get_group_from_info(sub, **opts)
        subs = {built.name: built} if built.name else dict(built.commands)
        for n, cmd in subs.items():
            makers[n] = partial(lambda c: c, cmd)
            summaries.pop(n, None)
    return LazyCommands(makers, summaries)


def lazy_group(info: TyperInfo, opts: dict[str, Any]) -> TyperGroup:
    """typer.main.get_group_from_info(info), its commands made when asked for."""
    app = info.typer_instance
    assert app is not None
    shell = copy.copy(app)  # the group itself (callback, help, options) without its commands
    shell.registered_commands = []
    shell.registered_groups = []
    empty = copy.copy(info)
    empty.typer_instance = shell
    group = typer.main.get_group_from_info(empty, **opts)
    group.commands = _commands(app.registered_commands, app.registered_groups, opts)
    return group


class LazyGroup(KerjaGroup):
    """The root click group (Indonesian errors and usage, cli.core), whose sub-groups are
    imported on first use."""


class LazyRootApp(App):
    """The root Typer app: its groups are `GROUPS`, registered without importing them."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", LazyGroup)
        self._lazy = False
        self._own_groups: list[TyperInfo] = []
        self._own_commands: list[CommandInfo] = []
        super().__init__(**kwargs)

    @property
    def registered_groups(self) -> list[TyperInfo]:
        if self._lazy:
            return []
        return [*self._own_groups, *(TyperInfo(group_app(n), name=n) for n in GROUPS)]

    @registered_groups.setter
    def registered_groups(self, value: list[TyperInfo]) -> None:
        self._own_groups = value

    @property
    def registered_commands(self) -> list[CommandInfo]:
        return [] if self._lazy else self._own_commands

    @registered_commands.setter
    def registered_commands(self, value: list[CommandInfo]) -> None:
        self._own_commands = value

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        # What typer.Typer.__call__ does, with the root's commands and groups made when asked
        # for. Typer's __call__ also installs its except hook, which only prettifies tracebacks:
        # kerja turns that off (pretty_exceptions_enable=False), so the hook would change nothing.
        opts = {
            "pretty_exceptions_short": self.pretty_exceptions_short,
            "suggest_commands": self.suggest_commands,
            "rich_markup_mode": self.rich_markup_mode,
        }
        self._lazy = True  # the root group itself: callback, options, completion options
        try:
            root = typer.main.get_command(self)
        finally:
            self._lazy = False
        commands = _commands(self._own_commands, self._own_groups, opts)
        for name in GROUPS:  # the group's module is imported when the group is made
            # `kerja --help` needs a name and a line of help, not the group's module
            mode = self.rich_markup_mode
            summary = partial(TyperGroup, name=name, help=GROUPS[name][1], rich_markup_mode=mode)
            commands.add(name, partial(_group_named, name, opts), summary)
        root.commands = commands  # type: ignore[attr-defined]
        return root(*args, **kwargs)


def _group_named(name: str, opts: dict[str, Any]) -> TyperGroup:
    return lazy_group(TyperInfo(group_app(name), name=name), opts)
