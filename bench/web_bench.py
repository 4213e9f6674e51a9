"""`kerja layan` at the morning peak (issue 14): prints its figures, asserts nothing.

    flock /work/bench.lock python bench/web_bench.py [--pegawai 60000] [--klien 2000]
        [--bersamaan 50] [--runs 3] [--adms 10000] [--cli 30] [--work DIR]

A kept --work folder is reused by the next run with the same --pegawai/--klien (no rebuild).

1. A province of --pegawai employees (bench/province.py) in a fresh store; --klien of them get a
   web account (one argon2id hash shared by all, written straight into the store: the bench is
   about check-ins, not about `akun buat`); a registered ADMS machine.
2. `kerja layan` as a subprocess on a free loopback port (the real server, its request log on).
   Each of the --klien employees logs in once through POST /api/masuk (timed, but not the point).
3. Each run on a fresh copy of that store (sessions included): --bersamaan threads, each with a
   kept-alive HTTP connection, send the --klien check-ins (POST /api/presensi with the session
   cookie and X-Kerja-CSRF) as fast as the server answers. Per run: errors, events stored (must
   equal --klien: 0 lost), p50/p95/max latency, throughput. Printed as min/median/max of runs.
4. Beside it: --cli `kerja presensi masuk NIP` processes one after another (what the clerk's
   machine does per person), per-call wall time min/median/max, and what --klien of them cost.
5. One ADMS push: POST /iclock/cdata?SN=..&table=ATTLOG with --adms lines, wall time until
   "OK: n", and the punches stored; min/median/max of runs (target < 3 s).
Targets (issue 14): p95 < 300 ms, >= 100 check-ins/s on the shared 2-core machine.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
KERJA = [sys.executable, "-m", "kerja"]
DAY = "2021-03-03"  # a Wednesday
NOW = f"{DAY}T07:25:00+07:00"  # the morning peak, before the 07:30 start
SN = "BENCH0001"
SANDI = "bench-sandi-yang-panjang"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def sh(args: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    p = subprocess.run(args, env=env, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return time.perf_counter() - t


class Server:
    """`kerja layan` over `db`, started and stopped with SIGTERM like systemd does."""

    def __init__(self, db: Path, env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        self._log = log.open("wb")
        t = time.perf_counter()
        self.proc = subprocess.Popen(
            [*KERJA, "--db", str(db), "layan", "--port", str(self.port)],
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        while True:
            if self.proc.poll() is not None:
                raise SystemExit(f"kerja layan exited {self.proc.returncode}; see {log}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.02)
        self.started = time.perf_counter() - t

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(30)
        self._log.close()
        return code


def post(conn: http.client.HTTPConnection, path: str, body: bytes, headers: dict[str, str]) -> tuple:
    conn.request("POST", path, body=body, headers=headers)
    r = conn.getresponse()
    return r.status, r.getheader("Set-Cookie"), r.read()


def pool(port: int, jobs: list, work, threads: int) -> tuple[list[float], list[str], float]:  # type: ignore[no-untyped-def]
    """Run work(conn, job) for every job on `threads` threads, each with its own kept-alive
    connection: (latencies s, errors, wall s)."""
    todo: queue.SimpleQueue = queue.SimpleQueue()
    for j in jobs:
        todo.put(j)
    lat: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    go = threading.Event()

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        go.wait()
        mine: list[float] = []
        bad: list[str] = []
        while True:
            try:
                job = todo.get_nowait()
            except queue.Empty:
                break
            t = time.perf_counter()
            try:
                err = work(conn, job)
            except (OSError, http.client.HTTPException) as e:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                err = f"{type(e).__name__}: {e}"
            mine.append(time.perf_counter() - t)
            if err:
                bad.append(err)
        conn.close()
        with lock:
            lat.extend(mine)
            errors.extend(bad)

    ts = [threading.Thread(target=worker) for _ in range(threads)]
    for t in ts:
        t.start()
    t0 = time.perf_counter()
    go.set()
    for t in ts:
        t.join()
    return lat, errors, time.perf_counter() - t0


def pct(xs: list[float], p: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def mmm(xs: list[float], fmt: str = "{:.0f}") -> str:
    return " / ".join(fmt.format(x) for x in (min(xs), statistics.median(xs), max(xs)))


def setup(work: Path, a: argparse.Namespace, env: dict[str, str]) -> tuple[Path, list[dict], list[str]]:
    import province
    from kerja.services import akun
    from kerja.store import accounts
    from kerja.store.db import connect, transaction

    base = work / "base.db"
    rows = province.employees(a.pegawai)
    staff = [r for r in rows if r["PIN"]]
    mark = work / "setup.json"
    wanted = {"pegawai": a.pegawai, "klien": a.klien}
    if (
        base.exists()
        and (work / "sesi.json").exists()
        and mark.exists()
        and json.loads(mark.read_text()) == wanted
    ):
        # A kept --work folder: the same province and logins as last time (the setup takes minutes).
        print(f"setup: reusing {base} and its {a.klien:,} sessions")
        return base, staff[: a.klien], [r["PIN"] for r in staff]
    for suffix in ("", "-wal", "-shm"):
        Path(f"{base}{suffix}").unlink(missing_ok=True)
    province.write_csv(rows, work / "pegawai.csv")
    sh([*KERJA, "--db", str(base), "init", "--instansi", "Provinsi Bench", "--zona", "WIB"], env)
    t = sh([*KERJA, "--db", str(base), "pegawai", "impor", str(work / "pegawai.csv")], env)
    print(f"setup: {len(rows):,} employees imported in {t:.1f} s")
    conn = connect(base)
    unit = conn.execute("SELECT jalur FROM unit WHERE tingkat = 1 ORDER BY jalur").fetchone()[0]
    conn.close()
    sh([*KERJA, "--db", str(base), "mesin", "tambah", SN, "--unit", unit], env)
    people = staff[: a.klien]
    hashed = akun._hash(SANDI)  # one hash for all: the bench times check-ins, not argon2
    conn = connect(base)
    with transaction(conn):
        for r in people:
            accounts.insert(conn, r["NIP"], "pegawai", hashed, NOW)
            accounts.set_password(conn, r["NIP"], hashed, sekali=False, pada=NOW)
    conn.close()
    # Logging in: once per employee, through the API, on the base store (sessions are kept).
    server = Server(base, env, work / "layan-login.log")
    sessions: list[tuple[str, str]] = []

    def login(conn: http.client.HTTPConnection, nip: str) -> str | None:
        body = json.dumps({"nip": nip, "sandi": SANDI}).encode()
        status, cookie, data = post(conn, "/api/masuk", body, {"Content-Type": "application/json"})
        if status != 200:
            return f"login {nip}: {status} {data[:200]!r}"
        sessions.append((cookie.split(";")[0], json.loads(data)["csrf"]))
        return None

    lat, errors, wall = pool(server.port, [r["NIP"] for r in people], login, a.bersamaan)
    server.stop()
    print(
        f"setup: `kerja layan` up in {server.started:.2f} s; {len(sessions):,} logins in {wall:.1f} s "
        f"({len(sessions) / wall:.0f}/s, argon2id verify, p50 {pct(lat, 50) * 1000:.0f} ms), "
        f"{len(errors)} errors"
    )
    if errors:
        raise SystemExit(f"logins failed: {errors[:3]}")
    (work / "sesi.json").write_text(json.dumps(sessions))
    mark.write_text(json.dumps(wanted))
    pins = [r["PIN"] for r in staff]
    return base, people, pins


def attlog(pins: list[str], n: int) -> bytes:
    """n punch lines as a machine pushes them: tab-separated, in time order; a morning and an
    afternoon punch per PIN on the day before the bench's day (a machine emptying its backlog)."""
    day = "2021-03-02"
    lines: list[str] = []
    per = (n + 1) // 2
    for i, pin in enumerate((pins * (per // max(len(pins), 1) + 1))[:per]):
        s = 7 * 3600 + (i * 7) % 3600
        lines.append(f"{pin}\t{day} {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}\t0\t1\t0\t0")
    for i, pin in enumerate((pins * (per // max(len(pins), 1) + 1))[:per]):
        s = 16 * 3600 + (i * 11) % 3600
        lines.append(f"{pin}\t{day} {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}\t1\t1\t0\t0")
    return ("\n".join(lines[:n]) + "\n").encode()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pegawai", type=int, default=60_000)
    ap.add_argument("--klien", type=int, default=2_000, help="employees checking in (one request each)")
    ap.add_argument("--bersamaan", type=int, default=50, help="concurrent HTTP clients")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--adms", type=int, default=10_000, help="ATTLOG lines in the one push")
    ap.add_argument("--cli", type=int, default=30, help="`kerja presensi masuk` processes timed")
    ap.add_argument("--work", type=Path, help="work folder (kept); default a temporary one, removed")
    a = ap.parse_args()
    work = a.work or Path(tempfile.mkdtemp(prefix="kerja-web-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, KERJA_SEKARANG=NOW)
    env.pop("KERJA_DB", None)
    print(
        f"web bench: {a.pegawai:,} employees, {a.klien:,} check-ins from {a.bersamaan} clients, "
        f"{a.runs} runs; ADMS push of {a.adms:,} lines; work dir {work}"
    )
    print(f"({os.cpu_count()} cores shared with other jobs: figures are under load and noisy)")
    try:
        base, people, pins = setup(work, a, env)
        sessions = json.loads((work / "sesi.json").read_text())
        body = attlog(pins, a.adms)
        p50s, p95s, maxs, rates, lost_all, err_all, push_s, push_rows = [], [], [], [], [], [], [], []
        for run in range(a.runs):
            db = work / "run.db"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            shutil.copy(base, db)
            server = Server(db, env, work / f"layan-{run}.log")

            def check_in(conn: http.client.HTTPConnection, s: list[str]) -> str | None:
                headers = {"Content-Type": "application/json", "Cookie": s[0], "X-Kerja-CSRF": s[1]}
                status, _, data = post(conn, "/api/presensi", b'{"jenis": "masuk"}', headers)
                return None if status == 201 else f"{status} {data[:200]!r}"

            lat, errors, wall = pool(server.port, sessions, check_in, a.bersamaan)
            c = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
            t = time.perf_counter()
            status, _, answer = post(c, f"/iclock/cdata?SN={SN}&table=ATTLOG", body, {})
            push = time.perf_counter() - t
            c.close()
            code = server.stop()
            conn = sqlite3.connect(db)
            stored = conn.execute(
                "SELECT count(*) FROM presensi WHERE sumber = 'web' AND tanggal = ?", (DAY,)
            ).fetchone()[0]
            mesin = conn.execute("SELECT count(*) FROM presensi WHERE sumber = 'mesin'").fetchone()[0]
            conn.close()
            p50s.append(pct(lat, 50) * 1000)
            p95s.append(pct(lat, 95) * 1000)
            maxs.append(max(lat) * 1000)
            rates.append(len(lat) / wall)
            lost_all.append(len(sessions) - len(errors) - stored)
            err_all.append(len(errors))
            push_s.append(push)
            push_rows.append(mesin)
            print(
                f"run {run + 1}: {len(lat):,} check-ins in {wall:.1f} s = {rates[-1]:.0f}/s, "
                f"p50 {p50s[-1]:.0f} ms, p95 {p95s[-1]:.0f} ms, max {maxs[-1]:.0f} ms, "
                f"{len(errors)} errors{' e.g. ' + errors[0] if errors else ''}, {stored:,} stored; "
                f"ADMS {a.adms:,} lines {push:.2f} s -> {status} {answer.decode()[:40]!r}, "
                f"{mesin:,} punches stored; exit {code} on SIGTERM"
            )

        # The CLI beside it: one `presensi masuk` process per person, one after another.
        db = work / "cli.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        shutil.copy(base, db)
        cli = [
            sh([*KERJA, "--db", str(db), "presensi", "masuk", r["NIP"]], env) * 1000 for r in people[: a.cli]
        ]
        print()
        print(f"{'':<46}{'min / median / max':>24}")
        print(f"{'check-ins/s over HTTP (target >= 100)':<46}{mmm(rates):>24}")
        print(f"{'p50 latency ms':<46}{mmm(p50s):>24}")
        print(f"{'p95 latency ms (target < 300)':<46}{mmm(p95s):>24}")
        print(f"{'max latency ms':<46}{mmm(maxs):>24}")
        print(f"{'errors, lost events (target 0, 0)':<46}{max(err_all):>12}{max(lost_all):>12}")
        label = f"ADMS push of {a.adms:,} lines s (target < 3)"
        print(f"{label:<46}{mmm(push_s, '{:.2f}'):>24}")
        print(f"{'  punches stored':<46}{mmm([float(x) for x in push_rows], '{:,.0f}'):>24}")
        print(f"{'baseline: CLI presensi masuk, ms per process':<46}{mmm(cli):>24}")
        per = statistics.median(cli) / 1000
        print(
            f"{'  ' + format(a.klien, ',') + ' such processes one after another s':<46}{a.klien * per:>24.0f}"
            f"   ({1 / per:.1f}/s; median x {a.klien:,}; {a.cli} timed)"
        )
        print(f"{'  HTTP speed-up over the CLI (median)':<46}{statistics.median(rates) * per:>23.0f}x")
    finally:
        if a.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
