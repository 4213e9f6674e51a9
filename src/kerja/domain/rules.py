"""Institution rules (aturan, SPEC §4): defaults, validation of a partial file, merge, and the
set in force for a month.

A rule set is a plain dict shaped like the TOML of SPEC §4, with every key present; dates are ISO
text and times 'HH:MM' text, so it round-trips through JSON unchanged.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping
from datetime import date
from typing import Any

from .errors import KerjaError
from .values import parse_time

HARI = ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min")  # index = date.weekday()
KODE_STATUS = ("S", "I", "CT", "CB", "CS", "CM", "CAP", "CLTN", "DL", "TB")

DEFAULTS: dict[str, Any] = {
    "jam_kerja": {
        "hari": ["Sen", "Sel", "Rab", "Kam", "Jum"],
        "masuk": "07:30",
        "pulang": "16:00",
        "pulang_jumat": "16:30",
        "khusus": [],
    },
    "libur": {"nasional": True, "cuti_bersama": True},
    "presensi": {
        "wfh_wajib_presensi": True,
        "tl": [[1, 30, 0.5], [31, 60, 1.0], [61, 90, 1.5], [91, 1440, 2.0]],
        "psw": [[1, 30, 0.5], [31, 60, 1.0], [61, 90, 1.5], [91, 1440, 2.0]],
        "tanpa_masuk": 2.0,
        "tanpa_pulang": 2.0,
        "tk": 3.0,
        "potongan_status": {},
    },
    "tpp": {"bobot_kinerja": 60, "bobot_disiplin": 40},
    "kinerja": {"menit_per_hari": 300, "batas_validasi_hari": 0},
}

MINUTES_PER_DAY = 1440
# Upper bounds of the plain numbers (lower bound 0): percentages are 0-100 (SPEC §4); a working
# day has at most 1440 minutes; a validation deadline falls within the next month.
MAXIMUM = {
    "presensi": 100,
    "tpp": 100,
    "kinerja.menit_per_hari": MINUTES_PER_DAY,
    "kinerja.batas_validasi_hari": 31,
}

_KHUSUS_KEYS = {"mulai": "date", "sampai": "date", "masuk": "time", "pulang": "time", "pulang_jumat": "time"}


def defaults() -> dict[str, Any]:
    return copy.deepcopy(DEFAULTS)


def _fail(key: str, why: str) -> KerjaError:
    return KerjaError(f"Aturan tidak sah: kunci '{key}' {why}.")


def _number(key: str, v: object, *, minimum: float = 0, maximum: float | None = None) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise _fail(key, f"harus angka, bukan {v!r}")
    if not math.isfinite(v):
        # TOML has nan and inf; either would poison every recap from that month on.
        raise _fail(key, f"harus angka biasa, bukan {v!r}")
    if v < minimum or (maximum is not None and v > maximum):
        upper = f" sampai {maximum:g}" if maximum is not None else ""
        raise _fail(key, f"harus antara {minimum:g}{upper}, bukan {v!r}")
    return v


def _time_text(key: str, v: object) -> str:
    if not isinstance(v, str):
        raise _fail(key, f'harus jam "HH:MM" dalam tanda kutip, bukan {v!r}')
    try:
        return parse_time(v).strftime("%H:%M")
    except ValueError as e:
        raise _fail(key, str(e)) from None


def _date_text(key: str, v: object) -> str:
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, str):
        try:
            return date.fromisoformat(v).isoformat()
        except ValueError:
            pass
    raise _fail(key, f"harus tanggal YYYY-MM-DD, bukan {v!r}")


def _tiers(key: str, v: object) -> list[list[float]]:
    if not isinstance(v, list) or not v:
        raise _fail(key, "harus daftar [dari, sampai, persen], mis. [[1, 30, 0.5], [31, 60, 1.0]]")
    out: list[list[float]] = []
    prev_to = 0
    for i, t in enumerate(v):
        k = f"{key}[{i}]"
        if not isinstance(t, list) or len(t) != 3:
            raise _fail(k, f"harus [dari, sampai, persen], bukan {t!r}")
        lo = int(_number(k, t[0], minimum=1, maximum=MINUTES_PER_DAY))
        hi = int(_number(k, t[1], minimum=1, maximum=MINUTES_PER_DAY))
        pct = _number(k, t[2], maximum=100)
        if hi < lo or lo != prev_to + 1:
            raise _fail(k, f"rentang menit harus bersambung dari {prev_to + 1} dan naik, bukan {t!r}")
        prev_to = hi
        out.append([lo, hi, float(pct)])
    return out


def _check_section(name: str, given: Mapping[str, Any], base: dict[str, Any]) -> None:
    """Validate `given` (a partial section) and write it over `base` in place."""
    if not isinstance(given, Mapping):
        raise _fail(name, "harus tabel [" + name + "]")
    for key, v in given.items():
        full = f"{name}.{key}"
        if key not in base:
            raise _fail(full, f"tidak dikenal; kunci yang sah di [{name}]: {', '.join(base)}")
        default = base[key]
        if full == "jam_kerja.hari":
            if not isinstance(v, list) or not v:
                raise _fail(full, f"harus daftar nama hari dari {', '.join(HARI)}, bukan {v!r}")
            for h in v:
                if h not in HARI:
                    raise _fail(full, f"memuat {h!r}, bukan nama hari; pakai {', '.join(HARI)}")
            base[key] = [h for h in HARI if h in v]
        elif full == "jam_kerja.khusus":
            base[key] = [_khusus(f"{full}[{i}]", k) for i, k in enumerate(_list(full, v))]
        elif name == "jam_kerja":
            base[key] = _time_text(full, v)
        elif key in ("tl", "psw"):
            base[key] = _tiers(full, v)
        elif full == "presensi.potongan_status":
            if not isinstance(v, Mapping):
                raise _fail(full, "harus tabel kode = persen, mis. { CB = 3.0 }")
            for code, pct in v.items():
                if code not in KODE_STATUS:
                    raise _fail(f"{full}.{code}", f"bukan kode status; yang sah: {', '.join(KODE_STATUS)}")
                _number(f"{full}.{code}", pct, maximum=100)
            base[key] = {c: float(p) for c, p in v.items()}
        elif isinstance(default, bool):
            if not isinstance(v, bool):
                raise _fail(full, f"harus true atau false, bukan {v!r}")
            base[key] = v
        elif isinstance(default, int | float):
            num = _number(full, v, maximum=MAXIMUM.get(full, MAXIMUM.get(name)))
            if isinstance(default, int) and not float(num).is_integer():
                raise _fail(full, f"harus bilangan bulat, bukan {v!r}")
            base[key] = int(num) if isinstance(default, int) else float(num)


def _list(key: str, v: object) -> list[Any]:
    if not isinstance(v, list):
        raise _fail(key, "harus daftar tabel [[...]]")
    return v


def _khusus(key: str, k: object) -> dict[str, str]:
    if not isinstance(k, Mapping):
        raise _fail(key, "harus tabel dengan mulai, sampai, masuk, pulang")
    out: dict[str, str] = {}
    for name, v in k.items():
        kind = _KHUSUS_KEYS.get(name)
        if kind is None:
            raise _fail(f"{key}.{name}", f"tidak dikenal; yang sah: {', '.join(_KHUSUS_KEYS)}")
        out[name] = _date_text(f"{key}.{name}", v) if kind == "date" else _time_text(f"{key}.{name}", v)
    for need in ("mulai", "sampai", "masuk", "pulang"):
        if need not in out:
            raise _fail(f"{key}.{need}", "wajib diisi")
    if out["sampai"] < out["mulai"]:
        raise _fail(f"{key}.sampai", f"({out['sampai']}) lebih awal dari mulai ({out['mulai']})")
    out.setdefault("pulang_jumat", out["pulang"])
    _hours_in_order(key, out)
    return out


def _hours_in_order(key: str, hours: Mapping[str, str]) -> None:
    """masuk before pulang and pulang_jumat: inverted hours would make every minute 'on time'."""
    for end in ("pulang", "pulang_jumat"):
        if hours[end] <= hours["masuk"]:
            raise _fail(
                f"{key}.{end}", f"({hours[end]}) harus lebih akhir dari {key}.masuk ({hours['masuk']})"
            )


def merge(partial: Mapping[str, Any], base: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A full rule set: `partial` (e.g. a parsed TOML file) checked and laid over the defaults."""
    result = copy.deepcopy(dict(base) if base is not None else DEFAULTS)
    for section, given in partial.items():
        if section not in result:
            raise _fail(section, f"tidak dikenal; bagian yang sah: {', '.join(result)}")
        _check_section(section, given, result[section])
    _hours_in_order("jam_kerja", result["jam_kerja"])
    tpp = result["tpp"]
    if tpp["bobot_kinerja"] + tpp["bobot_disiplin"] != 100:
        raise _fail("tpp.bobot_kinerja", "ditambah tpp.bobot_disiplin harus 100")
    return result


def in_force(sets: Mapping[str, dict[str, Any]], month: str) -> dict[str, Any]:
    """The set in force for month 'YYYY-MM': the latest whose start month is not after it."""
    starts = [m for m in sets if m <= month]
    if not starts:
        return defaults()
    return sets[max(starts)]
