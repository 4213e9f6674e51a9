"""Attendance machines: registry, PINs unique per machine, punches that carry their machine."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

A, B, C = "197508172000031002", "198001012005011001", "199009092021211004"
EMPLOYEES = f"""NIP;Nama;Status;Unit Kerja
{A};Ani Lestari;PNS;Dinas Kesehatan > Bidang P2P
{B};Budi Santoso;PNS;Dinas Pendidikan
{C};Citra Dewi;PPPK;Dinas Pendidikan
"""


def sql(db: Path, statement: str, *args: object) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(statement, args).fetchall()
    finally:
        conn.close()


@pytest.fixture
def dinas(store: Path, kerja, tmp_path: Path) -> Path:
    f = tmp_path / "pegawai.csv"
    f.write_text(EMPLOYEES, encoding="utf-8")
    kerja("pegawai", "impor", str(f))
    return store


def test_register_and_list(dinas, kerja):
    kerja("mesin", "tambah", "1", "--unit", "Dinas Kesehatan", "--nama", "Lobi Dinkes")
    kerja("mesin", "tambah", "CQUJ223960001", "--unit", "Dinas Pendidikan")
    rows = json.loads(kerja("mesin", "daftar", "--json").stdout)
    assert [(r["id"], r["unit"], r["nama"]) for r in rows] == [
        ("1", "Dinas Kesehatan", "Lobi Dinkes"),
        ("CQUJ223960001", "Dinas Pendidikan", None),
    ]
    again = kerja("mesin", "tambah", "1", "--unit", "Dinas Pendidikan", code=1)
    assert "sudah terdaftar" in again.stderr
    bad = kerja("mesin", "tambah", "9", "--unit", "Dinas Kesehatann", code=1)
    assert "Dinas Kesehatann" in bad.stderr and "tidak ditemukan" in bad.stderr
    assert sql(dinas, "SELECT count(*) FROM mesin") == [(2,)]


def test_unknown_serials_are_recorded_then_cleared_by_registering(dinas, kerja):
    from kerja.services.mesin import machine_known, record_unknown_machine
    from kerja.store.db import connect

    conn = connect(dinas)
    record_unknown_machine(conn, "AAML174460003", datetime(2021, 2, 1, 0, 5, tzinfo=UTC))
    record_unknown_machine(conn, "AAML174460003", datetime(2021, 2, 1, 0, 9, tzinfo=UTC))
    assert not machine_known(conn, "AAML174460003")
    rows = json.loads(kerja("mesin", "daftar", "--tak-dikenal", "--json").stdout)
    assert [(r["sn"], r["pertama"], r["terakhir"], r["kali"]) for r in rows] == [
        ("AAML174460003", "2021-02-01T00:05:00+00:00", "2021-02-01T00:09:00+00:00", 2)
    ]
    kerja("mesin", "tambah", "AAML174460003", "--unit", "Dinas Pendidikan")
    assert machine_known(conn, "AAML174460003")
    assert json.loads(kerja("mesin", "daftar", "--tak-dikenal", "--json").stdout) == []


def test_same_pin_on_two_machines_is_two_people(dinas, kerja, tmp_path):
    kerja("mesin", "tambah", "1", "--unit", "Dinas Kesehatan")
    kerja("mesin", "tambah", "2", "--unit", "Dinas Pendidikan")
    kerja("pegawai", "ubah", A, "--pin-mesin", "7", "--mesin", "1")
    kerja("pegawai", "ubah", B, "--pin-mesin", "7", "--mesin", "2")
    # The same PIN twice on one machine is refused.
    dup = kerja("pegawai", "ubah", C, "--pin-mesin", "7", "--mesin", "2", code=1)
    assert "PIN mesin 7 sudah dipakai pegawai lain di mesin 2" in dup.stderr
    unknown_machine = kerja("pegawai", "ubah", C, "--pin-mesin", "8", "--mesin", "5", code=1)
    assert "belum terdaftar" in unknown_machine.stderr
    # USB layout: PIN, time, device, state, verify, workcode; PIN 7 on device 1 and on device 2.
    f = tmp_path / "1_attlog.dat"
    f.write_text(
        "        7\t2021-02-01 07:20:00\t1\t0\t1\t0\r\n"
        "        7\t2021-02-01 07:40:00\t2\t0\t1\t0\r\n"
        "        7\t2021-02-01 16:10:00\t2\t1\t1\t0\r\n"
        "        7\t2021-02-01 16:20:00\t3\t1\t1\t0\r\n"
    )
    r = kerja("presensi", "impor", str(f), "--json")
    s = json.loads(r.stdout)
    assert (s["format"], s["ditambah"], s["pin_tak_dikenal"]) == ("attlog", 3, 1)
    rows = sql(dinas, "SELECT nip, waktu, state, mesin FROM presensi ORDER BY waktu")
    assert rows == [
        (A, "2021-02-01T07:20:00+07:00", "0", "1"),
        (B, "2021-02-01T07:40:00+07:00", "0", "2"),
        (B, "2021-02-01T16:10:00+07:00", "1", "2"),
    ]


def test_forced_machine_for_a_file_that_does_not_say(dinas, kerja, tmp_path):
    kerja("mesin", "tambah", "SN-DIKBUD", "--unit", "Dinas Pendidikan")
    kerja("pegawai", "ubah", C, "--pin-mesin", "1", "--mesin", "SN-DIKBUD")
    # ADMS push body: PIN, time, state, verify, workcode, reserved, reserved (no device column).
    f = tmp_path / "adms.txt"
    f.write_text("1\t2021-02-01 07:31:00\t0\t1\t0\t0\t0\n1\t2021-02-01 16:01:00\t1\t1\t0\t0\t0\n")
    without = json.loads(kerja("presensi", "impor", str(f), "--json").stdout)
    assert (without["format"], without["ditambah"], without["pin_tak_dikenal"]) == ("adms", 0, 2)
    s = json.loads(kerja("presensi", "impor", str(f), "--mesin", "SN-DIKBUD", "--json").stdout)
    assert s["ditambah"] == 2
    assert sql(dinas, "SELECT nip, state, mesin FROM presensi ORDER BY waktu") == [
        (C, "0", "SN-DIKBUD"),
        (C, "1", "SN-DIKBUD"),
    ]
    bad = kerja("presensi", "impor", str(f), "--mesin", "TIDAK-ADA", code=1)
    assert "TIDAK-ADA" in bad.stderr and "belum terdaftar" in bad.stderr


def test_one_machine_institution_needs_no_registration(dinas, kerja, tmp_path):
    kerja("pegawai", "ubah", A, "--pin-mesin", "5")
    f = tmp_path / "1_attlog.dat"
    f.write_text("        5\t2021-02-01 07:20:00\t1\t0\t1\t0\r\n")
    s = json.loads(kerja("presensi", "impor", str(f), "--json").stdout)
    assert s["ditambah"] == 1
    assert sql(dinas, "SELECT nip, mesin FROM presensi") == [(A, "1")]
    assert "Belum ada mesin terdaftar" in kerja("mesin", "daftar").stdout


def test_employee_import_keeps_pins_per_machine(dinas, kerja, tmp_path):
    kerja("mesin", "tambah", "1", "--unit", "Dinas Kesehatan")
    kerja("mesin", "tambah", "2", "--unit", "Dinas Pendidikan")
    kerja("pegawai", "ubah", A, "--pin-mesin", "7", "--mesin", "1")
    kerja("pegawai", "ubah", B, "--pin-mesin", "8", "--mesin", "2")
    # B's PIN becomes 7 on machine 2: not A's PIN 7 on machine 1.
    f = tmp_path / "p.csv"
    f.write_text(f"NIP;Nama;Unit Kerja;PIN\n{B};Budi Santoso;Dinas Pendidikan;7\n")
    kerja("pegawai", "impor", str(f))
    assert sql(
        dinas, "SELECT nip, pin_mesin, mesin FROM pegawai WHERE pin_mesin IS NOT NULL ORDER BY nip"
    ) == [
        (A, "7", "1"),
        (B, "7", "2"),
    ]
    # C (no machine) taking PIN 7 on any machine is refused only against another any-machine 7.
    kerja("pegawai", "ubah", A, "--mesin", "-")
    g = tmp_path / "q.csv"
    g.write_text(f"NIP;Nama;Status;Unit Kerja;PIN\n{C};Citra Dewi;PPPK;Dinas Pendidikan;7\n")
    r = kerja("pegawai", "impor", str(g), code=1)
    assert f"PIN mesin sudah dipakai pegawai {A}" in r.stderr
