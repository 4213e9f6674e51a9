"""A clerk's mistakes never end in a Python traceback: a missing store, a missing input file or an
impossible date each give one 'Galat: ...' line and exit 1 (SPEC §1)."""

from __future__ import annotations

import pytest

NIP = "197508172000031002"

# Commands that read or write the store, with otherwise valid arguments.
NEEDS_STORE = [
    ["aturan", "lihat", "--bulan", "2021-02"],
    ["pegawai", "daftar"],
    ["pegawai", "lihat", NIP],
    ["pegawai", "ubah", NIP, "--tpp", "3500000"],
    ["unit", "daftar"],
    ["kondisi", "daftar"],
    ["kondisi", "tambah", NIP, "--jenis", "hamil", "--mulai", "2021-02-01"],
    ["libur", "daftar", "--tahun", "2021"],
    ["libur", "tambah", "2021-02-15", "--nama", "Hari jadi kabupaten"],
    ["libur", "hapus", "2021-02-15"],
    ["kebijakan", "daftar"],
    ["kebijakan", "lihat", "kukar-2021"],
    ["jadwal", "buat", "--mulai", "2021-02-01", "--sampai", "2021-02-05"],
    ["jadwal", "lihat", "--mulai", "2021-02-01", "--sampai", "2021-02-05"],
    ["jadwal", "ubah", NIP, "2021-02-01", "WFO", "--alasan", "rapat"],
    ["jadwal", "periksa", "--mulai", "2021-02-01", "--sampai", "2021-02-05"],
    ["jadwal", "ekspor", "--format", "json"],
    ["presensi", "masuk", NIP, "--waktu", "2021-02-01 07:20", "--oleh", "petugas"],
    ["presensi", "pulang", NIP, "--waktu", "2021-02-01 16:05", "--oleh", "petugas"],
    ["presensi", "status", NIP, "--kode", "S", "--mulai", "2021-02-01", "--keterangan", "sakit"],
    ["presensi", "harian", "--tanggal", "2021-02-01"],
    ["presensi", "belum", "--tanggal", "2021-02-01"],
    [
        "kinerja",
        "catat",
        NIP,
        "--tanggal",
        "2021-02-01",
        "--mulai",
        "08:00",
        "--selesai",
        "10:00",
        "--uraian",
        "Menyusun laporan",
    ],
    ["kinerja", "daftar", "--bulan", "2021-02"],
    ["kinerja", "validasi", "1", "--oleh", NIP],
    ["rekap", "bulanan", "--bulan", "2021-02", "--format", "json"],
    ["rekap", "rincian", NIP, "--bulan", "2021-02"],
    ["rekap", "kunci", "--bulan", "2021-02"],
    ["rekap", "buka", "--bulan", "2021-02", "--alasan", "koreksi"],
    ["audit"],
    ["cadangkan", "cadangan.db"],
]

MISSING_FILE = [
    ["pegawai", "impor", "tidak-ada.xlsx"],
    ["aturan", "pasang", "tidak-ada.toml", "--mulai", "2021-02"],
    ["kebijakan", "tambah", "tidak-ada.toml"],
    ["presensi", "impor", "tidak-ada.dat"],
    ["presensi", "impor", "tidak-ada.csv", "--format", "csv"],
]

BAD_DATE = [
    ["aturan", "lihat", "--bulan", "2021-13"],
    ["kondisi", "daftar", "--tanggal", "2021-02-30"],
    ["kondisi", "tambah", NIP, "--jenis", "hamil", "--mulai", "2021-02-30"],
    ["libur", "daftar", "--tahun", "1900"],
    ["libur", "tambah", "2021-02-30", "--nama", "Tidak ada"],
    ["jadwal", "buat", "--mulai", "2021-02-30"],
    ["jadwal", "lihat", "--mulai", "2021-02-30"],
    ["jadwal", "ubah", NIP, "2021-02-30", "WFO", "--alasan", "rapat"],
    ["jadwal", "periksa", "--sampai", "2021-02-30"],
    ["jadwal", "ekspor", "--format", "json", "--mulai", "2021-02-30"],
    ["presensi", "masuk", NIP, "--waktu", "2021-02-30 07:20", "--oleh", "petugas"],
    ["presensi", "status", NIP, "--kode", "S", "--mulai", "2021-02-30", "--keterangan", "sakit"],
    ["presensi", "harian", "--tanggal", "2021-02-30"],
    ["presensi", "belum", "--tanggal", "2021-02-30"],
    [
        "kinerja",
        "catat",
        NIP,
        "--tanggal",
        "2021-02-30",
        "--mulai",
        "08:00",
        "--selesai",
        "10:00",
        "--uraian",
        "Menyusun laporan",
    ],
    ["kinerja", "daftar", "--bulan", "2021-13"],
    ["rekap", "bulanan", "--bulan", "2021-13", "--format", "json"],
    ["rekap", "rincian", NIP, "--bulan", "2021-13"],
    ["rekap", "kunci", "--bulan", "2021-13"],
    ["rekap", "buka", "--bulan", "2021-13", "--alasan", "koreksi"],
    ["audit", "--sejak", "2021-02-30"],
]


def _one_clean_error(r) -> None:  # type: ignore[no-untyped-def]
    out = r.stdout + r.stderr
    assert "Traceback" not in out, out
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert r.exit_code == 1, f"exit {r.exit_code}\n{out}"
    assert r.stderr.startswith("Galat: "), r.stderr
    assert r.stdout == "", "errors go to stderr; stdout stays clean for scripts"


def _name(argv: list[str]) -> str:
    return " ".join(argv[:2])


@pytest.mark.parametrize("argv", NEEDS_STORE, ids=_name)
def test_missing_store(kerja, db_path, argv):
    r = kerja(*argv, code=None)
    _one_clean_error(r)
    assert "kerja init" in r.stderr
    assert not db_path.exists(), "only `kerja init` (and `kerja demo`) may create a store"


@pytest.mark.parametrize("argv", MISSING_FILE, ids=_name)
def test_missing_input_file(kerja, store, argv):
    r = kerja(*argv, code=None)
    _one_clean_error(r)
    assert "tidak-ada" in r.stderr, "the message names the file"


def test_init_with_missing_rules_file_creates_nothing(kerja, db_path):
    r = kerja("init", "--aturan", "tidak-ada.toml", code=None)
    _one_clean_error(r)
    assert not db_path.exists()


@pytest.mark.parametrize("argv", BAD_DATE, ids=_name)
def test_wrong_date(kerja, store, argv):
    r = kerja(*argv, code=None)
    _one_clean_error(r)
    bad = next(a for a in argv if a in ("2021-02-30", "2021-13", "1900") or a.startswith("2021-02-30"))
    assert bad.split()[0] in r.stderr, "the message names the value"
