"""kerja's roster generator against CP-SAT (OR-Tools) on the same rules (issue 3, performance 2).

One OPD of 300 or 1,200 people for a month of 22 working days: leaders in the office, every leaf
unit covered, 25% WFO, over-55s and pregnant staff at home, some leave. Both solvers get exactly
the same problem: the on-duty sets, mandatory WFH, targets, leaders and coverage needs that
kerja.domain.roster derives (rules 1-5 of SPEC §6); CP-SAT then chooses the rotation picks
minimising the largest |WFO days - fair share| (integer model, shares scaled by 10^4).

    pip install -e '.[bench]'
    python bench/cpsat_compare.py [--seeds 20] [--limit 60] [--workers 2] [--sizes 300 1200]

Printed per instance: wall time, largest deviation, people a day or more off their share,
violations, for kerja and CP-SAT; then a summary per size and variant. The machine is shared:
timings are a little noisy.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "src"))

from kerja.domain import roster as dom  # noqa: E402
from kerja.domain.circulars import parse  # noqa: E402

START = date(2021, 3, 1)
HOLIDAYS = {date(2021, 3, 11)}  # Isra Mikraj: March 2021 then has 22 working days
EPS = 1e-9
SCALE = 10_000


def working_days() -> list[date]:
    out, d = [], START
    while d.month == 3:
        if d.weekday() < 5 and d not in HOLIDAYS:
            out.append(d)
        d += timedelta(days=1)
    return out


def instance(n: int, seed: int, lacking: float) -> dom.Inputs:
    """One OPD: head, bidang heads, seksi heads and staff; `lacking` of seksi have no head."""
    rng = random.Random(seed * 1000 + n + int(lacking * 100))
    days = working_days()
    units = {1: dom.Unit(1, "Dinas", False)}
    people: list[dom.Person] = []
    statuses: list[tuple[str, date, date]] = []
    conditions: list[dom.Condition] = []

    def add(unit: int, leader: bool) -> None:
        nip = f"{len(people) + 1:05d}"
        old = rng.random() < 0.08
        born = (
            date(1960 + rng.randrange(6), 1 + rng.randrange(12), 1)
            if old
            else date(1970 + rng.randrange(30), 1 + rng.randrange(12), 1 + rng.randrange(28))
        )
        people.append(dom.Person(nip, unit, 1, leader, born))
        if rng.random() < (0.1 if leader else 0.15):  # leave, a seksi head's is short
            a = rng.randrange(len(days))
            b = min(len(days) - 1, a + rng.randrange(2 if leader else 5))
            statuses.append((nip, days[a], days[b]))
        if not leader and rng.random() < 0.02:
            conditions.append(dom.Condition(nip, "hamil", START - timedelta(days=30), None))

    add(1, True)
    bidang = max(2, n // 150)
    seksi_sizes: list[int] = []
    left = n - 1 - bidang
    while left > 0:
        size = min(left, rng.randint(5, 14))
        seksi_sizes.append(size)
        left -= size
    for b in range(bidang):
        units[2 + b] = dom.Unit(2 + b, f"Dinas > Bidang {b + 1}", False)
        add(2 + b, True)
    lacking_ids = set(rng.sample(range(len(seksi_sizes)), round(lacking * len(seksi_sizes))))
    for s, size in enumerate(seksi_sizes):
        uid = len(units) + 1
        units[uid] = dom.Unit(uid, f"Dinas > Bidang {s % bidang + 1} > Seksi {s + 1}", True)
        for k in range(size):
            add(uid, k == 0 and s not in lacking_ids)
    c = parse(
        {
            "nama": "se",
            "mulai": days[0],
            "sampai": days[-1],
            "kuota": {"wfo_persen": 25},
            "wfh_wajib": {"usia_min": 55, "hamil": True},
        }
    )
    return dom.Inputs(people, units, [dom.Day(d, c) for d in days], conditions, statuses)


def metrics(fair: dict) -> tuple[float, int]:  # type: ignore[type-arg]
    devs = [abs(x - f) for x, f in fair.values()]
    return max(devs, default=0.0), sum(1 for v in devs if v >= 1 - EPS)


def run_kerja(inp: dom.Inputs) -> tuple[float, float, int, int, dom.Result]:
    t = time.perf_counter()
    res = dom.build(inp)
    wall = time.perf_counter() - t
    worst, off = metrics(res.fair)
    return wall, worst, off, len(res.violations), res


def run_cpsat(inp: dom.Inputs, res: dom.Result, limit: float, workers: int):  # type: ignore[no-untyped-def]
    """The rotation picks by CP-SAT over the same derived problem; metrics like run_kerja."""
    from ortools.sat.python import cp_model

    c = inp.days[0].circular
    members = list(range(len(inp.people)))  # one OPD: one quota group
    rules = dom.Rules(inp.people, inp.conditions, inp.statuses)
    g = dom._Group(c, inp.days, members, inp.people, inp.units, rules, {}, res.codes)
    t = time.perf_counter()
    m = cp_model.CpModel()
    x: dict[tuple[int, int], object] = {}
    for k in range(len(inp.days)):
        free = [j for j in range(g.n) if g.free[k][j]]
        for j in free:
            x[(k, j)] = m.NewBoolVar(f"x{k}_{j}")
        m.Add(sum(x[(k, j)] for j in free) == g.picks[k])
        for u, need in g.cov_need[k].items():
            m.Add(sum(x[(k, j)] for j in free if g.unit_of[j] == u) >= need)
    z = m.NewIntVar(0, SCALE * len(inp.days), "z")
    for j in range(g.n):
        if not g.in_rotation[j]:
            continue
        total = sum(v for (k, jj), v in x.items() if jj == j)
        F = round(g.share[j] * SCALE)
        m.Add(SCALE * total - F <= z)
        m.Add(F - SCALE * total <= z)
    m.Minimize(z)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = 0
    status = solver.Solve(m)
    wall = time.perf_counter() - t
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return wall, float("nan"), -1, -1, solver.StatusName(status)
    cells = [list(row) for row in res.cells]
    wfo = {j: 0 for j in range(g.n)}
    for (k, j), v in x.items():
        picked = solver.Value(v)
        cells[k][j] = dom.ROTASI if picked else dom.ROTASI_WFH
        wfo[j] += picked
    fair = {j: (wfo[j], g.share[j]) for j in range(g.n) if g.in_rotation[j]}
    other = dom.Result(res.codes, res.days, cells, [], fair)
    worst, off = metrics(fair)
    return wall, worst, off, len(dom.check(inp, other)), solver.StatusName(status)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=20)
    ap.add_argument("--limit", type=float, default=60.0, help="CP-SAT time limit, seconds")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sizes", type=int, nargs="+", default=[300, 1200])
    ap.add_argument("--kerja-only", action="store_true", help="time kerja alone (median of 3 runs)")
    a = ap.parse_args()
    if a.kerja_only:
        for n in a.sizes:
            for lacking in (0.0, 0.1):
                walls, worst, off = [], 0.0, 0
                for seed in range(a.seeds):
                    inp = instance(n, seed, lacking)
                    runs = [run_kerja(inp) for _ in range(3)]
                    walls.append(statistics.median(r[0] for r in runs))
                    worst, off = max(worst, runs[0][1]), off + runs[0][2]
                med = statistics.median(walls) * 1000
                print(
                    f"{n:>5} people, {lacking:.0%} lacking: kerja median {med:.1f} ms, slowest seed "
                    f"{max(walls) * 1000:.1f} ms; max dev {worst:.2f}; >=1 off {off}"
                )
        return
    print(f"CP-SAT: {a.workers} workers, {a.limit:g} s limit; {a.seeds} seeds per size and variant")
    print(
        f"{'size':>5} {'lack':>4} {'seed':>4} | {'kerja ms':>8} {'max':>6} {'>=1':>4} {'viol':>4} | "
        f"{'cpsat s':>7} {'max':>6} {'>=1':>4} {'viol':>4} {'status':>8}"
    )
    summary = []
    for n in a.sizes:
        for lacking in (0.0, 0.1):
            rows = []
            for seed in range(a.seeds):
                inp = instance(n, seed, lacking)
                kw, kmax, koff, kviol, res = run_kerja(inp)
                cw, cmax, coff, cviol, status = run_cpsat(inp, res, a.limit, a.workers)
                rows.append((kw, kmax, koff, cw, cmax, coff))
                print(
                    f"{n:>5} {lacking:>4.0%} {seed:>4} | {kw * 1000:>8.1f} {kmax:>6.3f} {koff:>4} "
                    f"{kviol:>4} | {cw:>7.2f} {cmax:>6.3f} {coff:>4} {cviol:>4} {status:>8}",
                    flush=True,
                )
            not_worse = sum(1 for r in rows if r[1] <= r[4] + 1e-6)
            fewer = sum(1 for r in rows if r[2] <= r[5])
            summary.append(
                f"{n:>5} people, {lacking:.0%} units lacking a leader: kerja max dev <= CP-SAT on "
                f"{not_worse}/{len(rows)} seeds, people >=1 day off <= CP-SAT on {fewer}/{len(rows)}; "
                f"median wall kerja {statistics.median(r[0] for r in rows) * 1000:.0f} ms, "
                f"CP-SAT {statistics.median(r[3] for r in rows):.1f} s; max dev kerja "
                f"{max(r[1] for r in rows):.2f} / CP-SAT {max(r[4] for r in rows):.2f} (worst seed); "
                f"people >=1 off kerja {sum(r[2] for r in rows)} / "
                f"CP-SAT {sum(r[5] for r in rows)} (all seeds)"
            )
    print()
    print("\n".join(summary))


if __name__ == "__main__":
    main()
