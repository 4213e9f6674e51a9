"""Parsing the values clerks type or spreadsheets carry: dates, months, times, Rupiah, ranks.

Each parser returns the clean value or raises ValueError with an Indonesian reason; callers add
the row and column.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

BULAN = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "pebruari": 2,
    "peb": 2,
    "maret": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "agustus": 8,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "nopember": 11,
    "nop": 11,
    "desember": 12,
    "des": 12,
    "dec": 12,
}

_EXCEL_EPOCH = date(1899, 12, 30)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_NAMED = re.compile(r"^(\d{1,2})[\s\-/]+([A-Za-z]+)\.?[\s\-/]+(\d{4})$")


def parse_date(value: object) -> date:
    """A date from ISO, DD-MM-YYYY, DD/MM/YYYY, '17 Agustus 1975', or an Excel cell."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466 and float(value).is_integer():
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise ValueError("bukan tanggal")
    text = str(value).strip()
    try:
        if m := _ISO.match(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DMY.match(text):
            return date(int(m[3]), int(m[2]), int(m[1]))
        if m := _NAMED.match(text):
            month = BULAN.get(m[2].lower())
            if month is None:
                raise ValueError(f"nama bulan {m[2]!r} tidak dikenal")
            return date(int(m[3]), month, int(m[1]))
    except ValueError as e:
        if "bulan" in str(e):
            raise
        raise ValueError("tanggal tidak ada di kalender") from None
    lenient = _lenient_date(text)
    if lenient is not None:
        return lenient
    raise ValueError("format tanggal tidak dikenal; pakai YYYY-MM-DD, DD-MM-YYYY atau '17 Agustus 1975'")


def _lenient_date(text: str) -> date | None:
    """The other spellings spreadsheets export ('1975/08/17', 'Aug 17, 1975', '17-08-1975 00:00'),
    read by dateutil with day first, as Indonesian dates are written. Only a text naming a day,
    a month and a four-digit year: parsed against two different defaults, a part the text does not
    give would come out different, and the text is refused rather than completed."""
    if not re.search(r"\d{4}", text) or len(text) > 40:
        return None
    from dateutil import parser

    ymd = re.match(r"^\d{4}\D(\d{1,2})\D\d{1,2}\b", text)  # year first: then month, then day
    order = {"yearfirst": True, "dayfirst": False} if ymd else {"dayfirst": True}
    try:
        a = parser.parse(text, default=datetime(2000, 1, 1), **order)
        b = parser.parse(text, default=datetime(2001, 2, 2), **order)
    except (ValueError, OverflowError):
        return None
    if ymd and a.month != int(ymd[1]):
        return None
    if a != b or (a.hour, a.minute, a.second, a.microsecond) != (0, 0, 0, 0) or a.tzinfo is not None:
        return None
    return a.date()


def parse_iso_date(text: str) -> date:
    """A command-line date: strictly YYYY-MM-DD."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"tanggal {text!r} tidak sah; pakai format YYYY-MM-DD") from None


# Months a clerk may name: a year outside these is a typo (year 0 does not exist in a calendar).
MIN_YEAR, MAX_YEAR = 1900, 2999
# A monthly TPP ceiling above Rp 10 miliar is a typo; the bound keeps every sum far inside SQLite's
# 64-bit integers (60,000 people x 10^10 < 2^63).
MAX_RUPIAH = 10**10


def control_characters(text: str) -> list[str]:
    """Control characters in a text that whitespace folding does not remove (NUL, ESC, DEL, ...):
    they have no place in a name or a unit and would hide or forge what a terminal shows."""
    return sorted({ch for ch in text if (ch < " " or "\x7f" <= ch <= "\x9f") and not ch.isspace()})


def parse_month(text: str) -> str:
    """A month 'YYYY-MM', returned normalised."""
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not m or not 1 <= int(m[2]) <= 12:
        raise ValueError(f"bulan {text!r} tidak sah; pakai format YYYY-MM, misalnya 2021-02")
    if not MIN_YEAR <= int(m[1]) <= MAX_YEAR:
        raise ValueError(f"bulan {text!r} di luar rentang tahun {MIN_YEAR}-{MAX_YEAR}")
    return f"{int(m[1]):04d}-{int(m[2]):02d}"


def parse_time(text: str) -> time:
    """'07:30' or the Indonesian '07.30'."""
    m = re.fullmatch(r"(\d{1,2})[:.](\d{2})", str(text).strip())
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        raise ValueError(f"jam {text!r} tidak sah; pakai HH:MM atau HH.MM, misalnya 07:30")
    return time(int(m[1]), int(m[2]))


def parse_rupiah(value: object) -> int:
    """Whole Rupiah from 3500000, '3.500.000', 'Rp 3.500.000,00' or '3,500,000.00'."""
    if isinstance(value, bool):
        raise ValueError("bukan jumlah Rupiah")
    if isinstance(value, int):
        amount = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValueError("Rupiah harus bilangan bulat (tanpa sen)")
        amount = int(value)
    else:
        text = re.sub(r"\s+", "", str(value)).lower().removeprefix("rp").removeprefix(".")
        if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?|\d+(,\d{1,2})?", text):
            whole, _, cents = text.replace(".", "").partition(",")
        elif re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?|\d+\.\d{1,2}", text):
            whole, _, cents = text.replace(",", "").partition(".")
        else:
            raise ValueError("bukan jumlah Rupiah; contoh yang sah: 3500000, 3.500.000, Rp 3.500.000,00")
        if cents.strip("0"):
            raise ValueError("Rupiah harus bilangan bulat (tanpa sen)")
        amount = int(whole)
    if amount < 0:
        raise ValueError("Rupiah tidak boleh negatif")
    if amount > MAX_RUPIAH:
        limit = format_number(MAX_RUPIAH)
        raise ValueError(f"Rupiah {amount} terlalu besar (lebih dari Rp {limit}); periksa angkanya")
    return amount


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}
_ROMAN_OF = {v: k for k, v in _ROMAN.items()}
ESELON = ("I.a", "I.b", "II.a", "II.b", "III.a", "III.b", "IV.a", "IV.b", "V.a")


def parse_eselon(value: object) -> str | None:
    """'III.a' from 'IIIa', 'III/a', 'III.A', '3a', 'Eselon III a'; None for empty or '-'."""
    text = str(value or "").strip()
    if text in ("", "-", "--", "0"):
        return None
    t = re.sub(r"^eselon\s*", "", text, flags=re.I).replace(" ", "")
    m = re.fullmatch(r"(IV|V|I{1,3}|[1-5])[./\-]?([abAB])", t, flags=re.I)
    if m:
        level = int(m[1]) if m[1].isdigit() else _ROMAN[m[1].upper()]
        norm = f"{_ROMAN_OF[level]}.{m[2].lower()}"
        if norm in ESELON:
            return norm
    raise ValueError(f"eselon tidak dikenal; yang sah: {', '.join(ESELON)} (atau kosong / -)")


_PNS_GOL = {"I": "abcd", "II": "abcd", "III": "abcd", "IV": "abcde"}
_PPPK_GOL = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
]


def parse_golongan(value: object) -> str | None:
    """PNS 'III/a' (from 'III-b', 'IIIb', 'Penata Muda (III/a)') or PPPK 'I'..'XVII'."""
    text = str(value or "").strip()
    if text in ("", "-"):
        return None
    inner = re.search(r"\(([^)]*)\)", text)
    t = (inner[1] if inner else text).replace(" ", "").upper()
    if m := re.fullmatch(r"(IV|I{1,3})[/\-.]?([A-E])", t):
        if m[2].lower() in _PNS_GOL[m[1]]:
            return f"{m[1]}/{m[2].lower()}"
    elif t in _PPPK_GOL:
        return t
    raise ValueError("golongan tidak dikenal; PNS I/a..IV/e (mis. III/a), PPPK I..XVII")


def format_number(n: int) -> str:
    """A whole number the Indonesian way: thousands separated by dots (2.260)."""
    return f"{n:,}".replace(",", ".")


def format_rupiah(amount: int | None) -> str:
    """'Rp 3.500.000'; '-' for no amount."""
    return "-" if amount is None else "Rp " + format_number(amount)
