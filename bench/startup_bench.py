"""Issue 16 benchmark: start-up of `kerja --help` and one `kerja presensi masuk`, beside the floor.

    python bench/startup_bench.py [--runs 10] [--banding OTHER_KERJA ...]

Whole processes, min/median/max wall over --runs (after one warm-up run each, so .pyc files
exist): bare `python -c pass` (the floor), `python -c "import typer"` (what any Typer CLI pays),
`kerja --help`, and `kerja presensi masuk NIP` on a small store (one OPD of 100 people, built
in a temporary directory; the punch is recorded, so each run is a new day via KERJA_SEKARANG).
Targets (issue 16): at most 100 ms each. The machine is shared: the load average is printed.
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
import province  # noqa: E402


def wall(args: list[str], env: dict[str, str] | None = None) -> float:
    t = time.perf_counter()
    r = subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    took = time.perf_counter() - t
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({r.returncode}): {r.stderr.decode()[:500]}")
    return took


def fig(xs: list[float]) -> str:
    ms = [x * 1000 for x in xs]
    return f"min {min(ms):6.1f}  median {statistics.median(ms):6.1f}  max {max(ms):6.1f} ms"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--banding", action="append", default=[], help="another kerja executable to compare")
    a = ap.parse_args()
    py = sys.executable
    mine = str(Path(py).parent / "kerja")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        rows = province.employees(100, opd=1, units=5)
        csv_file = province.write_csv(rows, tmp / "pegawai.csv")
        nip = rows[len(rows) // 2]["NIP"]
        print(f"load average {os.getloadavg()[0]:.2f}; {a.runs} runs each")
        floor = [wall([py, "-c", "pass"]) for _ in range(a.runs + 1)][1:]
        print(f"{'python -c pass (floor)':<36} {fig(floor)}")
        typer_only = [wall([py, "-c", "import typer"]) for _ in range(a.runs + 1)][1:]
        label = 'python -c "import typer"'
        print(f"{label:<36} {fig(typer_only)}")
        for n, binary in enumerate([*a.banding, mine]):
            tag = "" if binary == mine else f" [{binary}]"
            db = tmp / f"s{n}.db"
            subprocess.run([binary, "--db", str(db), "init"], check=True, stdout=subprocess.DEVNULL)
            imp = [binary, "--db", str(db), "pegawai", "impor", str(csv_file)]
            subprocess.run(imp, check=True, stdout=subprocess.DEVNULL)
            helps = [wall([binary, "--help"]) for _ in range(a.runs + 1)][1:]
            print(f"{'kerja --help' + tag:<36} {fig(helps)}  (target <= 100 ms)")
            day = date(2021, 3, 1)
            punches = []
            for i in range(a.runs + 1):
                when = (day + timedelta(days=i)).isoformat()
                env = dict(os.environ, KERJA_SEKARANG=f"{when}T07:20:00+07:00")
                punches.append(wall([binary, "--db", str(db), "presensi", "masuk", nip], env))
            print(f"{'kerja presensi masuk NIP' + tag:<36} {fig(punches[1:])}  (target <= 100 ms)")


if __name__ == "__main__":
    main()
