"""Presence at province scale (SPEC §10, issue 4): prints its figures, asserts nothing.

    python bench/presence_bench.py [--pegawai 60000] [--runs 3] [--keep DIR]

1. A 60,000-employee province (bench/province.py) in a fresh store, with a month's roster
   (March 2021: 22 working days) written straight into `jadwal`.
2. An attlog of ~2.6 million punches: two a person-day plus noise (double punches, a third punch,
   unknown PINs), in time order as a machine writes it.
3. `kerja presensi impor` of that file as a subprocess on a fresh copy of the store: wall time and
   peak RSS, median of --runs; then a re-import of the same file (adds nothing).
   Side by side: the plain baseline — the same parsed rows inserted with one `executemany` into a
   bare table (no index, no rules) in one transaction.
4. `day_statuses` for the whole month (the recap's input) in-process.
5. `kerja presensi harian` for one OPD-day and a single `kerja presensi masuk`, wall time of the
   subprocess, median of --runs.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
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
MONTH = date(2021, 3, 1)


CPU: list[float] = []  # CPU seconds (user + system) of each run(), in order


def run(args: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of one subprocess (its CPU seconds go to CPU); fails
    loudly on a non-zero exit."""
    t = time.perf_counter()
    p = subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env or os.environ.copy()
    )
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    CPU.append(usage.ru_utime + usage.ru_stime)
    err = p.stderr.read().decode() if p.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{err}")
    return wall, usage.ru_maxrss // 1024


def working_days(db: Path) -> list[date]:
    from kerja.services.presensi import working_calendar
    from kerja.store.db import connect

    end = date(MONTH.year, MONTH.month + 1, 1) - timedelta(days=1)
    return sorted(working_calendar(connect(db), MONTH, end))


def write_roster(db: Path, nips: list[str], days: list[date], seed: int = 2) -> int:
    rng = random.Random(seed)
    conn = sqlite3.connect(db)
    with conn:
        conn.executemany(
            "INSERT INTO jadwal (tanggal, nip, lokasi, alasan) VALUES (?, ?, ?, 'rotasi')",
            ((d.isoformat(), nip, "WFO" if rng.random() < 0.25 else "WFH") for d in days for nip in nips),
        )
    conn.close()
    return len(nips) * len(days)


def write_attlog(path: Path, pins: list[str], days: list[date], seed: int = 3) -> int:
    """Two punches a person-day, ~1% doubled, ~1% with a third punch at lunch, a few unknown
    PINs; sorted by time within each day like a machine's log; CRLF like a Windows export."""
    rng = random.Random(seed)
    n = 0
    with open(path, "w", encoding="ascii", newline="") as f:
        for d in days:
            day: list[tuple[int, str]] = []
            for pin in pins:
                tin = 6 * 3600 + 45 * 60 + int(rng.gauss(45 * 60, 15 * 60))
                tout = 16 * 3600 + int(abs(rng.gauss(20 * 60, 25 * 60)))
                day.append((tin, pin))
                day.append((tout, pin))
                r = rng.random()
                if r < 0.01:
                    day.append((tin, pin))  # the same punch twice
                elif r < 0.02:
                    day.append((12 * 3600 + rng.randrange(3600), pin))
            for _ in range(len(pins) // 2000):
                day.append((rng.randrange(6 * 3600, 18 * 3600), str(900_000 + rng.randrange(50))))
            day.sort()
            iso = d.isoformat()
            f.writelines(
                f"{pin:>9}\t{iso} {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}\t1\t1\t0\t0\r\n"
                for s, pin in day
            )
            n += len(day)
    return n


def baseline(db_src: Path, attlog: Path, work: Path) -> tuple[float, float, int]:
    """Parse the file the same way, then executemany the rows into a bare table in one
    transaction: (parse seconds, insert seconds, rows)."""
    from kerja.io.attlog import read_attlog

    conn = sqlite3.connect(db_src)
    target = {nip: nip for (nip,) in conn.execute("SELECT nip FROM pegawai")}
    target.update(conn.execute("SELECT pin_mesin, nip FROM pegawai WHERE pin_mesin IS NOT NULL"))
    conn.close()
    t = time.perf_counter()
    rows = [
        (target[pin], f"{d}T{tm}+07:00", d, None, "WFO", "mesin", state, "bench", "now")
        for _n, pin, d, tm, _jenis, state, _mesin in read_attlog(attlog)
        if pin in target
    ]
    parse = time.perf_counter() - t
    bare = work / "bare.db"
    bare.unlink(missing_ok=True)
    conn = sqlite3.connect(bare, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute(
        "CREATE TABLE presensi (nip, waktu, tanggal, jenis, mode, sumber, state, oleh, dicatat_pada)"
    )
    t = time.perf_counter()
    c = time.process_time()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO presensi VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    insert = time.perf_counter() - t
    CPU.append(time.process_time() - c)
    conn.close()
    return parse, insert, len(rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pegawai", type=int, default=60_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it")
    a = ap.parse_args()
    import province

    work = a.keep or Path(tempfile.mkdtemp(prefix="kerja-presence-"))
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, KERJA_SEKARANG="2021-04-01T08:00:00+07:00")
    env.pop("KERJA_DB", None)
    base = work / "base.db"
    try:
        print(f"Presence bench, {a.pegawai} employees, month {MONTH:%Y-%m}; work dir {work}")
        print("(2 shared cores, other engineers' jobs running: figures are noisy)")
        base.unlink(missing_ok=True)
        rows = province.employees(a.pegawai)
        province.write_csv(rows, work / "pegawai.csv")
        run([*KERJA, "--db", str(base), "init", "--instansi", "Provinsi Bench"], env)
        t, _ = run([*KERJA, "--db", str(base), "pegawai", "impor", str(work / "pegawai.csv")], env)
        print(f"setup: employees imported in {t:.1f} s")
        days = working_days(base)
        nips = [r["NIP"] for r in rows]
        t = time.perf_counter()
        n_roster = write_roster(base, nips, days)
        print(
            f"setup: roster {n_roster:,} rows for {len(days)} working days in {time.perf_counter() - t:.1f} s"
        )
        attlog = work / "1_attlog.dat"
        t = time.perf_counter()
        n = write_attlog(attlog, [r["PIN"] for r in rows], days)
        size = attlog.stat().st_size / 1e6
        print(f"setup: attlog {n:,} punches, {size:.0f} MB in {time.perf_counter() - t:.1f} s")

        walls, peaks, cpus = [], [], []
        store = work / "run.db"
        for _ in range(a.runs):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{store}{suffix}").unlink(missing_ok=True)
            shutil.copy(base, store)
            w, rss = run([*KERJA, "--db", str(store), "presensi", "impor", str(attlog)], env)
            walls.append(w)
            peaks.append(rss)
            cpus.append(CPU[-1])
        again, rss_again = run([*KERJA, "--db", str(store), "presensi", "impor", str(attlog)], env)
        parse, insert, n_rows = baseline(base, attlog, work)
        imp = statistics.median(walls)
        print()
        print(f"{'attlog import':<44}{'kerja':>12}{'baseline':>12}")
        print(f"{'  rows':<44}{n:>12,}{n_rows:>12,}")
        print(
            f"{'  wall s (median of ' + str(a.runs) + ')':<44}{imp:>12.1f}{insert:>12.1f}"
            f"   (baseline = executemany into a bare table, one transaction)"
        )
        print(f"{'  CPU s (median)':<44}{statistics.median(cpus):>12.1f}{CPU[-1]:>12.1f}")
        print(f"{'  ratio kerja / baseline insert':<44}{imp / insert:>12.1f}   (target <= 3)")
        print(f"{'  baseline parse + insert s':<44}{'':>12}{parse + insert:>12.1f}")
        print(f"{'  ratio kerja / baseline parse + insert':<44}{imp / (parse + insert):>12.1f}")
        print(f"{'  peak RSS MB (max of runs)':<44}{max(peaks):>12}   (target <= 1024)")
        print(f"{'  runs s':<44}{', '.join(f'{w:.1f}' for w in walls):>12}")
        print(f"{'  re-import of the same file s (adds 0)':<44}{again:>12.1f}   RSS {rss_again} MB")

        # The recap's input: every person-day of the month in-process.
        from kerja.services.presensi import day_statuses, tk_days
        from kerja.store.db import connect

        conn = connect(store)
        times, cpu_ds = [], []
        for _ in range(a.runs):
            t = time.perf_counter()
            c = time.process_time()
            ds = day_statuses(conn, days[0], days[-1])
            times.append(time.perf_counter() - t)
            cpu_ds.append(time.process_time() - c)
            if _ < a.runs - 1:
                del ds
        kinds: dict[str, int] = {}
        for s in ds:
            kinds[s.kode] = kinds.get(s.kode, 0) + 1
        print(
            f"{'day_statuses, whole month, in-process s':<44}{statistics.median(times):>12.1f}"
            f"   CPU {statistics.median(cpu_ds):.1f} s; {len(ds):,} rows: {kinds}"
        )
        del ds
        t = time.perf_counter()
        tk_days(conn, days[0], days[-1])
        print(f"{'tk_days, whole month, in-process s':<44}{time.perf_counter() - t:>12.1f}")
        opd = conn.execute("SELECT jalur FROM unit WHERE tingkat = 1 ORDER BY jalur").fetchone()[0]
        conn.close()

        day = days[10].isoformat()

        def timed(args: list[str], e: dict[str, str]) -> tuple[float, float]:
            """Median wall and CPU ms of --runs runs."""
            walls_, cpus_ = [], []
            for _ in range(a.runs):
                walls_.append(run(args, e)[0])
                cpus_.append(CPU[-1])
            return statistics.median(walls_) * 1000, statistics.median(cpus_) * 1000

        harian = timed(
            [*KERJA, "--db", str(store), "presensi", "harian", "--tanggal", day, "--unit", opd, "--json"], env
        )
        belum = timed(
            [*KERJA, "--db", str(store), "presensi", "belum", "--tanggal", day, "--unit", opd, "--json"], env
        )
        env_now = dict(env, KERJA_SEKARANG=f"{day}T07:28:00+07:00")
        masuk = timed([*KERJA, "--db", str(store), "presensi", "masuk", nips[0]], env_now)
        helps = timed([*KERJA, "--help"], env)
        for label, (w, c), target in (
            ("presensi harian, one OPD-day", harian, "(target < 300)"),
            ("presensi belum, one OPD-day", belum, ""),
            ("presensi masuk", masuk, "(target < 300)"),
            ("kerja --help (for reference)", helps, ""),
        ):
            print(f"{label + ', wall ms':<44}{w:>12.0f}   CPU {c:.0f} ms {target}")
    finally:
        if a.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
