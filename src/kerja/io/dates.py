"""Dates and clock times as attendance exports write them, for every reader but the attlog fast
path: `2021-02-03`, `2021/02/03`, `03/02/2021`, `03-02-2021`, `03.02.2021`, `20210203`;
`07:28:54`, `07.28.54`, `7:28`, `01:19:29PM`, `1:19 PM`, and spreadsheet date/time cells.

Day-first or month-first (`03/02/2021`) is decided once per file (`decide_order`): a first number
above 12 means day-first (hbt), a second above 12 means month-first (bht); a file where neither
occurs, and where some date would read differently the two ways, is refused naming
`--urutan-tanggal hbt|bht`; one with both is refused as inconsistent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time

from ..domain.errors import KerjaError

ORDERS = ("hbt", "bht")
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_PAIR = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})")
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[.,]\d+)?\s*([AaPp]\.?[Mm]\.?)?")
# A date and a time in one cell: 'DATE TIME', 'DATETTIME', '06-30-2016  01:19:29PM'.
_STAMP = re.compile(
    r"\s*(\S+?)(?:[T ]+|\s+)(\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:[.,]\d+)?\s*(?:[AaPp]\.?[Mm]\.?)?)\s*"
)


def split_stamp(text: str) -> tuple[str, str] | None:
    """'DATE TIME' -> (date text, time text), else None."""
    m = _STAMP.fullmatch(text)
    return (m[1], m[2]) if m else None


def pair(text: str) -> tuple[int, int] | None:
    """The two leading numbers of a day/month date ('03/02/2021' -> (3, 2)), None for ISO forms."""
    m = _PAIR.fullmatch(text.strip())
    return (int(m[1]), int(m[2])) if m else None


def decide_order(texts: Iterable[str], name: str, forced: str | None, where: str = "") -> str | None:
    """'hbt', 'bht' or None (no day/month dates at all) for a whole file's date texts."""
    if forced is not None:
        f = forced.strip().lower()
        if f not in ORDERS:
            raise KerjaError(
                f"--urutan-tanggal {forced!r} tidak dikenal; pakai hbt (hari/bulan/tahun) atau bht."
            )
        return f
    day_first = month_first = None
    ambiguous = None
    seen = False
    for t in texts:
        p = pair(t)
        if p is None:
            continue
        seen = True
        a, b = p
        if a > 12 and day_first is None:
            day_first = t
        elif b > 12 and month_first is None:
            month_first = t
        elif a != b and a <= 12 and b <= 12 and ambiguous is None:
            ambiguous = t
    if day_first and month_first:
        raise KerjaError(
            f"{name}: urutan tanggal tidak konsisten{where}: {day_first!r} hanya bisa hari/bulan, "
            f"{month_first!r} hanya bisa bulan/hari. Perbaiki berkasnya; tidak ada yang disimpan."
        )
    if day_first:
        return "hbt"
    if month_first:
        return "bht"
    if not seen:
        return None
    if ambiguous is None:
        return "hbt"  # every date reads the same both ways (01/01/2021)
    raise KerjaError(
        f"{name}: tanggal seperti {ambiguous!r} bisa dibaca hari/bulan atau bulan/hari, dan berkas ini "
        "tidak memastikannya (tidak ada tanggal di atas 12). Sebutkan dengan --urutan-tanggal hbt "
        "(hari/bulan/tahun, mis. 03/02/2021 = 3 Februari) atau --urutan-tanggal bht (bulan/hari/tahun, "
        "mis. 03/02/2021 = 2 Maret); tidak ada yang disimpan."
    )


def parse_date(value: object, order: str | None) -> date | None:
    """A date from a cell or text, None if it is not one."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    try:
        m = _ISO.fullmatch(text) or _COMPACT.fullmatch(text)
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
        m = _PAIR.fullmatch(text)
        if m:
            a, b, y = int(m[1]), int(m[2]), int(m[3])
            y = y + 2000 if y < 100 else y
            day, month = (a, b) if order != "bht" else (b, a)
            return date(y, month, day)
    except ValueError:
        return None
    return None


def parse_time(value: object) -> str | None:
    """'HH:MM:SS' from a cell or text (24-hour, or 12-hour with AM/PM), None if it is not one."""
    if isinstance(value, datetime):
        return value.strftime("%H:%M:%S")
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    m = _TIME.fullmatch(str(value or "").strip())
    if not m:
        return None
    h, mi, s = int(m[1]), int(m[2]), int(m[3] or 0)
    if m[4]:
        pm = m[4][0] in "Pp"
        if not 1 <= h <= 12:
            return None
        h = (h % 12) + (12 if pm else 0)
    if h > 23 or mi > 59 or s > 59:
        return None
    return f"{h:02d}:{mi:02d}:{s:02d}"


def stamp_texts(values: Sequence[object]) -> list[str]:
    """The date parts of stamp cells, for `decide_order` (cells that are already dates drop out)."""
    out: list[str] = []
    for v in values:
        if isinstance(v, (date, datetime)) or v is None:
            continue
        text = str(v).strip()
        parts = split_stamp(text)
        out.append(parts[0] if parts else text)
    return out
