"""The monthly TPP recap of one employee (SPEC §8), as pure arithmetic.

Money is computed from exact ratios (Fraction) and rounded half-up to whole Rupiah once, at the
end of each part; binary floats never touch it. The percentages in the output are rounded for
reading only.

Inputs are the employee's day statuses for the month (objects with `kode`, `mode`, `tl`, `psw`,
`potongan_persen`, as `kerja.domain.presence.DayStatus` has), the validated activity minutes that
count, the rules in force for the month, the TPP ceiling and the year's TK count so far.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any, Protocol

from .rounding import half_up, round_half_up
from .values import format_number as _rp

# Status codes by recap column. TB (tugas belajar) is an official assignment away from the office,
# so it is counted with DL in `dinas_luar`: every working day then falls in exactly one column.
SAKIT = ("S", "CS")
IZIN = ("I",)
CUTI = ("CT", "CB", "CM", "CAP", "CLTN")
DINAS_LUAR = ("DL", "TB")
OFF_DUTY = SAKIT + IZIN + CUTI + DINAS_LUAR  # days that lower the activity target

# PP 94/2021 art. 9-11: cumulative TK days in a year and the sanction level they reach.
PERINGATAN = (
    (21, "hukuman disiplin berat"),
    (11, "hukuman disiplin sedang"),
    (7, "pernyataan tidak puas"),
    (4, "teguran tertulis"),
    (3, "teguran lisan"),
)

MONEY = ("pagu_tpp", "tpp_kinerja", "tpp_disiplin", "tpp_total")


class DayLike(Protocol):
    kode: str
    mode: str | None
    tl: int | None
    psw: int | None
    potongan_persen: Decimal


def two_decimals(x: Fraction) -> float:
    """A percentage for reading: half-up to 2 decimals, from the exact value (h / 100 is the
    double nearest to the decimal, as float("94.74") is)."""
    return round_half_up(x * 100) / 100


def exact(value: Decimal | float | int | str) -> Fraction:
    """An exact ratio from a percentage; floats go through their shortest text (0.5 -> 1/2)."""
    if isinstance(value, float):
        return Fraction(Decimal(repr(value)))
    return Fraction(Decimal(value) if isinstance(value, str) else value)


NOT_YET = "belum"  # the code `rekap rincian` shows for a working day that has not come yet


def last_counted_day(month_end: date, today: date) -> date:
    """The last day of a month that a recap counts. Days after today have not happened: they are
    "belum", neither TK nor working days of the month (so not in hari_kerja, the activity target
    or the TK count, and not in the year's TK that PP 94 warnings read)."""
    return min(month_end, today)


def peringatan(tk_tahun_ini: int) -> str | None:
    for floor, level in PERINGATAN:
        if tk_tahun_ini >= floor:
            return level
    return None


_COLUMN = {
    "TK": "tk",
    **dict.fromkeys(SAKIT, "sakit"),
    **dict.fromkeys(IZIN, "izin"),
    **dict.fromkeys(CUTI, "cuti"),
    **dict.fromkeys(DINAS_LUAR, "dinas_luar"),
}


def new_tally() -> dict[str, Any]:
    """An empty month for one employee; `tally` adds days to it (in any order, in pieces)."""
    return {
        "hari_kerja": 0,
        "hadir_wfo": 0,
        "hadir_wfh": 0,
        "sakit": 0,
        "izin": 0,
        "cuti": 0,
        "dinas_luar": 0,
        "tk": 0,
        "tl": [0, 0, 0, 0],
        "psw": [0, 0, 0, 0],
        "cut": Decimal(0),
    }


def tally(days: Iterable[DayLike], into: dict[str, Any] | None = None) -> dict[str, Any]:
    """Attendance columns, tier counts and the summed (unclamped) cut, added to `into`."""
    c = new_tally() if into is None else into
    tl, psw = c["tl"], c["psw"]
    # Decimal sums of a month of cuts stay exact (28 significant digits) and are much faster than
    # Fraction sums over a province.
    cut = c["cut"]
    n = wfo = wfh = 0
    for d in days:
        n += 1
        k = d.kode
        if k == "H":
            if d.mode == "WFH":
                wfh += 1
            else:
                wfo += 1
        else:
            try:
                c[_COLUMN[k]] += 1
            except KeyError:
                raise ValueError(f"kode hari tidak dikenal: {k!r}") from None
        t = d.tl
        if t:
            tl[t - 1] += 1
        t = d.psw
        if t:
            psw[t - 1] += 1
        p = d.potongan_persen
        if p:
            cut += p if isinstance(p, Decimal) else Decimal(repr(p))
    c["hari_kerja"] += n
    c["hadir_wfo"] += wfo
    c["hadir_wfh"] += wfh
    c["cut"] = cut
    return c


def day_counts(days: Iterable[DayLike]) -> dict[str, Any]:
    """`tally` of a list of days, with the summed cut as an exact Fraction (`potongan`)."""
    c = tally(days)
    c["potongan"] = Fraction(c["cut"])
    return c


@lru_cache(maxsize=64)
def _ratio(x: Decimal | float | int) -> tuple[int, int]:
    f = exact(x)
    return f.numerator, f.denominator


def employee_row(
    days: Sequence[DayLike],
    menit_kinerja: int,
    rules: Mapping[str, Any],
    pagu: int | None,
    tk_tahun_ini: int,
) -> dict[str, Any]:
    """The recap row's figures (without nip/nama/unit), in the order of SPEC §8."""
    return row_from_tally(tally(days), menit_kinerja, rules, pagu, tk_tahun_ini)


def row_from_tally(
    c: Mapping[str, Any],
    menit_kinerja: int,
    rules: Mapping[str, Any],
    pagu: int | None,
    tk_tahun_ini: int,
) -> dict[str, Any]:
    """`employee_row` from a month's tally (see `tally`)."""
    on_duty = c["hari_kerja"] - c["sakit"] - c["izin"] - c["cuti"] - c["dinas_luar"]
    target = rules["kinerja"]["menit_per_hari"] * on_duty
    cut = c["cut"]  # Decimal: its integer ratio is exact
    pn, pd = cut.as_integer_ratio() if cut < 100 else (100, 1)
    base = pagu or 0
    bkn, bkd = _ratio(rules["tpp"]["bobot_kinerja"])
    bdn, bdd = _ratio(rules["tpp"]["bobot_disiplin"])
    # capaian = min(1, menit / target); nothing expected (a month on leave): nothing is missing.
    cn, cd = (menit_kinerja, target) if target and menit_kinerja < target else (1, 1)
    # pagu x bobot/100 x capaian, and pagu x bobot/100 x (100 - potongan)/100, as exact ratios
    kinerja = half_up(base * bkn * cn, bkd * 100 * cd)
    disiplin = half_up(base * bdn * (100 * pd - pn), bdd * 100 * 100 * pd)
    return {
        "hari_kerja": c["hari_kerja"],
        "hadir_wfo": c["hadir_wfo"],
        "hadir_wfh": c["hadir_wfh"],
        "sakit": c["sakit"],
        "izin": c["izin"],
        "cuti": c["cuti"],
        "dinas_luar": c["dinas_luar"],
        "tk": c["tk"],
        "tl": c["tl"],
        "psw": c["psw"],
        "potongan_disiplin_persen": half_up(100 * pn, pd) / 100,
        "menit_kinerja": menit_kinerja,
        "target_menit": target,
        "capaian_kinerja_persen": half_up(10000 * cn, cd) / 100,
        "pagu_tpp": base,
        "tpp_kinerja": kinerja,
        "tpp_disiplin": disiplin,
        "tpp_total": kinerja + disiplin,
        "tk_tahun_ini": tk_tahun_ini,
        "peringatan": peringatan(tk_tahun_ini),
    }


def totals(rows: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    out = dict.fromkeys(MONEY, 0)
    for r in rows:
        for k in MONEY:
            out[k] += r[k]
    return out


def explain(row: Mapping[str, Any], sum_cuts: Fraction, rules: Mapping[str, Any]) -> list[str]:
    """The Rupiah arithmetic of one row, step by step, in the clerk's words."""
    per_day = rules["kinerja"]["menit_per_hari"]
    bk, bd = rules["tpp"]["bobot_kinerja"], rules["tpp"]["bobot_disiplin"]
    off = row["sakit"] + row["izin"] + row["cuti"] + row["dinas_luar"]
    pagu, pot, cap = row["pagu_tpp"], row["potongan_disiplin_persen"], row["capaian_kinerja_persen"]
    clamp = " (dibatasi 100)" if sum_cuts > 100 else ""
    if row["target_menit"]:
        capaian = f"min(100, {row['menit_kinerja']} / {row['target_menit']} x 100) = {cap:.2f}%"
    else:
        capaian = "100.00% (target 0: tidak ada hari bertugas, tidak ada yang kurang)"
    lines = [
        f"Hari kerja {row['hari_kerja']}; hari bertugas = {row['hari_kerja']} - {off} "
        f"(sakit/izin/cuti/dinas luar) = {row['hari_kerja'] - off}.",
        f"Target menit = {per_day} x {row['hari_kerja'] - off} = {row['target_menit']}.",
        f"Capaian kinerja = {capaian}.",
        f"Potongan disiplin = jumlah potongan harian {two_decimals(sum_cuts):g}%{clamp} = {pot:g}%.",
        f"TPP kinerja = {_rp(pagu)} x {bk}% x {cap:.2f}% = {_rp(row['tpp_kinerja'])} "
        "(dari rasio persis, dibulatkan setengah ke atas ke Rupiah utuh).",
        f"TPP disiplin = {_rp(pagu)} x {bd}% x (100 - {pot:g})% = {_rp(row['tpp_disiplin'])}.",
        f"TPP total = {_rp(row['tpp_kinerja'])} + {_rp(row['tpp_disiplin'])} = {_rp(row['tpp_total'])}.",
    ]
    if row["peringatan"]:
        lines.append(f"TK tahun ini {row['tk_tahun_ini']} hari: {row['peringatan']} (PP 94/2021).")
    return lines
