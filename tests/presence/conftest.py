"""Fixtures of the presence tests (data and helpers in presence_data.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from presence_data import EMPLOYEES

# Test modules elsewhere do `from conftest import write, db_bytes` (the helpers of tests/conftest.py).
# Once this directory is collected, the name `conftest` means THIS module, so it carries the root
# helpers too; otherwise the suite's result would depend on the order directories are collected.
_root_spec = importlib.util.spec_from_file_location(
    "_kerja_tests_root_conftest", Path(__file__).resolve().parents[1] / "conftest.py"
)
_root = importlib.util.module_from_spec(_root_spec)  # type: ignore[arg-type]
_root_spec.loader.exec_module(_root)  # type: ignore[union-attr]
write, db_bytes = _root.write, _root.db_bytes


@pytest.fixture
def dinas(store: Path, kerja, tmp_path: Path) -> Path:
    """The store with the three employees."""
    f = tmp_path / "pegawai.csv"
    f.write_text(EMPLOYEES, encoding="utf-8")
    kerja("pegawai", "impor", str(f))
    return store
