"""What every command group shares: the Typer subclass that turns KerjaError into a one-line
message and exit 1, the global options, and argument helpers."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    import sqlite3
    from datetime import datetime

EXIT_RULES_UNMET = 3


class State:
    """The global options of this run. A plain class: a dataclass costs every command about a
    millisecond of start-up (its methods are generated and compiled at import)."""

    def __init__(self) -> None:
        self.db: Path | None = None
        self.debug = False


state = State()


def db_path() -> Path:
    from ..services.database import default_path

    return state.db or default_path()


def open_db() -> sqlite3.Connection:
    from ..services.database import open_store

    return open_store(db_path())


def fail(message: str, code: int = 1) -> typer.Exit:
    text = f"Galat: {message}"
    if sys.stderr.isatty():
        # Wrap between words: the terminal would cut `kerja rekap buka` mid-word.
        import shutil
        import textwrap

        width = max(40, shutil.get_terminal_size().columns)
        text = "\n".join(
            textwrap.fill(line, width, subsequent_indent="  ", break_on_hyphens=False, break_long_words=False)
            for line in text.splitlines()
        )
    print(text, file=sys.stderr)
    return typer.Exit(code)


def guarded(f: Callable[..., Any]) -> Callable[..., Any]:
    """Run a command; a KerjaError becomes 'Galat: ...' on stderr and exit 1, never a traceback."""

    @functools.wraps(f)
    def run(*args: Any, **kwargs: Any) -> Any:
        from ..domain.errors import KerjaError

        try:
            return f(*args, **kwargs)
        except KerjaError as e:
            if state.debug:
                raise
            raise fail(str(e)) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            # `kerja audit | head`: the reader has stopped; end quietly like other Unix tools.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None
        except Exception as e:
            if state.debug or os.environ.get("KERJA_DEBUG"):
                raise
            raise fail(
                f"kesalahan internal ({type(e).__name__}: {e}). Ulangi dengan --debug untuk detailnya."
            ) from None

    return run


class App(typer.Typer):
    """typer.Typer whose commands are all guarded."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("no_args_is_help", True)
        kwargs.setdefault("rich_markup_mode", "rich")
        kwargs.setdefault("pretty_exceptions_enable", False)
        if "cls" not in kwargs:
            from .core import KerjaSubGroup

            kwargs["cls"] = KerjaSubGroup
        super().__init__(**kwargs)

    def command(self, name: str | None = None, **kwargs: Any):
        def decorator(f: Callable[..., Any]) -> Callable[..., Any]:
            options = dict(kwargs)
            if "cls" not in options:
                from .core import KerjaCommand

                options["cls"] = KerjaCommand
            if "help" not in options and f.__doc__:
                options["help"] = reflow(f.__doc__)
            super(App, self).command(name, **options)(guarded(f))
            return f

        return decorator


def reflow(doc: str) -> str:
    """A docstring's paragraphs as single lines, so that help wraps to the terminal's width.

    Typer's rich mode keeps the line breaks of every paragraph after the first: a docstring
    wrapped at 100 columns would break mid-sentence on an 80-column terminal. Lines that start a
    list item ("- ", "* ") stay on their own line.
    """
    import inspect

    out: list[str] = []
    for para in inspect.cleandoc(doc).split("\n\n"):
        lines: list[str] = []
        for line in para.splitlines():
            if lines and not line.lstrip().startswith(("- ", "* ")):
                lines[-1] += " " + line.strip()
            else:
                lines.append(line.rstrip())
        out.append("\n".join(lines))
    return "\n\n".join(out)


def now() -> datetime:
    """The moment a command runs (kerja.clock: KERJA_SEKARANG or the system clock), handed to
    the services, which never read the clock themselves."""
    from ..clock import now as clock_now

    return clock_now()


def actor(oleh: str | None) -> str:
    """Who made a change: --oleh, else the OS user."""
    from ..clock import os_user

    return oleh.strip() if oleh and oleh.strip() else os_user()


def _convert(kind: Any, text: str, name: str) -> Any:
    """A value parsed by hand with a declared type of `params` (prefer declaring the parameter
    with that type: then --help and completion know it too)."""
    from .params import BadValue

    try:
        return kind.convert(text, None, None)
    except BadValue as e:
        raise fail(f"{name}: {e.message}") from None


def nip_arg(text: str) -> str:
    from .params import NIP

    return _convert(NIP, text, "NIP")


def date_arg(text: str | None, name: str) -> Any:
    from .params import DATE

    return None if text is None else _convert(DATE, text, name)


def month_arg(text: str | None, name: str = "--bulan") -> str | None:
    from .params import MONTH

    return None if text is None else _convert(MONTH, text, name)


def out_target(path: Path, *, timpa: bool, option: str = "--keluar") -> Path:
    """A file the command may write: not the store (nor its sidecars and backups), not a folder,
    an existing file only with --timpa (io.atomic.check_target)."""
    from ..io.atomic import check_target

    return check_target(path, stores=[db_path()], timpa=timpa, option=option)


OPT_TIMPA = typer.Option(False, "--timpa", help="Timpa berkas tujuan bila sudah ada.")
OPT_JSON = typer.Option(False, "--json", help="Cetak satu dokumen JSON di stdout.")
OPT_LEBAR = typer.Option(
    False,
    "--lebar",
    help="Tabel selebar isinya: nama dan catatan tidak dipotong (layar lebar, berkas, pipa).",
)
OPT_OLEH = typer.Option(None, "--oleh", help="NIP/nama petugas yang mengubah (bawaan: pengguna OS).")
