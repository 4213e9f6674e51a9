"""Employee identifiers: the PNS NIP, the NI PPPK and the non-ASN NIK or local id.

Layouts (research/domain.md §5): PNS NIP = birth date YYYYMMDD + TMT CPNS YYYYMM + gender (1/2)
+ sequence; NI PPPK = birth date + appointment year YYYY + contract count NN + gender + sequence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

STATUS = ("PNS", "CPNS", "PPPK", "NON-ASN")
_STATUS_ALIAS = {
    "pns": "PNS",
    "p": "PNS",
    "cpns": "CPNS",
    "c": "CPNS",
    "pppk": "PPPK",
    "p3k": "PPPK",
    "nonasn": "NON-ASN",
    "honorer": "NON-ASN",
    "thl": "NON-ASN",
    "ptt": "NON-ASN",
    "nonpns": "NON-ASN",
    "kontrak": "NON-ASN",
}

_STATUS_NOISE = re.compile(r"[\s\-_./]")
_NIP_NOISE = re.compile(r"[\s.'\"`]")
_NIK = re.compile(r"\d{16}")
_LOCAL_ID = re.compile(r"[A-Za-z0-9\-]{1,32}")
_EXCEL_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?[eE][+-]?\d+$|^\d{12,}[.,]0+$")
_FORMAT_AS_TEXT = (
    "NIP terbaca sebagai angka oleh Excel dan digit terakhirnya hilang; "
    "format kolom NIP sebagai Teks lalu ketik/ekspor ulang"
)


@dataclass(frozen=True)
class Nip:
    nip: str
    status: str
    tanggal_lahir: date | None
    jenis_kelamin: str | None  # "L" or "P"


def parse_status(value: object) -> str | None:
    """PNS, CPNS, PPPK or NON-ASN from what clerks write; None when empty."""
    key = _STATUS_NOISE.sub("", str(value or "")).lower()
    if not key:
        return None
    if key in _STATUS_ALIAS:
        return _STATUS_ALIAS[key]
    raise ValueError("status tidak dikenal; pakai PNS, CPNS, PPPK atau NON-ASN (Honorer, THL, PTT)")


def clean_nip(value: object) -> str:
    """The NIP as digits (or a non-ASN id), refusing numbers Excel has already mangled."""
    if isinstance(value, float | int) and not isinstance(value, bool):
        # A numeric cell: Excel keeps 15 significant digits, the rest is already lost.
        if float(value).is_integer() and abs(value) < 10**15:
            return str(int(value))
        raise ValueError(_FORMAT_AS_TEXT)
    text = str(value or "").strip()
    if text.startswith('="') and text.endswith('"'):  # ="1985..." as CSVs made for Excel carry it
        text = text[2:-1]
    text = text.strip("'\"`").strip()
    if _EXCEL_NUMBER.match(text):
        raise ValueError(_FORMAT_AS_TEXT)
    return _NIP_NOISE.sub("", text)


def _birth_date(digits: str) -> date:
    return _birth_date_of(digits[:8])


@lru_cache(maxsize=65536)
def _birth_date_of(ymd: str) -> date:
    # Remembered per YYYYMMDD: a province's 60,000 NIPs carry some 15,000 birth dates. Errors
    # are not remembered (lru_cache does not keep a raised call).
    try:
        return date(int(ymd[0:4]), int(ymd[4:6]), int(ymd[6:8]))
    except ValueError:
        raise ValueError(f"digit 1-8 ({ymd}) bukan tanggal lahir yang ada") from None


def _gender(digit: str) -> str:
    if digit not in "12":
        raise ValueError(f"digit ke-15 ({digit}) harus 1 (laki-laki) atau 2 (perempuan)")
    return "L" if digit == "1" else "P"


def _check_sequence(digits: str) -> None:
    # Sequences start at 001: '000' at the end is what a float leaves behind.
    if digits.endswith("000"):
        raise ValueError(_FORMAT_AS_TEXT)


def parse_pns(digits: str, status: str = "PNS") -> Nip:
    born = _birth_date_of(digits[:8])
    year, month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= month <= 12:
        raise ValueError(
            f"digit 9-14 ({digits[8:14]}) harus tahun-bulan TMT CPNS; bulan {month:02d} tidak ada"
        )
    if (year, month) <= (born.year, born.month):
        raise ValueError(f"TMT CPNS {digits[8:14]} tidak sesudah tanggal lahir {digits[:8]}")
    g = digits[14]
    sex = "L" if g == "1" else "P" if g == "2" else _gender(g)
    if digits.endswith("000"):
        _check_sequence(digits)
    return _nip(digits, status, born, sex)


def _nip(nip: str, status: str, born: date | None, sex: str | None) -> Nip:
    # Filled in place of Nip(...): a frozen dataclass's __init__ goes through object.__setattr__
    # per field, a third of the time of reading one NIP on a 60,000-row import.
    n = object.__new__(Nip)
    n.__dict__.update(nip=nip, status=status, tanggal_lahir=born, jenis_kelamin=sex)
    return n


def parse_pppk(digits: str) -> Nip:
    born = _birth_date(digits)
    year = int(digits[8:12])
    if year <= born.year:
        raise ValueError(f"digit 9-12 ({digits[8:12]}) harus tahun pengangkatan PPPK sesudah tahun lahir")
    sex = _gender(digits[14])
    _check_sequence(digits)
    return Nip(digits, "PPPK", born, sex)


def parse_nip(value: object, status: str | None = None) -> Nip:
    """Validate an identifier against its status; status None means 'PNS if it is a valid NIP'."""
    # The common cell, 18 digits as text, is what clean_nip returns unchanged: skip its checks.
    if value.__class__ is str and len(value) == 18 and value.isdigit():
        text: str = value
    else:
        text = clean_nip(value)
    if not text:
        raise ValueError("NIP kosong")
    if status == "NON-ASN":
        if _NIK.fullmatch(text) or _LOCAL_ID.fullmatch(text):
            return Nip(text, "NON-ASN", None, None)
        raise ValueError("NIK harus 16 digit, atau id lokal dari huruf, angka dan '-'")
    if not text.isdigit():
        raise ValueError("NIP hanya boleh berisi angka (spasi dan titik boleh)")
    if len(text) != 18:
        raise ValueError(f"NIP harus 18 digit, ini {len(text)} digit")
    if status == "PPPK":
        return parse_pppk(text)
    if status in ("PNS", "CPNS"):
        return parse_pns(text, status)
    return _pns_or_pppk(text)


def _pns_or_pppk(text: str) -> Nip:
    """A PNS NIP, or the message that it looks like an NI PPPK (no status given)."""
    try:
        return parse_pns(text)
    except ValueError as pns_error:
        try:
            parse_pppk(text)
        except ValueError:
            raise pns_error from None
        raise ValueError("NIP ini berpola NI PPPK; isi kolom Status dengan PPPK") from None
