"""Spreadsheet-safe cells (SPEC §1): text that a spreadsheet would read as a formula is neutralised."""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@")


def safe_cell(value: object) -> object:
    """Prefix `'` to text starting with = + - @ (formula injection); other values pass unchanged.

    Numbers stay numbers: only text is touched, so -5 (an int) is kept while "-5" becomes "'-5".
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
