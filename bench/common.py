"""Helpers for the benchmark scripts: run a command in a subprocess, time it, read its peak memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def run(args: list[str], *, cwd: Path | None = None, env: dict | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB) of one subprocess; raises if it fails."""
    start = time.perf_counter()
    p = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        err = p.stderr.read().decode() if p.stderr else ""
        raise SystemExit(f"{' '.join(args)} failed ({p.returncode}): {err[:2000]}")
    return wall, usage.ru_maxrss / 1024


def median_of(n: int, fn) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Median wall and max peak memory over n runs of fn() -> (wall, rss)."""
    results = [fn() for _ in range(n)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def kerja(*args: str) -> list[str]:
    return [str(BIN / "kerja"), *args]


def line(label: str, wall: float, rss: float | None = None, extra: str = "") -> None:
    mem = f"{rss:7.0f} MiB" if rss is not None else " " * 11
    print(f"{label:<48} {wall:8.3f} s  {mem}  {extra}", flush=True)


def timed(args: list[str], env: dict | None = None) -> tuple[float, float, float]:
    """(wall seconds, peak RSS MiB, CPU seconds: user + system) of one process; raises if it fails.
    CPU is the steadier figure on a shared machine."""
    start = time.perf_counter()
    p = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        err = p.stderr.read().decode() if p.stderr else ""
        raise SystemExit(f"{' '.join(args)} failed: {err[-2000:]}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
