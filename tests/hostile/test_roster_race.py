"""`jadwal ubah` while `jadwal buat` runs (two processes, many times): a manual cell that was
confirmed and audited is never overwritten by the run that started before it."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.hostile

DAYS = ("2021-02-01", "2021-02-26")


@pytest.fixture
def office(kerja, store, tmp_path):
    rows = ["NIP;Nama;Unit"]
    for i in range(400):
        rows.append(
            f"19850404201001{1 + i % 2}{i + 1:03d};Pegawai {i};Dinas Uji > Bidang {i % 8} > Seksi {i % 24}"
        )
    f = tmp_path / "p.csv"
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    kerja("pegawai", "impor", f)
    k = tmp_path / "k.toml"
    k.write_text(f'nama = "uji"\nmulai = {DAYS[0]}\nsampai = {DAYS[1]}\n[kuota]\nwfo_persen = 25\n')
    kerja("kebijakan", "tambah", k)
    kerja("jadwal", "buat", "--mulai", DAYS[0], "--sampai", DAYS[1], code=None)
    return store


def cell(db, nip, day):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT lokasi, alasan FROM jadwal WHERE nip = ? AND tanggal = ?", (nip, day)
        ).fetchone()
    finally:
        conn.close()


def test_manual_cell_survives_a_concurrent_build(office, tmp_path):
    env = dict(os.environ, KERJA_SEKARANG="2021-01-30T08:00:00+07:00")
    kerja = [sys.executable, "-m", "kerja", "--db", str(office)]
    rng = random.Random(7)
    conn = sqlite3.connect(office)
    cells = conn.execute(
        "SELECT nip, tanggal, lokasi FROM jadwal WHERE alasan <> 'manual' ORDER BY 1, 2"
    ).fetchall()
    conn.close()
    for trial in range(5):
        nip, day, lok = cells[rng.randrange(len(cells))]
        other = "WFH" if lok == "WFO" else "WFO"
        build = subprocess.Popen(
            [*kerja, "jadwal", "buat", "--mulai", DAYS[0], "--sampai", DAYS[1]],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(0.25 + 0.1 * (trial % 4))
        change = subprocess.run(
            [*kerja, "jadwal", "ubah", nip, day, other, "--alasan", f"uji {trial}", "--oleh", "petugas"],
            env=env,
            capture_output=True,
            text=True,
        )
        _out, err = build.communicate()
        assert build.returncode in (0, 3), err
        assert change.returncode == 0, change.stderr
        assert cell(office, nip, day) == (other, "manual"), (
            f"trial {trial}: {nip} {day} lost its manual {other}"
        )
