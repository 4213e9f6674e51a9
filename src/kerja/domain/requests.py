"""Employees' requests (permohonan): a correction of their own presence or a declared status day,
decided by their supervisor. Pure: what a valid request is and what an attachment may be."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from .errors import KerjaError
from .rules import KODE_STATUS
from .values import parse_iso_date, parse_time

JENIS = ("koreksi", "status")
MODES = ("WFO", "WFH")
MAX_ALASAN = 1000
MAX_LAMPIRAN = 2 * 1024 * 1024  # bytes: a scanned letter or a photo of a doctor's note
# The first bytes of the kinds accepted, so a renamed executable is not stored as a "PDF".
SIGNATURES = {"pdf": b"%PDF-", "jpg": b"\xff\xd8\xff"}
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg"}


@dataclass(frozen=True)
class Request:
    jenis: str
    tanggal: date
    sampai: date | None
    kode: str | None
    masuk: time | None
    pulang: time | None
    mode: str | None
    alasan: str

    def months(self) -> list[str]:
        end = self.sampai or self.tanggal
        out, y, m = [], self.tanggal.year, self.tanggal.month
        while (y, m) <= (end.year, end.month):
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out


def _text(data: Mapping[str, Any], key: str) -> str | None:
    v = data.get(key)
    if v is None or v == "":
        return None
    if not isinstance(v, str):
        raise KerjaError(f"{key}: harus berupa teks, bukan {type(v).__name__}.")
    return v.strip() or None


def _field(parse: Any, data: Mapping[str, Any], key: str) -> Any:
    text = _text(data, key)
    if text is None:
        return None
    try:
        return parse(text)
    except ValueError as e:
        raise KerjaError(f"{key}: {e}") from None


def parse_request(data: Mapping[str, Any], today: date) -> Request:
    """A request from its fields (the §13 JSON or a form), each problem naming its field."""
    jenis = _text(data, "jenis")
    if jenis not in JENIS:
        raise KerjaError(f"jenis {jenis!r} tidak dikenal; pakai 'koreksi' atau 'status'.")
    tanggal = _field(parse_iso_date, data, "tanggal")
    if tanggal is None:
        raise KerjaError("tanggal wajib diisi (YYYY-MM-DD).")
    alasan = _text(data, "alasan")
    if not alasan:
        raise KerjaError("alasan wajib diisi: jelaskan mengapa perlu dikoreksi atau surat apa yang ada.")
    if len(alasan) > MAX_ALASAN:
        raise KerjaError(f"alasan terlalu panjang ({len(alasan)} karakter, paling banyak {MAX_ALASAN}).")
    if jenis == "koreksi":
        masuk = _field(parse_time, data, "masuk")
        pulang = _field(parse_time, data, "pulang")
        if masuk is None and pulang is None:
            raise KerjaError("Koreksi presensi perlu jam masuk, jam pulang, atau keduanya (HH:MM).")
        if masuk is not None and pulang is not None and pulang <= masuk:
            raise KerjaError(f"pulang {pulang:%H:%M} harus sesudah masuk {masuk:%H:%M}.")
        if tanggal > today:
            raise KerjaError(f"tanggal {tanggal} belum terjadi; koreksi hanya untuk hari yang sudah lewat.")
        mode = _text(data, "mode")
        if mode is not None:
            mode = mode.upper()
            if mode not in MODES:
                raise KerjaError(f"mode {mode!r} tidak dikenal; pakai WFO atau WFH.")
        return Request(jenis, tanggal, None, None, masuk, pulang, mode, alasan)
    kode = (_text(data, "kode") or "").upper()
    if kode not in KODE_STATUS:
        raise KerjaError(f"kode {kode!r} tidak dikenal; pakai salah satu: {', '.join(KODE_STATUS)}.")
    sampai = _field(parse_iso_date, data, "sampai") or tanggal
    if sampai < tanggal:
        raise KerjaError(f"sampai {sampai} lebih awal dari tanggal {tanggal}.")
    if (sampai - tanggal).days > 366:
        raise KerjaError(f"{tanggal} s.d. {sampai} lebih dari setahun; ajukan per periode.")
    return Request(jenis, tanggal, sampai, kode, None, None, None, alasan)


def attachment_kind(head: bytes, size: int) -> str:
    """'pdf' or 'jpg' from the file's first bytes; anything else, or too big, is refused."""
    if size > MAX_LAMPIRAN:
        raise KerjaError(
            f"Lampiran {size / 1024 / 1024:.1f} MB terlalu besar; "
            f"paling besar {MAX_LAMPIRAN // 1024 // 1024} MB."
        )
    for kind, sig in SIGNATURES.items():
        if head.startswith(sig):
            return kind
    raise KerjaError("Lampiran harus berkas PDF atau JPG.")
