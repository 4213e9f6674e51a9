"""An employee's name as printed on every list, recap and signature: with their titles."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def full_name(nama: str, gelar_depan: str | None = None, gelar_belakang: str | None = None) -> str:
    """'Dr. Tari Anggraeni, S.Kom., M.Si.': front titles before, back titles after a comma."""
    name = f"{gelar_depan} {nama}" if gelar_depan else nama
    return f"{name}, {gelar_belakang}" if gelar_belakang else name


def full_name_of(row: Mapping[str, Any]) -> str:
    """full_name of an employee row (keys nama, gelar_depan, gelar_belakang)."""
    return full_name(row["nama"], row.get("gelar_depan"), row.get("gelar_belakang"))


def fold(text: str) -> str:
    """Text for matching what a clerk types: accents dropped (é -> e), case folded, spaces
    collapsed ('  MAYA   sári' -> 'maya sari')."""
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def matches(query: str, row: Mapping[str, Any]) -> bool:
    """Whether every word of `query` is in the person's name (with titles), NIP or unit path."""
    hay = fold(f"{full_name_of(row)} {row.get('nip') or ''} {row.get('unit') or ''}")
    return all(word in hay for word in fold(query).split())


def name_matches(query: str, rows: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The people a name typed where a NIP goes means: the exact name (titles aside) when some
    have it, else those whose name holds every word typed."""
    q = fold(query)
    exact = [r for r in rows if fold(r["nama"]) == q or fold(full_name_of(r)) == q]
    if exact:
        return exact
    words = q.split()
    return [r for r in rows if all(w in fold(full_name_of(r)) for w in words)]
