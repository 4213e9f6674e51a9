"""Roster at province scale (SPEC §10, issue 3): `jadwal buat` for 60,000 employees over a month of
22 working days (1.3 million assignments), side by side with the plain baseline (executemany of the
same rows into a bare table in one transaction), and `jadwal ekspor --format csv`.

    python bench/roster_bench.py [--pegawai 60000] [--runs 3] [--keep DIR]

Each `jadwal buat` run starts from a fresh copy of the store (employees imported, circular
installed, no roster yet) in its own process; wall time and that process's peak RSS are printed,
median of the runs. The machine is shared, so figures are a little noisy.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import province  # noqa: E402

KERJA = [sys.executable, "-m", "kerja"]
CIRCULAR = """nama = "bench-2021-03"
judul = "Bench: 25% WFO per OPD, Maret 2021"
mulai = 2021-03-01
sampai = 2021-03-31
[kuota]
wfo_persen = 25
[wfh_wajib]
usia_min = 55
hamil = true
"""


def run(args: list[str], db: Path, env: dict[str, str]) -> tuple[float, int, int]:
    """(wall seconds, peak RSS MiB, exit code) of one kerja process."""
    t = time.perf_counter()
    p = subprocess.Popen(
        [*KERJA, "--db", str(db), *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    err = p.stderr.read().decode() if p.stderr else ""
    if p.returncode not in (0, 3):
        raise SystemExit(f"kerja {' '.join(args)} failed ({p.returncode}): {err[-2000:]}")
    return wall, usage.ru_maxrss // 1024, p.returncode


def baseline(rows: list[tuple], path: Path) -> float:
    """executemany of the same rows into a bare table, one transaction, same pragmas as kerja."""
    if path.exists():
        path.unlink()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("CREATE TABLE t (tanggal TEXT, nip TEXT, lokasi TEXT, alasan TEXT, kebijakan TEXT)")
    t = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    wall = time.perf_counter() - t
    conn.close()
    return wall


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pegawai", type=int, default=60_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    a = ap.parse_args()
    work = a.keep or Path(tempfile.mkdtemp(prefix="kerja-roster-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, KERJA_SEKARANG="2021-02-20T08:00:00+07:00")
    base = work / "base.db"
    if not base.exists():
        csv_path = province.write_csv(province.employees(a.pegawai), work / "pegawai.csv")
        (work / "bench.toml").write_text(CIRCULAR, encoding="utf-8")
        for args in (
            ["init", "--instansi", "Provinsi Bench"],
            ["pegawai", "impor", str(csv_path)],
            ["kebijakan", "tambah", str(work / "bench.toml")],
        ):
            run(args, base, env)
    buat = ["jadwal", "buat", "--mulai", "2021-03-01", "--sampai", "2021-03-31"]
    walls, peaks = [], []
    db = work / "run.db"
    for _ in range(a.runs):
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        shutil.copy(base, db)
        wall, peak, code = run(buat, db, env)
        walls.append(wall)
        peaks.append(peak)
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT tanggal, nip, lokasi, alasan, kebijakan FROM jadwal").fetchall()
    days = conn.execute("SELECT count(DISTINCT tanggal) FROM jadwal").fetchone()[0]
    conn.close()
    base_walls = [baseline(rows, work / "baseline.db") for _ in range(a.runs)]
    to = ["--keluar", str(work / "jadwal.csv"), "--timpa"]  # each run replaces the last one's file
    ekspor = [run(["jadwal", "ekspor", "--format", "csv", *to], db, env)[0] for _ in range(a.runs)]
    b, m, e = statistics.median(walls), statistics.median(base_walls), statistics.median(ekspor)
    print(f"employees {a.pegawai}, working days {days}, assignments {len(rows):,} (exit code {code})")
    print(
        f"jadwal buat           {b:6.2f} s  peak RSS {max(peaks)} MiB   (runs: "
        + ", ".join(f"{w:.2f}" for w in walls)
        + ")"
    )
    print(f"baseline executemany  {m:6.2f} s  (bare table, one transaction)  ratio {b / m:.2f}x")
    print(f"jadwal ekspor csv     {e:6.2f} s  ({(work / 'jadwal.csv').stat().st_size // 2**20} MiB)")
    if a.keep is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
