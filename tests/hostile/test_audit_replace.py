"""REPLACE/UPSERT on the audit table refused like UPDATE/DELETE."""

from __future__ import annotations

import sqlite3

import pytest
from test_audit import rows

pytestmark = pytest.mark.hostile


@pytest.fixture
def audited(kerja, store, tmp_path):
    kerja("libur", "tambah", "2021-02-15", "--nama", "Hari jadi")
    return store


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT OR REPLACE INTO audit (id, waktu, oleh, aksi) SELECT id, waktu, 'penyusup', 'x' FROM audit",
        "REPLACE INTO audit (id, waktu, oleh, aksi) SELECT id, waktu, 'penyusup', 'x' FROM audit",
        "INSERT INTO audit (id, waktu, oleh, aksi) SELECT id, waktu, 'penyusup', 'x' FROM audit "
        "WHERE true ON CONFLICT(id) DO UPDATE SET oleh = 'penyusup'",
        "UPDATE audit SET oleh = 'penyusup'",
        "DELETE FROM audit",
    ],
)
def test_no_sql_verb_overwrites_the_audit(audited, sql):
    before = rows(audited)
    assert before
    conn = sqlite3.connect(audited)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="audit"):
            conn.execute(sql)
        conn.commit()
    finally:
        conn.close()
    assert rows(audited) == before
