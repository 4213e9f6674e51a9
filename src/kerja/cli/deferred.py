"""Modules that Typer and Rich import at their top for features kerja's start-up never uses,
imported only if something uses them.

`deferred(modules)` puts stand-in modules under those names while a library is imported: a
stand-in's listed names (the ones the library takes with `from module import name`) are
classes that import the real module on first use (a call, an attribute, an isinstance), and
any other attribute of the stand-in (`module.name`) imports the real module too. The stand-ins
are taken out of sys.modules straight after, so any later `import module` gets the real one.
A use that comes at import time (a library calling `platform.system()` at its top) imports
the real module then: the stand-in saves nothing but changes nothing either.

- TYPER, around `import typer` (kerja.cli's __init__): launching a URL or an editor and the
  shell-completion installer (subprocess, platform, shutil.which), "did you mean" after a typo
  (difflib), UUID parameters (uuid, which runs `platform.system()` at its top), pretty
  tracebacks (traceback), `Path.as_uri()` (pathlib's urllib.parse, which imports ipaddress).
  About 40 M instructions of `import typer`'s 240 M, for `presensi masuk` and `--help` alike.
- RICH, around typer.rich_utils (cli.core, only when help is shown): help written in Markdown
  (rich.markdown: markdown-it, ~25 ms), Rich tracebacks (rich.traceback: pygments, ~10 ms),
  styles with metadata (rich.style's pickle), layouts with ratios (rich._ratio's fractions,
  which imports decimal). Rich tables and panels use none of them.

`lazy_emoji()` is the one stand-in that stays: Rich scans every markup text for `:emoji:` codes
and imports its 3,600-entry emoji table (`rich._emoji_codes`) to look up the first match, at
render time, even when no text has such a code; its stand-in's `EMOJI` loads the table the
first time a code is looked up.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

# module -> the names the importer takes from it with `from module import name` (each defined in
# that module: a class or a function)
TYPER: dict[str, tuple[str, ...]] = {
    "subprocess": (),
    "platform": (),
    "shutil": ("get_terminal_size",),
    "difflib": ("get_close_matches",),
    "uuid": ("UUID",),
    "traceback": ("FrameSummary", "StackSummary"),
    "urllib.parse": ("quote_from_bytes",),
}
RICH: dict[str, tuple[str, ...]] = {
    "rich.markdown": ("Markdown",),
    "rich.traceback": ("Traceback",),
    "pickle": ("dumps", "loads"),
    "fractions": ("Fraction",),
}


def _loaded(module: str) -> types.ModuleType | None:
    """The real module if it has been imported."""
    m = sys.modules.get(module)
    return None if m is None or isinstance(m, _StandIn) else m


def _real(module: str) -> types.ModuleType:
    if isinstance(sys.modules.get(module), _StandIn):
        del sys.modules[module]
    return importlib.import_module(module)


class _Later(type):
    """The class of a deferred name: every use goes to the real class or function."""

    _module: str
    _name: str

    def _target(cls) -> Any:
        return getattr(_real(cls._module), cls._name)

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        return cls._target()(*args, **kwargs)

    def __getattr__(cls, attr: str) -> Any:
        if attr.startswith("__"):
            raise AttributeError(attr)
        return getattr(cls._target(), attr)

    def __instancecheck__(cls, obj: object) -> bool:
        return isinstance(obj, cls._target())

    def __subclasscheck__(cls, sub: type) -> bool:
        return issubclass(sub, cls._target())

    def __eq__(cls, other: object) -> bool:
        # typer.main compares each parameter's annotation with `UUID`. The real UUID exists only
        # once uuid is imported: until then nothing is equal to it, and nothing is imported.
        if cls is other:
            return True
        real = _loaded(cls._module)
        return real is not None and other is getattr(real, cls._name)

    __hash__ = type.__hash__


class _StandIn(types.ModuleType):
    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__"):  # the import machinery asks for __path__, __spec__ ...
            raise AttributeError(attr)
        return getattr(_real(self.__name__), attr)


@contextmanager
def deferred(modules: Mapping[str, tuple[str, ...]] = RICH) -> Iterator[None]:
    """Stand-ins for `modules` not imported yet, for the duration of the block."""
    put: list[str] = []
    for module, names in modules.items():
        if module in sys.modules:
            continue
        stand_in = _StandIn(module)
        for name in names:
            setattr(stand_in, name, _Later(name, (), {"_module": module, "_name": name}))
        sys.modules[module] = stand_in
        put.append(module)
    try:
        yield
    finally:
        for module in put:
            if isinstance(sys.modules.get(module), _StandIn):
                del sys.modules[module]


EMOJI_MODULE = "rich._emoji_codes"


class _Emoji(Mapping[str, str]):
    """rich._emoji_codes.EMOJI, loaded on first use."""

    def _table(self) -> dict[str, str]:
        table: dict[str, str] = _real(EMOJI_MODULE).EMOJI
        return table

    def __getitem__(self, name: str) -> str:
        return self._table()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


def lazy_emoji() -> None:
    """Rich's emoji table loaded on its first lookup (see the module's docstring)."""
    if EMOJI_MODULE in sys.modules:
        return
    stand_in = _StandIn(EMOJI_MODULE)
    stand_in.EMOJI = _Emoji()  # type: ignore[attr-defined]
    sys.modules[EMOJI_MODULE] = stand_in
