"""What-if before a rule is in force (issue 12 item 7): how a month's recap under a draft rule set
differs from the recap under the rules in force (`rekap simulasi`), and how a draft circular's
roster differs from the stored one (`jadwal simulasi`). Pure: both sides come in computed, the
differences per unit and per person come out, in the shapes the `--json` output prints."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

# The recap columns a rule can move, in the order they are shown.
RECAP_FIELDS = (
    "hari_kerja",
    "tk",
    "potongan_disiplin_persen",
    "capaian_kinerja_persen",
    "tpp_kinerja",
    "tpp_disiplin",
    "tpp_total",
    "peringatan",
)
MONEY = ("pagu_tpp", "tpp_kinerja", "tpp_disiplin", "tpp_total")


def _flat(rules: Mapping[str, Any]) -> dict[str, Any]:
    return {
        f"{section}.{key}": v
        for section, values in rules.items()
        if isinstance(values, Mapping)
        for key, v in values.items()
    }


def changed_keys(in_force: Mapping[str, Any], draft: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rule keys whose value the draft changes: [{"kunci", "berlaku", "draf"}], by key."""
    a, b = _flat(in_force), _flat(draft)
    return [
        {"kunci": k, "berlaku": a.get(k), "draf": b.get(k)}
        for k in sorted(set(a) | set(b))
        if a.get(k) != b.get(k)
    ]


def _sign(d: int) -> str:
    return "naik" if d > 0 else "turun" if d < 0 else "sama"


def recap_difference(
    current: Sequence[Mapping[str, Any]], draft: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """Per person and per unit, what the draft recap changes against the current one.

    pegawai: only the people with a changed column: {"nip", "nama", "unit", "berlaku": {column:
    value}, "draf": {...}, "tpp_berlaku", "tpp_draf", "selisih": tpp_draf - tpp_berlaku}, by unit
    then NIP.
    unit: every unit: {"unit", "pegawai", "tpp_berlaku", "tpp_draf", "selisih", "naik", "turun"}.
    total: {"berlaku": {money totals}, "draf": {...}, "selisih": {...}}; naik/turun/sama: head counts."""
    mine = {r["nip"]: r for r in draft}
    people: list[dict[str, Any]] = []
    units: dict[str, dict[str, Any]] = {}
    counts = {"naik": 0, "turun": 0, "sama": 0}
    for old in current:
        new = mine.get(old["nip"], old)
        diff = new["tpp_total"] - old["tpp_total"]
        counts[_sign(diff)] += 1
        u = units.setdefault(
            old["unit"],
            {
                "unit": old["unit"],
                "pegawai": 0,
                "tpp_berlaku": 0,
                "tpp_draf": 0,
                "selisih": 0,
                "naik": 0,
                "turun": 0,
            },
        )
        u["pegawai"] += 1
        u["tpp_berlaku"] += old["tpp_total"]
        u["tpp_draf"] += new["tpp_total"]
        u["selisih"] += diff
        if diff:
            u[_sign(diff)] += 1
        moved = [f for f in RECAP_FIELDS if old.get(f) != new.get(f)]
        if moved:
            people.append(
                {
                    "nip": old["nip"],
                    "nama": old["nama"],
                    "unit": old["unit"],
                    "berlaku": {f: old.get(f) for f in moved},
                    "draf": {f: new.get(f) for f in moved},
                    "tpp_berlaku": old["tpp_total"],
                    "tpp_draf": new["tpp_total"],
                    "selisih": diff,
                }
            )
    people.sort(key=lambda p: (p["unit"], p["nip"]))
    before, after = _money(current), _money(mine.get(r["nip"], r) for r in current)
    return {
        "total": {
            "berlaku": before,
            "draf": after,
            "selisih": {k: after[k] - before[k] for k in MONEY},
        },
        **counts,
        "unit": sorted(units.values(), key=lambda u: u["unit"]),
        "pegawai": people,
    }


def _money(rows: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    out = dict.fromkeys(MONEY, 0)
    for r in rows:
        for k in MONEY:
            out[k] += r[k] or 0
    return out


def roster_difference(
    stored: Mapping[tuple[str, str], str],
    draft: Mapping[tuple[str, str], str],
    people: Mapping[str, tuple[str, str]],
) -> dict[str, Any]:
    """Stored vs draft roster cells ((tanggal, nip) -> "WFO"|"WFH"), per unit and per person.

    people: nip -> (nama, unit path) of everyone in either roster.
    total: {"berlaku": {"WFO", "WFH"}, "draf": {...}}; unit: [{"unit", "wfo_berlaku", "wfh_berlaku",
    "wfo_draf", "wfh_draf"}] by unit; pegawai: the people with a day that changes: {"nip", "nama",
    "unit", "wfo_berlaku", "wfo_draf", "hari": [{"tanggal", "berlaku", "draf"}]} (a side is null
    when it has no cell that day), by unit then NIP."""
    total = {"berlaku": {"WFO": 0, "WFH": 0}, "draf": {"WFO": 0, "WFH": 0}}
    units: dict[str, dict[str, Any]] = {}
    per: dict[str, dict[str, Any]] = {}

    def unit_of(nip: str) -> dict[str, Any]:
        path = people.get(nip, ("", ""))[1]
        return units.setdefault(
            path, {"unit": path, "wfo_berlaku": 0, "wfh_berlaku": 0, "wfo_draf": 0, "wfh_draf": 0}
        )

    def person(nip: str) -> dict[str, Any]:
        nama, path = people.get(nip, ("", ""))
        return per.setdefault(
            nip, {"nip": nip, "nama": nama, "unit": path, "wfo_berlaku": 0, "wfo_draf": 0, "hari": []}
        )

    for side, cells in (("berlaku", stored), ("draf", draft)):
        for (_t, nip), lok in cells.items():
            total[side][lok] += 1
            unit_of(nip)[f"{lok.lower()}_{side}"] += 1
            if lok == "WFO":
                person(nip)[f"wfo_{side}"] += 1
    for key in sorted(set(stored) | set(draft)):
        a, b = stored.get(key), draft.get(key)
        if a != b:
            person(key[1])["hari"].append({"tanggal": key[0], "berlaku": a, "draf": b})
    changed = [p for p in per.values() if p["hari"]]
    changed.sort(key=lambda p: (p["unit"], p["nip"]))
    return {
        "total": total,
        "unit": sorted(units.values(), key=lambda u: u["unit"]),
        "pegawai": changed,
    }
