"""How long a clerk's check-in waits while the largest machine import runs (issue 15 item 9).

    python bench/import_wait_bench.py [--pegawai 60000] [--hari 22] [--keep DIR]

A store of N employees with machine PINs, an attlog of ~2 punches a person-day for --hari
working days (60,000 x 22 = ~2.67 million punches, bench/presence_bench.write_attlog), then
`kerja presensi impor` as a subprocess while `kerja presensi masuk` runs again and again in
another: prints the import's wall time and the wall time of each check-in during it
(min/median/max), beside the baseline of a check-in on an idle store. Prints, asserts nothing
(tests/hostile/test_import_wait.py holds the loose 2 s bound on a smaller file).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
KERJA = [sys.executable, "-m", "kerja"]
CLERK = "197001011990031001"


def build_store(work: Path, n: int) -> Path:
    db = work / "kerja.db"
    env = dict(os.environ, KERJA_DB=str(db))
    subprocess.run([*KERJA, "init", "--instansi", "Bench"], env=env, check=True, capture_output=True)
    csv = work / "pegawai.csv"
    with open(csv, "w", encoding="utf-8") as f:
        f.write("NIP;Nama;Status;Unit;PIN\n")
        f.write(f"{CLERK};Petugas;PNS;Dinas 0;\n")
        for i in range(n):
            f.write(f"P{i:07d};Pegawai {i};NON-ASN;Dinas {i % 50} > Bidang {i % 1500};{i + 1}\n")
    subprocess.run([*KERJA, "pegawai", "impor", str(csv)], env=env, check=True, capture_output=True)
    return db


def days(count: int) -> list[date]:
    out, d = [], date(2021, 3, 1)
    while len(out) < count:
        if d.weekday() < 5:
            out.append(d)
        d += timedelta(days=1)
    return out


def checkin(env: dict[str, str]) -> float:
    t = time.perf_counter()
    r = subprocess.run([*KERJA, "presensi", "masuk", CLERK], env=env, capture_output=True, text=True)
    if r.returncode != 0:
        print("  check-in failed:", r.stderr.strip())
    return time.perf_counter() - t


def measure(db: Path, attlog: Path) -> tuple[float, list[float]]:
    """(import seconds, check-in seconds during it)."""
    env = dict(os.environ, KERJA_DB=str(db))
    start = time.perf_counter()
    imp = subprocess.Popen(
        [*KERJA, "presensi", "impor", str(attlog)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    waits: list[float] = []
    while imp.poll() is None:
        waits.append(checkin(env))
        time.sleep(0.2)
    imp.wait()
    return time.perf_counter() - start, waits


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pegawai", type=int, default=60_000)
    ap.add_argument("--hari", type=int, default=22)
    ap.add_argument("--keep", type=Path)
    args = ap.parse_args()
    from presence_bench import write_attlog

    work = args.keep or Path(tempfile.mkdtemp(prefix="kerja-wait-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"store of {args.pegawai:,} employees ...", flush=True)
    db = build_store(work, args.pegawai)
    attlog = work / "1_attlog.dat"
    n = write_attlog(attlog, [str(i + 1) for i in range(args.pegawai)], days(args.hari))
    print(f"attlog: {n:,} punches ({attlog.stat().st_size / 2**20:.0f} MiB)")
    env = dict(os.environ, KERJA_DB=str(db))
    idle = [checkin(env) for _ in range(3)]
    total, waits = measure(db, attlog)
    print(f"presensi impor: {total:.1f} s wall")

    def fig(xs: list[float]) -> str:
        return f"min {min(xs):.2f} / median {statistics.median(xs):.2f} / max {max(xs):.2f} s"

    print(f"presensi masuk, idle store (baseline, {len(idle)}): {fig(idle)}")
    if waits:
        print(f"presensi masuk during the import ({len(waits)}): {fig(waits)}  (target: about 1 s at most)")
    print(f"(machine load: {os.getloadavg()[0]:.1f} 1-min load average on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
