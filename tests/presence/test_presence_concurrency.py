"""Many clerks and kiosks at once: 8 processes x 25 `presensi masuk` -> 200 events, no error."""

from __future__ import annotations

import os
import subprocess
import sys

from presence_data import A, B, C, sql

# Each check-in at its own minute (process p, round i: 06:00 + 25p + i minutes): an identical
# check-in within a minute of another is one tap recorded once (issue 10), not 200 events.
LOOP = """
import os, sys
from kerja.cli.app import app
nip, p = sys.argv[1], int(sys.argv[2])
for i in range(25):
    m = 25 * p + i
    os.environ["KERJA_SEKARANG"] = f"2021-02-01T{6 + m // 60:02d}:{m % 60:02d}:00+07:00"
    try:
        app(["presensi", "masuk", nip], standalone_mode=False)
    except SystemExit as e:
        if e.code:
            raise
"""


def test_eight_processes_check_in_at_once(dinas, monkeypatch):
    env = dict(os.environ, KERJA_DB=str(dinas), KERJA_SEKARANG="2021-02-01T07:20:00+07:00")
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", LOOP, (A, B, C)[i % 3], str(i)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(8)
    ]
    results = [p.communicate(timeout=60) + (p.returncode,) for p in procs]
    for out, err, code in results:
        assert code == 0, err
        assert "Galat" not in err and "locked" not in err
        assert out.count("Masuk ") == 25
    assert sql(dinas, "SELECT count(*) FROM presensi") == [(200,)]
    assert sql(dinas, "SELECT count(*) FROM audit WHERE aksi = 'presensi.masuk'") == [(200,)]
