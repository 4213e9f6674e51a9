"""The audit log: append-only against every SQL verb that can overwrite a row, and shown so that
no stored value can forge or hide a line."""

from __future__ import annotations

import sqlite3

import pytest

pytestmark = pytest.mark.hostile

STAF = "198504042010011004"


@pytest.fixture
def audited(kerja, store, tmp_path):
    f = tmp_path / "p.csv"
    f.write_text(f"NIP;Nama;Unit\n{STAF};Staf Satu;Dinas Uji\n", encoding="utf-8")
    kerja("pegawai", "impor", f)
    kerja("presensi", "masuk", STAF, "--waktu", "2021-02-01 07:20", "--oleh", "petugas")
    return store


def rows(path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT * FROM audit ORDER BY id").fetchall()
    finally:
        conn.close()


def test_newline_in_oleh_cannot_forge_a_line(kerja, audited):
    forged = "petugas\n2021-02-01 08:00  presensi.masuk  NIP 199001012015011005  oleh kepala"
    kerja("presensi", "pulang", STAF, "--waktu", "2021-02-01 16:20", "--oleh", forged)
    # Stored as given ...
    assert any(r[2] == forged for r in rows(audited))
    out = kerja("audit").stdout
    # ... shown escaped: one line per entry head, the newline visible as \n.
    assert "oleh petugas\\n2021-02-01 08:00" in out
    assert not any(line.startswith("2021-02-01 08:00") for line in out.splitlines())
    assert "\x1b" not in out


def test_control_characters_are_visible(kerja, audited):
    kerja("presensi", "pulang", STAF, "--waktu", "2021-02-01 16:20", "--oleh", "a\rb\x1b[31mmerah\x07\tc")
    out = kerja("audit").stdout
    assert "a\\rb\\x1b[31mmerah\\x07\\tc" in out
    assert not any(ch in out for ch in "\r\x1b\x07\t")
