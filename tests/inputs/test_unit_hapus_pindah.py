"""`unit hapus` (empty units only) and `unit pindah U --ke INDUK` (the whole subtree moves)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

A, B = "197508172000031002", "198203152006042003"


def tree(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT u.jalur, u.tingkat, o.jalur, (SELECT jalur FROM unit p WHERE p.id = u.induk_id) "
            "FROM unit u JOIN unit o ON o.id = u.opd_id ORDER BY u.jalur"
        )
        return list(rows)
    finally:
        conn.close()


@pytest.fixture
def dinas(store, kerja, tmp_path):
    f = tmp_path / "p.csv"
    f.write_text(
        "NIP;Nama;Unit Kerja\n"
        f"{A};Rahmat;Seksi Surveilans\n"  # a stray root, as a leaf-only file used to make
        f"{B};Dewi;Dinas Kesehatan > Bidang P2P\n"
    )
    kerja("pegawai", "impor", str(f))
    return store


def test_move_a_stray_root_under_its_bidang(dinas, kerja):
    kerja("unit", "pindah", "Seksi Surveilans", "--ke", "Dinas Kesehatan > Bidang P2P")
    assert tree(dinas) == [
        ("Dinas Kesehatan", 1, "Dinas Kesehatan", None),
        ("Dinas Kesehatan > Bidang P2P", 2, "Dinas Kesehatan", "Dinas Kesehatan"),
        (
            "Dinas Kesehatan > Bidang P2P > Seksi Surveilans",
            3,
            "Dinas Kesehatan",
            "Dinas Kesehatan > Bidang P2P",
        ),
    ]
    rows = json.loads(kerja("pegawai", "daftar", "--unit", "Bidang P2P", "--json").stdout)
    assert {r["nip"]: r["unit"] for r in rows} == {
        A: "Dinas Kesehatan > Bidang P2P > Seksi Surveilans",
        B: "Dinas Kesehatan > Bidang P2P",
    }
    # And back to the top with its own subtree: it becomes an OPD again.
    kerja("unit", "pindah", "Bidang P2P", "--ke", "-")
    assert ("Bidang P2P > Seksi Surveilans", 2, "Bidang P2P", "Bidang P2P") in tree(dinas)
    bad = kerja("unit", "pindah", "Bidang P2P", "--ke", "Bidang P2P > Seksi Surveilans", code=1)
    assert "di dalam" in bad.stderr


def test_remove_only_empty_units(dinas, kerja):
    r = kerja("unit", "hapus", "Dinas Kesehatan", code=1)
    assert "tidak kosong" in r.stderr and "1 sub-unit" in r.stderr
    r = kerja("unit", "hapus", "Seksi Surveilans", code=1)
    assert "1 pegawai" in r.stderr
    kerja("pegawai", "ubah", A, "--unit", "Dinas Kesehatan > Bidang P2P")
    kerja("unit", "hapus", "Seksi Surveilans")
    assert [t[0] for t in tree(dinas)] == ["Dinas Kesehatan", "Dinas Kesehatan > Bidang P2P"]
    log = json.loads(kerja("audit", "--json").stdout)
    assert any(e["aksi"] == "unit.hapus" and e["sebelum"] == {"unit": "Seksi Surveilans"} for e in log)
