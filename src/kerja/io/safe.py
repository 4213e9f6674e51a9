"""Spreadsheet-safe cells (SPEC §1): text that a spreadsheet would read as a formula is neutralised."""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@")


def safe_cell(value: object) -> object:
    """Prefix `'` to text starting with = + - @ (formula injection); other values pass unchanged.

    Numbers stay numbers: only text is touched, so -5 (an int) is kept while "-5" becomes "'-5".
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


# A text of 12 or more digits (NIP 18, NIK 16, NI PPPK 18, account numbers) or with a leading zero:
# LibreOffice and Excel open such a CSV cell as a number and keep 15 significant digits
# (198504042010011004 -> 1.98504042010011E+17) or drop the zeros.
_LONG_DIGITS = re.compile(r"\d{12,}|0\d+")


def csv_cell(value: object, sep: str = ";") -> object:
    """A CSV cell that a spreadsheet opens as what it is: `safe_cell`, and a long digit string
    behind a leading tab (both LibreOffice and Excel then read the cell as text and show its
    exact digits; kerja's imports drop the tab). With a tab separator the tab would split the
    row, so there it is `="..."`, which Excel evaluates to the text and kerja reads back too."""
    v = safe_cell(value)
    if isinstance(v, str) and _LONG_DIGITS.fullmatch(v):
        return f'="{v}"' if sep == "\t" else "\t" + v
    return v
