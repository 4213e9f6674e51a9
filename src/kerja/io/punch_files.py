"""Which attendance file is this, and its punches: detection by content and dispatch to the
reader of each format family.

Detection reads only the start of a file (`HEAD` bytes; for a spreadsheet, its header rows), so a
2.6-million-line month costs nothing extra. `--format` forces a reader. Every machine reader yields
lists of `attlog.MachinePunch` tuples; the one import path (`services.presensi.import_file`)
takes them from there. `csv` (online presence apps: NIP, waktu, jenis, mode) keeps its own reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..domain.errors import KerjaError
from .attlog import MachinePunch

HEAD = 64 * 1024

# --format name -> what a clerk would call it (for messages and --help).
FORMATS: dict[str, str] = {
    "attlog": "ZKTeco/Solution attlog USB (1_attlog.dat) atau firmware baru 11 kolom",
    "adms": "isi kiriman ADMS/iclock (PIN, waktu, status, verifikasi ...)",
    "csv": "CSV aplikasi presensi daring (NIP/PIN, waktu, jenis, mode)",
}

_ATTLOG_LINE = re.compile(r"\s*\S+\s+\d{4}[-/]\d{1,2}[-/]\d{1,2}\s+\d{1,2}[:.]\d{2}")


def head_text(path: Path) -> str:
    with open(path, "rb") as f:
        raw = f.read(HEAD)
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def _first_lines(text: str, n: int = 5) -> list[str]:
    return [line for line in text.splitlines() if line.strip()][:n]


def detect(path: Path) -> str:
    """The format of an attendance file from its first bytes; refuses one it cannot place."""
    text = head_text(path)
    lines = _first_lines(text)
    if not lines:
        raise KerjaError(f"{path.name} kosong; tidak ada presensi untuk diimpor.")
    if _ATTLOG_LINE.match(lines[0]):
        from .attlog import attlog_layout

        return "attlog" if attlog_layout(lines[0]) == "usb" else "adms"
    if path.suffix.lower() == ".csv" or "," in lines[0] or ";" in lines[0]:
        return "csv"
    raise unknown_format(path, lines[0])


def unknown_format(path: Path, first: str) -> KerjaError:
    shown = first.strip()
    if len(shown) > 70:
        shown = shown[:67] + "..."
    names = "; ".join(f"{k} = {v}" for k, v in FORMATS.items())
    return KerjaError(
        f"{path.name}: format berkas presensi tidak dikenali (baris pertama: {shown!r}). "
        f"Format yang dikenal: {names}. Bila berkasnya salah satu dari itu, sebutkan dengan "
        "--format NAMA; tidak ada yang disimpan."
    )


def resolve_format(path: Path, fmt: str | None) -> str:
    if fmt is None or fmt.lower() == "auto":
        return detect(path)
    name = fmt.lower()
    if name not in FORMATS:
        raise KerjaError(f"--format {fmt!r} tidak dikenal; pakai auto atau salah satu: {', '.join(FORMATS)}.")
    return name


def machine_chunks(
    path: Path, fmt: str, *, progress: Any = None, urutan_tanggal: str | None = None
) -> Iterator[list[MachinePunch]]:
    """Lists of machine punches of a file in format `fmt` (not 'csv')."""
    from . import attlog

    if fmt in ("attlog", "adms"):
        yield from attlog.read_attlog_chunks(path, progress, layout="usb" if fmt == "attlog" else "adms")
        return
    raise KerjaError(f"--format {fmt!r} bukan berkas mesin.")
