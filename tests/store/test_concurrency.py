"""Many processes on one file: no 'database is locked', and a killed import changes nothing."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from helpers import employees, write_csv


def _kerja(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kerja", "--db", str(db), *args], capture_output=True, text=True
    )


@pytest.fixture
def small_store(tmp_path):
    db = tmp_path / "k.db"
    rows = employees(200, units=12)
    assert _kerja(db, "init").returncode == 0
    r = _kerja(db, "pegawai", "impor", str(write_csv(rows, tmp_path / "p.csv")))
    assert r.returncode == 0, r.stderr
    return db, rows


def test_four_processes_change_employees_at_once(small_store, tmp_path):
    db, rows = small_store
    script = textwrap.dedent(
        """
        import sys
        from kerja.cli.app import app
        db, nip, worker = sys.argv[1], sys.argv[2], sys.argv[3]
        for i in range(25):
            try:
                app(["--db", db, "pegawai", "ubah", nip, "--tpp", str(1000000 + i),
                     "--alasan", f"uji {worker}-{i}"], standalone_mode=False)
            except SystemExit as e:
                if e.code:
                    raise
        """
    )
    nips = [r["NIP"] for r in rows[-4:]]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(db), nip, str(w)], stderr=subprocess.PIPE, text=True
        )
        for w, nip in enumerate(nips)
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), errors
    assert not any("locked" in e for e in errors)
    conn = sqlite3.connect(db)
    n = conn.execute("SELECT count(*) FROM audit WHERE aksi = 'pegawai.ubah' AND alasan LIKE 'uji %'")
    assert n.fetchone()[0] == 100


def test_killed_import_leaves_store_as_it_was(tmp_path):
    db = tmp_path / "k.db"
    assert _kerja(db, "init").returncode == 0
    small = [r | {"PIN": f"k{r['PIN']}"} for r in employees(50, units=5, seed=2)]
    assert _kerja(db, "pegawai", "impor", str(write_csv(small, tmp_path / "a.csv"))).returncode == 0
    big = employees(60_000, units=1_500, seed=3)
    f = write_csv(big, tmp_path / "b.csv")
    wal = Path(str(db) + "-wal")
    p = subprocess.Popen(
        [sys.executable, "-m", "kerja", "--db", str(db), "pegawai", "impor", str(f)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # The write transaction has begun once the WAL grows past the little a read leaves behind.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and p.poll() is None:
        if wal.exists() and wal.stat().st_size > 2_000_000:
            break
        time.sleep(0.005)
    assert p.poll() is None, "the import finished before it could be killed"
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM pegawai").fetchone()[0] == 50
    # The audit as the first import left it: its one row for the file, naming its 50 people.
    imports = conn.execute("SELECT sesudah FROM audit WHERE aksi = 'pegawai.impor'").fetchall()
    assert [len(json.loads(r[0])["ditambah"]) for r in imports] == [50]
