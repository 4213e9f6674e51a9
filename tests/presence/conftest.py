"""Fixtures of the presence tests (data and helpers in presence_data.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from presence_data import EMPLOYEES


@pytest.fixture
def dinas(store: Path, kerja, tmp_path: Path) -> Path:
    """The store with the three employees."""
    f = tmp_path / "pegawai.csv"
    f.write_text(EMPLOYEES, encoding="utf-8")
    kerja("pegawai", "impor", str(f))
    return store
