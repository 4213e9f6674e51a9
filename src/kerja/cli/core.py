"""The Click classes behind every kerja command: Indonesian usage lines and help markers, and
Click's own errors printed the kerja way.

- a value that does not fit its parameter (`params.BadValue`): one `Galat: --opsi: ...` line on
  stderr, exit 1 (rejected input, SPEC §1), like every other rejected input;
- a usage error (unknown option or command, missing argument): the usage line, where to get help,
  and one `Galat: ...` line, exit 2.

`base.App` gives every command `KerjaCommand` and every group `KerjaSubGroup`; the root app uses
`KerjaGroup`, whose `main` renders the errors.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from . import clicklib as click

USAGE = "Pemakaian: "
OPTIONS = "[OPSI]"
SUBCOMMAND = "PERINTAH [ARGUMEN]..."
HELP_OPTION = "Tampilkan bantuan ini lalu keluar."


class _Indonesian:
    """Usage line and --help option in Indonesian (mixed into Typer's command and group)."""

    def format_usage(self, ctx: click.Context, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE)

    def get_help_option(self, ctx: click.Context) -> Any:
        opt = super().get_help_option(ctx)  # type: ignore[misc]
        if opt is not None:
            opt.help = HELP_OPTION
        return opt


class KerjaCommand(_Indonesian, TyperCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = OPTIONS
        super().__init__(*args, **kwargs)


class KerjaSubGroup(_Indonesian, TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = OPTIONS
        kwargs["subcommand_metavar"] = SUBCOMMAND
        super().__init__(*args, **kwargs)

    _listing = False

    def list_commands(self, ctx: Any) -> list[str]:
        # The names in declaration order, like Typer's, without touching the commands: a run's
        # commands are made when asked for (cli.lazy.LazyCommands).
        return list(self.commands)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        listed = getattr(self.commands, "listed", None)
        if self._listing and listed is not None:
            return listed(cmd_name)  # the group's help: each command's line, not its options
        return self.commands.get(cmd_name)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


def show_click_error(e: click.ClickException) -> None:
    """Print a Click error for a clerk (stderr)."""
    from .base import fail
    from .i18n import translate
    from .params import BadValue

    if isinstance(e, click.NoArgsIsHelpError):
        # `kerja pegawai`: the group's help, as if --help had been given (exit 2).
        print(e.ctx.get_help())
        return
    if isinstance(e, BadValue):
        fail(e.format_message())
        return
    ctx: click.Context | None = getattr(e, "ctx", None)
    if isinstance(e, click.UsageError) and ctx is not None:
        print(ctx.get_usage(), file=sys.stderr)
        if ctx.command.get_help_option(ctx) is not None:
            print(f"Coba '{ctx.command_path} {ctx.help_option_names[0]}' untuk bantuan.", file=sys.stderr)
    fail(translate(e.format_message()))


def _install_completion(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Typer's --install-completion, saying what it did in Indonesian."""
    if not value or ctx.resilient_parsing:
        return value
    from typer._completion_shared import install

    shell, path = install(shell=value) if isinstance(value, str) else install()
    print(f"Pelengkapan Tab untuk {shell} dipasang di {path}.")
    print("Berlaku setelah terminal dibuka ulang.")
    sys.exit(0)


COMPLETION_HELP = {
    "install_completion": "Pasang pelengkapan Tab untuk shell ini (bash, zsh, fish).",
    "show_completion": "Tampilkan skrip pelengkapan Tab untuk shell ini (untuk disalin atau diubah).",
}


class KerjaGroup(KerjaSubGroup):
    """The root group: runs Click in non-standalone mode and renders its errors itself."""

    def _localise_completion_options(self) -> None:
        # Typer appends --install-completion/--show-completion after building the group.
        for p in self.params:
            if p.name in COMPLETION_HELP:
                p.help = COMPLETION_HELP[p.name]  # type: ignore[attr-defined]
                if p.name == "install_completion":
                    p.callback = _install_completion

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        argv = global_db_first(list(sys.argv[1:] if args is None else args))
        self._localise_completion_options()
        if not argv or "--help" in argv or all(a in self.list_commands(None) for a in argv):
            _indonesian_help()
        if not standalone_mode:
            return super().main(argv, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            code = super().main(argv, prog_name, complete_var, False, windows_expand_args, **extra)
        except click.ClickException as e:
            show_click_error(e)
            sys.exit(e.exit_code)
        except typer.Abort:
            print("Dibatalkan.", file=sys.stderr)
            sys.exit(1)
        # Non-standalone Typer returns an Exit's code instead of raising it (and None on success).
        sys.exit(code if isinstance(code, int) else 0)


# Commands with an --db option of their own (`kerja demo --db BARU.db` names the file it creates).
OWN_DB_OPTION = {"demo"}


def global_db_first(argv: list[str]) -> list[str]:
    """`kerja pegawai daftar --db dinas.db` as `kerja --db dinas.db pegawai daftar`: the global
    --db is accepted after the subcommand too (Click only reads it before). Not after `--`, and
    not for a command that has its own --db."""
    first = 0
    while first < len(argv) and argv[first].startswith("-"):
        first += 2 if argv[first] == "--db" else 1  # the root's options (--db takes a value)
    if first >= len(argv) or argv[first] in OWN_DB_OPTION:
        return argv
    rest = argv[first:]
    end = rest.index("--") if "--" in rest else len(rest)
    moved: list[str] = []
    i = 0
    while i < end:
        a = rest[i]
        if a == "--db" and i + 1 < end:
            moved += rest[i : i + 2]
            del rest[i : i + 2]
            end -= 2
        elif a.startswith("--db="):
            moved.append(a)
            del rest[i]
            end -= 1
        else:
            i += 1
    return [*argv[:first], *moved, *rest] if moved else argv


def _indonesian_help() -> None:
    """Panel titles and markers of Typer's help in Indonesian. Only when help is about to be
    shown: typer.rich_utils pulls in Rich (~40 ms) that `presensi masuk` must not pay. Guarded,
    so a Typer that renames these keeps working (in English)."""
    from .deferred import RICH, deferred, lazy_emoji

    try:
        with deferred(RICH):  # Rich's Markdown and Traceback (~35 ms), ...: unused by kerja's help
            from typer import rich_utils as ru
    except ImportError:  # pragma: no cover
        return
    lazy_emoji()  # no help text has an :emoji: code
    for name, text in (
        ("OPTIONS_PANEL_TITLE", "Opsi"),
        ("ARGUMENTS_PANEL_TITLE", "Argumen"),
        ("COMMANDS_PANEL_TITLE", "Perintah"),
        ("DEFAULT_STRING", "[bawaan: {}]"),
        ("REQUIRED_LONG_STRING", "[wajib]"),
        ("ERRORS_PANEL_TITLE", "Galat"),
        ("ENVVAR_STRING", "[variabel lingkungan: {}]"),
        ("DEPRECATED_STRING", "(usang) "),
        ("ABORTED_TEXT", "Dibatalkan."),
        ("RICH_HELP", "Coba [blue]'{command_path} {help_option}'[/] untuk bantuan."),
    ):
        if hasattr(ru, name):
            setattr(ru, name, text)
