"""A store made by kerja before effective-dated employee facts (tests/store/fixtures/store-v6.sql,
rebuilt by make_store_v6.sh beside it: schema version 6, no pegawai_riwayat) opens with this
kerja, migrates, and each person's facts of that day hold from the beginning (issue 10 item 1).

In that store: Staf Satu's pagu was raised to Rp 4.000.000 and moved to Bidang C (undated, as
that release did it); Staf Dua was made inactive; tracking from 1 February 2021 (a punch)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kerja.store import migrations

FIXTURES = Path(__file__).parent / "fixtures"
STAF = "198504042010011004"
STAF2 = "199001012015011005"


@pytest.fixture
def v6_store(db_path: Path) -> Path:
    conn = sqlite3.connect(db_path)
    conn.executescript((FIXTURES / "store-v6.sql").read_text(encoding="utf-8"))
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    return db_path


def test_fixture_is_a_store_from_before_dated_facts(v6_store):
    conn = sqlite3.connect(v6_store)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 6
    assert "pegawai_riwayat" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}


def test_migrated_store_holds_todays_facts_from_the_beginning(kerja, v6_store, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-03-10T09:00:00+07:00")
    seen = json.loads(kerja("pegawai", "lihat", STAF, "--json").stdout)
    conn = sqlite3.connect(v6_store)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.version()
    assert conn.execute("SELECT count(*) FROM pegawai_riwayat").fetchone()[0] == 0
    assert (v6_store.parent / "kerja.db.bak-v6").exists()
    h = seen["riwayat"]
    assert [(x["mulai"], x["sampai"], x["tpp"], x["unit"], x["aktif"]) for x in h] == [
        (None, None, 4_000_000, "Dinas Lama > Bidang C", 1)
    ]
    feb = json.loads(kerja("rekap", "bulanan", "--bulan", "2021-02", "--format", "json").stdout)
    staf = next(r for r in feb["pegawai"] if r["nip"] == STAF)
    # today's pagu and unit in February too; 19 working days (12 Feb Imlek), no presence: 19 TK
    # x 3% = 57% cut: 4,000,000 x 40% x 43% = 688,000
    assert (staf["pagu_tpp"], staf["unit"], staf["tpp_disiplin"]) == (
        4_000_000,
        "Dinas Lama > Bidang C",
        688_000,
    )
    assert STAF2 not in {r["nip"] for r in feb["pegawai"]}  # inactive from the beginning
    # a dated change after the migration keeps February as it was
    kerja("pegawai", "ubah", STAF, "--tpp", "5000000", "--mulai", "2021-03-01", "--alasan", "SK")
    feb2 = json.loads(kerja("rekap", "bulanan", "--bulan", "2021-02", "--format", "json").stdout)
    assert next(r for r in feb2["pegawai"] if r["nip"] == STAF)["pagu_tpp"] == 4_000_000
    mar = json.loads(kerja("rekap", "bulanan", "--bulan", "2021-03", "--format", "json").stdout)
    assert next(r for r in mar["pegawai"] if r["nip"] == STAF)["pagu_tpp"] == 5_000_000
