"""Spreadsheet-safe cells (SPEC §1): text that a spreadsheet would run as a formula is neutralised."""

from __future__ import annotations

from typing import Any

# = + - @ start a formula; a leading tab or carriage return can hide one from the eye.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Prefix `'` to text starting with = + - @ (formula injection); other values pass unchanged.

    Numbers stay numbers: only text is touched, so -5 (an int) is kept while "-5" becomes "'-5".
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
