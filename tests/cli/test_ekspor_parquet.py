"""`kerja ekspor parquet` end to end: the month written as Parquet on a temp store, read back with
pyarrow and compared with what the clerk's own commands print (`rekap bulanan --format json`
and `rekap rincian --json`); the folder layout, the README, refusals and the missing extra.

The store is test_rekap's February 2021 (19 working days; STAF has every tier, leave, a sick
day and a TK day; six people)."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pyarrow.parquet as pq
from test_rekap import FEB, february, recap  # noqa: F401  (february: the fixture)

from kerja.io.parquet import HARI, PEGAWAI
from kinerja_data import KABID, STAF

PART = "instansi=dinas-uji/bulan=2021-02"


def export(kerja, out: Path, *args: str, code: int = 0):
    return kerja("ekspor", "parquet", "--bulan", "2021-02", "--keluar", out, *args, code=code)


def rows(path: Path) -> list[dict]:
    return pq.read_table(path).to_pylist()


def test_month_as_parquet_equals_the_recap_and_the_rincian(kerja, february, tmp_path):  # noqa: F811
    out = tmp_path / "prov"
    r = export(kerja, out)
    hari_file = out / "hari" / PART / "data.parquet"
    pegawai_file = out / "pegawai" / PART / "data.parquet"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "README.md",
        f"hari/{PART}/data.parquet",
        f"pegawai/{PART}/data.parquet",
    ]
    # personal data: the files are the owner's only
    assert stat.S_IMODE(os.stat(hari_file).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(pegawai_file).st_mode) == 0o600

    doc = recap(kerja)
    people = rows(pegawai_file)
    # six people: 6 rows; 6 x 19 working days = 114 person-days
    assert "6 pegawai, 114 hari-pegawai" in r.stdout
    assert len(people) == 6
    for k, v in doc["total"].items():  # to the Rupiah
        assert sum(p[k] for p in people) == v
    # each person row is the recap row, tiers spread over tl_1..tl_4 / psw_1..psw_4, plus opd
    by_nip = {p["nip"]: p for p in people}
    for row in doc["pegawai"]:
        p = by_nip[row["nip"]]
        assert [p[f"tl_{i}"] for i in range(1, 5)] == row["tl"]
        assert [p[f"psw_{i}"] for i in range(1, 5)] == row["psw"]
        assert p["opd"] == row["unit"].split(" > ")[0]
        for k, v in row.items():
            if k not in ("tl", "psw"):
                assert p[k] == v, (row["nip"], k)

    days = rows(hari_file)
    assert len(days) == 6 * 19
    # every person's days are the days `rekap rincian` shows, field for field
    for nip in by_nip:
        rincian = json.loads(kerja("rekap", "rincian", nip, "--bulan", "2021-02", "--json").stdout)
        mine = [d for d in days if d["nip"] == nip]
        assert [d["tanggal"].isoformat() for d in mine] == [h["tanggal"] for h in rincian["hari"]]
        for d, h in zip(mine, rincian["hari"], strict=True):
            assert d["unit"] == by_nip[nip]["unit"]
            for k, v in h.items():
                if k != "tanggal":
                    assert d[k] == v, (nip, h["tanggal"], k)
        # the days add up to the row: minutes (no activity off the working days here) and cuts
        assert sum(d["menit_kinerja"] for d in mine) == by_nip[nip]["menit_kinerja"]
        assert sum(d["kode"] == "TK" for d in mine) == by_nip[nip]["tk"]

    staf = {d["tanggal"].day: d for d in days if d["nip"] == STAF}
    assert [d for d in sorted(staf)] == FEB
    # 4 Feb in at 09:31 against 07:30: 121 min late, TL4, 2%
    assert (staf[4]["masuk"], staf[4]["telat_menit"], staf[4]["tl"], staf[4]["potongan_persen"]) == (
        "09:31",
        121,
        4,
        2.0,
    )
    # 17 Feb: nothing at all: TK, 3%; 16 Feb sick; 1 Feb 240 + 120 approved minutes
    assert (staf[17]["kode"], staf[17]["potongan_persen"]) == ("TK", 3.0)
    assert staf[16]["kode"] == "S" and staf[1]["menit_kinerja"] == 360
    assert {d["opd"] for d in days if d["nip"] in (STAF, KABID)} == {"Dinas Uji"}


def test_schema_and_readme_name_every_column(kerja, february, tmp_path):  # noqa: F811
    out = tmp_path / "x"
    export(kerja, out)
    hari = pq.read_schema(out / "hari" / PART / "data.parquet")
    pegawai = pq.read_schema(out / "pegawai" / PART / "data.parquet")
    assert hari.names == [c[0] for c in HARI]
    assert pegawai.names == [c[0] for c in PEGAWAI]
    assert (
        str(hari.field("tanggal").type) == "date32[day]" and str(pegawai.field("tpp_total").type) == "int64"
    )
    assert hari.metadata[b"kerja.instansi"] == b"Dinas Uji"
    readme = (out / "README.md").read_text(encoding="utf-8")
    for name in [*hari.names, *pegawai.names]:
        assert f"| `{name}` |" in readme
    # every key of a recap row has its column (tl/psw spread over four)
    doc = recap(kerja)
    flat = {k for k in doc["pegawai"][0] if k not in ("tl", "psw")}
    assert flat <= set(pegawai.names)


def test_existing_partition_refused_without_timpa_and_others_kept(kerja, february, tmp_path):  # noqa: F811
    out = tmp_path / "prov"
    export(kerja, out)
    f = out / "pegawai" / PART / "data.parquet"
    before = f.read_bytes()
    r = export(kerja, out, code=1)
    assert "sudah ada" in r.stderr and "--timpa" in r.stderr and "Traceback" not in r.stderr
    assert f.read_bytes() == before
    assert not [p for p in out.rglob("*sebagian*")]
    # another institution code goes beside it; the first partition stays
    export(kerja, out, "--kode", "opd-02")
    assert (out / "pegawai" / "instansi=opd-02" / "bulan=2021-02" / "data.parquet").exists()
    assert f.read_bytes() == before
    export(kerja, out, "--timpa")
    assert rows(f) and not [p for p in out.rglob("*sebagian*")]


def test_bad_code_and_target_refused_before_anything_is_written(kerja, february, tmp_path):  # noqa: F811
    r = export(kerja, tmp_path / "a", "--kode", "../luar", code=1)
    assert "--kode '../luar'" in r.stderr
    assert not (tmp_path / "a").exists()
    (tmp_path / "berkas").write_text("x")
    r = export(kerja, tmp_path / "berkas", code=1)
    assert "bukan folder" in r.stderr
    r = export(kerja, tmp_path / "tidak" / "ada", code=1)
    assert "tidak ada" in r.stderr and not (tmp_path / "tidak").exists()
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "README.md").write_text("catatan saya\n")
    r = export(kerja, tmp_path / "c", code=1)
    assert "README" in r.stderr and (tmp_path / "c" / "README.md").read_text() == "catatan saya\n"
    assert list((tmp_path / "c").iterdir()) == [tmp_path / "c" / "README.md"]


def test_missing_extra_is_an_indonesian_message(kerja, february, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow -> ImportError
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    r = export(kerja, tmp_path / "p", code=1)
    assert "pyarrow" in r.stderr and "pip install 'kerja[parquet]'" in r.stderr
    assert "Traceback" not in r.stderr and not (tmp_path / "p").exists()


def test_locked_month_exports_the_stored_rows(kerja, february, tmp_path):  # noqa: F811
    kerja("rekap", "kunci", "--bulan", "2021-02", "--paksa", "--oleh", "petugas")
    stored = recap(kerja)
    # a change after the lock: the live recap would differ, the export keeps the stored rows
    kerja("pegawai", "ubah", STAF, "--tpp", "9000000", "--mulai", "2021-02-01", code=None)
    export(kerja, tmp_path / "k")
    people = rows(tmp_path / "k" / "pegawai" / PART / "data.parquet")
    assert sum(p["tpp_total"] for p in people) == stored["total"]["tpp_total"]
    assert next(p for p in people if p["nip"] == STAF)["pagu_tpp"] == 3_500_000
