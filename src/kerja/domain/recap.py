"""The monthly TPP recap of one employee (SPEC §8), as pure arithmetic.

Money is computed from exact ratios (Fraction) and rounded half-up to whole Rupiah once, at the
end of each part; binary floats never touch it. The percentages in the output are rounded for
reading only.

Inputs are the employee's day statuses for the month (objects with `kode`, `mode`, `tl`, `psw`,
`potongan_persen`, as `kerja.domain.presence.DayStatus` has), the validated activity minutes that
count, the rules in force for the month, the TPP ceiling and the year's TK count so far.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any, Protocol

from .rounding import half_up, round_half_up
from .rules import source
from .values import format_number as _rp

# Status codes by recap column. TB (tugas belajar) is an official assignment away from the office,
# so it is counted with DL in `dinas_luar`: every working day then falls in exactly one column.
SAKIT = ("S", "CS", "SS")
# IH (izin setengah hari) is shown with izin but is half a day on duty: half the activity target.
IZIN = ("I", "IH")
CUTI = ("CT", "CB", "CM", "CAP", "CLTN")
DINAS_LUAR = ("DL", "TB")
OFF_DUTY = SAKIT + IZIN + CUTI + DINAS_LUAR  # days that lower the activity target
HALF_DUTY = "IH"  # in the izin column, yet on duty for half the day

# PP 94/2021 art. 9-11: cumulative TK days in a year and the sanction level they reach.
PERINGATAN = (
    (28, "pemberhentian dengan hormat tidak atas permintaan sendiri (hukuman disiplin berat)"),
    (25, "hukuman disiplin berat: pembebasan dari jabatan menjadi jabatan pelaksana selama 12 bulan"),
    (21, "hukuman disiplin berat: penurunan jabatan setingkat lebih rendah selama 12 bulan"),
    (17, "hukuman disiplin sedang: pemotongan tunjangan kinerja 25% selama 12 bulan"),
    (14, "hukuman disiplin sedang: pemotongan tunjangan kinerja 25% selama 9 bulan"),
    (11, "hukuman disiplin sedang: pemotongan tunjangan kinerja 25% selama 6 bulan"),
    (7, "pernyataan tidak puas secara tertulis"),
    (4, "teguran tertulis"),
    (3, "teguran lisan"),
)
# Art. 11(2)(d): this many consecutive working days of TK.
TK_BERTURUT = 10
PEMBERHENTIAN_BERTURUT = (
    "pemberhentian dengan hormat tidak atas permintaan sendiri (TK 10 hari kerja berturut-turut, "
    "PP 94/2021 Pasal 11 ayat (2) huruf d)"
)

MONEY = ("pagu_tpp", "tpp_kinerja", "tpp_disiplin", "tpp_total")


class DayLike(Protocol):
    tanggal: date
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


# The first release's levels (rule sets stored before `disiplin.pp94_lengkap`): months recapped
# under them keep the words they were paid with.
PERINGATAN_V1 = (
    (21, "hukuman disiplin berat"),
    (11, "hukuman disiplin sedang"),
    (7, "pernyataan tidak puas"),
    (4, "teguran tertulis"),
    (3, "teguran lisan"),
)


def peringatan(
    tk_tahun_ini: int, tk_berturut: int = 0, berlaku: bool = True, lengkap: bool = True
) -> str | None:
    """The PP 94/2021 level reached by the year's TK days, or by a run of consecutive TK days;
    None when nothing is reached or the rule does not apply to the person (`berlaku`).
    `lengkap` False: the first release's five levels, without the run."""
    if not berlaku:
        return None
    if lengkap and tk_berturut >= TK_BERTURUT:
        return PEMBERHENTIAN_BERTURUT
    for floor, level in PERINGATAN if lengkap else PERINGATAN_V1:
        if tk_tahun_ini >= floor:
            return level
    return None


_OFF = frozenset(OFF_DUTY) - {HALF_DUTY}
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
        # runs of TK working days (PP 94/2021 art. 11(2)(d)): the current one, the longest, and
        # the one the month opened with (it may continue a run from the month before)
        "tk_run": 0,
        "tk_run_max": 0,
        "tk_head": 0,
        # month-level rules (`month_rules`): late days, summed minutes, what TL tiers cost
        "hari_telat": 0,
        "telat_menit": 0,
        "cepat_menit": 0,
        "cut_tl": Decimal(0),
        # half days (SPEC is silent; docs/aturan.md): IH days, and the working days of
        # libur.setengah_hari not taken off by a status, each count half a day of the target
        "izin_setengah": 0,
        "setengah": 0,
    }


def half_days(rules: Mapping[str, Any]) -> frozenset[date]:
    """The half working days (libur.setengah_hari) of a rule set."""
    return frozenset(date.fromisoformat(h["tanggal"]) for h in rules["libur"].get("setengah_hari", ()))


def tally(
    days: Iterable[DayLike],
    into: dict[str, Any] | None = None,
    month: MonthRules | None = None,
    halves: Container[date] = frozenset(),
) -> dict[str, Any]:
    """Attendance columns, tier counts and the summed (unclamped) cut, added to `into`; days come
    in date order (in pieces is fine). `month`: also what month-level rules need; `halves`: the
    half working days (`half_days`), whose on-duty days count half a day of the target."""
    c = new_tally() if into is None else into
    if month is not None:
        days = list(days)  # read twice
    tl, psw = c["tl"], c["psw"]
    # Decimal sums of a month of cuts stay exact (28 significant digits) and are much faster than
    # Fraction sums over a province.
    cut = c["cut"]
    before = c["hari_kerja"]
    head_open = c["tk_head"] == before
    run, run_max, head = c["tk_run"], c["tk_run_max"], c["tk_head"]
    n = wfo = wfh = ih = half = 0
    for d in days:
        n += 1
        k = d.kode
        if k == "H":
            run = 0
            if d.mode == "WFH":
                wfh += 1
            else:
                wfo += 1
            if halves and d.tanggal in halves:
                half += 1
        else:
            try:
                c[_COLUMN[k]] += 1
            except KeyError:
                raise ValueError(f"kode hari tidak dikenal: {k!r}") from None
            if k == HALF_DUTY:  # on a half day too: one half, not a quarter
                ih += 1
                half += 1
            elif halves and k not in _OFF and d.tanggal in halves:
                half += 1
            if k == "TK":
                run += 1
                if run > run_max:
                    run_max = run
                if head_open and run == before + n:
                    head = run
            else:
                run = 0
        t = d.tl
        if t:
            tl[t - 1] += 1
        t = d.psw
        if t:
            psw[t - 1] += 1
        p = d.potongan_persen
        if p:
            cut += p if isinstance(p, Decimal) else Decimal(repr(p))
    if month is not None:
        month.add(days, c)
    c["hari_kerja"] += n
    c["izin_setengah"] += ih
    c["setengah"] += half
    c["hadir_wfo"] += wfo
    c["hadir_wfh"] += wfh
    c["cut"] = cut
    c["tk_run"], c["tk_run_max"], c["tk_head"] = run, run_max, head
    return c


class MonthRules:
    """The month-level discipline rules (cut only after N late days, monthly minute totals) and
    what they need from each day. `tally` calls `add` only when one of them is on."""

    def __init__(self, rules: Mapping[str, Any]) -> None:
        pres, bul = rules["presensi"], rules.get("bulanan", {})
        self.tl_bebas_hari = int(pres.get("tl_bebas_hari", 0))
        self.telat_maks = int(bul.get("telat_menit_maks", 0))
        self.cepat_maks = int(bul.get("cepat_menit_maks", 0))
        self.potongan_lewat = exact(bul.get("potongan_lewat_maks", 0))
        self.menit_per_persen = int(bul.get("menit_per_persen", 0))
        self.tanpa_pulang = Decimal(str(pres["tanpa_pulang"]))
        self.psw = [Decimal(str(t[2])) for t in pres["psw"]]
        cap = pres.get("batas_harian", 100)
        self.cap = Decimal(str(pres["tk"] if cap == "tk" else cap))

    @staticmethod
    def of(rules: Mapping[str, Any]) -> MonthRules | None:
        """None when no month-level rule is on (then the tally stays on its fast path)."""
        m = MonthRules(rules)
        on = m.tl_bebas_hari or m.telat_maks or m.cepat_maks or m.menit_per_persen
        return m if on else None

    def add(self, days: Iterable[DayLike], c: dict[str, Any]) -> None:
        for d in days:
            if d.kode != "H":
                continue
            late = getattr(d, "telat_menit", 0)
            c["telat_menit"] += late
            c["cepat_menit"] += getattr(d, "cepat_menit", 0)
            if late > 0:
                c["hari_telat"] += 1
                # what the day would cost without its lateness: only its early-leave part
                out = getattr(d, "pulang", None)
                rest = self.tanpa_pulang if out is None else self.psw[d.psw - 1] if d.psw else Decimal(0)
                c["cut_tl"] += d.potongan_persen - min(rest, self.cap)

    def extra(self, c: Mapping[str, Any]) -> tuple[Fraction, list[str]]:
        """The month's change to the summed day cuts, with the reasons."""
        change, why = Fraction(0), []
        if self.tl_bebas_hari and c["hari_telat"] and c["hari_telat"] <= self.tl_bebas_hari:
            change -= Fraction(c["cut_tl"])
            why.append(
                f"terlambat {c['hari_telat']} hari (tidak lebih dari {self.tl_bebas_hari}): potongan "
                f"terlambat {_pct(Fraction(c['cut_tl']))} tidak berlaku [presensi.tl_bebas_hari]"
            )
        lewat = (self.telat_maks and c["telat_menit"] >= self.telat_maks) or (
            self.cepat_maks and c["cepat_menit"] >= self.cepat_maks
        )
        if lewat and self.potongan_lewat:
            change += self.potongan_lewat
            why.append(
                f"terlambat {c['telat_menit']} menit, pulang cepat {c['cepat_menit']} menit sebulan "
                f"mencapai batas: {_pct(self.potongan_lewat)} [bulanan.potongan_lewat_maks]"
            )
        if self.menit_per_persen:
            total = c["telat_menit"] + c["cepat_menit"]
            add = Fraction(total, self.menit_per_persen)
            change += add
            why.append(
                f"({c['telat_menit']} + {c['cepat_menit']}) menit / {self.menit_per_persen} = {_pct(add)} "
                "[bulanan.menit_per_persen]"
            )
        return change, why


def _pct(x: Fraction) -> str:
    return pct_text(two_decimals(x))


def pct_text(x: float) -> str:
    """A percentage the Indonesian way: 0,5% and 12,25%."""
    return f"{x:g}".replace(".", ",") + "%"


def _dec2(x: float) -> str:
    """Two decimals with a decimal comma: 93,42."""
    return f"{x:.2f}".replace(".", ",")


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
    **person: Any,
) -> dict[str, Any]:
    """The recap row's figures (without nip/nama/unit), in the order of SPEC §8."""
    c = tally(days, month=MonthRules.of(rules))
    return row_from_tally(c, menit_kinerja, rules, pagu, tk_tahun_ini, **person)


class _Prepared:
    """What the row arithmetic needs from one rule set, as integer ratios, made once per set (a
    province recap computes 60,000 rows under the same set)."""

    def __init__(self, rules: Mapping[str, Any]) -> None:
        self.month = MonthRules.of(rules)
        self.cap = _ratio(min(Decimal(str(rules["presensi"].get("batas_bulanan", 100))), Decimal(100)))
        self.bk = _ratio(rules["tpp"]["bobot_kinerja"])
        self.bd = _ratio(rules["tpp"]["bobot_disiplin"])
        self.basis = rules["tpp"].get("basis_potongan", "disiplin")
        disiplin = rules.get("disiplin", {})
        self.hukdis = {k: _ratio(v) for k, v in disiplin.get("potongan_hukdis", {}).items()}
        self.pp94 = frozenset(disiplin.get("pp94_status", ("PNS", "CPNS")))
        self.lengkap = bool(disiplin.get("pp94_lengkap", True))


_PREPARED: dict[int, tuple[Mapping[str, Any], _Prepared]] = {}


def _prepared(rules: Mapping[str, Any]) -> _Prepared:
    hit = _PREPARED.get(id(rules))
    if hit is None or hit[0] is not rules:
        if len(_PREPARED) > 32:
            _PREPARED.clear()
        hit = _PREPARED[id(rules)] = (rules, _Prepared(rules))
    return hit[1]


def month_cut(c: Mapping[str, Any], rules: Mapping[str, Any]) -> tuple[Fraction, Fraction, list[str]]:
    """(summed cut, the cut that counts, reasons): the day cuts, the month-level rules, then the
    monthly cap (`presensi.batas_bulanan`, never above 100)."""
    prep = _prepared(rules)
    total = Fraction(c["cut"])
    why: list[str] = []
    if prep.month is not None:
        change, why = prep.month.extra(c)
        total = max(Fraction(0), total + change)
    return total, min(total, Fraction(*prep.cap)), why


def hukdis_cut(jenis: Iterable[str], rules: Mapping[str, Any]) -> Fraction:
    """The TPP cut (%) of the disciplinary sanctions in force in a month: the largest one."""
    table = _prepared(rules).hukdis
    return max((Fraction(*table[j]) for j in jenis if j in table), default=Fraction(0))


def pays(
    pagu: int,
    bobot: tuple[tuple[int, int], tuple[int, int]],
    capaian: tuple[int, int],
    cut: tuple[int, int],
    basis: str,
    hukdis: tuple[int, int] = (0, 1),
) -> tuple[int, int]:
    """(tpp_kinerja, tpp_disiplin) in whole Rupiah, each rounded half-up once from its exact value;
    every argument is an exact ratio (numerator, denominator): weights and cuts in %, capaian 0..1.

    basis "disiplin": the cut is a % of the discipline share (pagu x bobot_disiplin); "total": a %
    of the whole pagu, taken from the discipline share first, then from the performance share.
    A sanction (hukdis) cuts both shares by its %. Integers throughout: this runs per employee."""
    (bkn, bkd), (bdn, bdd) = bobot
    (cn, cd), (pn, pd), (hn, hd) = capaian, cut, hukdis
    keep_n, keep_d = 100 * hd - hn, 100 * hd
    kin_n, kin_d = pagu * bkn * cn, bkd * 100 * cd
    if basis == "total":
        # pagu x bd/100 - pagu x cut/100
        dis_n, dis_d = pagu * (bdn * pd - bdd * pn), bdd * pd * 100
        if dis_n < 0:
            k = max(Fraction(0), Fraction(kin_n, kin_d) + Fraction(dis_n, dis_d))
            kin_n, kin_d, dis_n, dis_d = k.numerator, k.denominator, 0, 1
    else:
        dis_n, dis_d = pagu * bdn * (100 * pd - pn), bdd * 100 * 100 * pd
    return half_up(kin_n * keep_n, kin_d * keep_d), half_up(dis_n * keep_n, dis_d * keep_d)


def on_duty_days(c: Mapping[str, Any]) -> int:
    """Working days on duty: hari_kerja minus S/I/C*/DL/TB days, an IH day (izin setengah hari)
    staying in (it is half a day on duty)."""
    off = c["sakit"] + c["izin"] + c["cuti"] + c["dinas_luar"] - c.get("izin_setengah", 0)
    return int(c["hari_kerja"] - off)


def row_from_tally(
    c: Mapping[str, Any],
    menit_kinerja: int,
    rules: Mapping[str, Any],
    pagu: int | None,
    tk_tahun_ini: int,
    *,
    status: str | None = None,
    tk_berturut: int | None = None,
    hukdis: Iterable[str] = (),
    capaian: Fraction | None = None,
) -> dict[str, Any]:
    """`employee_row` from a month's tally (see `tally`). `capaian`: an imported achievement
    (ratio 0..1, the "capaian" scheme) instead of minutes against the target."""
    prep = _prepared(rules)
    # The activity target as an exact ratio (minutes x 2): menit_per_hari for each day on duty
    # (on_duty_days, inline: this runs once per employee of a province), half of it for a half
    # day (tally's "setengah": IH days and the on-duty days of libur.setengah_hari).
    off = c["sakit"] + c["izin"] + c["cuti"] + c["dinas_luar"] - c["izin_setengah"]
    tn, td = rules["kinerja"]["menit_per_hari"] * (2 * (c["hari_kerja"] - off) - c["setengah"]), 2
    target = half_up(tn, td)
    pn, pd = c["cut"].as_integer_ratio()  # Decimal: exact
    if prep.month is not None:
        f = max(Fraction(0), Fraction(pn, pd) + prep.month.extra(c)[0])
        pn, pd = f.numerator, f.denominator
    capn, capd = prep.cap
    if pn * capd > capn * pd:
        pn, pd = capn, capd
    base = pagu or 0
    if capaian is not None:
        cn, cd = (capaian.numerator, capaian.denominator) if capaian < 1 else (1, 1)
    else:
        # capaian = min(1, menit / target); nothing expected (a month on leave): nothing is missing.
        cn, cd = (menit_kinerja * td, tn) if tn and menit_kinerja * td < tn else (1, 1)
    h = (0, 1)
    if hukdis:
        hf = hukdis_cut(hukdis, rules)
        h = (hf.numerator, hf.denominator)
    kinerja, disiplin = pays(base, (prep.bk, prep.bd), (cn, cd), (pn, pd), prep.basis, h)
    berturut = c.get("tk_run_max", 0) if tk_berturut is None else tk_berturut
    applies = status is None or status in prep.pp94 or not prep.lengkap
    row = {
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
        "peringatan": peringatan(tk_tahun_ini, berturut, applies, prep.lengkap),
    }
    if prep.lengkap or h[0]:
        row["tk_berturut"] = berturut
        row["potongan_hukdis_persen"] = half_up(100 * h[0], h[1]) / 100
    return row


def totals(rows: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    out = dict.fromkeys(MONEY, 0)
    for r in rows:
        for k in MONEY:
            out[k] += r[k]
    return out


def explain(row: Mapping[str, Any], c: Mapping[str, Any], rules: Mapping[str, Any]) -> list[str]:
    """The Rupiah arithmetic of one row, step by step, in the clerk's words; `c` is the month's
    tally (see `tally`, with the month-level rules)."""
    per_day = rules["kinerja"]["menit_per_hari"]
    tpp = rules["tpp"]
    bk, bd = tpp["bobot_kinerja"], tpp["bobot_disiplin"]
    basis = tpp.get("basis_potongan", "disiplin")
    off = row["hari_kerja"] - on_duty_days(c)
    half = c.get("setengah", 0)
    pagu, pot, cap = row["pagu_tpp"], row["potongan_disiplin_persen"], row["capaian_kinerja_persen"]
    summed, counted, month_why = month_cut(c, rules)
    days_sum = Fraction(c["cut"])
    skema = rules["kinerja"].get("skema", "menit")
    if skema == "capaian":
        capaian = f"{_dec2(cap)}% (capaian bulanan yang diimpor) [kinerja.skema]"
    elif row["target_menit"]:
        capaian = f"min(100, {row['menit_kinerja']} / {row['target_menit']} x 100) = {_dec2(cap)}%"
        if skema == "volume":
            capaian += " (menit = volume x norma katalog) [kinerja.skema]"
    else:
        capaian = "100,00% (target 0: tidak ada hari bertugas, tidak ada yang kurang)"
    lines = [
        f"Hari kerja {row['hari_kerja']}; hari bertugas = {row['hari_kerja']} - {off} "
        f"(sakit/izin/cuti/dinas luar) = {row['hari_kerja'] - off}.",
        (
            f"Target menit = {per_day} x {row['hari_kerja'] - off} = {row['target_menit']} "
            "[kinerja.menit_per_hari]."
            if not half
            else f"Target menit = {per_day} x {row['hari_kerja'] - off} - {per_day} / 2 x {half} "
            f"(setengah hari: IH atau libur.setengah_hari) = {row['target_menit']} "
            "[kinerja.menit_per_hari]."
        ),
        f"Capaian kinerja = {capaian}.",
        f"Jumlah potongan harian = {pct_text(two_decimals(days_sum))}.",
    ]
    lines += [f"Aturan bulanan: {w}." for w in month_why]
    if counted < summed:
        lines.append(
            f"Potongan disiplin {pct_text(two_decimals(summed))} dibatasi {pct_text(pot)} "
            f"{source(rules, 'presensi.batas_bulanan')}."
        )
    lines.append(f"Potongan disiplin = {pct_text(pot)}.")
    lines.append(
        f"TPP kinerja = {_rp(pagu)} x {bk}% x {_dec2(cap)}% = {_rp(row['tpp_kinerja'])} "
        "(dari rasio persis, dibulatkan setengah ke atas ke Rupiah utuh)."
    )
    if basis == "total":
        lines.append(
            f"TPP disiplin = {_rp(pagu)} x {bd}% - {_rp(pagu)} x {pct_text(pot)} = "
            f"{_rp(row['tpp_disiplin'])} "
            f"(potongan dari seluruh pagu) {source(rules, 'tpp.basis_potongan')}."
        )
    else:
        lines.append(
            f"TPP disiplin = {_rp(pagu)} x {bd}% x (100 - {pct_text(pot)[:-1]})% = "
            f"{_rp(row['tpp_disiplin'])}."
        )
    h = row.get("potongan_hukdis_persen") or 0
    if h:
        lines.append(
            "Hukuman disiplin: kedua bagian dikurangi "
            f"{pct_text(h)} {source(rules, 'disiplin.potongan_hukdis')}."
        )
    lines.append(
        f"TPP total = {_rp(row['tpp_kinerja'])} + {_rp(row['tpp_disiplin'])} = {_rp(row['tpp_total'])}."
    )
    if row["peringatan"]:
        lines.append(
            f"TK tahun ini {row['tk_tahun_ini']} hari (terpanjang berturut-turut "
            f"{row.get('tk_berturut', 0)}): {row['peringatan']} (PP 94/2021)."
        )
    return lines
