"""The SOAP `GetAttLog` answer of ZKTeco/Solution machines (port 80, `iWsService`), saved as XML:

    <GetAttLogResponse><Row><PIN>1</PIN><DateTime>2021-02-01 07:28:02</DateTime>
    <Verified>0</Verified><Status>0</Status><WorkCode>0</WorkCode></Row>...</GetAttLogResponse>

Status is kept as the machine state. The answer names no machine: use `--mesin ID`.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from ..domain.errors import KerjaError
from .dates import split_stamp

LAYOUT = "<GetAttLogResponse><Row><PIN>..</PIN><DateTime>YYYY-MM-DD HH:MM:SS</DateTime>..</Row>"
RawPunch = tuple[int, str, object, object, str | None, str | None, str | None]


def looks_like(head: str) -> bool:
    return "<GetAttLogResponse" in head or ("<Row>" in head and "<PIN>" in head)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def read(path: Path) -> list[RawPunch]:
    data = path.read_bytes()
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise KerjaError(f"{path.name}: XML dengan DOCTYPE/ENTITY tidak diterima; perlu {LAYOUT}.")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as e:
        line = e.position[0] if e.position else "?"
        raise KerjaError(
            f"{path.name} baris {line}: XML rusak ({e}); perlu {LAYOUT}. Tidak ada yang disimpan."
        ) from None
    out: list[RawPunch] = []
    for n, row in enumerate((el for el in root.iter() if _local(el.tag) == "row"), 1):
        fields = {_local(child.tag): (child.text or "").strip() for child in row}
        pin, stamp = fields.get("pin", ""), fields.get("datetime", "")
        parts = split_stamp(stamp)
        if not pin or parts is None:
            raise KerjaError(
                f"{path.name} Row ke-{n}: PIN {pin!r} / DateTime {stamp!r} tidak sah; perlu {LAYOUT}. "
                "Tidak ada yang disimpan."
            )
        out.append((n, pin, parts[0], parts[1], None, fields.get("status") or None, None))
    if not out:
        raise KerjaError(f"{path.name}: tidak ada <Row> presensi; perlu {LAYOUT}.")
    return out
