"""The attendance listing printed by pyzk scripts (`get_attendance()`), one punch a line:

    ATT  1: uid:  1, user_id:  1 t: 2020-08-05 07:28:02, s:1 p:0
    <Attendance>: 1 : 2020-08-05 07:28:02 (1, 0)

user_id is the PIN; the punch (p, the second number) is kept as the machine state. The listing
names no machine: use `--mesin ID`.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..domain.errors import KerjaError
from .tables import decode

LAYOUT = "'ATT  1: uid:  1, user_id:  1 t: 2020-08-05 07:28:02, s:1 p:0'"
RawPunch = tuple[int, str, object, object, str | None, str | None, str | None]
_LINE = re.compile(
    r"\s*ATT\s+\d+:\s*uid:\s*\d+,\s*user_id:\s*(\S+?),?\s+t:\s*(\S+)\s+(\S+?),\s*s:\s*(\d+)\s*p:\s*(\d+)\s*"
)
_REPR = re.compile(r"\s*<Attendance>:\s*(\S+)\s*:\s*(\S+)\s+(\S+)\s*\((\d+),\s*(\d+)\)\s*")


def looks_like(line: str) -> bool:
    return bool(_LINE.fullmatch(line) or _REPR.fullmatch(line))


def read(path: Path) -> list[RawPunch]:
    out: list[RawPunch] = []
    for i, line in enumerate(decode(path.read_bytes()).splitlines(), 1):
        if not line.strip():
            continue
        m = _LINE.fullmatch(line) or _REPR.fullmatch(line)
        if m is None:
            raise KerjaError(
                f"{path.name} baris {i}: bukan baris daftar presensi pyzk ({line.strip()[:60]!r}); "
                f"perlu {LAYOUT}. Tidak ada yang disimpan."
            )
        out.append((i, m[1], m[2], m[3], None, m[5], None))
    return out
