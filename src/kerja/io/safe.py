"""Formula-injection guard for cells a spreadsheet opens (SPEC §1)."""

from __future__ import annotations

from typing import Any

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; the rest passes
    unchanged (numbers stay numbers, so '-5' as a number is never touched)."""
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value
