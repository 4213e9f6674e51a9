"""A store made by kerja's first release (tests/store/fixtures/store-v1.sql, a SQL text dump) opens
with this kerja: migrated in place after a backup, its data and its locked month as they were."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kerja.store import migrations

FIXTURES = Path(__file__).parent / "fixtures"
KEPALA = "196801011990031001"
STAF = "198504042010011004"
STAF2 = "199001012015011005"  # made inactive in that store


@pytest.fixture
def v1_store(db_path: Path) -> Path:
    conn = sqlite3.connect(db_path)
    conn.executescript((FIXTURES / "store-v1.sql").read_text(encoding="utf-8"))
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    return db_path


def test_fixture_is_a_first_release_store(v1_store):
    conn = sqlite3.connect(v1_store)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "kunci_rekap" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}


def test_v1_store_migrates_and_recaps_as_before(kerja, v1_store, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-03-05T09:00:00+07:00")
    r = kerja("rekap", "bulanan", "--bulan", "2021-02", "--format", "json")
    # what the first release printed for its locked February (stored beside the dump)
    assert r.stdout == (FIXTURES / "store-v1-rekap-2021-02.json").read_text(encoding="utf-8")
    conn = sqlite3.connect(v1_store)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.version()
    assert (v1_store.parent / "kerja.db.bak-v1").exists()
    names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert names[:2] == ["m001_schema_awal", "m002_kunci_rekap"]
    # the old lock still holds, with no stored recap (none was stored then)
    locks = json.loads(kerja("rekap", "kunci-daftar", "--json").stdout)
    assert [(x["bulan"], x["sha256"]) for x in locks] == [("2021-02", None)]
    assert (
        "dikunci"
        in kerja("presensi", "masuk", STAF, "--waktu", "2021-02-05 07:30", "--oleh", KEPALA, code=1).stderr
    )
    # relocking after a reopen stores the recap
    kerja("rekap", "buka", "--bulan", "2021-02", "--alasan", "uji migrasi")
    kerja("rekap", "kunci", "--bulan", "2021-02", "--paksa")
    assert kerja("rekap", "bulanan", "--bulan", "2021-02", "--format", "json").stdout == r.stdout
