"""Work-system circulars (kebijakan, SPEC §5): parse and validate one TOML document.

A circular is stored as the normalised dict `to_dict()` gives (dates as ISO text), so it round-trips
through JSON; `Circular.from_dict` reads it back. Errors name the key and the fix, in Indonesian.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from .errors import KerjaError
from .rounding import round_half_up

JENIS_KONDISI = ("hamil", "menyusui", "komorbid", "odp", "pdp", "positif", "kontak-erat", "perjalanan")
PEMBULATAN = ("terdekat", "atas", "bawah")
TINGKAT = ("opd", "unit")
POLA = ("bergilir", "tim")
TIM_PER = ("hari", "pekan")


@dataclass(frozen=True)
class Circular:
    nama: str
    judul: str
    mulai: date
    sampai: date
    wfo_persen: float = 25
    tingkat: str = "opd"
    pembulatan: str = "terdekat"
    pejabat_dihitung: bool = True
    pejabat_wfo: bool = True
    min_wfo_per_unit: int = 1
    usia_min: int | None = None
    hamil: bool = False
    menyusui: bool = False
    kondisi: tuple[str, ...] = ()
    perjalanan_hari: int = 0
    pola: str = "bergilir"
    tim_per: str = "hari"
    ganti: str | None = None  # the circular this one replaces where their periods overlap

    def covers(self, d: date) -> bool:
        return self.mulai <= d <= self.sampai

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["mulai"], out["sampai"] = self.mulai.isoformat(), self.sampai.isoformat()
        out["kondisi"] = list(self.kondisi)
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Circular:
        vals = dict(d)
        vals["mulai"] = date.fromisoformat(vals["mulai"])
        vals["sampai"] = date.fromisoformat(vals["sampai"])
        vals["kondisi"] = tuple(vals.get("kondisi", ()))
        return cls(**vals)


# section -> key -> (kind, default); the kinds drive validation and the messages.
SCHEMA: dict[str, dict[str, tuple[Any, Any]]] = {  # kind: a name or a tuple of choices
    "kuota": {
        "wfo_persen": ("persen", 25),
        "tingkat": (TINGKAT, "opd"),
        "pembulatan": (PEMBULATAN, "terdekat"),
        "pejabat_dihitung": ("bool", True),
    },
    "cakupan": {"pejabat_wfo": ("bool", True), "min_wfo_per_unit": ("count", 1)},
    "wfh_wajib": {
        "usia_min": ("age", None),
        "hamil": ("bool", False),
        "menyusui": ("bool", False),
        "kondisi": ("jenis", ()),
        "perjalanan_hari": ("count", 0),
    },
    "rotasi": {"pola": (POLA, "bergilir"), "tim_per": (TIM_PER, "hari")},
}
TOP = ("nama", "judul", "mulai", "sampai", "ganti")


def _fail(key: str, why: str) -> KerjaError:
    return KerjaError(f"Kebijakan tidak sah: kunci '{key}' {why}.")


def _date(key: str, v: object) -> date:
    if isinstance(v, date):
        return v
    if isinstance(v, str):
        try:
            return date.fromisoformat(v.strip())
        except ValueError:
            pass
    raise _fail(key, f"harus tanggal YYYY-MM-DD (tanpa tanda kutip), bukan {v!r}")


def _value(key: str, kind: Any, v: object) -> Any:
    if isinstance(kind, tuple):
        if v not in kind:
            raise _fail(key, f"harus salah satu dari {', '.join(kind)}, bukan {v!r}")
        return v
    if kind == "bool":
        if not isinstance(v, bool):
            raise _fail(key, f"harus true atau false, bukan {v!r}")
        return v
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise _fail(key, f"harus angka, bukan {v!r}")
    if kind == "persen":
        if not 0 <= v <= 100:
            raise _fail(key, f"harus antara 0 dan 100, bukan {v!r}")
        return int(v) if float(v).is_integer() else float(v)
    if not float(v).is_integer():
        raise _fail(key, f"harus bilangan bulat, bukan {v!r}")
    if kind == "age" and not 15 <= v <= 80:
        raise _fail(key, f"harus usia 15 sampai 80 tahun, bukan {v!r}")
    if kind == "count" and not 0 <= v <= 366:
        raise _fail(key, f"harus bilangan bulat 0 sampai 366, bukan {v!r}")
    return int(v)


def parse(doc: Mapping[str, Any]) -> Circular:
    """A circular from a parsed TOML document; unknown keys and bad values name their key."""
    for key in doc:
        if key not in TOP and key not in SCHEMA:
            raise _fail(key, f"tidak dikenal; yang sah: {', '.join((*TOP, *SCHEMA))}")
    nama = doc.get("nama")
    if not isinstance(nama, str) or not nama.strip():
        raise _fail("nama", 'wajib diisi, mis. nama = "kukar-2021"')
    nama = nama.strip()
    if any(c.isspace() for c in nama):
        raise _fail("nama", f'tidak boleh berisi spasi ({nama!r}); pakai tanda -, mis. "kukar-2021"')
    judul = doc.get("judul", nama)
    if not isinstance(judul, str):
        raise _fail("judul", f"harus teks, bukan {judul!r}")
    for need in ("mulai", "sampai"):
        if need not in doc:
            raise _fail(need, "wajib diisi, mis. mulai = 2021-01-27")
    mulai, sampai = _date("mulai", doc["mulai"]), _date("sampai", doc["sampai"])
    if sampai < mulai:
        raise _fail("sampai", f"({sampai}) lebih awal dari mulai ({mulai})")
    ganti = doc.get("ganti")
    if ganti is not None and (not isinstance(ganti, str) or not ganti.strip()):
        raise _fail(
            "ganti", f'harus nama kebijakan yang digantikan, mis. ganti = "kukar-2021", bukan {ganti!r}'
        )
    vals: dict[str, Any] = {"ganti": ganti.strip()} if ganti else {}
    for section, keys in SCHEMA.items():
        given = doc.get(section, {})
        if not isinstance(given, Mapping):
            raise _fail(section, f"harus tabel [{section}]")
        for key, v in given.items():
            full = f"{section}.{key}"
            if key not in keys:
                raise _fail(full, f"tidak dikenal; kunci yang sah di [{section}]: {', '.join(keys)}")
            kind = keys[key][0]
            if kind == "jenis":
                if not isinstance(v, list):
                    raise _fail(
                        full, f"harus daftar jenis kondisi dari {', '.join(JENIS_KONDISI)}, bukan {v!r}"
                    )
                for j in v:
                    if j not in JENIS_KONDISI:
                        raise _fail(
                            full, f"memuat {j!r}, bukan jenis kondisi; pakai {', '.join(JENIS_KONDISI)}"
                        )
                vals[key] = tuple(dict.fromkeys(v))
            else:
                vals[key] = _value(full, kind, v)
    return Circular(nama=nama, judul=judul.strip(), mulai=mulai, sampai=sampai, **vals)


def parse_toml(text: str, source: str = "kebijakan") -> Circular:
    """Parse TOML text; a syntax error names the line (tomllib puts it in its message)."""
    import tomllib

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        from .toml_errors import indonesian

        raise KerjaError(f"{source} bukan TOML yang sah: {indonesian(str(e))}. Periksa baris itu.") from None
    try:
        return parse(doc)
    except KerjaError as e:
        raise KerjaError(f"{source}: {e}") from None


def target(count: int, persen: float, pembulatan: str) -> int:
    """WFO target for `count` people on duty: persen% of it, rounded as the circular says.

    Exact arithmetic (no binary float): 25% of 6 = 1.5 rounds to 2 with 'terdekat' (half up).
    """
    from fractions import Fraction

    exact = Fraction(count) * Fraction(str(persen)) / 100
    if pembulatan == "atas":
        return -((-exact.numerator) // exact.denominator)
    if pembulatan == "bawah":
        return exact.numerator // exact.denominator
    return round_half_up(exact)


def describe(c: Circular) -> list[tuple[str, str]]:
    """(label, value) lines a clerk reads in `kebijakan lihat`."""
    wajib = []
    if c.usia_min is not None:
        wajib.append(f"usia >= {c.usia_min} tahun")
    if c.hamil:
        wajib.append("hamil")
    if c.menyusui:
        wajib.append("menyusui")
    wajib += list(c.kondisi)
    if c.perjalanan_hari:
        wajib.append(f"kembali dari perjalanan <= {c.perjalanan_hari} hari")
    pola = c.pola if c.pola == "bergilir" else f"tim (bergantian per {c.tim_per})"
    return [
        ("Nama", c.nama),
        ("Judul", c.judul),
        ("Berlaku", f"{c.mulai} s.d. {c.sampai}"),
        (
            "Kuota WFO",
            f"{c.wfo_persen}% per {c.tingkat.upper() if c.tingkat == 'opd' else 'unit'}"
            f", pembulatan {c.pembulatan}",
        ),
        (
            "Pejabat",
            ("wajib WFO" if c.pejabat_wfo else "ikut bergilir")
            + (", dihitung dalam kuota" if c.pejabat_dihitung else ", di luar kuota"),
        ),
        ("Cakupan", f"minimal {c.min_wfo_per_unit} orang WFO per unit terkecil"),
        ("WFH wajib", ", ".join(wajib) or "-"),
        ("Rotasi", pola),
    ]


def in_force(circulars: Sequence[Circular], d: date) -> Circular | None:
    """The circular in force on day d: of those covering it, leaving out any that another one
    covering d replaces (`ganti`), the one that started last."""
    covering = [c for c in circulars if c.covers(d)]
    replaced = {c.ganti for c in covering if c.ganti}
    best = None
    for c in covering:
        if c.nama not in replaced and (best is None or (c.mulai, c.nama) > (best.mulai, best.nama)):
            best = c
    return best


def check_overlap(new: Circular, installed: Sequence[Circular]) -> None:
    """Refuse a circular whose period overlaps another installed one (of another name), unless it
    says it replaces that one (`ganti`): two circulars in force on one day is an error of dates,
    not something for the later one to win silently. A `ganti` naming no installed circular is
    refused too."""
    others = {c.nama: c for c in installed if c.nama != new.nama}
    if new.ganti is not None and new.ganti not in others:
        known = ", ".join(others) or "belum ada"
        raise KerjaError(f"--ganti {new.ganti}: kebijakan itu tidak terpasang (yang ada: {known}).")
    for c in others.values():
        if c.nama == new.ganti or c.sampai < new.mulai or new.sampai < c.mulai:
            continue
        a, b = max(c.mulai, new.mulai), min(c.sampai, new.sampai)
        raise KerjaError(
            f"Kebijakan {new.nama} ({new.mulai} s.d. {new.sampai}) beririsan dengan {c.nama} "
            f"({c.mulai} s.d. {c.sampai}) pada {a} s.d. {b}. Bila {new.nama} menggantikannya, pasang "
            f'dengan --ganti {c.nama} (atau ganti = "{c.nama}" di berkasnya); bila tidak, perbaiki '
            "tanggal mulai/sampai."
        )
