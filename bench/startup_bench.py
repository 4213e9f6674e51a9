"""Issue 16 benchmark: start-up of `kerja --help` and one `kerja presensi masuk`, beside the floor
and beside a baseline kerja.

    python bench/startup_bench.py [--runs 20] [--banding-src OTHER/src ...] [--banding OTHER_KERJA ...]
                                  [--instruksi]

Whole processes; for each, min/median/max of wall time and of CPU time (user + system of the child,
from os.wait4: steadier than wall time on a shared machine). Rows: bare `python -c pass` (the
floor), `python -c "import typer"` (what any Typer CLI pays), `kerja --help`, and
`kerja presensi masuk NIP` on a small store (one OPD of 100 people, built in a temporary
directory; the punch is recorded, so each run is a new day via KERJA_SEKARANG).

A baseline is another kerja: `--banding-src DIR` runs the `src/` DIR (e.g. a `git archive` of
main) with this virtual environment, through the same entry point as the console script;
`--banding` takes another `kerja` executable. The kerjas are run alternately, run by run, so a
change in the machine's load falls on both alike.

Each command runs once before it is timed, with PYTHONDONTWRITEBYTECODE removed from its
environment, so the .pyc files exist as they do in an installed kerja (with it set, every run
would compile every kerja module again: 20-30 ms that no clerk pays).
Targets (issue 16): at most 100 ms each. The machine is shared: the load average is printed.

`--instruksi` also counts the instructions of one run of each (valgrind's callgrind, "Ir", in
millions): the same count whatever the load, so two kerjas compare exactly where timings on a
loaded machine cannot; it takes a few seconds a run (the process runs about 50x slower).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
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

# The console script's body (pip's `kerja` script), with a chosen src/ first on the path.
LAUNCH = (
    "import sys; sys.path.insert(0, {src!r}); from kerja.cli.app import main; sys.argv[0] = 'kerja'; main()"
)


def env_of(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra or {})
    return env


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall s, CPU s) of one process; raises if it fails."""
    t = time.perf_counter()
    p = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    took = time.perf_counter() - t
    err = p.stderr.read().decode() if p.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed: {err[:500]}")
    return took, usage.ru_utime + usage.ru_stime


def instructions(args: list[str], env: dict[str, str]) -> float:
    """Millions of instructions one run of `args` executes (callgrind's Ir)."""
    grind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    r = subprocess.run([*grind, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    m = re.search(r"Collected : (\d+)", r.stderr)
    if r.returncode != 0 or not m:
        raise SystemExit(f"valgrind {' '.join(args)} failed: {r.stderr[-500:]}")
    return int(m.group(1)) / 1e6


def fig(xs: list[float]) -> str:
    ms = [x * 1000 for x in xs]
    return f"{min(ms):6.1f} {statistics.median(ms):6.1f} {max(ms):6.1f}"


def show(label: str, runs: list[tuple[float, float]], note: str = "") -> None:
    walls, cpus = [w for w, _ in runs], [c for _, c in runs]
    print(f"{label:<44} wall {fig(walls)}   cpu {fig(cpus)}  {note}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--banding", action="append", default=[], help="another kerja executable to compare")
    ap.add_argument(
        "--banding-src", action="append", default=[], help="another kerja's src/ folder, run with this venv"
    )
    ap.add_argument("--instruksi", action="store_true", help="also count instructions (valgrind)")
    a = ap.parse_args()
    if a.instruksi and not shutil.which("valgrind"):
        raise SystemExit("--instruksi needs valgrind (apt-get install valgrind)")
    py = sys.executable
    kerjas = [(f" [{s}]", [py, "-c", LAUNCH.format(src=s)]) for s in a.banding_src]
    kerjas += [(f" [{b}]", [b]) for b in a.banding]
    kerjas.append(("", [str(Path(py).parent / "kerja")]))
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        rows = province.employees(100, opd=1, units=5)
        csv_file = province.write_csv(rows, tmp / "pegawai.csv")
        nip = rows[len(rows) // 2]["NIP"]
        print(f"load average {os.getloadavg()[0]:.2f}; {a.runs} runs each; ms: min median max", flush=True)
        env = env_of()
        floor = [py, "-c", "pass"]
        typer_only = [py, "-c", "import typer"]
        for label, args in (("python -c pass (floor)", floor), ('python -c "import typer"', typer_only)):
            show(label, [timed(args, env) for _ in range(a.runs + 1)][1:])
        stores = []
        for n, (_, cmd) in enumerate(kerjas):
            db = tmp / f"s{n}.db"
            subprocess.run([*cmd, "--db", str(db), "init"], check=True, stdout=subprocess.DEVNULL, env=env)
            imp = [*cmd, "--db", str(db), "pegawai", "impor", str(csv_file)]
            subprocess.run(imp, check=True, stdout=subprocess.DEVNULL, env=env)
            stores.append(db)
        helps: list[list[tuple[float, float]]] = [[] for _ in kerjas]
        punches: list[list[tuple[float, float]]] = [[] for _ in kerjas]
        day = date(2021, 3, 1)
        for i in range(a.runs + 1):  # run 0 is the warm-up (it writes the .pyc files)
            when = (day + timedelta(days=i)).isoformat()
            punch_env = env_of({"KERJA_SEKARANG": f"{when}T07:20:00+07:00"})
            order = range(len(kerjas)) if i % 2 else reversed(range(len(kerjas)))
            for k in order:
                cmd = kerjas[k][1]
                h = timed([*cmd, "--help"], env)
                p = timed([*cmd, "--db", str(stores[k]), "presensi", "masuk", nip], punch_env)
                if i:
                    helps[k].append(h)
                    punches[k].append(p)
        for k, (tag, _) in enumerate(kerjas):
            show("kerja --help" + tag, helps[k], "(target <= 100 ms)")
        for k, (tag, _) in enumerate(kerjas):
            show("kerja presensi masuk NIP" + tag, punches[k], "(target <= 100 ms)")
        print(f"load average at the end {os.getloadavg()[0]:.2f}")
        if a.instruksi:
            print("instructions of one run (callgrind Ir, millions; independent of the load):")
            for label, args in (("python -c pass (floor)", floor), ('python -c "import typer"', typer_only)):
                print(f"  {label:<42} {instructions(args, env):8.1f}", flush=True)
            late = env_of({"KERJA_SEKARANG": f"{day + timedelta(days=a.runs + 1)}T07:20:00+07:00"})
            for k, (tag, cmd) in enumerate(kerjas):
                punch = [*cmd, "--db", str(stores[k]), "presensi", "masuk", nip]
                runs = (("kerja --help", [*cmd, "--help"], env), ("kerja presensi masuk NIP", punch, late))
                for label, args, e in runs:
                    print(f"  {label + tag:<42} {instructions(args, e):8.1f}", flush=True)


if __name__ == "__main__":
    main()
