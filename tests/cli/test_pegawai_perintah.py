"""pegawai daftar/lihat/ubah, unit daftar, audit, cadangkan."""

from __future__ import annotations

import json
import sqlite3

from helpers import db_bytes, write
from pegawai_data import HEAD, KABID, KADIS, STAF

KEYS = [
    "nip",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "status",
    "jabatan",
    "jenis_jabatan",
    "eselon",
    "golongan",
    "unit",
    "nip_atasan",
    "tanggal_lahir",
    "jenis_kelamin",
    "tpp",
    "pin_mesin",
    "aktif",
]


def _load(kerja, tmp_path):
    kerja("pegawai", "impor", write(tmp_path / "p.csv", HEAD + KADIS + KABID + STAF))


def test_daftar_json_shape_and_filters(kerja, store, tmp_path):
    _load(kerja, tmp_path)
    rows = json.loads(kerja("pegawai", "daftar", "--json").stdout)
    assert list(rows[0]) == KEYS
    assert rows[0]["tpp"] == 9_500_000 and rows[0]["aktif"] is True
    by_unit = json.loads(kerja("pegawai", "daftar", "--unit", "Bidang Aplikasi", "--json").stdout)
    assert {r["nip"] for r in by_unit} == {"198001012005012003", "198503152010011004"}
    by_eselon = json.loads(kerja("pegawai", "daftar", "--eselon", "IIIb", "--json").stdout)
    assert [r["nip"] for r in by_eselon] == ["198001012005012003"]
    assert kerja("pegawai", "daftar", "--unit", "Tidak Ada", code=1).stderr.startswith("Galat: Unit")


def test_lihat(kerja, store, tmp_path):
    _load(kerja, tmp_path)
    r = kerja("pegawai", "lihat", "19750817 200003 1 002")
    assert "Budi Santoso" in r.stdout and "Rp 9.500.000" in r.stdout
    one = json.loads(kerja("pegawai", "lihat", "197508172000031002", "--json").stdout)
    assert one["eselon"] == "II.b"
    assert "tidak ditemukan" in kerja("pegawai", "lihat", "199901012020011001", code=1).stderr


def test_ubah_is_audited(kerja, store, tmp_path):
    _load(kerja, tmp_path)
    kerja(
        "pegawai",
        "ubah",
        "198503152010011004",
        "--tpp",
        "Rp 3.750.000",
        "--pin-mesin",
        "33",
        "--unit",
        "Dinas Kominfo > Sekretariat",
        "--alasan",
        "SK mutasi",
        "--oleh",
        "petugas1",
    )
    one = json.loads(kerja("pegawai", "lihat", "198503152010011004", "--json").stdout)
    assert (one["tpp"], one["pin_mesin"], one["unit"]) == (3_750_000, "33", "Dinas Kominfo > Sekretariat")
    log = json.loads(kerja("audit", "--nip", "198503152010011004", "--json").stdout)[-1]
    assert log["oleh"] == "petugas1" and log["alasan"] == "SK mutasi"
    assert log["sebelum"]["tpp"] == 3_500_000 and log["sesudah"]["tpp"] == 3_750_000
    kerja("pegawai", "ubah", "198503152010011004", "--nonaktif")
    assert json.loads(kerja("pegawai", "lihat", "198503152010011004", "--json").stdout)["aktif"] is False


def test_ubah_refuses_cycles_unknown_supervisors_and_taken_pins(kerja, store, tmp_path):
    _load(kerja, tmp_path)
    before = db_bytes(store)
    r = kerja("pegawai", "ubah", "197508172000031002", "--atasan", "198503152010011004", code=1)
    assert "siklus" in r.stderr
    r = kerja("pegawai", "ubah", "197508172000031002", "--atasan", "199901012020011001", code=1)
    assert "tidak ditemukan" in r.stderr
    r = kerja("pegawai", "ubah", "197508172000031002", "--pin-mesin", "3", code=1)
    assert "sudah dipakai" in r.stderr
    r = kerja("pegawai", "ubah", "197508172000031002", "--tpp", "banyak", code=1)
    assert "Pagu TPP 'banyak'" in r.stderr
    assert db_bytes(store) == before


def test_unit_tree_counts(kerja, store, tmp_path):
    _load(kerja, tmp_path)
    units = json.loads(kerja("unit", "daftar", "--json").stdout)
    counts = {u["unit"]: (u["pegawai"], u["total"]) for u in units}
    assert counts == {
        "Dinas Kominfo": (1, 3),
        "Dinas Kominfo > Bidang Aplikasi": (1, 2),
        "Dinas Kominfo > Bidang Aplikasi > Seksi Data": (1, 1),
    }
    assert all(u["zona"] == "WIB" for u in units)
    kerja("unit", "ubah", "Bidang Aplikasi", "--zona", "WITA")
    zones = {u["unit"]: u["zona"] for u in json.loads(kerja("unit", "daftar", "--json").stdout)}
    assert zones["Dinas Kominfo > Bidang Aplikasi > Seksi Data"] == "WITA"
    assert zones["Dinas Kominfo"] == "WIB"
    assert "Bidang Aplikasi" in kerja("unit", "daftar").stdout


def test_audit_is_append_only(store):
    conn = sqlite3.connect(store)
    for sql in ("UPDATE audit SET oleh = 'x'", "DELETE FROM audit"):
        try:
            conn.execute(sql)
        except sqlite3.DatabaseError as e:
            assert "hanya bisa ditambah" in str(e)
        else:
            raise AssertionError(f"{sql} was allowed")


def test_cadangkan(kerja, store, tmp_path):
    _load(kerja, tmp_path)
    kerja("cadangkan", tmp_path / "salinan.db")
    conn = sqlite3.connect(tmp_path / "salinan.db")
    assert conn.execute("SELECT count(*) FROM pegawai").fetchone()[0] == 3
    assert (tmp_path / "salinan.db").stat().st_mode & 0o777 == 0o600
    assert "sudah ada" in kerja("cadangkan", tmp_path / "salinan.db", code=1).stderr


def test_init_refuses_existing_store(kerja, store):
    assert "sudah ada" in kerja("init", code=1).stderr


def test_python_dash_m(store):
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "kerja", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "pegawai" in out.stdout


def test_ambiguous_unit_names_a_few_paths(kerja, store, tmp_path):
    rows = "".join(f"19850315201001100{i};Staf {i};Staf;;Dinas {i} > Seksi Umum;;;{i}\n" for i in range(1, 6))
    kerja("pegawai", "impor", write(tmp_path / "p.csv", HEAD + rows))
    r = kerja("pegawai", "daftar", "--unit", "Seksi Umum", code=1)
    assert "ada di 5 tempat" in r.stderr and "dan 2 lainnya" in r.stderr and "Dinas 4" not in r.stderr
