"""`kerja init` is atomic: killed or failing at any moment, it leaves no file or a complete store,
never an empty one that every later command (init included) refuses."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from hostile_data import leftovers

pytestmark = pytest.mark.hostile


def complete(path) -> bool:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT nilai FROM meta WHERE kunci = 'instansi'").fetchone() == ("Dinas Uji",)
    finally:
        conn.close()


def test_failing_init_leaves_no_file(kerja, db_path, tmp_path, monkeypatch):
    from kerja.store import audit

    def broken(*a, **k):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(audit, "record", broken)
        kerja("init", "--instansi", "Dinas Uji", code=1)
    assert not db_path.exists() and leftovers(tmp_path) == []
    kerja("init", "--instansi", "Dinas Uji")
    assert complete(db_path)


def test_killed_init_leaves_no_file_or_a_complete_store(tmp_path):
    """Killed the moment any file of it appears in the folder (and a little later): the store's
    name then holds nothing or a complete store."""
    db = tmp_path / "k.db"
    for i in range(10):
        p = subprocess.Popen(
            [sys.executable, "-m", "kerja", "--db", str(db), "init", "--instansi", "Dinas Uji"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while not any(tmp_path.iterdir()) and time.monotonic() < deadline and p.poll() is None:
            time.sleep(0.0005)
        time.sleep(0.002 * (i % 5))
        p.send_signal(signal.SIGKILL)
        p.wait()
        if db.exists():
            assert complete(db), f"kill {i} left an incomplete store"
            db.unlink()
        # Whatever the kill left, the next init works and cleans up after the killed one.
        r = subprocess.run(
            [sys.executable, "-m", "kerja", "--db", str(db), "init", "--instansi", "Dinas Uji"],
            capture_output=True,
            text=True,
        )
        assert r.returncode == 0, r.stderr
        assert complete(db) and leftovers(tmp_path) == []
        db.unlink()


def test_empty_file_left_by_an_older_kerja_is_replaced(kerja, db_path):
    db_path.write_bytes(b"")
    kerja("init", "--instansi", "Dinas Uji")
    assert complete(db_path)
