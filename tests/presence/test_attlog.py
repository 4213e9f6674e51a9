"""Attendance files: attlog parsing, CSV, idempotent import, unknown PINs, malformed lines."""

from __future__ import annotations

import json

import pytest

from kerja.domain.errors import KerjaError
from kerja.io.attlog import read_attlog, read_presence_csv
from presence_data import A, B, C, sql

# A real-looking ZKTeco/Solution export: leading blanks, tabs and spaces mixed, CRLF, trailing
# columns, a duplicate punch, a blank line and an unknown PIN (99).
ATTLOG = (
    "        1\t2021-02-01 07:25:13\t1\t0\t0\t0\r\n"
    "        2\t2021-02-01 07:41:02\t1\t1\t0\t0\r\n"
    "   3  2021-02-01 07:29:59   1   1\r\n"
    "       99\t2021-02-01 07:30:00\t1\t0\t0\t0\r\n"
    "        1\t2021-02-01 07:25:13\t1\t0\t0\t0\r\n"
    "\r\n"
    "        1\t2021-02-01 16:02:45\t1\t0\t0\t0\r\n"
    "        2\t2021-02-01 15:40:00\t0\t1\r\n"
    "        3\t2021-02-01 16:31:00\r\n"
    "       99\t2021-02-01 16:30:00\t1\t0\t0\t0\r\n"
    "       77\t2021-02-02 07:00:00\t1\t0\t0\t0\r\n"
)


def test_read_attlog_lines(tmp_path):
    f = tmp_path / "1_attlog.dat"
    f.write_bytes(ATTLOG.encode())
    rows = list(read_attlog(f))
    # USB layout (padded PINs): PIN, time, device, state, verify, workcode.
    assert rows[0] == (1, "1", "2021-02-01", "07:25:13", None, "0", "1")
    assert rows[2] == (3, "3", "2021-02-01", "07:29:59", None, "1", "1")
    assert rows[7] == (9, "3", "2021-02-01", "16:31:00", None, None, None)  # line 6 is blank
    assert len(rows) == 10


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("1\t2021-02-30 07:00:00\t1", "tanggal"),
        ("1\t2021-02-01 7:61:00\t1", "jam"),
        ("1\t2021-02-01", "kolom kurang"),
        ("1\t01/02/2021 07:00:00\t1", "tanggal"),
    ],
)
def test_malformed_line_names_its_number(tmp_path, line, why):
    f = tmp_path / "x.dat"
    f.write_text("1\t2021-02-01 07:00:00\t1\n\n" + line + "\n")
    with pytest.raises(KerjaError, match=f"x.dat baris 3: {why}"):
        list(read_attlog(f))


def test_import_attlog_counts_and_is_idempotent(dinas, kerja, tmp_path):
    f = tmp_path / "1_attlog.dat"
    f.write_bytes(ATTLOG.encode())
    r = kerja("presensi", "impor", str(f), "--format", "attlog")
    assert "10 presensi terbaca; 6 ditambah, 1 sudah ada, 3 dengan PIN tak dikenal" in r.stdout
    assert "3 presensi dari 2 PIN yang tidak dikenal dilewati: 77, 99" in r.stderr
    rows = sql(
        dinas,
        "SELECT nip, waktu, tanggal, jenis, mode, sumber, state, mesin FROM presensi WHERE nip = ? "
        "ORDER BY waktu",
        A,
    )
    # USB layout: the 3rd column is the device (1), the 4th the state (0).
    assert rows == [
        (A, "2021-02-01T07:25:13+07:00", "2021-02-01", None, "WFO", "mesin", "0", "1"),
        (A, "2021-02-01T16:02:45+07:00", "2021-02-01", None, "WFO", "mesin", "0", "1"),
    ]
    before = sql(dinas, "SELECT * FROM presensi ORDER BY id")
    r = kerja("presensi", "impor", str(f), "--json")
    s = json.loads(r.stdout)
    assert (s["dibaca"], s["ditambah"], s["sudah_ada"], s["pin_tak_dikenal"]) == (10, 0, 7, 3)
    assert sql(dinas, "SELECT * FROM presensi ORDER BY id") == before
    # One audit row per import, not per punch.
    log = json.loads(kerja("audit", "--json").stdout)
    imports = [e for e in log if e["aksi"] == "presensi.impor"]
    assert len(imports) == 2 and imports[0]["sesudah"]["ditambah"] == 6
    h = {
        x["nip"]: x
        for x in json.loads(kerja("presensi", "harian", "--tanggal", "2021-02-01", "--json").stdout)
    }
    assert (h[A]["masuk"], h[A]["pulang"], h[A]["tl"], h[A]["psw"]) == ("07:25", "16:02", None, None)
    assert (h[B]["telat_menit"], h[B]["tl"], h[B]["cepat_menit"], h[B]["psw"]) == (11, 1, 20, 1)
    assert (h[C]["masuk"], h[C]["pulang"], h[C]["telat_menit"]) == ("07:29", "16:31", 0)


def test_overlapping_file_adds_only_new_punches(dinas, kerja, tmp_path):
    first = tmp_path / "a.dat"
    first.write_text("1 2021-02-01 07:25:13 1\n2 2021-02-01 07:26:00 1\n")
    kerja("presensi", "impor", str(first))
    second = tmp_path / "b.dat"
    second.write_text("2 2021-02-01 07:26:00 1\n1 2021-02-01 16:00:00 1\n")
    r = kerja("presensi", "impor", str(second))
    assert "1 ditambah, 1 sudah ada" in r.stdout
    assert sql(dinas, "SELECT count(*) FROM presensi") == [(3,)]


def test_malformed_line_writes_nothing(dinas, kerja, tmp_path):
    f = tmp_path / "1_attlog.dat"
    lines = [f"1\t2021-02-{d:02d} 07:2{d % 10}:00\t1\t0" for d in range(1, 28)]
    lines[20] = "1\t2021-02-21 25:00:00\t1\t0"
    f.write_text("\r\n".join(lines) + "\r\n")
    from kerja.services import presensi

    monkey_batch = presensi.BATCH
    presensi.BATCH = 5  # earlier batches are already inserted when line 21 fails
    try:
        r = kerja("presensi", "impor", str(f), code=1)
    finally:
        presensi.BATCH = monkey_batch
    assert "baris 21" in r.stderr and "25:00:00" in r.stderr
    assert "tidak ada yang disimpan" in r.stderr
    assert sql(dinas, "SELECT count(*) FROM presensi") == [(0,)]
    assert sql(dinas, "SELECT count(*) FROM audit WHERE aksi = 'presensi.impor'") == [(0,)]


def test_import_into_locked_month_refused(dinas, kerja, tmp_path):
    # Issue 10: a new punch in a locked month is listed and not stored (exit 3), not the file.
    kerja("rekap", "kunci", "--bulan", "2021-02", "--paksa")
    f = tmp_path / "x.dat"
    f.write_text("1 2021-02-01 07:25:13 1\n")
    r = kerja("presensi", "impor", str(f), code=3)
    assert "2021-02 sudah dikunci" in r.stdout and "baris 1" in r.stdout
    assert sql(dinas, "SELECT count(*) FROM presensi") == [(0,)]


CSV = f"""nip;waktu;jenis;mode
{A};2021-02-01 07:31;masuk;WFH
'{A};01/02/2021 16.05;pulang;wfh
{B};2021-02-01T00:10:00Z;;
"""


def test_presence_csv(dinas, kerja, tmp_path):
    f = tmp_path / "online.csv"
    f.write_text(CSV)
    rows = read_presence_csv(f)
    assert rows[0] == (2, A, None, "2021-02-01", "07:31:00", None, "masuk", "WFH")
    assert rows[2] == (4, B, None, "2021-02-01", "00:10:00", 0, None, None)
    r = kerja("presensi", "impor", str(f))
    assert "3 ditambah" in r.stdout
    assert sql(dinas, "SELECT nip, waktu, jenis, mode, sumber FROM presensi ORDER BY id") == [
        (A, "2021-02-01T07:31:00+07:00", "masuk", "WFH", "online"),
        (A, "2021-02-01T16:05:00+07:00", "pulang", "WFH", "online"),
        (B, "2021-02-01T07:10:00+07:00", None, None, "online"),  # 00:10 UTC = 07:10 WIB
    ]
    assert "0 ditambah, 3 sudah ada" in kerja("presensi", "impor", str(f)).stdout


def test_presence_csv_with_pin_and_bad_row(dinas, kerja, tmp_path):
    f = tmp_path / "p.csv"
    f.write_text("PIN,Tanggal,Jam\n3,2021-02-01,07:00\n3,2021-02-01,sore\n")
    r = kerja("presensi", "impor", str(f), code=1)
    assert "p.csv baris 3, kolom waktu" in r.stderr
    f.write_text("PIN,Tanggal,Jam\n3,2021-02-01,07:00\n")
    kerja("presensi", "impor", str(f))
    assert sql(dinas, "SELECT nip, waktu FROM presensi") == [(C, "2021-02-01T07:00:00+07:00")]


def test_progress_advances_by_bytes(tmp_path):
    f = tmp_path / "big.dat"
    f.write_text("".join(f"{i % 50}\t2021-02-01 07:{i % 60:02d}:00\t1\t0\n" for i in range(45_000)))

    class Bar:
        done = 0

        def advance(self, n: int) -> None:
            self.done += n

    bar = Bar()
    assert sum(1 for _ in read_attlog(f, bar)) == 45_000
    assert 0 < bar.done <= f.stat().st_size
