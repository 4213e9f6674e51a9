"""The Click that Typer runs on, in one place: Typer >= 0.28 carries its own copy
(`typer._click`, private but the one its commands are built from); older Typers use the click
package. Parameter types and error handling must come from the same copy as the commands."""

from __future__ import annotations

try:
    from typer._click.core import Context, Parameter
    from typer._click.exceptions import BadParameter, ClickException, NoArgsIsHelpError, UsageError
    from typer._click.shell_completion import CompletionItem
    from typer._click.types import ParamType
    from typer.core import TyperOption as Option
except ImportError:  # pragma: no cover - Typer < 0.28
    from click.core import Context, Option, Parameter  # type: ignore[assignment]
    from click.exceptions import (  # type: ignore[assignment]
        BadParameter,
        ClickException,
        NoArgsIsHelpError,
        UsageError,
    )
    from click.shell_completion import CompletionItem  # type: ignore[assignment]
    from click.types import ParamType  # type: ignore[assignment]

__all__ = [
    "BadParameter",
    "ClickException",
    "CompletionItem",
    "Context",
    "NoArgsIsHelpError",
    "Option",
    "ParamType",
    "Parameter",
    "UsageError",
]
