"""`jadwal ekspor` names, for each day, the unit the person was in that day (issue 10 item 1: every
reader uses the facts in force on the day it looks at), and `--unit` keeps the days they were in it.

Roster of the Kutai Kartanegara preset (tests/roster_fixture.py), 27 January - 9 February 2021;
one Seksi A1 staff member moves to Seksi A2 from 1 February.
"""

from __future__ import annotations

import json

from roster_fixture import setup, staff_a1

A1 = "Dinas Uji > Bidang A > Seksi A1"
A2 = "Dinas Uji > Bidang A > Seksi A2"
BEFORE = ["2021-01-27", "2021-01-28", "2021-01-29"]
FROM = ["2021-02-01", "2021-02-02", "2021-02-03", "2021-02-04", "2021-02-05", "2021-02-08", "2021-02-09"]


def exported(kerja, *args):
    return json.loads(kerja("jadwal", "ekspor", "--format", "json", *args).stdout)


def test_each_exported_day_carries_the_unit_in_force_that_day(kerja, tmp_path, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-01-20T08:00:00+08:00")
    setup(kerja, tmp_path)
    mover = staff_a1()[0]
    kerja("pegawai", "ubah", mover, "--unit", A2, "--mulai", "2021-02-01", "--alasan", "mutasi")
    kerja("jadwal", "buat", "--kebijakan", "kukar-2021")
    mine = [(r["tanggal"], r["unit"]) for r in exported(kerja) if r["nip"] == mover]
    assert mine == [(d, A1) for d in BEFORE] + [(d, A2) for d in FROM]
    # --unit: the days the person was in that unit (a whole seksi's rows otherwise unchanged)
    assert [r["tanggal"] for r in exported(kerja, "--unit", A1) if r["nip"] == mover] == BEFORE
    assert [r["tanggal"] for r in exported(kerja, "--unit", A2) if r["nip"] == mover] == FROM
    others = {r["nip"] for r in exported(kerja, "--unit", A1)} - {mover}
    assert others == set(staff_a1()[1:]) | {"198003032005011001"}  # the rest of A1 and its head
    # the CSV export carries the same unit per day
    csv = kerja("jadwal", "ekspor", "--format", "csv").stdout
    lines = [line for line in csv.splitlines() if mover in line]
    assert [A1 in line for line in lines] == [True] * 3 + [False] * 7
    assert [A2 in line for line in lines] == [False] * 3 + [True] * 7
