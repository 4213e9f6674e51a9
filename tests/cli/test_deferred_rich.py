"""`kerja --help` renders without importing Rich's Markdown (markdown-it) or Traceback (pygments),
which typer.rich_utils imports for features kerja does not use; the stand-ins still work."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from kerja.cli.app import main
sys.argv = ["kerja", "--help"]
try:
    main()
except SystemExit:
    pass
heavy = [m for m in ("markdown_it", "rich.markdown", "pygments", "rich.traceback") if m in sys.modules]
print("HEAVY", heavy, file=sys.stderr)
"""


def test_help_imports_no_markdown_nor_pygments() -> None:
    r = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60)
    assert "Pemakaian: kerja" in r.stdout
    assert "HEAVY []" in r.stderr


def test_stand_ins_load_the_real_classes_on_use() -> None:
    probe = """
import sys
from kerja.cli.deferred import deferred
with deferred():
    from typer import rich_utils as ru
assert "rich.markdown" not in sys.modules
md = ru.Markdown("# judul")
import rich.markdown, rich.traceback
assert type(md) is rich.markdown.Markdown and isinstance(md, ru.Markdown)
assert ru.Traceback.from_exception.__func__ is rich.traceback.Traceback.from_exception.__func__
print("ok")
"""
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == "ok", r.stderr
