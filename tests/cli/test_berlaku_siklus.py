"""A supervisor change dated ahead must not close a loop on any day from its date on, not only
in today's chain (issue 10: every reader of the chain uses the one in force on the day, so a loop
that holds for one month would make that month's validations walk in circles).

LAMA reports to KEPALA, except in May 2021 when a dated change puts LAMA under STAF. Making STAF
report to LAMA from 1 April is fine in April and from June on, and a loop in May:
STAF -> LAMA -> STAF."""

from __future__ import annotations

import json

from helpers import db_bytes, write

KEPALA = "196801011990031001"
LAMA = "197001012000031002"
STAF = "198504042010011004"
CSV = f"""NIP;Nama;Unit;NIP Atasan;TPP
{KEPALA};Kepala Dinas;Dinas Uji;;8.000.000
{LAMA};Kabid Lama;Dinas Uji > Bidang A;{KEPALA};5.000.000
{STAF};Staf Satu;Dinas Uji > Bidang A;{KEPALA};3.500.000
"""


def test_a_dated_change_that_loops_in_a_later_stretch_is_refused(kerja, store, tmp_path, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-03-25T09:00:00+07:00")
    kerja("pegawai", "impor", write(tmp_path / "p.csv", CSV))
    kerja("pegawai", "ubah", LAMA, "--atasan", STAF, "--mulai", "2021-05-01", "--alasan", "plt")
    kerja("pegawai", "ubah", LAMA, "--atasan", KEPALA, "--mulai", "2021-06-01", "--alasan", "plt usai")
    before = db_bytes(store)
    r = kerja("pegawai", "ubah", STAF, "--atasan", LAMA, "--mulai", "2021-04-01", "--alasan", "x", code=1)
    assert "siklus" in r.stderr and "2021-05-01" in r.stderr
    assert f"{STAF} -> {LAMA} -> {STAF}" in r.stderr
    assert db_bytes(store) == before
    # the same change dated from June on closes no loop, and is stored
    kerja("pegawai", "ubah", STAF, "--atasan", LAMA, "--mulai", "2021-06-01", "--alasan", "mutasi")
    staf = json.loads(kerja("pegawai", "lihat", STAF, "--json").stdout)
    assert staf["nip_atasan"] == LAMA


def test_a_loop_today_is_still_refused(kerja, store, tmp_path, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-03-25T09:00:00+07:00")
    kerja("pegawai", "impor", write(tmp_path / "p.csv", CSV))
    kerja("pegawai", "ubah", STAF, "--atasan", LAMA, "--alasan", "mutasi")
    r = kerja("pegawai", "ubah", LAMA, "--atasan", STAF, "--alasan", "x", code=1)
    assert "siklus" in r.stderr
