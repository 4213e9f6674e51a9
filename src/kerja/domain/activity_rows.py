"""Rows of an e-Kinerja export (`kinerja impor`): one activity a row, the columns e-Kinerja apps
and clerks' sheets name them ("NIP", "Tanggal", "Jam Mulai", "Jam Selesai", "Uraian Kegiatan" /
"Aktivitas", "Output" / "Hasil", "Volume"). Pure: cells in, clean activities or named problems out.

Checks here are the ones that need no store: a NIP that Excel did not mangle, a date, two times
with the end after the start, a description, a whole volume, and no two rows of one person on
one day that overlap. The store checks (known and active, not in the future, month not locked,
no overlap with what is stored) are the service's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .nip import clean_nip
from .values import parse_date, parse_time

ACTIVITY_COLUMNS: dict[str, tuple[str, ...]] = {
    "nip": ("nip", "nipbaru", "nippegawai", "nipnik", "nik", "nip18"),
    "tanggal": ("tanggal", "tgl", "tanggalkegiatan", "tglkegiatan", "tanggalaktivitas", "haritanggal"),
    "mulai": ("mulai", "jammulai", "waktumulai", "jamawal", "dari", "start"),
    "selesai": ("selesai", "jamselesai", "waktuselesai", "jamakhir", "sampai", "end"),
    "uraian": (
        "uraian",
        "uraiankegiatan",
        "uraianaktivitas",
        "uraianpekerjaan",
        "kegiatan",
        "aktivitas",
        "aktifitas",
        "namaaktivitas",
    ),
    "output": ("output", "hasil", "hasilkerja", "keluaran", "outputkegiatan"),
    "volume": ("volume", "jumlah", "kuantitas", "jumlahoutput", "vol"),
    "kegiatan": ("kode", "kodekegiatan", "kodeaktivitas", "idkegiatan"),
}
NEEDED = ("nip", "tanggal", "mulai", "selesai", "uraian")

Problem = tuple[int, str, object, str]  # (row, column, value, reason)


@dataclass(frozen=True)
class Activity:
    baris: int
    nip: str
    tanggal: date
    mulai: time
    selesai: time
    uraian: str
    output: str | None
    volume: int | None
    kegiatan: str | None

    @property
    def menit(self) -> int:
        return (self.selesai.hour * 60 + self.selesai.minute) - (self.mulai.hour * 60 + self.mulai.minute)


def _text(row: Sequence[object], idx: int | None) -> str:
    if idx is None or idx >= len(row) or row[idx] is None:
        return ""
    v = row[idx]
    return str(int(v)) if isinstance(v, float) and v.is_integer() else " ".join(str(v).split())


def cell_time(value: object) -> time:
    """A time from a cell: 'HH:MM', 'HH.MM', 'HH:MM:SS', an Excel time (a day fraction) or a
    datetime cell; ValueError with the reason otherwise."""
    if isinstance(value, datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, timedelta) and timedelta(0) <= value < timedelta(days=1):
        minutes = round(value.total_seconds() / 60)
        return time(minutes // 60 % 24, minutes % 60)
    if isinstance(value, float | int) and not isinstance(value, bool) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return time(minutes // 60 % 24, minutes % 60)
    text = str(value).strip()
    if len(text) == 8 and text[5] == ":" and text[6:].isdigit():  # 08:00:00
        text = text[:5]
    return parse_time(text)


def parse_rows(
    cols: Mapping[str, int], rows: Iterable[tuple[int, Sequence[object]]]
) -> tuple[list[Activity], list[Problem]]:
    """The file's activities and every problem found (row, column, value, reason)."""
    out: list[Activity] = []
    problems: list[Problem] = []
    for n, r in rows:
        cells = {f: r[i] if i < len(r) else None for f, i in cols.items()}
        raw = cells.get
        bad = len(problems)
        try:
            nip = clean_nip(raw("nip"))
            if not nip:
                raise ValueError("NIP kosong")
        except ValueError as e:
            problems.append((n, "nip", raw("nip"), str(e)))
            nip = ""
        tanggal = mulai = selesai = None
        if raw("tanggal") is None:
            problems.append((n, "tanggal", "", "tanggal kosong"))
        else:
            try:
                tanggal = parse_date(raw("tanggal"))
            except ValueError as e:
                problems.append((n, "tanggal", raw("tanggal"), str(e)))
        for field in ("mulai", "selesai"):
            v = raw(field)
            try:
                if v is None:
                    raise ValueError(f"jam {field} kosong")
                t = cell_time(v)
            except ValueError as e:
                problems.append((n, field, v, str(e)))
                continue
            if field == "mulai":
                mulai = t
            else:
                selesai = t
        if mulai is not None and selesai is not None and selesai <= mulai:
            problems.append(
                (n, "selesai", f"{selesai:%H:%M}", f"harus sesudah jam mulai {mulai:%H:%M} hari itu")
            )
        uraian = _text(r, cols.get("uraian"))
        if not uraian:
            problems.append((n, "uraian", "", "uraian kosong; tulis apa yang dikerjakan"))
        volume: int | None = None
        vol = _text(r, cols.get("volume"))
        if vol:
            if not vol.isdigit() or int(vol) < 1:
                problems.append((n, "volume", raw("volume"), "harus bilangan bulat 1 atau lebih"))
            else:
                volume = int(vol)
        if len(problems) > bad:
            continue
        assert tanggal is not None and mulai is not None and selesai is not None
        out.append(
            Activity(
                n,
                nip,
                tanggal,
                mulai,
                selesai,
                uraian,
                _text(r, cols.get("output")) or None,
                volume,
                _text(r, cols.get("kegiatan")) or None,
            )
        )
    return out, problems + overlaps_within(out)


def overlaps_within(acts: Sequence[Activity]) -> list[Problem]:
    """Rows of one person on one day sharing a minute (touching ends are fine)."""
    by_day: dict[tuple[str, date], list[Activity]] = {}
    for a in acts:
        by_day.setdefault((a.nip, a.tanggal), []).append(a)
    problems: list[Problem] = []
    for day in by_day.values():
        day.sort(key=lambda a: (a.mulai, a.baris))
        for prev, cur in zip(day, day[1:], strict=False):
            if cur.mulai < prev.selesai:
                problems.append(
                    (
                        cur.baris,
                        "mulai",
                        f"{cur.mulai:%H:%M}",
                        f"tumpang tindih dengan baris {prev.baris} ({prev.mulai:%H:%M}-{prev.selesai:%H:%M}) "
                        "pegawai yang sama pada hari itu",
                    )
                )
    return problems


def parse_ids(texts: Sequence[str]) -> list[int]:
    """Activity numbers from `12 13`, `4-10`, `4,5,9-12` (and `#12`): in the order given, each once;
    ValueError naming the piece that is not a number or a range."""
    out: dict[int, None] = {}
    for text in texts:
        for piece in text.replace(";", ",").split(","):
            p = piece.strip().lstrip("#").strip()
            if not p:
                continue
            lo, sep, hi = p.partition("-")
            try:
                a = int(lo.strip().lstrip("#"))
                b = int(hi.strip().lstrip("#")) if sep else a
            except ValueError:
                raise ValueError(
                    f"{piece.strip()!r} bukan nomor kegiatan; tulis nomor (12), rentang (4-10) "
                    "atau daftar (4,5,9)"
                ) from None
            if a < 1 or b < a:
                raise ValueError(f"rentang {piece.strip()!r} tidak sah; tulis dari yang kecil, mis. 4-10")
            if b - a > 100_000:
                raise ValueError(f"rentang {piece.strip()!r} terlalu panjang (lebih dari 100.000 nomor)")
            out.update(dict.fromkeys(range(a, b + 1)))
    return list(out)


def day_note(kode_status: str | None, libur: str | None) -> str | None:
    """Why an activity's day is not an ordinary working day for that person, or None."""
    if libur:
        return f"bukan hari kerja ({libur})"
    if kode_status:
        return f"hari berstatus {kode_status}"
    return None
