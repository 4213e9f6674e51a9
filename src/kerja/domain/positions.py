"""Kinds of position (jenis jabatan) and which of them lead (pejabat: SPEC §6 rule 4)."""

from __future__ import annotations

JENIS_JABATAN = ("JPT", "ADMINISTRATOR", "PENGAWAS", "FUNGSIONAL", "PELAKSANA")
LEADER_KINDS = frozenset({"JPT", "ADMINISTRATOR", "PENGAWAS"})  # structural positions


def is_leader(jenis_jabatan: str | None) -> bool:
    """Whether a position of this kind is a leader's (pejabat struktural)."""
    return (jenis_jabatan or "").upper() in LEADER_KINDS
