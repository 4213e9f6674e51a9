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
# IH: izin setengah hari (half-day permission); SS: sakit tanpa surat dokter (sick, no certificate).
KODE_STATUS = ("S", "I", "CT", "CB", "CS", "CM", "CAP", "CLTN", "DL", "TB", "IH", "SS")
BASIS_POTONGAN = ("disiplin", "total")
SKEMA_KINERJA = ("menit", "volume", "capaian")
STATUS_PEGAWAI = ("PNS", "CPNS", "PPPK", "NON-ASN")
# PP 94/2021 sanctions a clerk records with `hukdis tambah`: name -> months the TPP cut lasts.
HUKDIS = {
    "teguran-lisan": 0,
    "teguran-tertulis": 0,
    "tidak-puas": 0,
    "potong-tpp-6": 6,
    "potong-tpp-9": 9,
    "potong-tpp-12": 12,
    "turun-jabatan": 12,
    "pelaksana": 12,
    "pemberhentian": 0,
}

DEFAULTS: dict[str, Any] = {
    "jam_kerja": {
        "hari": ["Sen", "Sel", "Rab", "Kam", "Jum"],
        "masuk": "07:30",
        "pulang": "16:00",
        "pulang_jumat": "16:30",
        "pulang_sabtu": "",
        "khusus": [],
        # Units with their own days and hours (schools, puskesmas: six days), each covering its
        # sub-units; the most specific entry wins.
        "unit": [],
    },
    "libur": {"nasional": True, "cuti_bersama": True, "setengah_hari": []},
    "presensi": {
        "wfh_wajib_presensi": True,
        "tl": [[1, 30, 0.5], [31, 60, 1.0], [61, 90, 1.5], [91, 1440, 2.0]],
        "psw": [[1, 30, 0.5], [31, 60, 1.0], [61, 90, 1.5], [91, 1440, 2.0]],
        "tanpa_masuk": 2.0,
        "tanpa_pulang": 2.0,
        "tk": 3.0,
        "potongan_status": {},
        # A present day never costs more than an absent one: its cut is capped at the TK cut.
        "batas_harian": "tk",
        "batas_bulanan": 100.0,
        "tl_bebas_hari": 0,
        "ganti_waktu_menit": 0,
        "masuk_fleksibel_sampai": "",
    },
    "bulanan": {
        "telat_menit_maks": 0,
        "cepat_menit_maks": 0,
        "potongan_lewat_maks": 0.0,
        "menit_per_persen": 0,
    },
    "tpp": {"bobot_kinerja": 60, "bobot_disiplin": 40, "basis_potongan": "disiplin"},
    "kinerja": {
        "menit_per_hari": 300,
        "batas_validasi_hari": 0,
        "skema": "menit",
        "hitung_hari_libur": True,
        "hitung_hari_status": True,
        "predikat": {
            "Sangat Baik": 100.0,
            "Baik": 100.0,
            "Butuh Perbaikan": 90.0,
            "Kurang": 85.0,
            "Sangat Kurang": 80.0,
        },
    },
    "disiplin": {
        "pp94_lengkap": True,
        "pp94_status": ["PNS", "CPNS"],
        "potongan_hukdis": {"potong-tpp-6": 25.0, "potong-tpp-9": 25.0, "potong-tpp-12": 25.0},
    },
    # The signature block of the printed recap and roster (xlsx/pdf).
    "tanda_tangan": {"tempat": "", "jabatan_kepala": "", "jabatan_bendahara": "", "jabatan_pengelola": ""},
    # Where each rule comes from, shown beside every cut in `rekap rincian`.
    "sumber": {"peraturan": "", "pasal": {}},
}

# What each key means, in the clerk's words: `kerja aturan lihat` prints it beside the key.
KETERANGAN: dict[str, str] = {
    "jam_kerja.hari": "hari kerja dalam sepekan (Sen Sel Rab Kam Jum Sab Min)",
    "jam_kerja.masuk": "jam masuk, waktu setempat zona unit",
    "jam_kerja.pulang": "jam pulang",
    "jam_kerja.pulang_jumat": "jam pulang hari Jumat",
    "jam_kerja.pulang_sabtu": 'jam pulang hari Sabtu bila Sabtu hari kerja ("" = sama dengan pulang)',
    "jam_kerja.khusus": "jam khusus per periode (mis. Ramadan): mulai, sampai, masuk, pulang, "
    "pulang_jumat, pulang_sabtu",
    "jam_kerja.unit": "hari dan jam kerja sendiri untuk satu unit beserta sub-unitnya (mis. sekolah, "
    'puskesmas enam hari kerja): unit (jalur lengkap, mis. "Dinas Pendidikan > SD Negeri 1"), '
    "lalu yang berbeda dari jam_kerja: hari, masuk, pulang, pulang_jumat, pulang_sabtu; unit yang "
    "paling khusus berlaku; jam_kerja.khusus dan libur.setengah_hari tetap berlaku untuknya",
    "libur.nasional": "libur nasional Indonesia bukan hari kerja",
    "libur.cuti_bersama": "cuti bersama (SKB 3 Menteri) bukan hari kerja",
    "libur.setengah_hari": "hari kerja setengah hari (mis. 24 Desember): tanggal dan jam pulang hari "
    "itu (opsional jam masuk); pulang cepat dihitung dari jam ini; target menit kinerja hari itu "
    "setengah dari kinerja.menit_per_hari",
    "presensi.wfh_wajib_presensi": "hari WFH juga wajib presensi masuk/pulang",
    "presensi.tl": "potongan terlambat masuk per kejadian: [dari menit, sampai menit, persen]",
    "presensi.psw": "potongan pulang sebelum waktu per kejadian: [dari menit, sampai menit, persen]",
    "presensi.tanpa_masuk": "persen potongan hadir tanpa presensi masuk (dihitung TL4)",
    "presensi.tanpa_pulang": "persen potongan hadir tanpa presensi pulang (dihitung PSW4)",
    "presensi.tk": "persen potongan per hari tanpa keterangan (TK)",
    "presensi.potongan_status": "persen potongan per hari untuk kode status, mis. { CB = 3.0 }, atau "
    "bertingkat menurut lama status: { CS = [[1, 2, 0.0], [3, 14, 1.0]] } (hari kerja berturut-turut)",
    "presensi.batas_harian": 'batas potongan satu hari hadir (persen, atau "tk" = sama dengan potongan TK)',
    "presensi.batas_bulanan": "batas potongan disiplin sebulan (persen)",
    "presensi.tl_bebas_hari": "potongan terlambat baru berlaku bila terlambat lebih dari sekian hari "
    "sebulan (0 = selalu)",
    "presensi.ganti_waktu_menit": "terlambat sampai sekian menit tidak dipotong bila diganti dengan "
    "pulang lebih lambat pada hari yang sama (0 = tidak ada)",
    "presensi.masuk_fleksibel_sampai": "jam masuk fleksibel: datang sampai jam ini tidak terlambat asal "
    'jam kerja penuh dipenuhi; terlambat dihitung dari jam ini ("" = tidak ada)',
    "bulanan.telat_menit_maks": "jumlah menit terlambat sebulan yang memicu potongan_lewat_maks "
    "(0 = tidak ada)",
    "bulanan.cepat_menit_maks": "jumlah menit pulang cepat sebulan yang memicu potongan_lewat_maks "
    "(0 = tidak ada)",
    "bulanan.potongan_lewat_maks": "persen potongan bila jumlah menit sebulan mencapai batasnya",
    "bulanan.menit_per_persen": "setiap sekian menit terlambat + pulang cepat sebulan = potongan 1% "
    "(0 = tidak ada)",
    "tpp.bobot_kinerja": "persen pagu TPP untuk kinerja",
    "tpp.bobot_disiplin": "persen pagu TPP untuk disiplin",
    "tpp.basis_potongan": '"disiplin": potongan mengurangi pagu x bobot_disiplin; "total": potongan adalah '
    "persen dari seluruh pagu TPP",
    "kinerja.menit_per_hari": "target menit kinerja per hari kerja bertugas (setengahnya untuk hari "
    "setengah hari dan hari IH)",
    "kinerja.batas_validasi_hari": "kegiatan yang divalidasi sesudah tanggal ini bulan berikutnya tidak "
    "dihitung (0 = tanpa batas)",
    "kinerja.skema": '"menit" (selesai - mulai), "volume" (volume x norma katalog) atau "capaian" '
    "(persen/predikat bulanan yang diimpor)",
    "kinerja.hitung_hari_libur": "kegiatan pada hari yang bukan hari kerja (akhir pekan, libur) dihitung di "
    "rekap TPP (false: dicatat dengan peringatan, menitnya tidak dihitung)",
    "kinerja.hitung_hari_status": "kegiatan pada hari berstatus pegawai itu (S, I, cuti, DL, TB, ...) "
    "dihitung di rekap TPP (false: dicatat dengan peringatan, menitnya tidak dihitung)",
    "kinerja.predikat": "persen capaian untuk setiap predikat SKP bulanan (skema capaian)",
    "disiplin.pp94_lengkap": "PP 94/2021 lengkap: setiap tingkat dengan nama sanksinya, 10 hari kerja TK "
    "berturut-turut = pemberhentian, kolom tk_berturut dan potongan_hukdis_persen di rekap (false: "
    "hitungan rilis pertama, dipakai bulan-bulan dengan aturan lama agar rekapnya tetap)",
    "disiplin.pp94_status": "status pegawai yang diberi peringatan PP 94/2021",
    "disiplin.potongan_hukdis": "persen potongan TPP per jenis hukuman disiplin, selama bulan-bulannya",
    "tanda_tangan.tempat": 'tempat di baris tanggal tanda tangan, mis. "Sungai Lestari" '
    "(--tempat menggantinya)",
    "tanda_tangan.jabatan_kepala": 'jabatan lengkap penanda tangan pertama (Kepala OPD), mis. "Kepala Dinas '
    'Komunikasi dan Informatika" ("" = jabatan pegawai --kepala, atau "Kepala OPD")',
    "tanda_tangan.jabatan_bendahara": "jabatan lengkap Bendahara Pengeluaran "
    '("" = jabatan pegawai --bendahara)',
    "tanda_tangan.jabatan_pengelola": "jabatan lengkap Pengelola Kepegawaian "
    '("" = jabatan pegawai --pengelola)',
    "sumber.peraturan": "nama peraturan yang menjadi dasar aturan ini",
    "sumber.pasal": 'pasal per kunci, mis. { "presensi.tl" = "Pasal 8 ayat (1)" }',
}

MINUTES_PER_DAY = 1440
# Upper bounds of the plain numbers (lower bound 0): percentages are 0-100 (SPEC §4); a working
# day has at most 1440 minutes; a validation deadline falls within the next month.
MAXIMUM = {
    "presensi": 100,
    "tpp": 100,
    "presensi.tl_bebas_hari": 31,
    "presensi.ganti_waktu_menit": MINUTES_PER_DAY,
    "bulanan.telat_menit_maks": 31 * MINUTES_PER_DAY,
    "bulanan.cepat_menit_maks": 31 * MINUTES_PER_DAY,
    "bulanan.potongan_lewat_maks": 100,
    "bulanan.menit_per_persen": MINUTES_PER_DAY,
    "kinerja.menit_per_hari": MINUTES_PER_DAY,
    "kinerja.batas_validasi_hari": 31,
}

_KHUSUS_KEYS = {
    "mulai": "date",
    "sampai": "date",
    "masuk": "time",
    "pulang": "time",
    "pulang_jumat": "time",
    "pulang_sabtu": "time",
}
_HALF_DAY_KEYS = ("tanggal", "pulang", "masuk")
_UNIT_KEYS = ("unit", "hari", "masuk", "pulang", "pulang_jumat", "pulang_sabtu")


def defaults() -> dict[str, Any]:
    return copy.deepcopy(DEFAULTS)


def _fail(key: str, why: str) -> KerjaError:
    return KerjaError(f"Aturan tidak sah: kunci '{key}' {why}.")


def _number(key: str, v: object, *, minimum: float = 0, maximum: float | None = None) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
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
            base[key] = _days(full, v)
        elif full == "jam_kerja.khusus":
            base[key] = [_khusus(f"{full}[{i}]", k) for i, k in enumerate(_list(full, v))]
        elif full == "jam_kerja.unit":
            base[key] = _unit_hours(full, _list(full, v))
        elif full == "jam_kerja.pulang_sabtu":
            base[key] = "" if v == "" else _time_text(full, v)
        elif full == "libur.setengah_hari":
            base[key] = _half_days(full, _list(full, v))
        elif name == "jam_kerja":
            base[key] = _time_text(full, v)
        elif key in ("tl", "psw"):
            base[key] = _tiers(full, v)
        elif full == "presensi.potongan_status":
            base[key] = _status_cuts(full, v)
        elif full == "presensi.batas_harian":
            base[key] = "tk" if v == "tk" else float(_number(full, v, maximum=100))
        elif full == "presensi.masuk_fleksibel_sampai":
            base[key] = "" if v == "" else _time_text(full, v)
        elif full in _CHOICES:
            if v not in _CHOICES[full]:
                raise _fail(full, f"harus salah satu dari {', '.join(_CHOICES[full])}, bukan {v!r}")
            base[key] = v
        elif full == "kinerja.predikat":
            base[key] = {
                str(k): float(_number(f"{full}.{k}", x, maximum=100)) for k, x in _table(full, v).items()
            }
        elif full == "disiplin.pp94_status":
            if not isinstance(v, list) or any(x not in STATUS_PEGAWAI for x in v):
                raise _fail(full, f"harus daftar dari {', '.join(STATUS_PEGAWAI)}, bukan {v!r}")
            base[key] = [x for x in STATUS_PEGAWAI if x in v]
        elif full == "disiplin.potongan_hukdis":
            cuts = _table(full, v)
            for k in cuts:
                if k not in HUKDIS:
                    raise _fail(f"{full}.{k}", f"bukan jenis hukuman; yang sah: {', '.join(HUKDIS)}")
            base[key] = {k: float(_number(f"{full}.{k}", x, maximum=100)) for k, x in cuts.items()}
        elif full == "sumber.peraturan" or name == "tanda_tangan":
            if not isinstance(v, str):
                raise _fail(full, f"harus teks, bukan {v!r}")
            base[key] = v
        elif full == "sumber.pasal":
            lines = _table(full, v)
            for k, x in lines.items():
                if k not in KETERANGAN or not isinstance(x, str):
                    raise _fail(f"{full}.{k}", "harus kunci aturan yang sah dengan teks pasalnya")
            base[key] = dict(lines)
        elif isinstance(default, bool):
            if not isinstance(v, bool):
                raise _fail(full, f"harus true atau false, bukan {v!r}")
            base[key] = v
        elif isinstance(default, int | float):
            num = _number(full, v, maximum=MAXIMUM.get(full, MAXIMUM.get(name)))
            if isinstance(default, int) and not float(num).is_integer():
                raise _fail(full, f"harus bilangan bulat, bukan {v!r}")
            base[key] = int(num) if isinstance(default, int) else float(num)


_CHOICES = {"tpp.basis_potongan": BASIS_POTONGAN, "kinerja.skema": SKEMA_KINERJA}


def _table(key: str, v: object) -> Mapping[str, Any]:
    if not isinstance(v, Mapping):
        raise _fail(key, "harus tabel { nama = nilai }")
    return v


def _status_cuts(key: str, v: object) -> dict[str, float | list[list[float]]]:
    """Code -> a % per day, or tiers [from, to, %] by the length of the status (working days)."""
    out: dict[str, float | list[list[float]]] = {}
    for code, cut in _table(key, v).items():
        k = f"{key}.{code}"
        if code not in KODE_STATUS:
            raise _fail(k, f"bukan kode status; yang sah: {', '.join(KODE_STATUS)}")
        out[code] = _tiers(k, cut) if isinstance(cut, list) else float(_number(k, cut, maximum=100))
    return out


def complete(rule_set: Mapping[str, Any]) -> dict[str, Any]:
    """A stored set with the keys added since it was stored filled from the defaults (a set
    stored by an older kerja then reads exactly as it did: every new key defaults to "off")."""
    out = {k: dict(v) if isinstance(v, Mapping) else v for k, v in rule_set.items()}
    for section, values in DEFAULTS.items():
        have = out.setdefault(section, {})
        for key, default in values.items():
            if key not in have:
                have[key] = copy.deepcopy(_UPGRADE.get(f"{section}.{key}", default))
    return out


# Keys whose default for new sets differs from what a set stored before them meant.
_UPGRADE: dict[str, Any] = {"presensi.batas_harian": 100.0, "disiplin.pp94_lengkap": False}


def source(rules: Mapping[str, Any], key: str) -> str:
    """The rule key and, when the set names it, the regulation line that sets it:
    '[presensi.tl]' or '[presensi.tl: Permentan 68/2012 Pasal 8 ayat (1)]'."""
    src = rules.get("sumber", {})
    line = " ".join(x for x in (src.get("peraturan", ""), src.get("pasal", {}).get(key, "")) if x)
    return f"[{key}: {line}]" if line else f"[{key}]"


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


def _days(key: str, v: object) -> list[str]:
    if not isinstance(v, list) or not v:
        raise _fail(key, f"harus daftar nama hari dari {', '.join(HARI)}, bukan {v!r}")
    for h in v:
        if h not in HARI:
            raise _fail(key, f"memuat {h!r}, bukan nama hari; pakai {', '.join(HARI)}")
    return [h for h in HARI if h in v]


def _half_days(key: str, items: list[Any]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for i, item in enumerate(items):
        k = f"{key}[{i}]"
        if not isinstance(item, Mapping):
            raise _fail(k, "harus tabel dengan tanggal dan pulang")
        entry: dict[str, str] = {}
        for name, v in item.items():
            if name not in _HALF_DAY_KEYS:
                raise _fail(f"{k}.{name}", f"tidak dikenal; yang sah: {', '.join(_HALF_DAY_KEYS)}")
            entry[name] = _date_text(f"{k}.{name}", v) if name == "tanggal" else _time_text(f"{k}.{name}", v)
        for need in ("tanggal", "pulang"):
            if need not in entry:
                raise _fail(f"{k}.{need}", "wajib diisi")
        if "masuk" in entry and entry["pulang"] <= entry["masuk"]:
            raise _fail(f"{k}.pulang", f"({entry['pulang']}) harus lebih akhir dari masuk ({entry['masuk']})")
        out.append(entry)
    return out


def _unit_hours(key: str, items: list[Any]) -> list[dict[str, Any]]:
    """[[jam_kerja.unit]] entries: a unit path and the days/hours that differ for it."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        k = f"{key}[{i}]"
        if not isinstance(item, Mapping):
            raise _fail(k, "harus tabel dengan unit dan jam kerjanya")
        entry: dict[str, Any] = {}
        for name, v in item.items():
            if name not in _UNIT_KEYS:
                raise _fail(f"{k}.{name}", f"tidak dikenal; yang sah: {', '.join(_UNIT_KEYS)}")
            if name == "unit":
                path = " > ".join(p.strip() for p in v.split(">")) if isinstance(v, str) else ""
                if not path or any(not p for p in path.split(" > ")):
                    raise _fail(
                        f"{k}.unit", f'harus jalur unit, mis. "Dinas Pendidikan > SD Negeri 1", bukan {v!r}'
                    )
                if path in seen:
                    raise _fail(f"{k}.unit", f"{path!r} sudah ditulis di entri lain")
                seen.add(path)
                entry[name] = path
            elif name == "hari":
                entry[name] = _days(f"{k}.hari", v)
            elif name == "pulang_sabtu" and v == "":
                entry[name] = ""
            else:
                entry[name] = _time_text(f"{k}.{name}", v)
        if "unit" not in entry:
            raise _fail(f"{k}.unit", "wajib diisi")
        out.append(entry)
    return out


def unit_schedule(jam_kerja: Mapping[str, Any], entry: Mapping[str, Any] | None) -> Mapping[str, Any]:
    """The days and hours of a unit: its [[jam_kerja.unit]] entry over [jam_kerja]. A unit that
    sets its own pulang ends Friday and Saturday at it too unless it says otherwise (as
    jam_kerja.khusus does): 16.30 on a Friday is the institution's, not a school's."""
    if entry is None:
        return jam_kerja
    own = {**jam_kerja, **{k: v for k, v in entry.items() if k != "unit"}}
    if "pulang" in entry:
        if "pulang_jumat" not in entry:
            own["pulang_jumat"] = entry["pulang"]
        if "pulang_sabtu" not in entry:
            own["pulang_sabtu"] = ""
    return own


def _hours_in_order(key: str, hours: Mapping[str, str]) -> None:
    """masuk before pulang and pulang_jumat: inverted hours would make every minute 'on time'."""
    for end in ("pulang", "pulang_jumat", "pulang_sabtu"):
        if hours.get(end) and hours[end] <= hours["masuk"]:
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
    for i, entry in enumerate(result["jam_kerja"].get("unit", ())):
        # the unit's own hours over the institution's: what that unit works must be in order
        _hours_in_order(f"jam_kerja.unit[{i}]", unit_schedule(result["jam_kerja"], entry))
    tpp = result["tpp"]
    if tpp["bobot_kinerja"] + tpp["bobot_disiplin"] != 100:
        raise _fail("tpp.bobot_kinerja", "ditambah tpp.bobot_disiplin harus 100")
    return result


def in_force(sets: Mapping[str, dict[str, Any]], month: str) -> dict[str, Any]:
    """The set in force for month 'YYYY-MM': the latest whose start month is not after it."""
    starts = [m for m in sets if m <= month]
    if not starts:
        return defaults()
    return complete(sets[max(starts)])
