"""e-Kinerja activities (SPEC §8): minutes, overlap, who may validate, the validation deadline.

Pure: callers pass the supervisor map, the existing activities and today's date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from .errors import KerjaError, NotAllowed
from .months import next_month_day

STATUS = ("diajukan", "disetujui", "ditolak")


@dataclass(frozen=True)
class Slot:
    """An activity already recorded on the same day (for the overlap check)."""

    id: int
    mulai: str  # 'HH:MM'
    selesai: str
    uraian: str = ""


def minutes(mulai: time, selesai: time) -> int:
    """Whole minutes from start to end on one day; an end at or before the start is refused."""
    span = (selesai.hour * 60 + selesai.minute) - (mulai.hour * 60 + mulai.minute)
    if span <= 0:
        raise KerjaError(
            f"Jam selesai {selesai:%H:%M} harus sesudah jam mulai {mulai:%H:%M} pada hari yang sama; "
            "kegiatan yang melewati tengah malam dicatat dua kali (sampai 23:59, lalu dari 00:00)."
        )
    return span


def overlaps(mulai: time, selesai: time, existing: Iterable[Slot]) -> list[Slot]:
    """Existing slots sharing at least a minute with [mulai, selesai); touching ends are fine."""
    a, b = mulai.strftime("%H:%M"), selesai.strftime("%H:%M")
    return [s for s in existing if a < s.selesai and s.mulai < b]


REMEDY_OUTSIDE = 'kerja pegawai ubah NIP --validator-luar "NIP_LUAR|Nama, Jabatan"'


def parse_outside_validator(text: str) -> tuple[str, str | None, str | None]:
    """`--validator-luar` as 'NIP' or 'NIP|Nama, Jabatan' -> (nip, nama, jabatan). The jabatan is
    what follows the last comma, so a name with its degrees ('Dr. Budi, S.H., M.Si., Sekda')
    keeps them; 'NIP|Nama' (no comma) names no jabatan."""
    nip, sep, rest = text.partition("|")
    nip = nip.strip()
    if not nip or any(c.isspace() for c in nip):
        raise KerjaError(
            f"--validator-luar {text!r}: NIP validator harus ditulis tanpa spasi, mis. "
            '"196505051990031099|Drs. Budi Santoso, Sekretaris Daerah".'
        )
    if not sep:
        return nip, None, None
    nama, comma, jabatan = rest.rpartition(",") if "," in rest else (rest, "", "")
    nama, jabatan = nama.strip(), jabatan.strip()
    if not nama:
        raise KerjaError(f"--validator-luar {text!r}: nama validator kosong sesudah '|'.")
    return nip, nama, (jabatan or None) if comma else None


def unvalidatable_warning(heads: Sequence[Mapping[str, Any]]) -> list[str]:
    """The warning lines for everyone whose activities nobody in the store may validate (a head
    whose supervisor is outside the store): every person is named, with the remedy."""
    if not heads:
        return []
    lines = [
        f"Peringatan: {len(heads)} pegawai tanpa validator di data (atasan di luar data, mis. "
        "Sekda): kegiatannya tidak bisa divalidasi siapa pun dan tidak dihitung dalam capaian kinerja. "
        "Tetapkan "
        f"validatornya dengan `{REMEDY_OUTSIDE}`, lalu catat keputusannya dengan "
        "`kerja kinerja validasi ... --oleh NIP_PETUGAS --atas-nama NIP_LUAR`:"
    ]
    for h in heads:
        unit = f", {h['unit']}" if h.get("unit") else ""
        lines.append(f"  - {h['nip']} {h['nama']}{unit}: {h.get('kegiatan', 0)} kegiatan bulan ini")
    return lines


def chain_above(nip: str, supervisors: Mapping[str, str | None]) -> list[str]:
    """The supervisors of `nip`, nearest first (stops on a cycle or a missing link)."""
    out: list[str] = []
    seen = {nip}
    cur = supervisors.get(nip)
    while cur and cur not in seen:
        out.append(cur)
        seen.add(cur)
        cur = supervisors.get(cur)
    return out


def reports_to(
    boss: str, owner: str, supervisors: Mapping[str, str | None], *, all_levels: bool = True
) -> bool:
    """Whether `owner` is below `boss` in the chain `supervisors`: directly, or at any level."""
    chain = chain_above(owner, supervisors)
    return boss in chain if all_levels else chain[:1] == [boss]


def may_validate(
    validator: str,
    owner: str,
    supervisors: Mapping[str, str | None],
    outside: Mapping[str, str] | None = None,
) -> bool:
    """The validation rule (SPEC §8): the direct supervisor or someone above in the chain, never
    oneself; at the top of a chain (a head whose supervisor is outside the store), the validator
    named for that person outside the store (`outside`: owner -> validator), for them only.
    `supervisors` is the chain in force on the activity's (or request's) date."""
    if validator == owner:
        return False
    if outside and outside.get(owner) == validator:
        return True
    return reports_to(validator, owner, supervisors)


def check_validator(
    validator: str,
    owner: str,
    supervisors: Mapping[str, str | None],
    outside: Mapping[str, str] | None = None,
) -> None:
    """`may_validate`, or a NotAllowed that says who may."""
    if may_validate(validator, owner, supervisors, outside):
        return
    if validator == owner:
        raise NotAllowed(
            f"{validator} tidak boleh memvalidasi kegiatannya sendiri; yang berhak adalah atasan "
            "langsung atau atasan di atasnya."
        )
    chain = chain_above(owner, supervisors)
    direct = chain[0] if chain else None
    who = f"atasan langsungnya {direct}" if direct else "atasan (belum diisi di data pegawai)"
    raise NotAllowed(
        f"{validator} bukan atasan {owner} (langsung maupun di atasnya); yang berhak "
        f"memvalidasi adalah {who} atau atasan di atasnya. Cek `kerja pegawai lihat {owner}`."
    )


def subordinates(nip: str, supervisors: Mapping[str, str | None], *, all_levels: bool) -> set[str]:
    """Direct reports of `nip`, or everyone below it in the chain when all_levels."""
    return below(nip, supervisors.items(), all_levels=all_levels)


def below(nip: str, links: Iterable[tuple[str, str | None]], *, all_levels: bool) -> set[str]:
    """Everyone below `nip` by the (person, supervisor) `links`, which may hold several
    supervisors of one person (today's and earlier ones): the people who may be below `nip` on
    some day. The day's own chain then decides (`reports_to`, `may_validate`)."""
    children: dict[str, list[str]] = {}
    for who, boss in links:
        if boss:
            children.setdefault(boss, []).append(who)
    out: set[str] = set()
    todo = list(children.get(nip, []))
    while todo:
        n = todo.pop()
        if n in out or n == nip:
            continue
        out.add(n)
        if all_levels:
            todo.extend(children.get(n, []))
    return out


def validation_deadline(month: str, batas_validasi_hari: int) -> date | None:
    """Last day a validation still counts for activities of `month` ('YYYY-MM'): day N of the
    next month (the month's last day when N is larger); None when there is no deadline (N = 0)."""
    if batas_validasi_hari <= 0:
        return None
    return next_month_day(month, batas_validasi_hari)


def counts(status: str, validated_on: date | None, deadline: date | None) -> bool:
    """Whether an activity's minutes count toward the month's achievement."""
    if status != "disetujui" or validated_on is None:
        return False
    return deadline is None or validated_on <= deadline
