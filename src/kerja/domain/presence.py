"""The day status of one employee on one working day (SPEC §7): pure, no SQL, no clock.

Times are local clock readings in the employee's unit zone as whole seconds of the day; they are
compared by the second (which punch is first) and counted by the minute (07:30:59 is on time for
07:30, 07:31:00 is one minute late). Percentages are Decimal: a cut here becomes Rupiah later.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from .calendar import hours
from .errors import KerjaError
from .rules import source

_CUT_KEYS = (
    "presensi.tl",
    "presensi.psw",
    "presensi.tanpa_masuk",
    "presensi.tanpa_pulang",
    "presensi.tk",
    "presensi.potongan_status",
    "presensi.batas_harian",
)

MIDDAY = 12 * 3600
MINUTES = 24 * 60 + 1  # minute counts 0..1440
MISSING = 0  # tier marker: no check-in (or no check-out) at all
TK = -1  # cut-cache marker: absent without reason
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class DayStatus:
    tanggal: date
    nip: str
    jadwal: str | None  # roster location that day: "WFO" | "WFH" | None
    kode: str  # "H", "TK" or a declared status code
    masuk: str | None  # local "HH:MM"
    pulang: str | None
    mode: str | None  # "WFO" | "WFH" of the presence
    telat_menit: int
    cepat_menit: int
    tl: int | None  # tier 1-4; no check-in -> 4
    psw: int | None  # tier 1-4; no check-out -> 4
    potongan_persen: Decimal
    aturan: str  # the rule(s) that set the cut, readable
    catatan: str | None = None


class _Build:
    """Makes a DayStatus about five times faster than its frozen __init__ (which goes through
    object.__setattr__ per field): fill the same slots in a mutable twin, then switch the class.
    CPython allows the switch because both classes have exactly the same slots. A month of a
    province is 1.3 million day statuses, so this is seconds of every recap."""

    __slots__ = DayStatus.__slots__

    def __init__(
        self,
        tanggal,
        nip,
        jadwal,
        kode,
        masuk,
        pulang,
        mode,
        telat_menit,
        cepat_menit,
        tl,
        psw,
        potongan_persen,
        aturan,
        catatan,
    ) -> None:
        self.tanggal = tanggal
        self.nip = nip
        self.jadwal = jadwal
        self.kode = kode
        self.masuk = masuk
        self.pulang = pulang
        self.mode = mode
        self.telat_menit = telat_menit
        self.cepat_menit = cepat_menit
        self.tl = tl
        self.psw = psw
        self.potongan_persen = potongan_persen
        self.aturan = aturan
        self.catatan = catatan
        self.__class__ = DayStatus  # type: ignore[assignment]


# A new DayStatus field must be filled by _Build too.
assert _Build.__init__.__code__.co_varnames[1:15] == DayStatus.__slots__
_new: Callable[..., DayStatus] = _Build  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class Tier:
    nomor: int  # 1-based
    dari: int
    sampai: int
    persen: Decimal


@dataclass(frozen=True, eq=False)
class DayRules:
    """The rules of one working day, precomputed once per day shape: start/end in minutes, the
    tier of every possible minute count, and the cut/explanation of every tier pair (a month of
    a province is over a million person-days, so the per-day work must be lookups)."""

    masuk: int  # minutes after midnight
    pulang: int
    tl: tuple[Tier, ...]
    psw: tuple[Tier, ...]
    tanpa_masuk: Decimal
    tanpa_pulang: Decimal
    tk: Decimal
    potongan_status: Mapping[str, Decimal | tuple[Tier, ...]]
    wfh_wajib_presensi: bool
    batas_harian: Decimal = Decimal(100)  # the most a present day can cost
    fleksibel: int | None = None  # flexible start: arrivals up to this minute are on time
    ganti_waktu: int = 0  # lateness up to this many minutes made up by staying as long after
    sumber: Mapping[str, str] = field(repr=False, default_factory=dict)  # rule key -> its label
    tl_at: tuple[int | None, ...] = field(repr=False, default=())  # tier by minutes, 0..1440
    psw_at: tuple[int | None, ...] = field(repr=False, default=())
    _cuts: dict = field(repr=False, default_factory=dict)

    @property
    def tk_aturan(self) -> str:
        return self.cut(TK, TK)[1]

    def cut(self, tl: int | None, psw: int | None) -> tuple[Decimal, str]:
        """(cut, explanation) of a present day from its tier numbers (MISSING: no check-in /
        no check-out; None: on time), computed once per pair."""
        key = (tl, psw)
        hit = self._cuts.get(key)
        if hit is None and tl == TK:
            hit = self._cuts[key] = (self.tk, f"TK {fmt_pct(self.tk)}{self._src('presensi.tk')}")
        if hit is None:
            total = ZERO
            why: list[str] = []
            if tl == MISSING:
                total += self.tanpa_masuk
                why.append(f"tanpa masuk {fmt_pct(self.tanpa_masuk)}{self._src('presensi.tanpa_masuk')}")
            elif tl is not None:
                total += self.tl[tl - 1].persen
                why.append(_tier_text("TL", self.tl[tl - 1]) + self._src("presensi.tl"))
            if psw == MISSING:
                total += self.tanpa_pulang
                why.append(f"tanpa pulang {fmt_pct(self.tanpa_pulang)}{self._src('presensi.tanpa_pulang')}")
            elif psw is not None:
                total += self.psw[psw - 1].persen
                why.append(_tier_text("PSW", self.psw[psw - 1]) + self._src("presensi.psw"))
            if total > self.batas_harian:
                why.append(
                    f"dibatasi {fmt_pct(self.batas_harian)} per hari{self._src('presensi.batas_harian')}"
                )
                total = self.batas_harian
            hit = self._cuts[key] = (total, " + ".join(why) or "tepat waktu")
        return hit

    def _src(self, key: str) -> str:
        label = self.sumber.get(key)
        return f" {label}" if label else ""

    def status_cut(self, kode: str, length: int | None, first: bool = True) -> tuple[Decimal, str]:
        """The cut of a day with a declared status. A number is a % per day. Tiers go by the
        length of the whole status period in working days and are taken once, on the period's
        first working day of each month it touches (Kementan: sick leave of 3-14 days pays 75%
        of that month's tukin, i.e. 25% off, however many of those days fall in it)."""
        rule = self.potongan_status.get(kode, ZERO)
        if isinstance(rule, tuple):
            n = length or 1
            t = tier_for(n, rule)
            if t is None or not t.persen:
                return ZERO, f"{kode} tanpa potongan ({n} hari)"
            if not first:
                return ZERO, f"{kode} {n} hari: potongan sudah dihitung pada hari pertamanya bulan ini"
            why = f"{kode} {n} hari ({t.dari}-{t.sampai} hari) {fmt_pct(t.persen)} sekali"
            return t.persen, why + self._src("presensi.potongan_status")
        if not rule:
            return ZERO, f"{kode} tanpa potongan"
        return rule, f"{kode} {fmt_pct(rule)}{self._src('presensi.potongan_status')}"


def pct(x: object) -> Decimal:
    """A rule percentage as an exact Decimal (0.5 -> Decimal('0.5'), never the binary float)."""
    return Decimal(str(x))


def fmt_pct(p: Decimal) -> str:
    """A rule percentage as the clerk reads it, Indonesian style: 1%, 0,5%, 1,25%."""
    s = format(p, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s.replace(".", ",") + "%"


def _tier_text(prefix: str, t: Tier) -> str:
    return f"{prefix}{t.nomor} ({t.dari}-{t.sampai} mnt) {fmt_pct(t.persen)}"


def tier_for(minutes: int, tiers: tuple[Tier, ...]) -> Tier | None:
    """The tier a number of late/early minutes falls in; beyond the last tier, the last one."""
    if minutes <= 0:
        return None
    for t in tiers:
        if t.dari <= minutes <= t.sampai:
            return t
    return tiers[-1] if minutes > tiers[-1].sampai else None


def _nomor(t: Tier | None) -> int | None:
    return None if t is None else t.nomor


def day_rules(d: date, rules: Mapping[str, Any], unit: str | None = None) -> DayRules:
    """The precomputed rules of day d for someone in `unit` (its own hours, jam_kerja.unit)."""
    start, end = hours(d, rules, unit)
    pres = rules["presensi"]

    def tiers(spec: list[list[float]]) -> tuple[Tier, ...]:
        return tuple(Tier(i + 1, int(lo), int(hi), pct(p)) for i, (lo, hi, p) in enumerate(spec))

    tl, psw = tiers(pres["tl"]), tiers(pres["psw"])
    cap = pres.get("batas_harian", 100)
    flex = pres.get("masuk_fleksibel_sampai") or None
    return DayRules(
        masuk=start.hour * 60 + start.minute,
        pulang=end.hour * 60 + end.minute,
        tl=tl,
        psw=psw,
        tanpa_masuk=pct(pres["tanpa_masuk"]),
        tanpa_pulang=pct(pres["tanpa_pulang"]),
        tk=pct(pres["tk"]),
        potongan_status={
            k: tiers(v) if isinstance(v, list) else pct(v) for k, v in pres.get("potongan_status", {}).items()
        },
        wfh_wajib_presensi=bool(pres["wfh_wajib_presensi"]),
        batas_harian=pct(pres["tk"] if cap == "tk" else cap),
        fleksibel=None if flex is None else int(flex[:2]) * 60 + int(flex[3:5]),
        ganti_waktu=int(pres.get("ganti_waktu_menit", 0)),
        sumber={k: source(rules, k) for k in _CUT_KEYS},
        tl_at=_tier_table(tl),
        psw_at=_tier_table(psw),
    )


@lru_cache(maxsize=64)
def _tier_table(tiers: tuple[Tier, ...]) -> tuple[int | None, ...]:
    """Minute count -> tier number, for every minute of a day. A pure function of the tiers,
    kept for the few tier sets there are: a single person-day (a web check-in) would otherwise
    rebuild both 1,441-entry tables each time (~3 ms of a ~4 ms check-in)."""
    return tuple(_nomor(tier_for(m, tiers)) for m in range(MINUTES))


class Punches(NamedTuple):
    """What the day status needs from a person-day's events (local seconds of the day).

    The store computes this with one aggregate query; `summarise` does the same from a list.
    """

    first_masuk: int | None = None
    last_pulang: int | None = None
    first_untyped: int | None = None
    last_untyped: int | None = None
    untyped: int = 0  # how many untyped punches
    wfo: bool | int | None = False  # some event has mode WFO (1/0/None from SQL count too)
    wfh: bool | int | None = False  # some event has mode WFH


def summarise(events: Iterable[tuple[int, str | None, str | None]]) -> Punches | None:
    """(local seconds, jenis 'masuk'|'pulang'|None, mode) events of one person-day."""
    fm = lp = fu = lu = None
    n = 0
    wfo = wfh = False
    seen = False
    for secs, jenis, mode in events:
        seen = True
        if jenis == "masuk":
            fm = secs if fm is None else min(fm, secs)
        elif jenis == "pulang":
            lp = secs if lp is None else max(lp, secs)
        else:
            n += 1
            fu = secs if fu is None else min(fu, secs)
            lu = secs if lu is None else max(lu, secs)
        wfo |= mode == "WFO"
        wfh |= mode == "WFH"
    return Punches(fm, lp, fu, lu, n, wfo, wfh) if seen else None


def in_out(p: Punches | Sequence[Any]) -> tuple[int | None, int | None]:
    """In = first check-in, else first untyped punch; out = last check-out, else last untyped
    punch, never the punch used as the in; a lone untyped punch is an in before 12:00, else out."""
    fm, lp, fu, lu, n = p[0], p[1], p[2], p[3], p[4]
    if fm is None and lp is None and n == 1 and fu is not None:
        return (fu, None) if fu < MIDDAY else (None, fu)
    masuk = fm if fm is not None else fu
    if lp is not None:
        return masuk, lp
    # Without a check-out the last untyped punch is the out, unless it is the in itself.
    return masuk, lu if fm is not None or n >= 2 else None


# "HH:MM" of every minute count 0..1440 ("24:00" last), hours and minutes joined rather than
# each formatted: a tenth of the time at import, which every command that records a punch pays.
_MM = [f":{m:02d}" for m in range(60)]
HHMM = tuple([hh + mm for hh in [f"{h:02d}" for h in range(24)] for mm in _MM] + ["24:00"])


def hhmm(secs: int | None) -> str | None:
    return None if secs is None else HHMM[secs // 60]


def derive(
    tanggal: date,
    nip: str,
    rules: DayRules,
    jadwal: str | None = None,
    status: str | None = None,
    punches: Punches | Sequence[Any] | None = None,
    status_len: int | None = None,
    status_first: bool = True,
) -> DayStatus:
    """The day status of a working day: a declared status wins; else present (H) when there is an
    event; else TK. Present days get late/early tiers, or the no-check-in/out cuts.

    `punches` is a Punches or any sequence whose first seven items are its fields."""
    if punches is None:
        masuk_s = pulang_s = None
    else:
        masuk_s, pulang_s = in_out(punches)
    masuk = None if masuk_s is None else HHMM[masuk_s // 60]
    pulang = None if pulang_s is None else HHMM[pulang_s // 60]
    if status is not None:
        cut, why = rules.status_cut(status, status_len, status_first)
        return _new(tanggal, nip, jadwal, status, masuk, pulang, None, 0, 0, None, None, cut, why, None)
    excused = jadwal == "WFH" and not rules.wfh_wajib_presensi
    if punches is None:
        if excused:
            return _new(
                tanggal,
                nip,
                jadwal,
                "H",
                None,
                None,
                "WFH",
                0,
                0,
                None,
                None,
                ZERO,
                "WFH tanpa wajib presensi",
                None,
            )
        return _new(
            tanggal, nip, jadwal, "TK", None, None, None, 0, 0, None, None, rules.tk, rules.tk_aturan, None
        )

    wfo, wfh = punches[5], punches[6]
    mode = "WFO" if wfo else "WFH" if wfh else (jadwal or "WFO")
    catatan = None
    if jadwal is not None and (mode != jadwal or (wfo and wfh)):
        catatan = "tidak sesuai jadwal"
    if excused:
        return _new(
            tanggal,
            nip,
            jadwal,
            "H",
            masuk,
            pulang,
            mode,
            0,
            0,
            None,
            None,
            ZERO,
            "WFH tanpa wajib presensi",
            catatan,
        )

    telat = cepat = 0
    tl: int | None = MISSING
    psw: int | None = MISSING
    end = rules.pulang
    if masuk_s is not None:
        telat = masuk_s // 60 - rules.masuk
        if rules.fleksibel is not None:
            telat, end = flexible_start(masuk_s // 60, rules.masuk, rules.pulang, rules.fleksibel)
        if 0 < telat <= rules.ganti_waktu and pulang_s is not None and pulang_s // 60 >= end + telat:
            telat = 0  # made up the same day
        if telat > 0:
            tl = rules.tl_at[telat if telat < MINUTES else MINUTES - 1]
        else:
            telat, tl = 0, None
    if pulang_s is not None:
        cepat = end - pulang_s // 60
        if cepat > 0:
            psw = rules.psw_at[cepat if cepat < MINUTES else MINUTES - 1]
        else:
            cepat, psw = 0, None
    cut, why = rules.cut(tl, psw)
    # No check-in counts in TL4, no check-out in PSW4 (SPEC §4), with their own cuts.
    return _new(
        tanggal,
        nip,
        jadwal,
        "H",
        masuk,
        pulang,
        mode,
        telat,
        cepat,
        4 if tl == MISSING else tl,
        4 if psw == MISSING else psw,
        cut,
        why,
        catatan,
    )


def flexible_start(arrival: int, start: int, end: int, latest: int) -> tuple[int, int]:
    """(minutes late, minute the day ends) under a flexible start (PMK 221/2021): arriving from
    `start` to `latest` is on time and the full day is owed from the arrival; later arrivals are
    late from `latest` and owe the day that ends at `latest` + its length."""
    length = end - start
    if arrival <= latest:
        return 0, max(end, arrival + length)
    return arrival - latest, latest + length


def seconds_of(clock: str) -> int:
    """'HH:MM:SS' or 'HH:MM' -> seconds of the day."""
    h, m = int(clock[0:2]), int(clock[3:5])
    s = int(clock[6:8]) if len(clock) >= 8 else 0
    return h * 3600 + m * 60 + s


def recorder(named: str | None, session_user: str, *, backdated: bool) -> str:
    """Who a manual check-in is recorded as made by. A check-in happening now may fall back on
    the session's user; a back-dated one must name the officer who records it (SPEC §7: every
    back-dated entry is audited with its recorder)."""
    if named and named.strip():
        return named.strip()
    if backdated:
        raise KerjaError(
            "Presensi yang dicatat mundur wajib menyebut petugas yang mencatatnya (oleh: NIP petugas)."
        )
    return session_user
