"""e-Kinerja schemes beyond clock minutes (SPEC §12 `kinerja.skema`): the activity catalogue of
the "volume" scheme (minutes = volume x a standard time per activity, as DKI's e-Kinerja counts)
and the monthly achievement of the "capaian" scheme (a % or an SKP predicate per person,
PermenPANRB 6/2022). Rows from a clerk's sheet in, plain rows or named problems out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation

from .employees import norm_header
from .nip import clean_nip

CATALOGUE_COLUMNS = {
    "kode": ("kode", "kodekegiatan", "idkegiatan", "kodeaktivitas"),
    "nama": ("nama", "namakegiatan", "kegiatan", "aktivitas", "namaaktivitas", "uraian"),
    "norma_menit": ("norma", "normamenit", "normawaktu", "waktuefektif", "waktumenit", "menit"),
    "satuan": ("satuan", "satuanoutput", "satuanhasil"),
}
ACHIEVEMENT_COLUMNS = {
    "nip": ("nip", "nipbaru"),
    "persen": (
        "capaian",
        "capaianpersen",
        "persen",
        "realisasi",
        "realisasipersen",
        "nilai",
        "capaiankinerja",
    ),
    "predikat": ("predikat", "predikatkinerja", "predikatskp"),
}

Problem = tuple[int, str, object, str]  # (row, column, value, reason)


def match_columns(headers: Sequence[object], columns: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """field -> column index, by the aliases (case, spaces and punctuation ignored)."""
    found: dict[str, int] = {}
    for i, h in enumerate(headers):
        key = "".join(ch for ch in norm_header(h) if ch.isalnum())  # "Norma (menit)" -> normamenit
        for field, aliases in columns.items():
            if key in aliases and field not in found:
                found[field] = i
    return found


def _cell(row: Sequence[object], idx: int | None) -> str:
    if idx is None or idx >= len(row) or row[idx] is None:
        return ""
    v = row[idx]
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v).strip()


def catalogue_rows(
    cols: Mapping[str, int], rows: Iterable[tuple[int, Sequence[object]]]
) -> tuple[list[tuple[str, str, int, str | None]], list[Problem]]:
    """(kode, nama, norma_menit, satuan) rows and every problem found."""
    out: list[tuple[str, str, int, str | None]] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for n, r in rows:
        kode, nama, norma = (
            _cell(r, cols.get("kode")),
            _cell(r, cols.get("nama")),
            _cell(r, cols["norma_menit"]),
        )
        if not kode:
            problems.append((n, "kode", kode, "kode kegiatan kosong"))
            continue
        if kode in seen:
            problems.append((n, "kode", kode, f"kode ganda (juga baris {seen[kode]})"))
            continue
        seen[kode] = n
        if not norma.isdigit() or not 0 < int(norma) <= 1440:
            problems.append((n, "norma_menit", norma, "harus menit bulat 1-1440 per satuan hasil"))
            continue
        out.append((kode, nama or kode, int(norma), _cell(r, cols.get("satuan")) or None))
    return out, problems


def achievement_percent(
    persen: str, predikat: str, table: Mapping[str, float]
) -> tuple[Decimal | None, str | None, str | None]:
    """(exact %, predicate, why not): a % from 0 to 100, else an SKP predicate mapped by the
    rule table `kinerja.predikat` (case-insensitive)."""
    if persen:
        try:
            p = Decimal(persen.replace("%", "").replace(",", ".").strip())
        except InvalidOperation:
            return None, None, "harus persen 0-100, mis. 92,5"
        if not p.is_finite() or not 0 <= p <= 100:
            return None, None, "harus persen 0-100, mis. 92,5"
        return p, predikat or None, None
    if predikat:
        by_key = {k.casefold(): (k, v) for k, v in table.items()}
        hit = by_key.get(" ".join(predikat.split()).casefold())
        if hit is None:
            return None, None, f"predikat tidak dikenal; yang sah: {', '.join(table)}"
        return Decimal(str(hit[1])), hit[0], None
    return None, None, "isi kolom capaian (persen) atau predikat"


def achievement_rows(
    cols: Mapping[str, int], rows: Iterable[tuple[int, Sequence[object]]], table: Mapping[str, float]
) -> tuple[list[tuple[int, str, str, str | None]], list[Problem]]:
    """(row, nip, exact % text, predicate) rows and every problem found."""
    out: list[tuple[int, str, str, str | None]] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for n, r in rows:
        i = cols["nip"]
        raw_nip = r[i] if i < len(r) else None
        try:
            nip = clean_nip(raw_nip)
        except ValueError as e:
            problems.append((n, "nip", raw_nip, str(e)))
            continue
        if nip in seen:
            problems.append((n, "nip", raw_nip, f"NIP ganda (juga baris {seen[nip]})"))
            continue
        seen[nip] = n
        persen, predikat = _cell(r, cols.get("persen")), _cell(r, cols.get("predikat"))
        value, pred, why = achievement_percent(persen, predikat, table)
        if value is None:
            problems.append((n, "capaian" if persen else "predikat", persen or predikat, why or ""))
            continue
        out.append((n, nip, str(value), pred))
    return out, problems


def describe(problems: Sequence[Problem], name: str, limit: int = 20) -> str:
    """One message listing the problems (row, column, value, reason)."""
    lines = [f"{name}: {len(problems)} baris salah, tidak ada yang disimpan:"]
    for n, col, value, why in problems[:limit]:
        lines.append(f"  baris {n}, kolom {col}, nilai {value!r}: {why}")
    if len(problems) > limit:
        lines.append(f"  ... dan {len(problems) - limit} lagi")
    return "\n".join(lines)
