"""`kerja demo`: a whole month into a NEW store, the printed recap equal to what the store says."""

from __future__ import annotations

import json
import os
import re

import pytest

from helpers import db_bytes

# Percentages the Indonesian way (decimal comma: 0,5 and 94,47), Rupiah with dot thousands.
ROW = re.compile(r"^(\d{16,18})\s+.*?\s+(\d+)\s+(\d+)\s+(\d+(?:,\d+)?)\s+(\d+,\d\d)\s+([\d.]+|-)\s*$")


def decimal_comma(text: str) -> float:
    return float(text.replace(",", "."))


def printed_rows(stdout: str) -> dict[str, tuple]:
    rows = {}
    for line in stdout.splitlines():
        m = ROW.match(line)
        if m:
            rows[m[1]] = (int(m[2]), int(m[3]), decimal_comma(m[4]), decimal_comma(m[5]), m[6])
    return rows


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    """One demo run shared by the checks below (it takes a couple of seconds)."""
    from typer.testing import CliRunner

    from kerja.cli.app import app
    from kerja.cli.base import state

    folder = tmp_path_factory.mktemp("demo")
    db = folder / "demo.db"
    old = os.environ.pop("KERJA_SEKARANG", None)
    state.db = None
    r = CliRunner().invoke(app, ["demo", "--db", str(db)], env={"NO_COLOR": "1", "COLUMNS": "200"})
    if old is not None:
        os.environ["KERJA_SEKARANG"] = old
    assert r.exit_code == 0, r.stdout + r.stderr + repr(r.exception)
    return db, r


def test_printed_recap_matches_the_store(demo_run, kerja):
    db, r = demo_run
    printed = printed_rows(r.stdout)
    recap = json.loads(kerja("--db", db, "rekap", "bulanan", "--bulan", "2021-02", "--format", "json").stdout)
    stored = {p["nip"]: p for p in recap["pegawai"]}
    assert len(stored) == 120
    assert printed.keys() == stored.keys(), "same people"
    for nip, (hadir, tk, pot, kin, tpp) in printed.items():
        s = stored[nip]
        assert hadir == s["hadir_wfo"] + s["hadir_wfh"] and tk == s["tk"], nip
        assert pot == s["potongan_disiplin_persen"] and kin == s["capaian_kinerja_persen"], nip
        assert tpp == ("-" if not s["pagu_tpp"] else f"{s['tpp_total']:,}".replace(",", "."))
    total = recap["total"]["tpp_total"]
    assert f"dibayar Rp {total:,}".replace(",", ".") in r.stdout
    assert total > 0.8 * recap["total"]["pagu_tpp"], "most people keep most of their TPP"


def test_the_month_looks_like_a_real_month(demo_run, kerja):
    db, r = demo_run
    recap = json.loads(kerja("--db", db, "rekap", "bulanan", "--bulan", "2021-02", "--format", "json").stdout)
    rows = recap["pegawai"]
    assert all(p["hari_kerja"] == 19 for p in rows), "February 2021: 19 working days (Imlek)"
    assert 1 <= sum(1 for p in rows if p["tk"]) <= 2
    assert sum(1 for p in rows if p["sakit"]) >= 3 and sum(1 for p in rows if p["cuti"]) >= 2
    assert sum(1 for p in rows if sum(p["tl"])) > 20, "some come late"
    assert sum(p["hadir_wfh"] for p in rows) > 2 * sum(p["hadir_wfo"] for p in rows), "75% WFH"
    full = sum(1 for p in rows if p["capaian_kinerja_persen"] == 100)
    assert 30 < full < 120
    wfo = json.loads(kerja("--db", db, "jadwal", "periksa", "--json").stdout)
    assert wfo["pelanggaran"] == []
    # supervisors validated, and the audit log says who
    listed = json.loads(kerja("--db", db, "kinerja", "daftar", "--bulan", "2021-02", "--json").stdout)
    status = {a["status"] for a in listed}
    assert status == {"disetujui", "ditolak", "diajukan"}
    audit = json.loads(kerja("--db", db, "audit", "--json").stdout)
    approvals = [a for a in audit if a["aksi"] == "kinerja.setujui"]
    assert approvals and all(a["oleh"] != a["nip"] for a in approvals)


def test_files_written_and_named(demo_run):
    db, r = demo_run
    folder = db.with_name("demo-berkas")
    for name in (
        "rekap-2021-02.xlsx",
        "rekap-2021-02.pdf",
        "pegawai.csv",
        "1_attlog.dat",
        "presensi-daring.csv",
        "kebijakan-demo.toml",
    ):
        assert (folder / name).stat().st_size > 0, name
    assert str(folder / "rekap-2021-02.xlsx") in r.stdout
    assert db.stat().st_mode & 0o777 == 0o600
    assert "KERJA_SEKARANG" not in os.environ, "the demo's fixed clock does not leak"


def test_refuses_an_existing_store(demo_run, kerja):
    db, _ = demo_run
    before = db_bytes(db)
    r = kerja("demo", "--db", db, code=1)
    assert r.stderr.startswith("Galat: ") and "sudah ada" in r.stderr
    assert db_bytes(db) == before


def test_default_is_a_new_file_here_never_KERJA_DB(kerja, tmp_path, demo_run, monkeypatch):
    monkeypatch.setenv("KERJA_DB", str(tmp_path / "data-asli.db"))
    r = kerja("demo")
    assert (tmp_path / "kerja-demo.db").exists() and not (tmp_path / "data-asli.db").exists()
    # deterministic: the same recap as the first run, whatever the file is called, and the same
    # store down to the audit log's timestamps (the demo fixes "now")
    assert printed_rows(r.stdout) == printed_rows(demo_run[1].stdout)
    assert db_bytes(tmp_path / "kerja-demo.db") == db_bytes(demo_run[0])


def test_suggested_command_runs_as_printed(demo_run, kerja):
    import shlex

    _, r = demo_run
    tail = r.stdout[r.stdout.index("Misalnya:") + len("Misalnya:") :]
    words = shlex.split(tail.replace("\\\n", " "))
    assert words[0] == "kerja" and words[3:5] == ["rekap", "rincian"]
    detail = kerja(*words[1:])
    assert words[5] in detail.stdout


def test_the_heads_zero_capaian_is_warned_with_its_remedy(demo_run, kerja):
    """The Kepala Dinas answers to the Sekda, outside the store: nobody can validate their
    activities (0% capaian). The demo, `rekap bulanan` and `rekap kunci` say so and name the fix."""
    db, r = demo_run
    recap = json.loads(kerja("--db", db, "rekap", "bulanan", "--bulan", "2021-02", "--format", "json").stdout)
    heads = [p for p in recap["pegawai"] if p["capaian_kinerja_persen"] == 0 and p["menit_kinerja"] == 0]
    assert heads, "the demo's head has 0% capaian"
    for p in heads:
        assert p["nip"] in r.stdout
    assert "tanpa validator" in r.stdout and "--validator-luar" in r.stdout
    monthly = kerja("--db", db, "rekap", "bulanan", "--bulan", "2021-02", "--format", "json")
    assert all(p["nip"] in monthly.stderr for p in heads) and "--validator-luar" in monthly.stderr
