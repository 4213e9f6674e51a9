"""Schema versions: migrate an older file in place after a backup; refuse a newer one."""

from __future__ import annotations

import sqlite3

import pytest

from kerja.domain.errors import KerjaError
from kerja.store import migrations
from kerja.store.db import connect


def test_new_store_is_current_and_wal(tmp_path):
    conn = connect(tmp_path / "k.db", create=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_newer_file_is_refused_untouched(tmp_path):
    p = tmp_path / "k.db"
    connect(p, create=True).close()
    raw = sqlite3.connect(p)
    raw.execute(f"PRAGMA user_version = {migrations.VERSION + 1}")
    raw.close()
    with pytest.raises(KerjaError, match="lebih baru"):
        connect(p)
    assert sqlite3.connect(p).execute("PRAGMA user_version").fetchone()[0] == migrations.VERSION + 1


def test_older_file_is_migrated_after_a_backup(tmp_path, monkeypatch):
    p = tmp_path / "k.db"
    c = connect(p, create=True)
    c.execute("INSERT INTO meta VALUES ('instansi', 'Dinas Lama')")
    c.close()

    def v2(conn):
        conn.execute("ALTER TABLE pegawai ADD COLUMN catatan TEXT")

    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, v2])
    monkeypatch.setattr(migrations, "VERSION", migrations.VERSION + 1)
    conn = connect(p)
    cols = [r[1] for r in conn.execute("PRAGMA table_info(pegawai)")]
    assert "catatan" in cols
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.VERSION
    copy = tmp_path / f"k.db.bak-v{migrations.VERSION - 1}"
    old = sqlite3.connect(copy)
    assert old.execute("PRAGMA user_version").fetchone()[0] == migrations.VERSION - 1
    assert old.execute("SELECT nilai FROM meta").fetchone()[0] == "Dinas Lama"


def test_failed_migration_leaves_file_as_it_was(tmp_path, monkeypatch):
    p = tmp_path / "k.db"
    connect(p, create=True).close()

    def broken(conn):
        conn.execute("CREATE TABLE baru (x)")
        raise RuntimeError("boom")

    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, broken])
    monkeypatch.setattr(migrations, "VERSION", migrations.VERSION + 1)
    with pytest.raises(RuntimeError):
        connect(p)
    raw = sqlite3.connect(p)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == migrations.VERSION - 1
    assert not raw.execute("SELECT 1 FROM sqlite_master WHERE name = 'baru'").fetchone()


def test_foreign_file_is_refused(tmp_path):
    p = tmp_path / "lain.db"
    sqlite3.connect(p).execute("CREATE TABLE x (y)")
    with pytest.raises(KerjaError, match="bukan basis data kerja"):
        connect(p)
    p2 = tmp_path / "teks.db"
    p2.write_text("bukan sqlite sama sekali" * 100)
    with pytest.raises(KerjaError, match="bukan basis data kerja"):
        connect(p2)
