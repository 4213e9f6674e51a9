"""A small institution for presence tests: three employees, two OPDs, machine PINs 1-3."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path

import pytest

A, B, C = "197508172000031002", "198001012005011001", "199009092021211004"

# Test modules elsewhere do `from conftest import write, db_bytes` (the helpers of tests/conftest.py).
# Once this directory is collected, the name `conftest` means THIS module, so it carries the root
# helpers too; otherwise the suite's result would depend on the order directories are collected.
_root_spec = importlib.util.spec_from_file_location(
    "_kerja_tests_root_conftest", Path(__file__).resolve().parents[1] / "conftest.py"
)
_root = importlib.util.module_from_spec(_root_spec)  # type: ignore[arg-type]
_root_spec.loader.exec_module(_root)  # type: ignore[union-attr]
write, db_bytes = _root.write, _root.db_bytes

EMPLOYEES = f"""NIP;Nama;Status;Unit Kerja;PIN
{A};Ani Lestari;PNS;Dinas Kesehatan > Bidang P2P;1
{B};Budi Santoso;PNS;Dinas Kesehatan > Bidang P2P;2
{C};Citra Dewi;PPPK;Dinas Pendidikan;3
"""


@pytest.fixture
def dinas(store: Path, kerja, tmp_path: Path) -> Path:
    """The store with the three employees."""
    f = tmp_path / "pegawai.csv"
    f.write_text(EMPLOYEES, encoding="utf-8")
    kerja("pegawai", "impor", str(f))
    return store


def sql(db: Path, statement: str, *args: object) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        with conn:
            return conn.execute(statement, args).fetchall()
    finally:
        conn.close()


def roster(db: Path, rows: list[tuple[str, str, str]]) -> None:
    """(tanggal, nip, lokasi) roster rows, as the roster engineer's `jadwal buat` writes them."""
    conn = sqlite3.connect(db)
    with conn:
        conn.executemany(
            "INSERT INTO jadwal (tanggal, nip, lokasi, alasan) VALUES (?, ?, ?, 'rotasi')", rows
        )
    conn.close()
