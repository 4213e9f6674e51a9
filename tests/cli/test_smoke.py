def test_init_creates_private_store(kerja, db_path):
    kerja("init", "--instansi", "Dinas Uji", "--zona", "WITA")
    assert db_path.exists()
    assert db_path.stat().st_mode & 0o777 == 0o600


def test_missing_store_points_to_init(kerja):
    r = kerja("pegawai", "daftar", code=1)
    assert "kerja init" in r.stderr
    assert "Traceback" not in r.stdout + r.stderr
