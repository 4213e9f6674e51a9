"""The day status of one employee on one working day (SPEC §7): pure, no SQL, no clock.

Times are local clock readings in the employee's unit zone as whole seconds of the day; they are
compared by the second (which punch is first) and counted by the minute (07:30:59 is on time for
07:30, 07:31:00 is one minute late). Percentages are Decimal: a cut here becomes Rupiah later.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .calendar import hours

MIDDAY = 12 * 3600
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


@dataclass(frozen=True, slots=True)
class Tier:
    nomor: int  # 1-based
    dari: int
    sampai: int
    persen: Decimal


@dataclass(frozen=True)
class DayRules:
    """The rules of one working day, precomputed once per day: start/end in minutes, cuts."""

    masuk: int  # minutes after midnight
    pulang: int
    tl: tuple[Tier, ...]
    psw: tuple[Tier, ...]
    tanpa_masuk: Decimal
    tanpa_pulang: Decimal
    tk: Decimal
    potongan_status: Mapping[str, Decimal]
    wfh_wajib_presensi: bool


def pct(x: object) -> Decimal:
    """A rule percentage as an exact Decimal (0.5 -> Decimal('0.5'), never the binary float)."""
    return Decimal(str(x))


def fmt_pct(p: Decimal) -> str:
    s = str(p)
    return f"{s}.0%" if "." not in s and "E" not in s else f"{s}%"


def day_rules(d: date, rules: Mapping[str, Any]) -> DayRules:
    start, end = hours(d, rules)
    pres = rules["presensi"]

    def tiers(spec: list[list[float]]) -> tuple[Tier, ...]:
        return tuple(Tier(i + 1, int(lo), int(hi), pct(p)) for i, (lo, hi, p) in enumerate(spec))

    return DayRules(
        masuk=start.hour * 60 + start.minute,
        pulang=end.hour * 60 + end.minute,
        tl=tiers(pres["tl"]),
        psw=tiers(pres["psw"]),
        tanpa_masuk=pct(pres["tanpa_masuk"]),
        tanpa_pulang=pct(pres["tanpa_pulang"]),
        tk=pct(pres["tk"]),
        potongan_status={k: pct(v) for k, v in pres.get("potongan_status", {}).items()},
        wfh_wajib_presensi=bool(pres["wfh_wajib_presensi"]),
    )


def tier_for(minutes: int, tiers: tuple[Tier, ...]) -> Tier | None:
    """The tier a number of late/early minutes falls in; beyond the last tier, the last one."""
    if minutes <= 0:
        return None
    for t in tiers:
        if t.dari <= minutes <= t.sampai:
            return t
    return tiers[-1] if minutes > tiers[-1].sampai else None


@dataclass(frozen=True, slots=True)
class Punches:
    """What the day status needs from a person-day's events (local seconds of the day).

    The store computes this with one aggregate query; `summarise` does the same from a list.
    """

    first_masuk: int | None = None
    last_pulang: int | None = None
    first_untyped: int | None = None
    last_untyped: int | None = None
    untyped: int = 0  # how many untyped punches
    wfo: bool = False  # some event has mode WFO
    wfh: bool = False  # some event has mode WFH
    no_mode: bool = False  # some event has no mode (e.g. an online export without one)


def summarise(events: Iterable[tuple[int, str | None, str | None]]) -> Punches | None:
    """(local seconds, jenis 'masuk'|'pulang'|None, mode) events of one person-day."""
    fm = lp = fu = lu = None
    n = 0
    wfo = wfh = none = False
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
        none |= mode is None
    return Punches(fm, lp, fu, lu, n, wfo, wfh, none) if seen else None


def in_out(p: Punches) -> tuple[int | None, int | None]:
    """In = first check-in, else first untyped punch; out = last check-out, else last untyped
    punch, never the punch used as the in; a lone untyped punch is an in before 12:00, else out."""
    if p.first_masuk is None and p.last_pulang is None and p.untyped == 1:
        secs = p.first_untyped
        assert secs is not None
        return (secs, None) if secs < MIDDAY else (None, secs)
    masuk = p.first_masuk if p.first_masuk is not None else p.first_untyped
    if p.last_pulang is not None:
        return masuk, p.last_pulang
    # Without a check-out the last untyped punch is the out, unless it is the in itself.
    return masuk, p.last_untyped if p.first_masuk is not None or p.untyped >= 2 else None


def hhmm(secs: int | None) -> str | None:
    if secs is None:
        return None
    m = secs // 60
    return f"{m // 60:02d}:{m % 60:02d}"


def _tier_text(prefix: str, t: Tier) -> str:
    return f"{prefix}{t.nomor} ({t.dari}-{t.sampai} mnt) {fmt_pct(t.persen)}"


def derive(
    tanggal: date,
    nip: str,
    rules: DayRules,
    *,
    jadwal: str | None = None,
    status: str | None = None,
    punches: Punches | None = None,
) -> DayStatus:
    """The day status of a working day: a declared status wins; else present (H) when there is an
    event; else TK. Present days get late/early tiers, or the no-check-in/out cuts."""
    masuk_s, pulang_s = in_out(punches) if punches is not None else (None, None)
    if status is not None:
        cut = rules.potongan_status.get(status, ZERO)
        why = f"{status} {fmt_pct(cut)}" if cut else f"{status} tanpa potongan"
        return DayStatus(tanggal, nip, jadwal, status, hhmm(masuk_s), hhmm(pulang_s), None, 0, 0,
                         None, None, cut, why, None)  # fmt: skip
    excused = jadwal == "WFH" and not rules.wfh_wajib_presensi
    if punches is None:
        if excused:
            return DayStatus(tanggal, nip, jadwal, "H", None, None, "WFH", 0, 0, None, None, ZERO,
                             "WFH tanpa wajib presensi", None)  # fmt: skip
        return DayStatus(tanggal, nip, jadwal, "TK", None, None, None, 0, 0, None, None, rules.tk,
                         f"TK {fmt_pct(rules.tk)}", None)  # fmt: skip

    mode = "WFO" if punches.wfo else "WFH" if punches.wfh else (jadwal or "WFO")
    catatan = None
    if jadwal is not None and (mode != jadwal or (punches.wfo and punches.wfh)):
        catatan = "tidak sesuai jadwal"
    if excused:
        return DayStatus(tanggal, nip, jadwal, "H", hhmm(masuk_s), hhmm(pulang_s), mode, 0, 0,
                         None, None, ZERO, "WFH tanpa wajib presensi", catatan)  # fmt: skip

    cut = ZERO
    why: list[str] = []
    telat = cepat = 0
    if masuk_s is None:
        tl: int | None = 4
        cut += rules.tanpa_masuk
        why.append(f"tanpa masuk {fmt_pct(rules.tanpa_masuk)}")
    else:
        telat = max(0, masuk_s // 60 - rules.masuk)
        t = tier_for(telat, rules.tl)
        tl = t.nomor if t else None
        if t:
            cut += t.persen
            why.append(_tier_text("TL", t))
    if pulang_s is None:
        psw: int | None = 4
        cut += rules.tanpa_pulang
        why.append(f"tanpa pulang {fmt_pct(rules.tanpa_pulang)}")
    else:
        cepat = max(0, rules.pulang - pulang_s // 60)
        t = tier_for(cepat, rules.psw)
        psw = t.nomor if t else None
        if t:
            cut += t.persen
            why.append(_tier_text("PSW", t))
    return DayStatus(tanggal, nip, jadwal, "H", hhmm(masuk_s), hhmm(pulang_s), mode, telat, cepat,
                     tl, psw, cut, " + ".join(why) or "tepat waktu", catatan)  # fmt: skip


def seconds_of(clock: str) -> int:
    """'HH:MM:SS' or 'HH:MM' -> seconds of the day."""
    h, m = int(clock[0:2]), int(clock[3:5])
    s = int(clock[6:8]) if len(clock) >= 8 else 0
    return h * 3600 + m * 60 + s
