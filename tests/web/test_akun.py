"""`kerja akun`: the clerk's side of the web accounts, through the CLI on a temp store."""

from __future__ import annotations

import json
import re
import sqlite3

from .conftest import ATASAN, PEGAWAI


def test_buat_reset_kunci_daftar(kerja, sample) -> None:  # type: ignore[no-untyped-def]
    made = json.loads(kerja("akun", "buat", PEGAWAI, "--json").stdout)
    assert set(made) == {"nip", "peran", "sandi"}  # SPEC §12
    assert made["nip"] == PEGAWAI and made["peran"] == "pegawai"  # supervises no one
    assert re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", made["sandi"])
    boss = json.loads(kerja("akun", "buat", ATASAN, "--json").stdout)
    assert boss["peran"] == "atasan"  # Kurnia supervises Bagas
    text = kerja("akun", "buat", "197902182007102006", "--peran", "petugas").stdout
    assert "peran petugas" in text and "Sandi sekali pakai:" in text

    again = kerja("akun", "buat", PEGAWAI, code=1)
    assert f"kerja akun reset {PEGAWAI}" in again.stderr
    bad = kerja("akun", "buat", ATASAN, "--peran", "raja", code=1)
    assert "peran 'raja' tidak dikenal" in bad.stderr

    kerja("akun", "kunci", PEGAWAI, "--oleh", "operator1")
    listed = {a["nip"]: a for a in json.loads(kerja("akun", "daftar", "--json").stdout)}
    assert len(listed) == 3
    assert listed[PEGAWAI]["terkunci"] is True and listed[PEGAWAI]["ganti_sandi"] is True
    assert "dikunci" in kerja("akun", "daftar").stdout
    reset = json.loads(kerja("akun", "reset", PEGAWAI, "--json").stdout)
    assert reset["sandi"] != made["sandi"]
    listed = {a["nip"]: a for a in json.loads(kerja("akun", "daftar", "--json").stdout)}
    assert listed[PEGAWAI]["terkunci"] is False

    conn = sqlite3.connect(sample)
    stored = conn.execute("SELECT sandi FROM akun WHERE nip = ?", (PEGAWAI,)).fetchone()[0]
    assert stored.startswith("$argon2id$") and reset["sandi"] not in stored
    log = conn.execute(
        "SELECT aksi, oleh FROM audit WHERE nip = ? AND aksi LIKE 'akun.%' ORDER BY id", (PEGAWAI,)
    ).fetchall()
    assert [a for a, _ in log] == ["akun.buat", "akun.kunci", "akun.reset"]
    assert log[1][1] == "operator1"


def test_akun_for_a_missing_employee(kerja, sample) -> None:  # type: ignore[no-untyped-def]
    r = kerja("akun", "reset", PEGAWAI, code=1)
    assert f"{PEGAWAI} belum punya akun" in r.stderr
    r = kerja("akun", "buat", "199001012020011001", code=1)
    assert "199001012020011001" in r.stderr
    conn = sqlite3.connect(sample)
    assert conn.execute("SELECT count(*) FROM akun").fetchone()[0] == 0
