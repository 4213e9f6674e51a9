"""JSON lists written one item a line: still one document, readable, streamed, and the C encoder
stays on (an indented dump goes through the pure-Python one, seconds slower over a province)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import IO, Any


def write_rows(rows: Iterable[Any], out: IO[str], *, indent: str = "") -> None:
    """'[\\n{item},\\n{item}\\n]\\n' ('[]\\n' when empty), each item prefixed by `indent`."""
    out.write("[")
    first = True
    for r in rows:
        out.write(("\n" if first else ",\n") + indent + json.dumps(r, ensure_ascii=False))
        first = False
    out.write("]\n" if first else "\n]\n")


def rows_text(rows: Iterable[Any]) -> str:
    """write_rows as text, without the final newline (to embed in a larger document)."""
    buf = io.StringIO()
    write_rows(rows, buf)
    return buf.getvalue()[:-1]
