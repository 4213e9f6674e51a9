"""A check-in during a large machine import waits for one short transaction, not the whole file
(the loose bound the issue asks for: 2 s beyond an idle check-in; bench/import_wait_bench.py
prints the figures for the province's 2.6 million punches)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from helpers import write_attlog

pytestmark = pytest.mark.hostile

CLERK = "197001011990031001"
PEOPLE = 3000


def test_checkin_during_a_large_import(kerja, store, tmp_path):
    rows = ["NIP;Nama;Status;Unit;PIN", f"{CLERK};Petugas;PNS;Dinas 0;"]
    rows += [f"P{i:07d};Pegawai {i};NON-ASN;Dinas {i % 5} > Bidang {i % 40};{i + 1}" for i in range(PEOPLE)]
    f = tmp_path / "p.csv"
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    kerja("pegawai", "impor", f)
    from datetime import date, timedelta

    days = [d for d in (date(2021, 3, 1) + timedelta(i) for i in range(31)) if d.weekday() < 5]
    attlog = tmp_path / "1_attlog.dat"
    write_attlog(attlog, [str(i + 1) for i in range(PEOPLE)], days)  # ~140,000 punches
    env = dict(os.environ, KERJA_DB=str(store))
    cmd = [sys.executable, "-m", "kerja"]

    def checkin() -> float:
        t = time.perf_counter()
        r = subprocess.run([*cmd, "presensi", "masuk", CLERK], env=env, capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        return time.perf_counter() - t

    idle = max(checkin() for _ in range(2))
    imp = subprocess.Popen(
        [*cmd, "presensi", "impor", str(attlog)], env=env, stderr=subprocess.PIPE, text=True
    )
    waits = []
    while imp.poll() is None:
        waits.append(checkin())
    _out, err = imp.communicate()
    assert imp.returncode == 0, err
    assert waits, "the import ended before a check-in could run beside it"
    # Loose: the machine is shared; an idle check-in's own time is allowed on top.
    assert max(waits) <= idle + 2.0, (idle, waits)
