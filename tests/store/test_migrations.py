"""Schema steps: named, recorded, migrate an older file in place after a backup; refuse a newer one."""

from __future__ import annotations

import sqlite3

import pytest

from kerja.domain.errors import KerjaError
from kerja.store import migrations
from kerja.store.db import connect


def applied(path) -> list[str]:
    raw = sqlite3.connect(path)
    try:
        return [r[0] for r in raw.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    finally:
        raw.close()


def test_new_store_is_current_and_wal(tmp_path):
    conn = connect(tmp_path / "k.db", create=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.version() == len(migrations.STEPS)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert applied(tmp_path / "k.db") == [s.__name__ for s in migrations.STEPS]
    assert applied(tmp_path / "k.db")[0] == "m001_schema_awal"


def test_newer_file_is_refused_untouched(tmp_path):
    p = tmp_path / "k.db"
    connect(p, create=True).close()
    raw = sqlite3.connect(p)
    raw.execute(f"PRAGMA user_version = {migrations.version() + 1}")
    raw.close()
    with pytest.raises(KerjaError, match="lebih baru"):
        connect(p)
    assert sqlite3.connect(p).execute("PRAGMA user_version").fetchone()[0] == migrations.version() + 1


def test_an_appended_step_migrates_an_older_file_after_a_backup(tmp_path, monkeypatch):
    p = tmp_path / "k.db"
    c = connect(p, create=True)
    c.execute("INSERT INTO meta VALUES ('instansi', 'Dinas Lama')")
    c.close()
    old_version = migrations.version()

    def m999_pegawai_catatan(db):
        db["pegawai"].add_column("catatan", str)

    monkeypatch.setattr(migrations, "STEPS", list(migrations.STEPS))
    migrations.step(m999_pegawai_catatan)
    conn = connect(p)
    cols = [r[1] for r in conn.execute("PRAGMA table_info(pegawai)")]
    assert "catatan" in cols
    assert conn.execute("PRAGMA user_version").fetchone()[0] == old_version + 1
    assert applied(p)[-1] == "m999_pegawai_catatan"
    assert conn.execute("SELECT nilai FROM meta").fetchone()[0] == "Dinas Lama"
    copy = tmp_path / f"k.db.bak-v{old_version}"
    old = sqlite3.connect(copy)
    assert old.execute("PRAGMA user_version").fetchone()[0] == old_version
    assert old.execute("SELECT nilai FROM meta").fetchone()[0] == "Dinas Lama"
    assert "catatan" not in [r[1] for r in old.execute("PRAGMA table_info(pegawai)")]
    conn.close()
    connect(p).close()  # opening again runs nothing twice
    assert applied(p).count("m999_pegawai_catatan") == 1


def test_a_store_from_before_named_steps_is_recorded_then_migrated(tmp_path, monkeypatch):
    """user_version 1 and no _sqlite_migrations table: the file released before steps had names."""
    p = tmp_path / "k.db"
    connect(p, create=True).close()
    raw = sqlite3.connect(p)
    raw.execute("DROP TABLE _sqlite_migrations")
    raw.execute("PRAGMA user_version = 1")
    raw.close()

    ran = []

    def m999_baru(db):
        ran.append("m999_baru")
        db.execute("CREATE TABLE baru (x)")

    monkeypatch.setattr(migrations, "STEPS", list(migrations.STEPS[:1]))
    migrations.step(m999_baru)
    conn = connect(p)  # m001 is not run again (its tables exist: it would fail if it were)
    assert ran == ["m999_baru"]
    assert applied(p) == ["m001_schema_awal", "m999_baru"]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2


def test_failed_migration_leaves_file_as_it_was(tmp_path, monkeypatch):
    p = tmp_path / "k.db"
    connect(p, create=True).close()
    before = applied(p)

    def m999_ok(db):
        db.execute("CREATE TABLE baru (x)")

    def m1000_broken(db):
        db.execute("CREATE TABLE juga_baru (x)")
        raise RuntimeError("boom")

    monkeypatch.setattr(migrations, "STEPS", list(migrations.STEPS))
    migrations.step(m999_ok)
    migrations.step(m1000_broken)
    with pytest.raises(RuntimeError):
        connect(p)
    raw = sqlite3.connect(p)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == migrations.version() - 2
    assert not raw.execute("SELECT 1 FROM sqlite_master WHERE name IN ('baru', 'juga_baru')").fetchone()
    assert applied(p) == before


def test_a_step_name_cannot_be_registered_twice(monkeypatch):
    monkeypatch.setattr(migrations, "STEPS", list(migrations.STEPS))
    with pytest.raises(ValueError, match="twice"):
        migrations.step(migrations.STEPS[0])


def test_foreign_file_is_refused(tmp_path):
    p = tmp_path / "lain.db"
    sqlite3.connect(p).execute("CREATE TABLE x (y)")
    with pytest.raises(KerjaError, match="bukan basis data kerja"):
        connect(p)
    p2 = tmp_path / "teks.db"
    p2.write_text("bukan sqlite sama sekali" * 100)
    with pytest.raises(KerjaError, match="bukan basis data kerja"):
        connect(p2)
