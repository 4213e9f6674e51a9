"""Modules Typer and Rich import for features kerja's start-up does not use are imported only
when used (cli.deferred): which ones a run leaves out, and that every stand-in still does what
the real module does."""

from __future__ import annotations

import subprocess
import sys

import pytest


def run(probe: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=60)


PROBE = """
import sys
from kerja.cli.app import main
sys.argv = ["kerja", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
names = {names!r}
print("LOADED", sorted(m for m in names if type(sys.modules.get(m)).__name__ == "module"), file=sys.stderr)
"""

TYPER_UNUSED = ["subprocess", "platform", "difflib", "uuid", "traceback", "urllib.parse", "ipaddress"]
RICH_UNUSED = ["markdown_it", "rich.markdown", "pygments", "rich.traceback", "pickle", "fractions", "decimal"]


def test_help_imports_none_of_what_it_does_not_use() -> None:
    r = run(PROBE.format(names=[*TYPER_UNUSED, *RICH_UNUSED, "rich._emoji_codes"]), "--help")
    assert "Pemakaian: kerja" in r.stdout
    assert "LOADED []" in r.stderr, r.stderr


@pytest.mark.parametrize("argv", [["presensi", "--help"], ["presnsi"], ["presensi", "masuk"]], ids=" ".join)
def test_other_runs_neither(argv: list[str]) -> None:
    # a typo's "did you mean" needs difflib: the real one, imported then
    names = [m for m in [*TYPER_UNUSED, *RICH_UNUSED] if not (argv == ["presnsi"] and m == "difflib")]
    r = run(PROBE.format(names=names), *argv)
    assert r.stdout or r.stderr
    assert "LOADED []" in r.stderr, r.stderr


def test_typers_stand_ins_do_what_the_real_modules_do() -> None:
    probe = """
import os, sys
import kerja.cli  # imports Typer with the stand-ins
import typer, typer.core, typer.main
from pathlib import Path
assert "subprocess" not in sys.modules and "uuid" not in sys.modules and "difflib" not in sys.modules
# `annotation == UUID` (typer.main) before uuid is imported: False, and nothing imported
assert typer.main.UUID != Path and "uuid" not in sys.modules
assert typer.core.get_close_matches("presnsi", ["presensi", "pegawai"]) == ["presensi"]
assert isinstance(typer.get_terminal_size(), os.terminal_size)
assert Path("/tmp/a b").as_uri() == "file:///tmp/a%20b"
assert typer.main.platform.system() == os.uname().sysname
assert typer.main.subprocess.run(["true"]).returncode == 0
assert typer.main.StackSummary.from_list([]) == []
assert typer.main.traceback.FrameSummary("f.py", 1, "g").name == "g"
import subprocess, platform, difflib, traceback, uuid, urllib.parse
for m in (subprocess, platform, difflib, traceback, uuid, urllib.parse):
    assert type(m).__name__ == "module", m
# a UUID parameter, typed the Typer way, is still a click UUID
app = typer.Typer()
@app.command()
def cmd(u: uuid.UUID) -> None:
    print(repr(u))
assert typer.main.UUID == uuid.UUID and isinstance(uuid.uuid4(), typer.main.UUID)
typer.main.get_command(app).main(["12345678-1234-5678-1234-567812345678"], standalone_mode=False)
"""
    r = run(probe)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "UUID('12345678-1234-5678-1234-567812345678')"


def test_richs_stand_ins_load_the_real_classes_on_use() -> None:
    probe = """
import sys
from kerja.cli.deferred import RICH, deferred, lazy_emoji
with deferred(RICH):
    from typer import rich_utils as ru
assert "rich.markdown" not in sys.modules and "pickle" not in sys.modules
md = ru.Markdown("# judul")
import rich.markdown, rich.traceback
assert type(md) is rich.markdown.Markdown and isinstance(md, ru.Markdown)
assert ru.Traceback.from_exception.__func__ is rich.traceback.Traceback.from_exception.__func__
# rich.style's pickle: styles with metadata; rich._ratio's Fraction: layouts with ratios
from rich.style import Style
assert Style(meta={"a": 1}).meta == {"a": 1} and (Style(bold=True) + Style(meta={"b": 2})).meta == {"b": 2}
from rich._ratio import ratio_resolve
from rich.layout import Layout
assert ratio_resolve(10, [Layout(ratio=1), Layout(ratio=2)]) == [3, 7]
# the emoji table: loaded by the first :code:, then the real one
lazy_emoji()
from rich.console import Console
con = Console(file=open("/dev/null", "w"), record=True, width=40)
con.print("jam 07.30: [bold]tebal[/bold]")
assert type(sys.modules["rich._emoji_codes"]).__name__ == "_StandIn"
con.print(":smile: :tidak_ada:")
assert type(sys.modules["rich._emoji_codes"]).__name__ == "module"
assert con.export_text() == "jam 07.30: tebal\\n😄 :tidak_ada:\\n"
from rich.emoji import Emoji
assert str(Emoji("thumbs_up")) == "👍"
print("ok")
"""
    r = run(probe)
    assert r.stdout.strip() == "ok", r.stderr
