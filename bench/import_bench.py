"""Issue 2 / issue 16 benchmark: importing the 60,000-employee province, against the plain baseline.

    python bench/import_bench.py [--pegawai 60000] [--runs 5] [--banding SRC_DIR] [--hanya-csv]

Prints, over --runs whole processes each, wall min / median / max, CPU (user + system) median and
peak memory: `kerja pegawai impor` of the CSV, of the XLSX and of the same people as a SIASN
"Unduh Data" export (64+1 columns, leaders from post names) into a fresh store, the same CSV
loaded by `sqlite-utils insert --csv` into an empty file (no rules), and their ratio; then the
start-up of `kerja --help` and `kerja pegawai lihat NIP` (median of 10). `--banding SRC_DIR` also
imports the CSV with another kerja source tree (e.g. a copy of main's `src/`, run with this
environment), interleaved run by run with this one so that a change of load hits both alike. The
machine is shared: the load average is printed with the figures, and CPU time is the steadier one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

import province
from common import BIN, kerja, line, median_of, run, timed


def spread(label: str, results: list[tuple[float, float, float]], extra: str = "") -> float:
    walls = [r[0] for r in results]
    cpu = statistics.median(r[2] for r in results)
    print(
        f"{label:<44} {min(walls):6.2f} / {statistics.median(walls):6.2f} / {max(walls):6.2f} s  "
        f"cpu {cpu:6.2f} s  {max(r[1] for r in results):4.0f} MiB  {extra}",
        flush=True,
    )
    return statistics.median(walls)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pegawai", type=int, default=60_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--banding", type=Path, help="another kerja src/ folder, for the CSV import")
    ap.add_argument("--hanya-csv", action="store_true", help="the CSV import and its baseline only")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        rows = province.employees(a.pegawai)
        csv_file = province.write_csv(rows, tmp / "pegawai.csv")
        size = csv_file.stat().st_size / 1e6
        print(f"{len(rows)} pegawai; CSV {size:.1f} MB; load {os.getloadavg()[0]:.1f}")
        counter = iter(range(10_000))
        variants: dict[str, dict | None] = {"this": None}
        if a.banding:
            variants = {str(a.banding): dict(os.environ, PYTHONPATH=str(a.banding.resolve())), **variants}

        def imp(path: Path, env: dict | None = None) -> tuple[float, float, float]:
            db = tmp / f"k{next(counter)}.db"
            # `python -m kerja` for every variant alike (PYTHONPATH picks the source tree).
            timed([sys.executable, "-m", "kerja", "--db", str(db), "init"], env)
            return timed([sys.executable, "-m", "kerja", "--db", str(db), "pegawai", "impor", str(path)], env)

        def baseline() -> tuple[float, float, float]:
            db = tmp / f"b{next(counter)}.db"
            return timed(
                [
                    str(BIN / "sqlite-utils"),
                    "insert",
                    str(db),
                    "pegawai",
                    str(csv_file),
                    "--csv",
                    "--delimiter",
                    ";",
                    "--encoding",
                    "utf-8-sig",
                ]
            )

        # Interleaved: one run of each, then again.
        results: dict[str, list[tuple[float, float, float]]] = {k: [] for k in [*variants, "baseline"]}
        for _ in range(a.runs):
            for k, env in variants.items():
                results[k].append(imp(csv_file, env))
            results["baseline"].append(baseline())
        print(f"{'':44} {'wall min / median / max':>26}  {'cpu median':>10}  peak")
        csv_w = 0.0
        for k in variants:
            w = spread(f"kerja pegawai impor CSV [{k}]", results[k], "(target <= 1.5 s)")
            csv_w = w if k == "this" else csv_w
        base_w = spread("baseline: sqlite-utils insert --csv", results["baseline"])
        print(f"ratio CSV kerja/baseline: {csv_w / base_w:.2f}x; load after {os.getloadavg()[0]:.1f}")
        if a.hanya_csv:
            return
        xlsx_file = province.write_xlsx(rows, tmp / "pegawai.xlsx")
        siasn_file = province.write_siasn_csv(rows, tmp / "siasn.csv")
        spread("kerja pegawai impor XLSX", [imp(xlsx_file) for _ in range(a.runs)], "(target < 5 s)")
        siasn = [imp(siasn_file) for _ in range(a.runs)]
        spread("kerja pegawai impor SIASN Unduh Data CSV", siasn, "(target < 10 s)")

        db = tmp / "lihat.db"
        run(kerja("--db", str(db), "init"))
        run(kerja("--db", str(db), "pegawai", "impor", str(csv_file)))
        nip = rows[len(rows) // 2]["NIP"]
        help_w, _ = median_of(10, lambda: run(kerja("--help")))
        see_w, _ = median_of(10, lambda: run(kerja("--db", str(db), "pegawai", "lihat", nip)))
        line("kerja --help", help_w, None, "(target < 0.200 s)")
        line("kerja pegawai lihat NIP", see_w, None, "(target < 0.250 s)")


if __name__ == "__main__":
    main()
