"""Issue 16 benchmark: a province as 50 institution stores (one per OPD), each month exported to
Parquet into one folder and rolled up with DuckDB (examples/rollup).

    python bench/rollup_bench.py [--pegawai 5000] [--opd 50] [--runs 5] [--folder DIR]

Builds the stores (province.py employees split by OPD, each through `kerja init` and `kerja
pegawai impor`, then recap_bench's month of punches, statuses and activities written straight
in), then per store times `kerja rekap bulanan --format json --keluar` and `kerja ekspor
parquet` into the shared folder. The roll-up is examples/rollup/rollup.py in a fresh process
(the three example queries, CSV out), median of --runs; the baseline is a fresh process that
loads the 50 recap JSON files and adds their totals. Then it checks, to the Rupiah, that
DuckDB's per-OPD rows equal each store's recap totals and its province row their sum.

Needs the `bench` extra (pyarrow and duckdb). Keep --folder out of the repository.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import province
from common import kerja, run
from recap_bench import MONTH, fill_month

ROOT = Path(__file__).resolve().parents[1]
ROLLUP = ROOT / "examples" / "rollup"
MONEY = ("pagu_tpp", "tpp_kinerja", "tpp_disiplin", "tpp_total")
BASELINE = """
import json, sys
from pathlib import Path
total = dict.fromkeys(("pagu_tpp", "tpp_kinerja", "tpp_disiplin", "tpp_total"), 0)
for f in sorted(Path(sys.argv[1]).glob("*.json")):
    t = json.loads(f.read_text(encoding="utf-8"))["total"]
    for k in total:
        total[k] += t[k]
print(json.dumps(total))
"""


def spread(label: str, xs: list[float], extra: str = "") -> None:
    print(
        f"{label:<52} min {min(xs):7.3f}  median {statistics.median(xs):7.3f}  max {max(xs):7.3f} s  {extra}",
        flush=True,
    )


def build(folder: Path, n: int, opd: int) -> list[tuple[str, str, Path]]:
    """(kode, OPD name, store) for each OPD, built in `folder`."""
    rows = province.employees(n, opd=opd)
    by_opd: dict[str, list[dict]] = {}
    for r in rows:
        by_opd.setdefault(r["Unit Kerja"].split(" > ")[0], []).append(r)
    stores = []
    start = time.perf_counter()
    for i, (name, people) in enumerate(sorted(by_opd.items()), 1):
        kode = f"opd-{i:02d}"
        db = folder / f"{kode}.db"
        if not db.exists():
            run(kerja("--db", str(db), "init", "--instansi", name))
            csv = province.write_csv(people, folder / f"{kode}.csv")
            run(kerja("--db", str(db), "pegawai", "impor", str(csv)))
            fill_month(db, seed=i)
            csv.unlink()
        stores.append((kode, name, db))
    took = time.perf_counter() - start
    print(f"{len(stores)} stores, {n} pegawai, {MONTH}: built in {took:.1f} s", flush=True)
    return stores


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pegawai", type=int, default=5_000)
    ap.add_argument("--opd", type=int, default=50)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--folder", type=Path, help="build (and keep) the stores here")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        folder = a.folder or Path(d)
        folder.mkdir(parents=True, exist_ok=True)
        stores = build(folder, a.pegawai, a.opd)
        recaps, prov = folder / "rekap", folder / "provinsi"
        recaps.mkdir(exist_ok=True)
        json_t, export_t = [], []
        for kode, _, db in stores:
            out_json = ["--format", "json", "--keluar", str(recaps / f"{kode}.json"), "--timpa"]
            w, _ = run(kerja("--db", str(db), "rekap", "bulanan", "--bulan", MONTH, *out_json))
            json_t.append(w)
            to = ["--keluar", str(prov), "--kode", kode, "--timpa"]
            w, _ = run(kerja("--db", str(db), "ekspor", "parquet", "--bulan", MONTH, *to))
            export_t.append(w)
        spread(f"kerja rekap bulanan --format json, per store (x{len(stores)})", json_t)
        spread(f"kerja ekspor parquet, per store (x{len(stores)})", export_t, f"sum {sum(export_t):.1f} s")
        size = sum(f.stat().st_size for f in prov.rglob("*.parquet"))
        print(f"parquet: {size / 1e6:.1f} MB in {len(list(prov.rglob('*.parquet')))} files", flush=True)

        out = folder / "hasil"
        roll = [
            run([sys.executable, str(ROLLUP / "rollup.py"), str(prov), "--csv", str(out)])[0]
            for _ in range(a.runs)
        ]
        base = [run([sys.executable, "-c", BASELINE, str(recaps)])[0] for _ in range(a.runs)]
        spread(f"roll-up: examples/rollup/rollup.py, 3 queries (x{a.runs})", roll, "(target < 10 s)")
        spread(f"baseline: add the {len(stores)} recap JSON totals (x{a.runs})", base)

        # The check, to the Rupiah: DuckDB's rows against the stores' own recaps.
        sys.path.insert(0, str(ROLLUP))
        import rollup

        con = rollup.connect(prov)
        rel = rollup.query(con, "tpp_per_opd")
        got = {r[1]: dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()}
        want_total = dict.fromkeys(MONEY, 0)
        for kode, name, _ in stores:
            t = json.loads((recaps / f"{kode}.json").read_text(encoding="utf-8"))["total"]
            for k in MONEY:
                want_total[k] += t[k]
            if {k: got[name][k] for k in MONEY} != {k: t[k] for k in MONEY}:
                raise SystemExit(f"{name}: DuckDB {got[name]} != recap {t}")
        province_row = {k: got["JUMLAH PROVINSI"][k] for k in MONEY}
        baseline = json.loads(
            subprocess.run(
                [sys.executable, "-c", BASELINE, str(recaps)], check=True, capture_output=True, text=True
            ).stdout
        )
        if province_row != want_total or baseline != want_total:
            raise SystemExit(f"province: DuckDB {province_row} != recaps {want_total} (baseline {baseline})")
        print(
            f"check: {len(stores)} OPD rows and the province row equal the recap JSONs to the Rupiah "
            f"(TPP total Rp {want_total['tpp_total']:,})".replace(",", "."),
            flush=True,
        )


if __name__ == "__main__":
    main()
