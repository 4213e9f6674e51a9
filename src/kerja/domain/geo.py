"""Where a check-in was made: the distance to the unit's office and whether it is beyond the
unit's radius. Pure arithmetic on degrees and metres."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .errors import KerjaError

EARTH_RADIUS_M = 6_371_000.0


@dataclass(frozen=True)
class Office:
    lat: float
    lon: float
    radius_m: int


def parse_lokasi(text: str) -> tuple[float, float]:
    """'LAT,LON' in decimal degrees (as a map app copies it: '-0.4948,117.1436')."""
    parts = [p.strip() for p in text.replace(";", ",").split(",")]
    if len(parts) != 2:
        raise KerjaError(f"--lokasi {text!r} tidak sah; tulis 'LINTANG,BUJUR', mis. '-0.4948,117.1436'.")
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        raise KerjaError(f"--lokasi {text!r} tidak sah; lintang dan bujur berupa angka desimal.") from None
    check_point(lat, lon, "--lokasi")
    return lat, lon


def check_point(lat: float, lon: float, name: str = "lokasi") -> None:
    if not (math.isfinite(lat) and math.isfinite(lon)) or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise KerjaError(f"{name} {lat},{lon} di luar bumi: lintang -90..90, bujur -180..180.")


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine; ample for a few kilometres)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def beyond_radius(office: Office | None, lat: float, lon: float) -> tuple[int | None, bool]:
    """(whole metres from the office, farther than its radius?); (None, False) without an office."""
    if office is None:
        return None, False
    d = distance_m(office.lat, office.lon, lat, lon)
    return round(d), d > office.radius_m
