"""The B&W / "GLG" and "AGL" TXT downloads of Fingerspot/ZKTeco-clone machines (`GLG_001.TXT`,
`AGL_001.TXT`): tab-separated with a header line.

- GLG: `No TMNo EnNo Name INOUT Mode DateTime`, `2017/11/22 14:17:21`.
- AGL: `No TMNo EnNo Name <empty> GMNo Mode IN/OUT Antipass DateTime`: the header has one column
  more than its rows (an empty title after Name); times like `06-30-2016  01:19:29PM`.

EnNo is the PIN, TMNo the terminal (machine) number, DateTime the punch; INOUT / IN/OUT is kept as
the machine state (not trusted: many machines write 0 for every punch).
"""

from __future__ import annotations

from pathlib import Path

from ..domain.errors import KerjaError
from .dates import split_stamp
from .tables import decode

LAYOUT = "judul kolom 'No TMNo EnNo Name INOUT Mode DateTime' dipisah tab"
RawPunch = tuple[int, str, object, object, str | None, str | None, str | None]


def _key(h: str) -> str:
    return "".join(c for c in h.lower() if c.isalnum())


def is_zk_txt(first_line: str) -> bool:
    keys = {_key(h) for h in first_line.split("\t")}
    return "enno" in keys and "datetime" in keys


def read(path: Path) -> list[RawPunch]:
    text = decode(path.read_bytes())
    lines = text.splitlines()
    header_no = next((i for i, line in enumerate(lines) if line.strip()), None)
    if header_no is None:
        raise KerjaError(f"{path.name} kosong.")
    header = lines[header_no].split("\t")
    if not is_zk_txt(lines[header_no]):
        raise KerjaError(
            f"{path.name} baris {header_no + 1}: bukan ekspor TXT mesin (GLG/AGL); perlu {LAYOUT}, "
            f"ada {lines[header_no].strip()[:70]!r}. Tidak ada yang disimpan."
        )
    out: list[RawPunch] = []
    cols: dict[str, int] | None = None
    for i, line in enumerate(lines[header_no + 1 :], header_no + 2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if cols is None:
            names = list(header)
            blanks = [n for n, h in enumerate(names) if not h.strip()]
            if len(names) == len(cells) + 1 and blanks:
                del names[blanks[0]]  # AGL: an empty title the rows do not have
            cols = {_key(h): n for n, h in enumerate(names) if h.strip()}
        c = cols

        def cell(key: str, cells: list[str] = cells, c: dict[str, int] = c) -> str:
            n = c.get(key)
            return cells[n].strip() if n is not None and n < len(cells) else ""

        stamp = cell("datetime")
        parts = split_stamp(stamp)
        pin = cell("enno")
        if not pin or parts is None:
            shown = line.strip()[:60]
            raise KerjaError(
                f"{path.name} baris {i}: EnNo atau DateTime kosong/tidak sah ({shown!r}); perlu {LAYOUT}. "
                "Tidak ada yang disimpan."
            )
        out.append((i, pin, parts[0], parts[1], None, cell("inout") or None, cell("tmno") or None))
    return out
