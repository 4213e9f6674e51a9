"""JSON from cloud attendance services (Fingerspot.io `get_attlog` and look-alikes):

    {"success": true, "data": [{"pin": "1", "scan_date": "2021-02-01 07:28:02",
      "verify": 1, "status_scan": 0, "sn": "66595017211456"}]}

`sn` (or `device_id`) is the machine; `status_scan` is kept as the machine state. A bare list of
the same objects is read too.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..domain.errors import KerjaError
from .dates import split_stamp

LAYOUT = '{"data": [{"pin": "1", "scan_date": "YYYY-MM-DD HH:MM:SS", "status_scan": 0, "sn": "..."}]}'
RawPunch = tuple[int, str, object, object, str | None, str | None, str | None]
_PIN = ("pin", "user_id", "userid", "enno", "nip")
_TIME = ("scan_date", "scandate", "datetime", "waktu", "timestamp", "check_time")
_STATE = ("status_scan", "status", "inout", "state")
_DEVICE = ("sn", "device_sn", "device_id", "cloud_id")


def _pick(obj: dict, keys: tuple[str, ...]) -> str:
    low = {str(k).lower(): v for k, v in obj.items()}
    for k in keys:
        v = low.get(k)
        if v is not None and str(v).strip() != "":
            return str(v).strip()
    return ""


def read(path: Path) -> list[RawPunch]:
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        where = f" baris {e.lineno}" if isinstance(e, json.JSONDecodeError) else ""
        raise KerjaError(f"{path.name}{where}: JSON rusak ({e}); perlu {LAYOUT}.") from None
    rows = data.get("data") if isinstance(data, dict) else data
    if not isinstance(rows, list) or not rows:
        raise KerjaError(f"{path.name}: tidak ada daftar presensi (kunci 'data'); perlu {LAYOUT}.")
    out: list[RawPunch] = []
    for n, obj in enumerate(rows, 1):
        if not isinstance(obj, dict):
            raise KerjaError(f"{path.name} data ke-{n}: bukan objek; perlu {LAYOUT}.")
        pin, stamp = _pick(obj, _PIN), _pick(obj, _TIME)
        parts = split_stamp(stamp)
        if not pin or parts is None:
            raise KerjaError(
                f"{path.name} data ke-{n}: pin {pin!r} / scan_date {stamp!r} tidak sah; perlu {LAYOUT}. "
                "Tidak ada yang disimpan."
            )
        out.append(
            (n, pin, parts[0], parts[1], None, _pick(obj, _STATE) or None, _pick(obj, _DEVICE) or None)
        )
    return out
