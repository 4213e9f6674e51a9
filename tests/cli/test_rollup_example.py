"""examples/rollup: two institutions' stores export into one folder and the example SQL, run by
DuckDB, gives per OPD exactly what the institutions' own recaps say (summed from `rekap bulanan
--format json` here, row by row), and the province total their totals' sum."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest
from test_rekap import FEB, february, recap  # noqa: F401  (february: the fixture)

from kinerja_data import punches

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "rollup"
OTHER = ("199202022020122001", "199303032021012002")


def connect(folder: Path) -> duckdb.DuckDBPyConnection:
    """What examples/rollup/rollup.py connect() does: the example's views over `folder`."""
    con = duckdb.connect()
    con.execute(f"SET file_search_path = '{folder}'")
    con.execute((EXAMPLE / "views.sql").read_text(encoding="utf-8"))
    return con


def query(con: duckdb.DuckDBPyConnection, name: str) -> list[dict]:
    """The rows of one example SQL file, as dicts."""
    rel = con.sql((EXAMPLE / f"{name}.sql").read_text(encoding="utf-8"))
    return [dict(zip(rel.columns, row, strict=True)) for row in rel.fetchall()]


@pytest.fixture
def province(kerja, february, tmp_path, monkeypatch):  # noqa: F811
    """The February store ('Dinas Uji' and 'Badan Lain') and a second store 'Badan Dua' of two
    people, both exported to one folder; returns (folder, [their two recap documents])."""
    out = tmp_path / "provinsi"
    kerja("ekspor", "parquet", "--bulan", "2021-02", "--keluar", out, "--kode", "dinas-uji")
    docs = [recap(kerja)]
    other = tmp_path / "badan-dua.db"
    monkeypatch.setenv("KERJA_DB", str(other))
    kerja("init", "--instansi", "Badan Dua", "--zona", "WIB")
    csv = tmp_path / "dua.csv"
    csv.write_text(
        "NIP;Nama;Unit;TPP\n"
        f"{OTHER[0]};Kepala Dua;Badan Dua;6.000.000\n"
        f"{OTHER[1]};Staf Dua;Badan Dua > Subbag Umum;2.500.000\n",
        encoding="utf-8",
    )
    kerja("pegawai", "impor", csv)
    # the head on time at the office every day; the staff at home, 40 minutes late every Monday
    rows = [(OTHER[0], f"2021-02-{d:02d}", "07:15", "16:45", "WFO") for d in FEB]
    rows += [
        (OTHER[1], f"2021-02-{d:02d}", "08:10" if d in (1, 8, 15, 22) else "07:20", "16:45", "WFH")
        for d in FEB
    ]
    punches(kerja, tmp_path, rows)
    kerja("ekspor", "parquet", "--bulan", "2021-02", "--keluar", out, "--kode", "badan-dua")
    docs.append(recap(kerja))
    return out, docs


def per_opd(docs, keys):
    sums: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(keys, 0))
    for doc in docs:
        for r in doc["pegawai"]:
            for k in keys:
                sums[r["unit"].split(" > ")[0]][k] += r[k]
    return dict(sums)


def test_tpp_per_opd_equals_the_recaps_to_the_rupiah(province):
    out, docs = province
    con = connect(out)
    money = ("pagu_tpp", "tpp_kinerja", "tpp_disiplin", "tpp_total")
    rows = {r["opd"]: r for r in query(con, "tpp_per_opd")}
    expected = per_opd(docs, money)
    # OPDs: Dinas Uji (5 people) and Badan Lain (1) from the first store, Badan Dua (2)
    assert set(rows) == {"Dinas Uji", "Badan Lain", "Badan Dua", "JUMLAH PROVINSI"}
    assert (rows["Dinas Uji"]["pegawai"], rows["Badan Lain"]["pegawai"], rows["Badan Dua"]["pegawai"]) == (
        5,
        1,
        2,
    )
    for opd, sums in expected.items():
        assert {k: rows[opd][k] for k in money} == sums
    # the province row: the two recaps' totals added
    for k in money:
        assert rows["JUMLAH PROVINSI"][k] == docs[0]["total"][k] + docs[1]["total"][k]
    assert rows["JUMLAH PROVINSI"]["tidak_dibayar"] == (
        rows["JUMLAH PROVINSI"]["pagu_tpp"] - rows["JUMLAH PROVINSI"]["tpp_total"]
    )


def test_days_per_opd_count_as_the_recap_counts(province):
    out, docs = province
    con = connect(out)
    days = ("hari_kerja", "hadir_wfo", "hadir_wfh", "tk", "sakit", "izin", "cuti", "dinas_luar")
    expected = per_opd(docs, days)
    got = {r["opd"]: r for r in query(con, "kehadiran_per_opd")}
    for opd, sums in expected.items():
        g = got[opd]
        assert g["hari_pegawai"] == sums["hari_kerja"]
        assert {k: g[k] for k in days[1:]} == {k: sums[k] for k in days[1:]}, opd
        assert g["lainnya"] == 0
    # Badan Dua: 2 people x 19 days = 38, the staff late on the four Mondays
    assert (got["Badan Dua"]["hari_pegawai"], got["Badan Dua"]["hari_terlambat"]) == (38, 4)
    by_code = query(con, "hari_per_opd_kode")
    late = next(r for r in by_code if r["opd"] == "Badan Dua" and r["kode"] == "H")
    # 08:10 against 07:30: 40 minutes, four times
    assert (late["hari_pegawai"], late["pegawai"], late["telat_menit"]) == (38, 2, 160)
    assert sum(r["hari_pegawai"] for r in by_code) == sum(s["hari_kerja"] for s in expected.values())


def test_rollup_script_writes_the_tables(province, tmp_path):
    out, _ = province
    run = subprocess.run(
        [sys.executable, str(EXAMPLE / "rollup.py"), str(out), "--csv", str(tmp_path / "hasil")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (tmp_path / "hasil").iterdir()) == [
        "hari_per_opd_kode.csv",
        "kehadiran_per_opd.csv",
        "tpp_per_opd.csv",
    ]
    assert "JUMLAH PROVINSI" in (tmp_path / "hasil" / "tpp_per_opd.csv").read_text()


def test_the_readme_names_every_sql_file():
    text = (EXAMPLE / "README.md").read_text(encoding="utf-8")
    for f in EXAMPLE.glob("*.sql"):
        assert f"`{f.name}`" in text
