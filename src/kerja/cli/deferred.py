"""Rich's Markdown and Traceback, imported only if something uses them.

typer.rich_utils imports `rich.markdown` (markdown-it, ~25 ms) and `rich.traceback` (pygments,
~10 ms) at its top, for help written in Markdown and for pretty tracebacks; kerja's help is Rich
markup and its tracebacks are plain, so `kerja --help` never uses either. `defer()` puts
stand-in modules under those two names while typer.rich_utils is imported: their `Markdown` and
`Traceback` are classes that import the real module on first use (a call, an attribute, an
isinstance). The stand-ins are taken out of sys.modules straight after, so any later
`import rich.markdown` gets the real module."""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# module -> the names typer.rich_utils takes from it
DEFERRED = {"rich.markdown": ("Markdown",), "rich.traceback": ("Traceback",)}


def _real(module: str) -> types.ModuleType:
    stand_in = sys.modules.get(module)
    if isinstance(stand_in, _StandIn):
        del sys.modules[module]
    return importlib.import_module(module)


class _Later(type):
    """The class of a deferred name: every use goes to the real class."""

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


class _StandIn(types.ModuleType):
    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__"):  # the import machinery asks for __path__, __spec__ ...
            raise AttributeError(attr)
        return getattr(_real(self.__name__), attr)


@contextmanager
def deferred() -> Iterator[None]:
    """Stand-ins for DEFERRED's modules not imported yet, for the duration of the block."""
    put: list[str] = []
    for module, names in DEFERRED.items():
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
