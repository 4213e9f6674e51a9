"""Issue 5 benchmark: the monthly TPP recap of the 60,000-employee province.

    python bench/recap_bench.py [--pegawai 60000] [--runs 3] [--pdf] [--simpan DIR]
                                [--banding SRC_DIR] [--tanpa-xlsx]

Builds a store (province.py employees through `kerja pegawai impor`), then writes one month of
data straight into it with executemany: March 2021 (22 working days), two punches a person-day
with realistic lateness and early leaving, a few sick/leave/travel days and TK days, and one
e-Kinerja activity a present day (most approved, some pending or rejected). Prints, median of
--runs: `rekap bulanan --format json`, the plain SQL baseline (one GROUP BY per employee over the
same month's presence rows, fetched and dumped as JSON by a bare Python process), their ratio, peak
memory, and `rekap bulanan --format xlsx` (and pdf with --pdf).

The machine is shared, so the JSON recap and the baseline are alternated run by run (and with
`--banding SRC_DIR`, another kerja source tree, e.g. a copy of main's `src/` run with this
environment through `python -m kerja`, between them), and each one's CPU time (user + system of
the child, os.wait4) is printed beside its wall time, min / median / max, with the ratio of the
CPU medians and the load average before and after. `--simpan DIR` keeps the store (or reuses
DIR/kerja.db, e.g. a copy of bench/data/reads-60000/base.db); `--tanpa-xlsx` skips the XLSX.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import province
from common import kerja, line, median_of, run, timed

MONTH = "2021-03"
BASELINE = """
import json, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute(
    "SELECT nip, count(DISTINCT tanggal), sum(jenis = 'masuk'), sum(jenis = 'pulang'), "
    "min(waktu), max(waktu) FROM presensi WHERE tanggal BETWEEN ? AND ? GROUP BY nip",
    (sys.argv[2] + "-01", sys.argv[2] + "-31"),
).fetchall()
json.dump(rows, sys.stdout)
"""


def working_days() -> list[date]:
    from kerja.domain import calendar, rules

    r = rules.defaults()
    return calendar.working_days(
        date(2021, 3, 1), date(2021, 3, 31), lambda d: r, calendar.holidays_by_rules(r, [2021])
    )


def fill_month(db: Path, seed: int = 5) -> tuple[int, int, int]:
    """Presence events, statuses and activities for MONTH; returns their counts."""
    rng = random.Random(seed)
    conn = sqlite3.connect(db)
    nips = [r[0] for r in conn.execute("SELECT nip FROM pegawai ORDER BY nip")]
    days = [d.isoformat() for d in working_days()]
    stamp = "2021-04-01T08:00:00+07:00"
    events, statuses, acts = [], [], []
    for nip in nips:
        for d in days:
            x = rng.random()
            if x < 0.03:
                kode = rng.choice(["S", "I", "CT", "DL", "CS"])
                statuses.append((nip, kode, d, d, "bench", "bench", stamp))
                continue
            if x < 0.045:
                continue  # TK
            mode = "WFO" if rng.random() < 0.25 else "WFH"
            late = rng.choice([0] * 8 + [rng.randrange(1, 130)])
            m_in = 7 * 60 + 10 + rng.randrange(0, 20) if late == 0 else 7 * 60 + 30 + late
            events.append(
                (
                    nip,
                    f"{d}T{m_in // 60:02d}:{m_in % 60:02d}:{rng.randrange(60):02d}+07:00",
                    d,
                    "masuk",
                    mode,
                    "online",
                    None,
                    "bench",
                    stamp,
                )
            )
            if rng.random() > 0.02:
                early = rng.choice([0] * 12 + [rng.randrange(1, 100)])
                m_out = 16 * 60 + rng.randrange(0, 40) if early == 0 else 16 * 60 - early
                events.append(
                    (
                        nip,
                        f"{d}T{m_out // 60:02d}:{m_out % 60:02d}:00+07:00",
                        d,
                        "pulang",
                        mode,
                        "online",
                        None,
                        "bench",
                        stamp,
                    )
                )
            y = rng.random()
            status = "disetujui" if y < 0.85 else "diajukan" if y < 0.95 else "ditolak"
            acts.append(
                (
                    nip,
                    d,
                    "08:00",
                    "13:00",
                    300,
                    "Kegiatan harian",
                    None,
                    status,
                    None if status == "diajukan" else "bench",
                    None if status == "diajukan" else "2021-04-03T09:00:00+07:00",
                    "kurang" if status == "ditolak" else None,
                    stamp,
                )
            )
    with conn:
        conn.executemany(
            "INSERT INTO presensi (nip, waktu, tanggal, jenis, mode, sumber, state, oleh, "
            "dicatat_pada) VALUES (?,?,?,?,?,?,?,?,?)",
            events,
        )
        conn.executemany(
            "INSERT INTO status_hari (nip, kode, mulai, sampai, keterangan, oleh, dicatat_pada) "
            "VALUES (?,?,?,?,?,?,?)",
            statuses,
        )
        conn.executemany(
            "INSERT INTO kinerja (nip, tanggal, mulai, selesai, menit, uraian, output, status, "
            "divalidasi_oleh, divalidasi_pada, alasan, dicatat_pada) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            acts,
        )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return len(events), len(statuses), len(acts)


def build(folder: Path, n: int) -> None:
    """The store with a month of data, built in a child process so that the parent stays small:
    a forked child starts with the parent's resident pages, which would inflate every peak-RSS
    figure measured after it."""
    rows = province.employees(n)
    db = folder / "kerja.db"
    run(kerja("--db", str(db), "init", "--instansi", "Provinsi Bench"))
    run(kerja("--db", str(db), "pegawai", "impor", str(province.write_csv(rows, folder / "p.csv"))))
    ev, st, ac = fill_month(db)
    print(
        f"{n} pegawai, {MONTH}: {ev} punches, {st} status days, {ac} activities "
        f"({db.stat().st_size / 1e6:.0f} MB store)"
    )


def spread(xs: list[float]) -> str:
    return f"{min(xs):.2f} / {statistics.median(xs):.2f} / {max(xs):.2f}"


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def alternated(db: Path, runs: int, banding: Path | None) -> dict[str, list[tuple[float, float, float]]]:
    """The JSON recap of each variant and the baseline, one after the other, `runs` rounds."""
    recap = ["rekap", "bulanan", "--bulan", MONTH, "--format", "json"]
    variants: dict[str, tuple[list[str], dict | None]] = {}
    if banding is not None:
        env = dict(os.environ, PYTHONPATH=str(banding.resolve()))
        variants[f"json ({banding})"] = ([sys.executable, "-m", "kerja", "--db", str(db), *recap], env)
    variants["json"] = (kerja("--db", str(db), *recap), None)
    variants["baseline"] = ([sys.executable, "-c", BASELINE, str(db), MONTH], None)
    out: dict[str, list[tuple[float, float, float]]] = {k: [] for k in variants}
    for i in range(runs):
        for name, (args, child_env) in variants.items():
            out[name].append(timed(args, child_env))
            w, m, c = out[name][-1]
            print(f"  run {i + 1} {name}: {w:.2f} s wall, {c:.2f} s CPU, {m:.0f} MiB", flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pegawai", type=int, default=60_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pdf", action="store_true", help="also time --format pdf (one run)")
    ap.add_argument("--simpan", type=Path, help="build the store in this folder and keep it")
    ap.add_argument("--banding", type=Path, help="another kerja src/ folder, alternated with this one")
    ap.add_argument("--tanpa-xlsx", action="store_true", help="the JSON recap and the baseline only")
    ap.add_argument("--build", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.build:
        build(a.build, a.pegawai)
        return
    with tempfile.TemporaryDirectory() as d:
        tmp = a.simpan or Path(d)
        tmp.mkdir(parents=True, exist_ok=True)
        db = tmp / "kerja.db"
        if not db.exists():
            subprocess.run(
                [sys.executable, __file__, "--build", str(tmp), "--pegawai", str(a.pegawai)], check=True
            )
        print(f"load average before: {load()}", flush=True)
        timings = alternated(db, a.runs, a.banding)
        print(f"load average after: {load()}")
        for name, rs in timings.items():
            walls, cpus, peak = [r[0] for r in rs], [r[2] for r in rs], max(r[1] for r in rs)
            print(f"{name:<48} wall {spread(walls)} s, CPU {spread(cpus)} s, peak {peak:.0f} MiB")
        base_cpu = [r[2] for r in timings["baseline"]]
        for name, rs in timings.items():
            if name == "baseline":
                continue
            cpus = [r[2] for r in rs]
            pairs = [c / b for c, b in zip(cpus, base_cpu, strict=True)]
            of_medians = statistics.median(cpus) / statistics.median(base_cpu)
            print(
                f"ratio {name}/baseline by CPU: medians {of_medians:.2f}x; "
                f"run by run min / median / max {spread(pairs)}x (target <= 3x)"
            )
        json_w = statistics.median(r[0] for r in timings["json"])
        json_m = max(r[1] for r in timings["json"])
        base_w = statistics.median(r[0] for r in timings["baseline"])
        base_m = max(r[1] for r in timings["baseline"])
        line("kerja rekap bulanan --format json", json_w, json_m, "(target < 20 s, < 1 GB)")
        line("baseline: one GROUP BY per employee (SQL)", base_w, base_m)
        print(f"ratio json/baseline: {json_w / base_w:.2f}x (target <= 5x)")
        if a.tanpa_xlsx:
            return
        xlsx_w, xlsx_m = median_of(
            a.runs,
            lambda: run(
                kerja(
                    "--db",
                    str(db),
                    "rekap",
                    "bulanan",
                    "--bulan",
                    MONTH,
                    "--format",
                    "xlsx",
                    "--keluar",
                    str(tmp / "rekap.xlsx"),
                    "--timpa",  # the second run replaces the first's file
                )
            ),
        )
        line("kerja rekap bulanan --format xlsx", xlsx_w, xlsx_m, "(target < 60 s)")
        print(f"xlsx {(tmp / 'rekap.xlsx').stat().st_size / 1e6:.1f} MB")
        if a.pdf:
            pdf_w, pdf_m = run(
                kerja(
                    "--db",
                    str(db),
                    "rekap",
                    "bulanan",
                    "--bulan",
                    MONTH,
                    "--format",
                    "pdf",
                    "--keluar",
                    str(tmp / "rekap.pdf"),
                    "--timpa",
                )
            )
            line("kerja rekap bulanan --format pdf (1 run)", pdf_w, pdf_m)


if __name__ == "__main__":
    main()
