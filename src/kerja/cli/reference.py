"""The live command registry and the command reference generated from it (docs/perintah.md).

`commands()` walks what is registered on the root Typer app, so tests and the reference cover
every command, including the ones added after this was written. The reference is each
command's own `--help`, captured at a fixed width without colour, under one heading per command.

Regenerate after changing any command or help text:

    python -m kerja.cli.reference            # writes docs/perintah.md
    python -m kerja.cli.reference --periksa  # exit 1 if docs/perintah.md is stale (CI runs the test)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WIDTH = 100
REFERENCE = Path(__file__).resolve().parents[3] / "docs" / "perintah.md"


@dataclass(frozen=True)
class Entry:
    path: tuple[str, ...]  # ("pegawai", "impor"); () is the root
    command: Any  # the Click command or group
    is_group: bool

    @property
    def name(self) -> str:
        return " ".join(("kerja", *self.path))


def root_command() -> Any:
    """The root Click group built from the Typer app (as `kerja` itself builds it)."""
    import typer.main

    from .app import app

    return typer.main.get_command(app)


def commands(include_groups: bool = False) -> Iterator[Entry]:
    """Every registered, visible command in help order: groups first-level, then their commands."""

    def walk(cmd: Any, path: tuple[str, ...]) -> Iterator[Entry]:
        subs = getattr(cmd, "commands", None)
        if subs is None:
            yield Entry(path, cmd, False)
            return
        if include_groups:
            yield Entry(path, cmd, True)
        for name, sub in subs.items():
            if not getattr(sub, "hidden", False):
                yield from walk(sub, (*path, name))

    yield from walk(root_command(), ())


def help_text(path: tuple[str, ...], width: int = WIDTH) -> str:
    """`kerja PATH --help` as a clerk sees it, without colour, at a fixed width."""
    from typer.testing import CliRunner

    from .app import app

    env = {"COLUMNS": str(width), "TERMINAL_WIDTH": str(width), "NO_COLOR": "1", "TERM": "dumb"}
    r = CliRunner().invoke(app, [*path, "--help"], env=env, prog_name="kerja")
    if r.exit_code != 0:
        raise RuntimeError(f"kerja {' '.join(path)} --help -> exit {r.exit_code}: {r.output}")
    return "\n".join(line.rstrip() for line in r.stdout.strip("\n").splitlines())


def render() -> str:
    """docs/perintah.md: a contents list, then every group's and command's --help."""
    entries = list(commands(include_groups=True))
    out = [
        "# Daftar perintah kerja",
        "",
        "<!-- Dibuat otomatis dari `--help` setiap perintah: jangan disunting dengan tangan.",
        "     Buat ulang: python -m kerja.cli.reference -->",
        "",
        "Setiap perintah di bawah ini menampilkan teks yang sama dengan `kerja ... --help`.",
        "",
    ]
    for e in entries:
        if e.path:
            indent = "  " * (len(e.path) - 1)
            out.append(f"{indent}- [`{e.name}`](#{_anchor(e.name)})")
    for e in entries:
        out += ["", f"## `{e.name}`", "", "```text", help_text(e.path), "```"]
    return "\n".join(out) + "\n"


def _anchor(title: str) -> str:
    """GitHub's heading anchor for `kerja x y`."""
    return title.lower().replace(" ", "-")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = render()
    if "--periksa" in args:
        current = REFERENCE.read_text(encoding="utf-8") if REFERENCE.exists() else ""
        if current != text:
            print(f"{REFERENCE} usang; buat ulang dengan: python -m kerja.cli.reference", file=sys.stderr)
            return 1
        return 0
    REFERENCE.parent.mkdir(parents=True, exist_ok=True)
    REFERENCE.write_text(text, encoding="utf-8")
    print(f"{REFERENCE}: {text.count(chr(10))} baris")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
