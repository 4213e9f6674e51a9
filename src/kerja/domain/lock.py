"""The month lock's rules (issue 10, SPEC §7-§8): what `rekap kunci` warns about before freezing a
month, and how a recomputed recap differs from the one stored when the month was locked. Pure:
the facts come in as plain values, Indonesian lines come out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .activities import REMEDY_OUTSIDE

SAMPLE = 5  # examples named per finding; the count says how many there are


def _sample(items: Sequence[str]) -> str:
    more = f" dan {len(items) - SAMPLE} lainnya" if len(items) > SAMPLE else ""
    return ", ".join(items[:SAMPLE]) + more


def findings(
    *,
    pending: Sequence[tuple[int, str, str]],
    days_without_roster: Sequence[str],
    unsupervised: Sequence[tuple[str, str]],
    recap_rows: Sequence[Mapping[str, Any]],
    unknown_pins: Sequence[tuple[str, int]],
) -> list[dict[str, Any]]:
    """What will be wrong forever once the month is locked, one entry per kind that occurs:
    {"jenis", "jumlah", "contoh" (ids/NIPs/dates/PINs), "pesan" (one Indonesian line)}.

    pending: (id, nip, tanggal) of activities not yet validated; days_without_roster: ISO working
    days with no roster at all; unsupervised: (nip, nama) of people with activities and no
    supervisor; recap_rows: the month's recap rows (0% capaian where a target exists);
    unknown_pins: (pin, punches) seen by imports in the month and still mapped to nobody."""
    out: list[dict[str, Any]] = []

    def add(jenis: str, contoh: list[str], pesan: str) -> None:
        out.append({"jenis": jenis, "jumlah": len(contoh), "contoh": contoh, "pesan": pesan})

    if pending:
        ids = [f"#{i} ({nip}, {t})" for i, nip, t in pending]
        add(
            "kinerja-menunggu",
            [str(i) for i, _, _ in pending],
            f"{len(pending)} kegiatan masih menunggu validasi dan tidak akan pernah dihitung: "
            f"{_sample(ids)}.",
        )
    if days_without_roster:
        days = list(days_without_roster)
        add(
            "hari-tanpa-jadwal",
            days,
            f"{len(days)} hari kerja tanpa jadwal WFO/WFH: {_sample(days)}.",
        )
    if unsupervised:
        people = [f"{nip} ({nama})" for nip, nama in unsupervised]
        add(
            "tanpa-atasan",
            [nip for nip, _ in unsupervised],
            f"{len(people)} pegawai punya kegiatan tetapi tanpa atasan yang bisa memvalidasi: "
            f"{_sample(people)}; tetapkan validatornya dengan `{REMEDY_OUTSIDE}`.",
        )
    zero = [r for r in recap_rows if r["target_menit"] and not r["menit_kinerja"]]
    if zero:
        people = [f"{r['nip']} ({r['nama']})" for r in zero]
        add(
            "capaian-nol",
            [r["nip"] for r in zero],
            f"{len(zero)} pegawai dengan capaian kinerja 0%: {_sample(people)}.",
        )
    if unknown_pins:
        pins = [f"{pin} ({n} presensi)" for pin, n in unknown_pins]
        add(
            "pin-tak-dikenal",
            [pin for pin, _ in unknown_pins],
            f"{len(pins)} PIN mesin tak dikenal pada bulan ini (presensinya tidak tersimpan): "
            f"{_sample(pins)}.",
        )
    return out


def differences(stored: Mapping[str, Any], current: Mapping[str, Any]) -> list[str]:
    """Lines naming every difference between the recap stored at the lock and a recomputed one:
    rows that appeared or disappeared (by NIP), fields of a row that changed (old -> new), the
    totals. Empty when they agree."""
    out: list[str] = []
    old = {r["nip"]: r for r in stored["pegawai"]}
    new = {r["nip"]: r for r in current["pegawai"]}
    for nip in old.keys() - new.keys():
        out.append(f"{nip} ({old[nip]['nama']}): ada di rekap terkunci, tidak ada lagi di hitungan ulang.")
    for nip in new.keys() - old.keys():
        out.append(f"{nip} ({new[nip]['nama']}): tidak ada di rekap terkunci, ada di hitungan ulang.")
    for nip in old.keys() & new.keys():
        a, b = old[nip], new[nip]
        changed = [
            f"{k} {a.get(k)!r} -> {b.get(k)!r}" for k in dict.fromkeys([*a, *b]) if a.get(k) != b.get(k)
        ]
        if changed:
            out.append(f"{nip} ({a['nama']}): " + "; ".join(changed) + ".")
    out.sort()
    for key in ("instansi", "bulan"):
        if stored.get(key) != current.get(key):
            out.append(f"{key}: {stored.get(key)!r} -> {current.get(key)!r}.")
    t_old, t_new = stored.get("total", {}), current.get("total", {})
    changed = [f"{k} {t_old.get(k)} -> {t_new.get(k)}" for k in t_old if t_old.get(k) != t_new.get(k)]
    if changed:
        out.append("Total: " + "; ".join(changed) + ".")
    return out
