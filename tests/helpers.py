"""Helpers shared by the tests. Every shared helper module lives at the top of tests/ (this one,
kinerja_data, presence_data, pegawai_data, roster_fixture, roster_world); pyproject puts tests/ on
sys.path, so tests import them by plain name: `from helpers import write`. Not from conftest,
not as `tests.x`, never from bench/ (tests/test_layout.py checks this)."""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def db_bytes(path: Path) -> bytes:
    """The store's content as SQL text: equal bytes = nothing changed (WAL-independent)."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return "\n".join(conn.iterdump()).encode()
    finally:
        conn.close()


EMPLOYEE_HEADERS = ["NIP", "Nama", "Status", "Unit Kerja", "NIP Atasan", "Tanggal Lahir", "TPP", "PIN"]


def employees(n: int, units: int = 10, seed: int = 1) -> list[dict[str, str]]:
    """`n` fictional PNS with valid, unique NIPs (birth date, TMT, sex, sequence 001+) spread over
    `units` seksi of one Dinas; the first person of each seksi is its head and everyone else's
    supervisor there. Deterministic for a seed."""
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    seq: dict[str, int] = {}
    heads: dict[str, str] = {}
    for i in range(n):
        born = date(1965, 1, 1) + timedelta(days=rng.randrange(0, 12_000))
        head = f"{born:%Y%m%d}{born.year + rng.randrange(20, 30)}{rng.randrange(1, 13):02d}{rng.choice('12')}"
        seq[head] = seq.get(head, 0) + 1
        nip = f"{head}{seq[head]:03d}"
        unit = f"Dinas Uji > Bidang {i % units // 5 + 1} > Seksi {i % units + 1}"
        atasan = heads.get(unit, "")
        heads.setdefault(unit, nip)
        rows.append(
            {
                "NIP": nip,
                "Nama": f"Pegawai {i + 1}",
                "Status": "PNS",
                "Unit Kerja": unit,
                "NIP Atasan": atasan,
                "Tanggal Lahir": born.isoformat(),
                "TPP": str(3_000_000 + 1_000 * rng.randrange(0, 2_000)),
                "PIN": str(i + 1),
            }
        )
    return rows


def write_csv(rows: list[dict[str, str]], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter=";")
        w.writeheader()
        w.writerows(rows)
    return path


def write_attlog(path: Path, pins: list[str], days: list[date], seed: int = 3) -> int:
    """A machine's 1_attlog.dat: an in and an out punch per PIN and day (random times around
    07:30 and 16:20), sorted by time within each day, CRLF like a Windows export."""
    rng = random.Random(seed)
    n = 0
    with open(path, "w", encoding="ascii", newline="") as f:
        for d in days:
            day: list[tuple[int, str]] = []
            for pin in pins:
                day.append((6 * 3600 + 45 * 60 + int(rng.gauss(45 * 60, 15 * 60)), pin))
                day.append((16 * 3600 + int(abs(rng.gauss(20 * 60, 25 * 60))), pin))
            day.sort()
            f.writelines(
                f"{pin:>9}\t{d} {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}\t1\t1\t0\t0\r\n"
                for s, pin in day
            )
            n += len(day)
    return n
