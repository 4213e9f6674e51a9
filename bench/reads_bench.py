"""Issue 16 benchmark: one person's and one unit's answers at province size, and start-up.

    python bench/reads_bench.py [--pegawai 60000] [--runs 5] [--banding OTHER_KERJA ...]

Builds (once, kept under bench/data/reads-N/, git-ignored) a province store: bench/province.py
employees through `kerja pegawai impor`, a circular and `jadwal buat` for March 2021, then the
month's punches, statuses and activities written straight in (recap_bench.fill_month). Then times
whole `kerja` processes, min/median/max over --runs and the largest peak RSS:

- `rekap rincian NIP --bulan 2021-03 --json` and `kinerja daftar --nip NIP [--bulan] --json`
- `jadwal lihat --unit U` (one 40-person seksi, two weeks) and `presensi harian --unit U`
- `pegawai lihat NIP --json`, `kerja --help`, `presensi masuk NIP`

`--banding BIN` runs the same commands with another kerja executable (e.g. main's, or the
commit before this work) on its own copy of the store, printed beside this one; the store is
built with the first of them (the oldest schema), and a newer kerja migrates its copy once
before timing. The machine is shared: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import province  # noqa: E402
import recap_bench  # noqa: E402

MONTH = "2021-03"
DAY = "2021-03-10"
UNIT = "Dinas 25 > Bidang 2 > Seksi 3"
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
ENV = dict(os.environ, KERJA_SEKARANG="2021-03-31T07:20:00+07:00")


def timed(args: list[str], ok: tuple[int, ...] = (0,)) -> tuple[float, float, float]:
    """(wall seconds, peak RSS MiB, CPU seconds) of one process; fails loudly on an unexpected
    exit. CPU (user + system) is the steadier figure on a loaded machine."""
    t = time.perf_counter()
    p = subprocess.Popen(args, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        err = p.stderr.read().decode() if p.stderr else ""
        raise SystemExit(f"{' '.join(args)} failed ({code}): {err[-2000:]}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def build(folder: Path, n: int, kerja: str) -> Path:
    db = folder / "base.db"
    if db.exists():
        return db
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / "building.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    csv_path = province.write_csv(province.employees(n), folder / "pegawai.csv")
    (folder / "bench.toml").write_text(CIRCULAR, encoding="utf-8")
    for args in (
        ["init", "--instansi", "Provinsi Bench", "--zona", "WIB"],
        ["pegawai", "impor", str(csv_path)],
        ["kebijakan", "tambah", str(folder / "bench.toml")],
        ["jadwal", "buat", "--mulai", "2021-03-01", "--sampai", "2021-03-31"],
    ):
        timed([kerja, "--db", str(tmp), *args], ok=(0, 3))
    ev, st, ac = recap_bench.fill_month(tmp)
    print(f"store: {n} pegawai, {MONTH}: {ev} punches, {st} status days, {ac} activities")
    tmp.rename(db)
    return db


def people(db: Path) -> tuple[str, str]:
    """(a staff member of UNIT, another one for presensi masuk)."""
    import sqlite3

    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT p.nip FROM pegawai p JOIN unit u ON u.id = p.unit_id WHERE u.jalur = ? AND p.eselon IS NULL "
        "ORDER BY p.nip",
        (UNIT,),
    ).fetchall()
    conn.close()
    return rows[0][0], rows[1][0]


def commands(db: Path, nip: str, other: str) -> list[tuple[str, list[str]]]:
    d = ["--db", str(db)]
    return [
        ("rekap rincian NIP --bulan --json", [*d, "rekap", "rincian", nip, "--bulan", MONTH, "--json"]),
        (
            "kinerja daftar --nip NIP --bulan --json",
            [*d, "kinerja", "daftar", "--nip", nip, "--bulan", MONTH, "--json"],
        ),
        ("kinerja daftar --nip NIP --json", [*d, "kinerja", "daftar", "--nip", nip, "--json"]),
        (
            "jadwal lihat --unit U (2 weeks)",
            [*d, "jadwal", "lihat", "--unit", UNIT, "--mulai", "2021-03-01", "--sampai", "2021-03-12"],
        ),
        (
            "presensi harian --unit U --json",
            [*d, "presensi", "harian", "--unit", UNIT, "--tanggal", DAY, "--json"],
        ),
        ("pegawai lihat NIP --json", [*d, "pegawai", "lihat", nip, "--json"]),
        ("kerja --help", ["--help"]),
        ("presensi masuk NIP", [*d, "presensi", "masuk", other]),
    ]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pegawai", type=int, default=60_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--banding", action="append", default=[], help="another kerja executable to compare")
    ap.add_argument("--hanya", help="only the commands whose label contains this text")
    a = ap.parse_args()
    mine = str(Path(sys.executable).parent / "kerja")
    binaries = [*a.banding, mine]
    folder = HERE / "data" / f"reads-{a.pegawai}"
    if not (folder / "base.db").exists():
        build(folder, a.pegawai, binaries[0])
        # Linux carries a process's peak RSS into its children's ru_maxrss: measured from the
        # building process, every command would show the builder's 700 MiB. Start afresh.
        os.execv(sys.executable, [sys.executable, *sys.argv])
    base = build(folder, a.pegawai, binaries[0])
    nip, other = people(base)
    stores = []
    for k, binary in enumerate(binaries):
        db = folder / f"run-{k}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        for old in folder.glob(f"run-{k}.db.bak*"):
            old.unlink()
        shutil.copy(base, db)
        timed([binary, "--db", str(db), "pegawai", "lihat", nip])  # migrates a copy once
        stores.append(db)
    print(f"load average before: {os.getloadavg()[0]:.2f} (2 cores, shared machine); runs {a.runs}")
    print(f"{'':40} " + "  ".join(f"{'wall min/median/max, CPU median, peak RSS':>50}" for _ in binaries))
    print(f"{'':40} " + "  ".join(f"{'[' + Path(b).parent.parent.parent.name + ']':>50}" for b in binaries))
    labels = [lbl for lbl, _ in commands(stores[0], nip, other)]
    for i, label in enumerate(labels):
        if a.hanya and a.hanya not in label:
            continue
        argv = [
            [binary, *commands(db, nip, other)[i][1]] for binary, db in zip(binaries, stores, strict=True)
        ]
        for args in argv:
            timed(args)  # warm: bytecode caches, the OS page cache
        # Interleaved (one run of each binary, then again): a change of load hits both alike.
        results: list[list[tuple[float, float, float]]] = [[] for _ in argv]
        for _ in range(a.runs):
            for k, args in enumerate(argv):
                results[k].append(timed(args))
        cells = []
        for rs in results:
            walls = [r[0] * 1000 for r in rs]
            cpu = statistics.median(r[2] * 1000 for r in rs)
            cells.append(
                f"{min(walls):6.0f} /{statistics.median(walls):6.0f} /{max(walls):6.0f} ms "
                f"cpu {cpu:5.0f} ms {max(r[1] for r in rs):5.0f} MiB"
            )
        print(f"{label:40} " + "  ".join(f"{c:>50}" for c in cells), flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
