"""Issue 2 benchmark: importing the 60,000-employee province, against the plain baseline.

    python bench/import_bench.py [--pegawai 60000] [--runs 3]

Prints, median of --runs: `kerja pegawai impor` of the CSV, of the XLSX and of the same people
as a SIASN "Unduh Data" export (64+1 columns, leaders from post names) into a fresh store,
the same CSV loaded by `sqlite-utils insert --csv` into an empty file (no rules), the ratio, peak
memory, and the start-up of `kerja --help` and `kerja pegawai lihat NIP` (median of 10).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import province
from common import BIN, kerja, line, median_of, run


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pegawai", type=int, default=60_000)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        rows = province.employees(a.pegawai)
        csv_file = province.write_csv(rows, tmp / "pegawai.csv")
        xlsx_file = province.write_xlsx(rows, tmp / "pegawai.xlsx")
        siasn_file = province.write_siasn_csv(rows, tmp / "siasn.csv")
        print(
            f"{len(rows)} pegawai; CSV {csv_file.stat().st_size / 1e6:.1f} MB, "
            f"XLSX {xlsx_file.stat().st_size / 1e6:.1f} MB"
        )
        counter = iter(range(1000))

        def fresh() -> Path:
            db = tmp / f"k{next(counter)}.db"
            run(kerja("--db", str(db), "init"))
            return db

        def imp(path: Path):  # type: ignore[no-untyped-def]
            db = fresh()
            return run(kerja("--db", str(db), "pegawai", "impor", str(path)))

        def baseline():  # type: ignore[no-untyped-def]
            db = tmp / f"b{next(counter)}.db"
            return run(
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

        csv_w, csv_m = median_of(a.runs, lambda: imp(csv_file))
        base_w, base_m = median_of(a.runs, baseline)
        xlsx_w, xlsx_m = median_of(a.runs, lambda: imp(xlsx_file))
        line("kerja pegawai impor CSV", csv_w, csv_m)
        line("baseline: sqlite-utils insert --csv", base_w, base_m)
        line("kerja pegawai impor XLSX", xlsx_w, xlsx_m, "(target < 5 s)")
        siasn_w, siasn_m = median_of(a.runs, lambda: imp(siasn_file))
        line("kerja pegawai impor SIASN Unduh Data CSV", siasn_w, siasn_m, "(target < 10 s)")
        print(
            f"ratio CSV kerja/baseline: {csv_w / base_w:.2f}x (target <= 3x); "
            f"peak memory {max(csv_m, xlsx_m):.0f} MiB (target < 400)"
        )

        db = fresh()
        run(kerja("--db", str(db), "pegawai", "impor", str(csv_file)))
        nip = rows[len(rows) // 2]["NIP"]
        help_w, _ = median_of(10, lambda: run(kerja("--help")))
        see_w, _ = median_of(10, lambda: run(kerja("--db", str(db), "pegawai", "lihat", nip)))
        line("kerja --help", help_w, None, "(target < 0.200 s)")
        line("kerja pegawai lihat NIP", see_w, None, "(target < 0.250 s)")


if __name__ == "__main__":
    main()
