"""Overlapping circulars (issue 13): refused at `kebijakan tambah` unless the new one says it
replaces the other (`--ganti NAMA`, or `ganti = "NAMA"` in its file); then it is the one in force
on the shared days, even when it started earlier."""

from __future__ import annotations

import json

from helpers import db_bytes, write
from roster_fixture import KUKAR, setup

B = 'nama = "b"\nmulai = 2021-01-25\nsampai = 2021-02-28\n[kuota]\nwfo_persen = 50\n'


def names(kerja) -> list[str]:  # type: ignore[no-untyped-def]
    return [c["nama"] for c in json.loads(kerja("kebijakan", "daftar", "--json").stdout)]


def test_an_overlap_is_refused_and_nothing_is_stored(kerja, tmp_path, monkeypatch, db_path):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-01-20T08:00:00+08:00")
    setup(kerja, tmp_path)  # kukar-2021: 2021-01-27 s.d. 2021-02-09
    before = db_bytes(db_path)
    r = kerja("kebijakan", "tambah", write(tmp_path / "b.toml", B), code=1)
    assert "Kebijakan b (2021-01-25 s.d. 2021-02-28) beririsan dengan kukar-2021" in r.stderr
    assert "pada 2021-01-27 s.d. 2021-02-09" in r.stderr and "--ganti kukar-2021" in r.stderr
    assert "Traceback" not in r.stderr and "kesalahan internal" not in r.stderr
    assert db_bytes(db_path) == before
    # An unknown name to replace is refused too.
    r = kerja("kebijakan", "tambah", tmp_path / "b.toml", "--ganti", "tidak-ada", code=1)
    assert "--ganti tidak-ada" in r.stderr and "kukar-2021" in r.stderr
    assert db_bytes(db_path) == before


def test_the_replacing_circular_is_in_force_on_the_shared_days(kerja, tmp_path, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-01-20T08:00:00+08:00")
    setup(kerja, tmp_path)
    r = kerja("kebijakan", "tambah", write(tmp_path / "b.toml", B), "--ganti", "kukar-2021")
    assert "Menggantikan kukar-2021" in r.stdout
    assert names(kerja) == ["b", "kukar-2021"]
    # b started before kukar-2021 (25 vs 27 January), yet it replaces it: every day is b's.
    s = json.loads(
        kerja("jadwal", "buat", "--mulai", "2021-01-25", "--sampai", "2021-02-12", "--json").stdout
    )
    assert s["kebijakan"] == ["b"]
    assert len(s["hari"]) == 14  # 25 Jan - 12 Feb: 15 weekdays less Imlek (12 Feb)
    # Kept across a reinstall of the same name with new dates: not an overlap with itself.
    kerja(
        "kebijakan",
        "tambah",
        write(tmp_path / "b.toml", B.replace("02-28", "02-20")),
        "--ganti",
        "kukar-2021",
    )
    # A third circular overlapping b is refused although it does not overlap kukar-2021.
    c = 'nama = "c"\nmulai = 2021-02-15\nsampai = 2021-03-31\n'
    r = kerja("kebijakan", "tambah", write(tmp_path / "c.toml", c), code=1)
    assert "beririsan dengan b" in r.stderr and "pada 2021-02-15 s.d. 2021-02-20" in r.stderr


def test_the_file_may_say_what_it_replaces(kerja, tmp_path, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-01-20T08:00:00+08:00")
    setup(kerja, tmp_path)
    kerja("kebijakan", "tambah", write(tmp_path / "b.toml", 'ganti = "kukar-2021"\n' + B))
    assert json.loads(kerja("kebijakan", "lihat", "b", "--json").stdout)["ganti"] == "kukar-2021"
    # Reinstalling kukar-2021 itself now overlaps b, which replaces it: refused, since kukar-2021
    # does not say it replaces b.
    r = kerja("kebijakan", "tambah", KUKAR, code=1)
    assert "beririsan dengan b" in r.stderr
    bad = write(tmp_path / "bad.toml", "ganti = 3\n" + B)
    r = kerja("kebijakan", "tambah", bad, code=1)
    assert "'ganti'" in r.stderr
