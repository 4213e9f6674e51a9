"""Output: Rich tables on stdout, JSON alone on stdout, notes and progress on stderr.

Rich is imported only when a table is drawn, so JSON and cron runs stay fast. NO_COLOR and a
non-terminal stdout turn colour off (Rich honours both).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from typing import Any


def _default(o: object) -> object:
    if isinstance(o, date | datetime):
        return o.isoformat()
    if isinstance(o, Decimal):
        return float(o)
    if isinstance(o, set | tuple):
        return list(o)
    raise TypeError(f"cannot serialise {type(o).__name__}")


def emit_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=_default) + "\n")


def note(message: str) -> None:
    print(message, file=sys.stderr)


def console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def table(
    title: str | None,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    caption: str | None = None,
    justify_right: Sequence[int] = (),
) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    cells = [["" if v is None else str(v) for v in r] for r in rows]
    con = console()
    if len(columns) > 3 and _min_width(columns, cells) > con.width:
        _records(con, title, columns, cells, caption)
        return
    # A rule under the header, no vertical bars, two spaces between columns: what lets a listing
    # of six or seven columns fit an 80-column terminal.
    # Every cell, title and caption is data (names, units, descriptions, reasons): Text, never
    # markup, so '[/]' cannot crash a listing and '[link=...]' cannot make a live hyperlink.
    t = Table(
        title=Text(title) if title is not None else None,
        caption=Text(caption) if caption is not None else None,
        show_lines=False,
        header_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        collapse_padding=True,
    )
    for i, c in enumerate(columns):
        # An identifier broken over two lines is misread; names and units may wrap instead.
        keep = c.upper() in ("NIP", "NIK", "TANGGAL", "WAKTU")
        t.add_column(
            Text(c), justify="right" if i in justify_right else "left", overflow="fold", no_wrap=keep
        )
    for r in cells:
        t.add_row(*(Text(v) for v in r))
    con.print(t)


def _min_width(columns: Sequence[str], cells: list[list[str]]) -> int:
    """The narrowest the table can be without cutting words: per column its longest word (an
    identifier or a time cut in two is misread), two spaces between columns."""
    total = 0
    for i, c in enumerate(columns):
        words = [len(w) for text in (c, *(r[i] for r in cells if i < len(r))) for w in text.split()]
        total += min(max(words, default=1), 24) + 2
    return total


def _records(
    con,
    title: str | None,
    columns: Sequence[str],
    cells: list[list[str]],
    caption: str | None,
) -> None:
    """A table too wide for the terminal, one block per row: the first two columns as a heading,
    the other non-empty ones as 'Kolom: nilai' pairs wrapped beneath. Readable on 80 columns
    where a squeezed table would break every word; --json or a wider terminal give the grid."""
    import textwrap

    from rich.markup import escape

    if title:
        con.print(f"[bold]{escape(title)}[/bold]")
    for r in cells:
        con.print(f"[bold]{escape('  '.join(v for v in r[:2] if v))}[/bold]", overflow="fold")
        rest = "; ".join(f"{c}: {v}" for c, v in zip(columns[2:], r[2:], strict=False) if v)
        if rest:
            con.print(
                escape(
                    textwrap.fill(rest, max(30, con.width), initial_indent="    ", subsequent_indent="    ")
                ),
                overflow="fold",
            )
    if caption:
        con.print(escape(caption))


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def visible(value: object) -> str:
    """Text with every control or line-breaking character shown as an escape (`\\n`, `\\x1b`):
    stored values are printed as data, so they can neither start a forged line nor send the
    terminal an escape sequence. A backslash is doubled, so the escapes cannot be faked either."""
    import unicodedata

    out: list[str] = []
    for ch in str(value):
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch not in "\u200c\u200d":
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def width() -> int:
    """The terminal's width for stdout (COLUMNS when set; 80 when not a terminal)."""
    return console().width


def say(message: str, hang: int = 2) -> None:
    """A message for the clerk on stdout. On a terminal, long lines wrap between words (the
    terminal itself would cut 'kerja' into 'k' and 'erja'); in a pipe or a log they stay whole,
    so scripts can grep them."""
    if not sys.stdout.isatty():
        print(message)
        return
    import textwrap

    w = max(40, width())
    for line in message.splitlines() or [""]:
        print(
            textwrap.fill(
                line, w, subsequent_indent=" " * hang, break_on_hyphens=False, break_long_words=False
            )
            or ""
        )


class _WordWrapped:
    """stdout on a terminal, with plain lines wider than the terminal wrapped between words.

    Every command prints some one-line messages with `print`; a terminal cuts them at the last
    column, mid-word. Lines carrying escape codes are Rich output, already fitted to the width,
    and pass untouched; so does everything when stdout is not a terminal (pipes, cron, tests).
    """

    def __init__(self, stream: Any, columns: int):
        self._stream, self._columns, self._pending = stream, columns, ""

    def write(self, s: str) -> int:
        import textwrap

        self._pending += s
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            if len(line) > self._columns and "\x1b" not in line:
                line = textwrap.fill(
                    line,
                    self._columns,
                    subsequent_indent="  ",
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            self._stream.write(line + "\n")
        return len(s)

    def flush(self) -> None:
        if self._pending:
            self._stream.write(self._pending)
            self._pending = ""
        self._stream.flush()

    def __getattr__(self, name: str) -> Any:  # isatty, fileno, encoding, ... of the terminal
        return getattr(self._stream, name)


def wrap_stdout() -> None:
    """Install the word-wrapping stdout when stdout is a terminal (called once, by main())."""
    if sys.stdout.isatty() and not isinstance(sys.stdout, _WordWrapped):
        import atexit
        import shutil

        sys.stdout = _WordWrapped(sys.stdout, max(40, shutil.get_terminal_size().columns))
        atexit.register(sys.stdout.flush)


def text(message: str) -> None:
    print(message)


@contextmanager
def progress(description: str, total: int | None) -> Iterator[Any]:
    """A progress bar on stderr when it is a terminal; otherwise a silent advance()."""
    if not sys.stderr.isatty():

        class _Quiet:
            def advance(self, n: int = 1) -> None:
                pass

        yield _Quiet()
        return
    from rich.progress import Progress

    with Progress(console=console(stderr=True), transient=True) as p:
        task = p.add_task(description, total=total)

        class _Bar:
            def advance(self, n: int = 1) -> None:
                p.advance(task, n)

        yield _Bar()


@contextmanager
def status(message: str) -> Iterator[None]:
    """A spinner on stderr while long work runs, only on a terminal."""
    if not sys.stderr.isatty():
        yield
        return
    with console(stderr=True).status(message):
        yield


def rupiah(amount: int | None) -> str:
    from ..domain.values import format_rupiah

    return format_rupiah(amount)
