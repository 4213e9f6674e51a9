"""Output: Rich tables on stdout, JSON alone on stdout, notes and progress on stderr.

Rich is imported only when a table is drawn, so JSON and cron runs stay fast. NO_COLOR and a
non-terminal stdout turn colour off (Rich honours both).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported where used: `kerja --help` and a punch print no number, no JSON
    from decimal import Decimal


def _default(o: object) -> object:
    from decimal import Decimal

    if isinstance(o, date | datetime):
        return o.isoformat()
    if isinstance(o, Decimal):
        return float(o)
    if isinstance(o, set | tuple):
        return list(o)
    raise TypeError(f"cannot serialise {type(o).__name__}")


def emit_json(obj: Any) -> None:
    import json

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
        # Too wide to draw without breaking words: one line a row anyway, the free-text
        # columns cut with '…' (--json gives every value whole).
        cols = [
            Col(c, right=i in justify_right, cut=c.upper() not in _KEEP and i not in justify_right, min=8)
            for i, c in enumerate(columns)
        ]
        page(listing_lines(title, cols, [(None, cells)], caption=caption, width=con.width))
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
        keep = c.upper() in _KEEP
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


_KEEP = ("NIP", "NIK", "TANGGAL", "WAKTU", "ID", "#")


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


# --- Numbers the Indonesian way -------------------------------------------------------------


def angka(n: int | None) -> str:
    """A whole number with dot thousands (2.260); '-' for none."""
    from ..domain.values import format_number

    return "-" if n is None else format_number(int(n))


def desimal(x: float | Decimal | None, digits: int | None = None) -> str:
    """A decimal number with a decimal comma and dot thousands: 0,5 or 94,47 (`digits` fixed
    places; None: as few as needed, at most two)."""
    if x is None:
        return "-"
    text = f"{float(x):,.{2 if digits is None else digits}f}"
    if digits is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def persen(x: float | Decimal | None, digits: int | None = None) -> str:
    """'0,5%', '12%', '94,47%' (see desimal)."""
    return "-" if x is None else desimal(x, digits) + "%"


# --- Compact listings -----------------------------------------------------------------------


class Col:
    """A column of a listing: its header, right-aligned or not, and whether it may be cut (with
    '…') when the terminal is too narrow for the whole line. Identifiers, dates, times and
    numbers are never cut; names and free text are, the widest first, never below `min`."""

    __slots__ = ("name", "right", "cut", "min", "gap")

    def __init__(
        self, name: str, *, right: bool = False, cut: bool = False, min: int = 10, gap: int = 2
    ) -> None:
        self.name, self.right, self.cut, self.min, self.gap = name, right, cut, min, gap


def _cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def _clip(text: str, width: int) -> str:
    """Text cut to `width` terminal cells, ending with '…' when it was cut."""
    if _cells(text) <= width:
        return text
    from rich.cells import set_cell_size

    return set_cell_size(text, max(0, width - 1)) + "…" if width > 0 else ""


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(0, width - _cells(text))
    return gap + text if right else text + gap


def listing_width(wide: bool = False) -> int | None:
    """How wide a listing may be: None (no limit) with --lebar, or in a pipe without COLUMNS
    (scripts get whole names); else the terminal's (or COLUMNS') width."""
    import os
    import shutil

    if wide:
        return None
    if os.environ.get("COLUMNS", "").strip().isdigit():
        return max(20, int(os.environ["COLUMNS"]))
    out = sys.__stdout__ if sys.__stdout__ is not None else sys.stdout
    if not sys.stdout.isatty() and not (out is not None and out.isatty()):
        return None
    return max(20, shutil.get_terminal_size().columns)


def listing_lines(
    title: str | None,
    columns: Sequence[Col],
    groups: Iterable[tuple[str | None, Iterable[Sequence[object]]]],
    *,
    caption: str | None = None,
    width: int | None = None,
) -> list[str]:
    """The lines of a compact listing: a title, one header line, then one line per row under
    its group's heading (a unit), then the caption. Nothing wraps: when `width` is too small
    for a line, the cuttable columns are shortened (widest first) and headings cut with '…'.
    Every value is shown as data (control characters escaped, no markup interpreted)."""
    data: list[tuple[str | None, list[list[str]]]] = []
    for heading, rows in groups:
        cells = [["" if v is None else visible(v) for v in r] for r in rows]
        data.append((None if heading is None else visible(heading), cells))
    n = len(columns)
    widths = [_cells(c.name) for c in columns]
    for _, rows in data:
        for r in rows:
            for i in range(min(n, len(r))):
                widths[i] = max(widths[i], _cells(r[i]))
    # Empty columns (no value in any row) are left out: a day without notes needs no Catatan.
    keep = [i for i in range(n) if any(i < len(r) and r[i] for _, rows in data for r in rows)]
    keep = keep or list(range(n))
    gaps = [c.gap for c in columns]
    whole = list(widths)
    if width is not None:
        # First the cuttable columns down to their minimum (widest first); then single spaces
        # between columns; then the cuttable columns down to 4 cells. Past that the line is
        # longer than the terminal: nothing is left to take away without losing a column.
        for floor, single in ((0, False), (0, True), (4, True)):
            if single:
                gaps = [min(g, 1) for g in gaps]
            widths = list(whole)
            excess = sum(widths[i] + gaps[i] for i in keep) - gaps[keep[0]] - width
            while excess > 0:
                least = [floor or max(c.min, _cells(c.name)) for c in columns]
                cuttable = [i for i in keep if columns[i].cut and widths[i] > least[i]]
                if not cuttable:
                    break
                widest = max(cuttable, key=lambda i: widths[i])
                widths[widest] -= 1
                excess -= 1
            if excess <= 0:
                break

    def line(values: Sequence[str]) -> str:
        text = ""
        for k, i in enumerate(keep):
            v = values[i] if i < len(values) else ""
            text += (" " * gaps[i] if k else "") + _pad(_clip(v, widths[i]), widths[i], columns[i].right)
        return text.rstrip()

    def fit(text: str) -> str:
        return text if width is None else _clip(text, width)

    out: list[str] = []
    if title:
        import textwrap

        t = visible(title)
        out.extend([t] if width is None else textwrap.wrap(t, width, break_on_hyphens=False) or [""])
    out.append(line([c.name for c in columns]))
    for heading, rows in data:
        if heading is not None:
            out.append(fit(heading))
        out.extend(line(r) for r in rows)
    if caption:
        import textwrap

        for part in caption.splitlines():
            part = visible(part)
            out.extend(
                [part] if width is None else textwrap.wrap(part, width, break_on_hyphens=False) or [""]
            )
    return out


def listing(
    title: str | None,
    columns: Sequence[Col],
    groups: Iterable[tuple[str | None, Iterable[Sequence[object]]]],
    *,
    caption: str | None = None,
    wide: bool = False,
) -> None:
    """Print a compact listing (listing_lines) on stdout, at the terminal's width (no limit in a
    pipe or with --lebar). On a terminal, a listing taller than the screen goes through the
    pager (KERJA_PAGER, else `less -FRSX`; KERJA_PAGER= turns it off)."""
    lines = listing_lines(title, columns, groups, caption=caption, width=listing_width(wide))
    page(lines)


def page(lines: list[str]) -> None:
    import os
    import shutil

    stream = getattr(sys.stdout, "_stream", sys.stdout)  # under _WordWrapped: the terminal itself
    if stream.isatty() and sys.stdin.isatty() and len(lines) >= shutil.get_terminal_size().lines:
        import shlex
        import subprocess

        pager = shlex.split(os.environ.get("KERJA_PAGER", "less -FRSX"))
        if pager and shutil.which(pager[0]):
            stream.flush()
            try:
                subprocess.run(pager, input="\n".join(lines) + "\n", text=True, check=False)
                return
            except OSError:
                pass
    stream.write("".join(line + "\n" for line in lines))
    stream.flush()


def unit_heading(path: str | None) -> str:
    """A unit's heading in a listing: its path without the OPD root when it has one ('Bidang X >
    Seksi Y'); the root alone for the people directly under it."""
    if not path:
        return "(tanpa unit)"
    parts = path.split(" > ")
    return " > ".join(parts[1:]) or parts[0]


def by_unit(
    rows: Iterable[dict[str, Any]], key: str = "unit"
) -> list[tuple[str | None, list[dict[str, Any]]]]:
    """Rows grouped by their unit path, in the order the units first appear."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault(r.get(key) or "", []).append(r)
    return [(unit_heading(u), rs) for u, rs in groups.items()]
