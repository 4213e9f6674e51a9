"""kerja libur, kondisi, kebijakan (SPEC §2, §5)."""

import json
import sqlite3

from helpers import db_bytes, write
from roster_fixture import KUKAR, setup, staff_a1


def test_libur_daftar_lists_national_and_cuti_bersama_in_indonesian(kerja, store, monkeypatch):
    monkeypatch.setenv("LANG", "C.UTF-8")
    rows = json.loads(kerja("libur", "daftar", "--tahun", "2021", "--json").stdout)
    by = {r["tanggal"]: r for r in rows}
    assert by["2021-08-17"]["nama"] == "Hari Kemerdekaan Republik Indonesia"
    assert by["2021-08-17"]["jenis"] == "nasional"
    assert by["2021-05-12"] == {
        "tanggal": "2021-05-12",
        "jenis": "cuti-bersama",
        "nama": "Cuti Bersama Hari Raya Idul Fitri",
    }


def test_libur_tambah_and_hapus_local_and_national(kerja, store, db_path):
    kerja("libur", "tambah", "2021-03-15", "--nama", "HUT Kabupaten", "--oleh", "petugas")
    r = kerja("libur", "hapus", "2021-02-12")  # Imlek: cancelled, becomes a working day
    assert "dibatalkan" in r.stdout
    rows = {r["tanggal"]: r for r in json.loads(kerja("libur", "daftar", "--tahun", "2021", "--json").stdout)}
    assert rows["2021-03-15"] == {"tanggal": "2021-03-15", "nama": "HUT Kabupaten", "jenis": "lokal"}
    assert rows["2021-02-12"]["jenis"] == "dibatalkan"
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT nama FROM libur WHERE tanggal = '2021-02-12'").fetchone() == (None,)
    kerja("libur", "hapus", "2021-03-15")
    assert conn.execute("SELECT count(*) FROM libur WHERE tanggal = '2021-03-15'").fetchone() == (0,)
    r = kerja("libur", "hapus", "2021-03-16", code=1)
    assert "bukan hari libur" in r.stderr
    kerja("libur", "tambah", "2021-03-15", "--nama", "  ", code=1)
    aksi = [a["aksi"] for a in json.loads(kerja("audit", "--json").stdout)]
    assert aksi.count("libur.tambah") == 1 and aksi.count("libur.hapus") == 2


def test_kondisi_tambah_and_daftar(kerja, tmp_path):
    setup(kerja, tmp_path)
    n = staff_a1()[0]
    kerja("kondisi", "tambah", n, "--jenis", "hamil", "--mulai", "2021-01-04", "--keterangan", "surat dokter")
    kerja("kondisi", "tambah", n, "--jenis", "ODP", "--mulai", "2021-02-01", "--sampai", "2021-02-14")
    all_rows = json.loads(kerja("kondisi", "daftar", "--json").stdout)
    assert [r["jenis"] for r in all_rows] == ["hamil", "odp"]
    on = json.loads(kerja("kondisi", "daftar", "--tanggal", "2021-01-20", "--json").stdout)
    assert [r["jenis"] for r in on] == ["hamil"] and on[0]["sampai"] is None
    r = kerja("kondisi", "tambah", n, "--jenis", "flu", code=1)
    assert "flu" in r.stderr and "hamil" in r.stderr
    kerja("kondisi", "tambah", "199901012020011001", "--jenis", "odp", code=1)
    kerja("kondisi", "tambah", n, "--jenis", "odp", "--mulai", "2021-02-02", "--sampai", "2021-02-01", code=1)


def test_kebijakan_tambah_daftar_lihat(kerja, store, tmp_path):
    r = kerja("kebijakan", "tambah", KUKAR)
    assert "kukar-2021" in r.stdout
    rows = json.loads(kerja("kebijakan", "daftar", "--json").stdout)
    assert rows[0]["nama"] == "kukar-2021" and rows[0]["wfo_persen"] == 25
    one = json.loads(kerja("kebijakan", "lihat", "kukar-2021", "--json").stdout)
    assert one["usia_min"] == 55 and one["mulai"] == "2021-01-27"
    assert "Kutai Kartanegara" in kerja("kebijakan", "lihat", "kukar-2021").stdout
    kerja("kebijakan", "lihat", "tidak-ada", code=1)


def test_kebijakan_errors_name_key_or_line_and_write_nothing(kerja, store, tmp_path, db_path):
    before = db_bytes(db_path)
    bad = write(
        tmp_path / "se.toml",
        'nama = "x"\nmulai = 2021-01-01\nsampai = 2021-01-31\n[kuota]\nwfo_persen = 150\n',
    )
    r = kerja("kebijakan", "tambah", bad, code=1)
    assert "kuota.wfo_persen" in r.stderr and "150" in r.stderr
    broken = write(tmp_path / "rusak.toml", 'nama = "x"\nmulai = 2021-13-01\nsampai = 2021-01-31\n')
    r = kerja("kebijakan", "tambah", broken, code=1)
    assert "rusak.toml" in r.stderr and "baris 2" in r.stderr
    kerja("kebijakan", "tambah", tmp_path / "tidak-ada.toml", code=1)
    assert db_bytes(db_path) == before
