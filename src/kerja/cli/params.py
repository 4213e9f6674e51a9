"""Typed command-line parameters, declared once for every command.

Each kind of value a clerk types (a date, a month, a time, a NIP, a zone, a format, a CSV
separator, a status code, a condition, a role) is one Click parameter type here, with its metavar
(`--help` shows `YYYY-MM-DD` or the list of choices), its shell completion (`--format <TAB>`
offers the formats, not file names) and its Indonesian error. A value that does not convert is
rejected before the command runs: one line `Galat: --opsi: ...` on stderr and exit 1 (SPEC §1:
rejected input), never an internal error. Usage errors (unknown option, missing argument) stay
Click's exit 2 and are rendered in Indonesian by `cli.errors`.

Commands declare their options with the `typer.Option`/`typer.Argument` factories below
(`date_option`, `choice_option`, ...) so the help text and the type travel together.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from typing import Any

import typer

from . import clicklib as click

# Values of the contract (SPEC §1, §2, §12). Literal here, not imported from domain/ and io/, so that
# `kerja --help` and `presensi masuk` stay fast; tests/cli/test_params.py keeps them equal.
ZONA = ("WIB", "WITA", "WIT")
KODE_STATUS = ("S", "I", "CT", "CB", "CS", "CM", "CAP", "CLTN", "DL", "TB", "IH", "SS")
JENIS_KONDISI = ("hamil", "menyusui", "komorbid", "odp", "pdp", "positif", "kontak-erat", "perjalanan")
PERAN = ("pegawai", "atasan", "petugas")
LOKASI = ("WFO", "WFH")
FORMAT_REKAP = ("tabel", "json", "csv", "xlsx", "pdf")
FORMAT_JADWAL = ("csv", "xlsx", "json")


def presensi_formats() -> tuple[str, ...]:
    """auto, then every attendance-file layout io.punch_files reads."""
    from ..io.punch_files import FORMATS

    return ("auto", *FORMATS)


URUTAN_TANGGAL = ("hbt", "bht")
# Named separators a clerk can type without shell quoting trouble; any other single character too.
PEMISAH_NAMA = {"tab": "\t", "titik-koma": ";", "koma": ",", "pipa": "|"}


class BadValue(click.BadParameter):
    """A value that does not fit its parameter: rejected input, exit 1, one `Galat:` line."""

    exit_code = 1

    def format_message(self) -> str:
        return f"{param_label(self.param)}: {self.message}"


def param_label(param: click.Parameter | None) -> str:
    """How a clerk names the parameter: `--bulan`, or the argument's metavar (`NIP`)."""
    if param is None:
        return "nilai"
    if isinstance(param, click.Option) and param.opts:
        return max(param.opts, key=len)
    return (param.name or "nilai").upper()


def _show(value: object) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def _words(items: Sequence[str]) -> str:
    """'a, b atau c' (Indonesian list)."""
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} atau {items[-1]}"


class KerjaType(click.ParamType):
    """Base: errors raise BadValue (exit 1) with an Indonesian message."""

    def fail(
        self, message: str, param: click.Parameter | None = None, ctx: click.Context | None = None
    ) -> Any:
        raise BadValue(message, ctx=ctx, param=param)


class DateType(KerjaType):
    """A command-line date: strictly YYYY-MM-DD (SPEC §1)."""

    name = "tanggal"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        from ..domain.values import parse_iso_date

        try:
            return parse_iso_date(str(value))
        except ValueError as e:
            self.fail(f"{e} (tanggal harus ada di kalender, mis. 2021-02-03)", param, ctx)
            raise  # unreachable: fail raises


class MonthType(KerjaType):
    """A month YYYY-MM, returned normalised ('2021-2' -> '2021-02')."""

    name = "bulan"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "YYYY-MM"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from ..domain.values import parse_month

        try:
            return parse_month(str(value))
        except ValueError as e:
            self.fail(str(e), param, ctx)
            raise


class TimeType(KerjaType):
    """A clock time HH:MM or the Indonesian HH.MM."""

    name = "jam"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "HH:MM"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> time:
        if isinstance(value, time):
            return value
        from ..domain.values import parse_time

        try:
            return parse_time(str(value))
        except ValueError as e:
            self.fail(str(e), param, ctx)
            raise


class DateTimeType(KerjaType):
    """A local wall-clock moment 'YYYY-MM-DD HH:MM' (seconds, 'T' and HH.MM also accepted)."""

    name = "waktu"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "'YYYY-MM-DD HH:MM'"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> datetime:
        if isinstance(value, datetime):
            return value
        text = str(value).strip().replace("T", " ").replace(".", ":")
        for pattern in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"):
            try:
                return datetime.strptime(text, pattern)
            except ValueError:
                pass
        self.fail(f"{_show(value)} tidak sah; pakai 'YYYY-MM-DD HH:MM', mis. '2021-02-01 07:25'", param, ctx)
        raise AssertionError  # unreachable


class NipType(KerjaType):
    """An 18-digit NIP (PNS/PPPK) or a NIK; spaces and dots are dropped. A name ('Maya Sari',
    letters only or words with spaces) is looked up in the store and stands for that person's NIP."""

    name = "nip"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "NIP"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from ..domain.nip import clean_nip

        text = str(value)
        if any(c.isalpha() for c in text) and " " in text.strip() or text.strip().isalpha():
            return self._by_name(text, param, ctx)
        try:
            return clean_nip(text)
        except ValueError as e:
            self.fail(f"NIP {_show(value)}: {e}", param, ctx)
            raise

    def _by_name(self, text: str, param: click.Parameter | None, ctx: click.Context | None) -> str:
        """A name typed where a NIP goes ('Maya Sari'): the one person it names in the store;
        none or several is rejected input that lists the candidates."""
        from ..domain.errors import KerjaError
        from ..services.pegawai import resolve
        from .base import open_db

        try:
            nip = resolve(open_db(), " ".join(text.split()))
        except KerjaError as e:
            self.fail(str(e), param, ctx)
            raise
        # Nobody by that name: the text goes on as typed, as before names were looked up (an
        # --oleh may name a clerk outside the store; a NIP lookup then says it is unknown).
        return nip if nip is not None else text.strip()


class YearType(KerjaType):
    """A calendar year kerja has holidays for (1946-2100)."""

    name = "tahun"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "YYYY"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        text = str(value).strip()
        if not text.isdigit() or not 1946 <= int(text) <= 2100:
            self.fail(f"tahun {_show(value)} di luar jangkauan; pakai 1946-2100, mis. 2021", param, ctx)
        return int(text)


class ChoiceType(KerjaType):
    """One of a fixed list, case-insensitive; returns the canonical spelling. `--help` shows the
    list as the metavar and completion offers it."""

    name = "pilihan"

    def __init__(self, choices: Sequence[str] | Callable[[], Sequence[str]], what: str = "nilai") -> None:
        # A callable is asked on first use: the list lives in the module that acts on it (io/,
        # domain/), which then is imported only when the option is used or help is shown.
        self._source = choices
        self._choices: tuple[str, ...] | None = None if callable(choices) else tuple(choices)
        self.what = what
        self.name = what.split()[-1]

    @property
    def choices(self) -> tuple[str, ...]:
        if self._choices is None:
            assert callable(self._source)
            self._choices = tuple(self._source())
        return self._choices

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "[" + "|".join(self.choices) + "]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        found = {c.casefold(): c for c in self.choices}.get(str(value).strip().casefold())
        if found is None:
            self.fail(f"{self.what} {_show(value)} tidak dikenal; pilih {_words(self.choices)}", param, ctx)
        return found  # type: ignore[return-value]

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[click.CompletionItem]:
        low = incomplete.casefold()
        return [click.CompletionItem(c) for c in self.choices if c.casefold().startswith(low)]


class SeparatorType(KerjaType):
    """A CSV column separator: one character (`;` `,` `|`), or a name (`tab`, `koma`, ...)."""

    name = "pemisah"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "KARAKTER"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value)
        text = PEMISAH_NAMA.get(text.strip().casefold(), "\t" if text == "\\t" else text)
        if len(text) != 1 or text in '"\r\n' or text.isalnum():
            self.fail(
                f"{_show(value)} harus satu karakter pemisah, mis. ';' atau ',' (atau tab, koma, titik-koma)",
                param,
                ctx,
            )
        return text

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[click.CompletionItem]:
        return [click.CompletionItem(c) for c in (";", ",", "tab", "|") if c.startswith(incomplete)]


DATE = DateType()
MONTH = MonthType()
TIME = TimeType()
DATETIME = DateTimeType()
NIP = NipType()
SEPARATOR = SeparatorType()
YEAR = YearType()
ZONE = ChoiceType(ZONA, "zona")
STATUS_CODE = ChoiceType(KODE_STATUS, "kode status")
CONDITION = ChoiceType(JENIS_KONDISI, "jenis kondisi")
ROLE = ChoiceType(PERAN, "peran")
LOCATION = ChoiceType(LOKASI, "lokasi")
MODE = ChoiceType(("wfo", "wfh"), "mode")
DATE_ORDER = ChoiceType(URUTAN_TANGGAL, "urutan tanggal")


def formats(choices: Sequence[str] | Callable[[], Sequence[str]]) -> ChoiceType:
    return ChoiceType(choices, "format")


# Option/argument factories: the type and the help text travel together.


def option(default: Any, *names: str, type: click.ParamType, help: str, **kw: Any) -> Any:
    return typer.Option(
        default, *names, click_type=type, help=help, show_default=kw.pop("show_default", False), **kw
    )


def argument(default: Any, *, type: click.ParamType, help: str, **kw: Any) -> Any:
    metavar = kw.pop("metavar", None) or type.name.upper()
    return typer.Argument(default, click_type=type, help=help, show_default=False, metavar=metavar, **kw)


def date_option(name: str, help: str, default: Any = None) -> Any:
    return option(default, name, type=DATE, help=help)


def month_option(help: str = "Bulan YYYY-MM.", default: Any = None, name: str = "--bulan") -> Any:
    return option(default, name, type=MONTH, help=help)


def time_option(name: str, help: str, default: Any = None) -> Any:
    return option(default, name, type=TIME, help=help)


def nip_argument(help: str = "NIP/NIK pegawai.") -> Any:
    return argument(..., type=NIP, help=help)


def nip_option(name: str, help: str, default: Any = None) -> Any:
    return option(default, name, type=NIP, help=help)


def zone_option(help: str, default: Any = None) -> Any:
    return option(default, "--zona", type=ZONE, help=help, show_default=default not in (None, ...))


def format_option(choices: Sequence[str] | Callable[[], Sequence[str]], help: str, default: Any = ...) -> Any:
    return option(
        default, "--format", type=formats(choices), help=help, show_default=default not in (None, ...)
    )


SEPARATOR_HELP = "Pemisah kolom CSV: satu karakter (bawaan ';' untuk Excel Indonesia; ',' atau tab)."


def separator_option(help: str = SEPARATOR_HELP) -> Any:
    return option(";", "--pemisah", type=SEPARATOR, help=help)
