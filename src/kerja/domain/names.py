"""An employee's name as printed on every list, recap and signature: with their titles."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def full_name(nama: str, gelar_depan: str | None = None, gelar_belakang: str | None = None) -> str:
    """'Dr. Tari Anggraeni, S.Kom., M.Si.': front titles before, back titles after a comma."""
    name = f"{gelar_depan} {nama}" if gelar_depan else nama
    return f"{name}, {gelar_belakang}" if gelar_belakang else name


def full_name_of(row: Mapping[str, Any]) -> str:
    """full_name of an employee row (keys nama, gelar_depan, gelar_belakang)."""
    return full_name(row["nama"], row.get("gelar_depan"), row.get("gelar_belakang"))
