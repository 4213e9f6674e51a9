"""Many processes open a store that needs a migration at the same moment: one migrates, the others
wait and then open the migrated file, and the backup beside it is a whole copy of the old version.

The store is made by this kerja (the current schema); each child process then registers one extra,
test-only schema step before it runs `kerja pegawai daftar --json`, so to it the store is one
version old. The step is slow on purpose, to hold the migration open while the others arrive.
Before the fix 31 of 72 such processes failed ("locked", "malformed", "disk I/O error") and some
backups were empty or already migrated."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time

import pytest

from hostile_data import leftovers, mode

pytestmark = pytest.mark.hostile

PROCESSES = 24
PEOPLE = 40
STEP_RUNS = "SELECT count(*) FROM _sqlite_migrations WHERE name = 'm999_uji_catatan'"

CHILD = """
import runpy, sys, time
from pathlib import Path
import kerja.store.migrations as m

def m999_uji_catatan(db):
    time.sleep(0.5)  # a slow step: the others arrive while it runs
    db["pegawai"].add_column("catatan_uji", str)
    db.execute("UPDATE pegawai SET catatan_uji = 'sesudah'")

m.step(m999_uji_catatan)
go = Path(sys.argv[1])
while not go.exists():
    time.sleep(0.002)
sys.argv = ["kerja", *sys.argv[2:]]
runpy.run_module("kerja", run_name="__main__")
"""


def test_concurrent_first_opens_migrate_once(kerja, store, tmp_path):
    from kerja.store.migrations import version

    old = version()
    rows = ["NIP;Nama;Status;Unit"] + [f"P{i:07d};Pegawai {i};NON-ASN;Dinas {i % 3}" for i in range(PEOPLE)]
    f = tmp_path / "p.csv"
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    kerja("pegawai", "impor", f)

    go = tmp_path / "mulai"
    env = dict(os.environ, KERJA_DB=str(store))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, str(go), "pegawai", "daftar", "--json"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    time.sleep(1.5)  # every child is waiting at the start line (their imports are done)
    go.touch()
    results = [(p.communicate(timeout=300), p.returncode) for p in procs]
    failed = [err for (_out, err), code in results if code != 0]
    assert not failed, failed
    for (out, _err), _code in results:
        assert len(json.loads(out)) == PEOPLE  # every one saw the whole list

    conn = sqlite3.connect(store)
    # Migrated once: version old + 1 (the one extra step), the step recorded once.
    assert conn.execute("PRAGMA user_version").fetchone()[0] == old + 1
    assert conn.execute(STEP_RUNS).fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM pegawai WHERE catatan_uji = 'sesudah'").fetchone()[0] == PEOPLE
    conn.close()

    # Exactly one backup, named for the old version, private, whole and of the old version.
    backups = sorted(p.name for p in tmp_path.iterdir() if ".bak-v" in p.name)
    assert backups == [f"kerja.db.bak-v{old}"], backups
    backup = tmp_path / backups[0]
    assert mode(backup) == 0o600
    b = sqlite3.connect(backup)
    assert b.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert b.execute("PRAGMA user_version").fetchone()[0] == old
    assert b.execute("SELECT count(*) FROM pegawai").fetchone()[0] == PEOPLE
    assert "catatan_uji" not in [r[1] for r in b.execute("PRAGMA table_info(pegawai)")]
    assert b.execute(STEP_RUNS).fetchone()[0] == 0
    assert b.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file, no -wal needed
    b.close()
    assert leftovers(tmp_path) == []
