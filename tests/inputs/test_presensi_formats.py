"""Every attendance layout of issue 11 loads through `presensi impor` by content: the stored
punches (person, local time, type, machine state, machine) are checked row by row. Samples in
tests/inputs/samples have the real header and line shapes with fictional people."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

SAMPLES = Path(__file__).parent / "samples"
A, B, C = "197508172000031002", "198001012005011001", "199009092021211004"
# PINs 1, 2, 3 hold on any machine (an institution that registered none); WIB (+07:00).
EMPLOYEES = f"""NIP;Nama;Status;Unit Kerja;PIN
{A};Ani Lestari;PNS;Dinas Kesehatan > Sekretariat;1
{B};Budi Santoso;PNS;Dinas Kesehatan > Bidang P2P;2
{C};Citra Dewi;PPPK;Dinas Pendidikan;3
"""


def rows(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT nip, waktu, tanggal, jenis, state, mesin, sumber FROM presensi ORDER BY waktu, nip"
        ).fetchall()
    finally:
        conn.close()


@pytest.fixture
def dinas(store: Path, kerja, tmp_path: Path) -> Path:
    f = tmp_path / "pegawai.csv"
    f.write_text(EMPLOYEES, encoding="utf-8")
    kerja("pegawai", "impor", str(f))
    return store


def sample(tmp_path: Path, name: str) -> Path:
    return Path(shutil.copy(SAMPLES / name, tmp_path / name))


# (sample, detected format, stored rows as (nip, waktu, tanggal, jenis, state, mesin, sumber)).
CASES = [
    (
        "zk_usb_1_attlog.dat",  # PIN padded to 9, then device 1 and the state (0 in, 1 out)
        "attlog",
        [
            (A, "2021-02-01T07:28:02+07:00", "2021-02-01", None, "0", "1", "mesin"),
            (B, "2021-02-01T07:41:15+07:00", "2021-02-01", None, "0", "1", "mesin"),
            (A, "2021-02-01T16:05:40+07:00", "2021-02-01", None, "1", "1", "mesin"),
        ],
    ),
    (
        "zk_newer_1_attlog.dat",  # 11 tab fields, no padding: device 2, then the state
        "attlog",
        [
            (A, "2021-02-02T07:15:10+07:00", "2021-02-02", None, "0", "2", "mesin"),
            (C, "2021-02-02T07:20:44+07:00", "2021-02-02", None, "0", "2", "mesin"),
            (C, "2021-02-02T16:30:01+07:00", "2021-02-02", None, "1", "2", "mesin"),
        ],
    ),
    (
        "adms_push.txt",  # ADMS body: the state right after the time, no device column
        "adms",
        [
            (B, "2021-02-03T07:05:00+07:00", "2021-02-03", None, "0", None, "mesin"),
            (B, "2021-02-03T16:02:00+07:00", "2021-02-03", None, "1", None, "mesin"),
        ],
    ),
    (
        "GLG_001.TXT",  # EnNo = PIN, TMNo = terminal 1, INOUT kept as the state
        "txt",
        [
            (A, "2021-02-04T07:25:13+07:00", "2021-02-04", None, "0", "1", "mesin"),
            (C, "2021-02-04T07:31:02+07:00", "2021-02-04", None, "0", "1", "mesin"),
            (A, "2021-02-04T16:01:48+07:00", "2021-02-04", None, "0", "1", "mesin"),
        ],
    ),
    (
        "AGL_001.TXT",  # header one column longer; 02-15-2021 settles month-first; 04:35:09PM = 16:35:09
        "txt",
        [
            (B, "2021-02-15T07:19:29+07:00", "2021-02-15", None, None, "1", "mesin"),
            (C, "2021-02-15T12:02:00+07:00", "2021-02-15", None, None, "1", "mesin"),
            (B, "2021-02-15T16:35:09+07:00", "2021-02-15", None, None, "1", "mesin"),
        ],
    ),
    (
        "getattlog.xml",
        "xml",
        [
            (A, "2021-02-05T07:28:02+07:00", "2021-02-05", None, "0", None, "mesin"),
            (C, "2021-02-05T07:33:17+07:00", "2021-02-05", None, "0", None, "mesin"),
            (A, "2021-02-05T16:31:45+07:00", "2021-02-05", None, "1", None, "mesin"),
        ],
    ),
    (
        "pyzk_listing.txt",  # p (the punch) kept as the state
        "pyzk",
        [
            (A, "2021-02-08T07:28:02+07:00", "2021-02-08", None, "0", None, "mesin"),
            (B, "2021-02-08T07:44:10+07:00", "2021-02-08", None, "0", None, "mesin"),
            (A, "2021-02-08T16:02:59+07:00", "2021-02-08", None, "1", None, "mesin"),
        ],
    ),
    (
        "fingerspot_get_attlog.json",  # sn is the machine, status_scan the state
        "json",
        [
            (C, "2021-02-09T07:12:40+07:00", "2021-02-09", None, "0", "66595017211456", "mesin"),
            (B, "2021-02-09T07:59:59+07:00", "2021-02-09", None, "0", "66595017211456", "mesin"),
            (C, "2021-02-09T16:40:02+07:00", "2021-02-09", None, "1", "66595017211456", "mesin"),
        ],
    ),
    (
        "attendance_management.csv",  # 02/16/2021 settles month-first; C/In, C/Out type the punch
        "tabel",
        [
            (A, "2021-02-10T07:28:00+07:00", "2021-02-10", "masuk", "C/In", "1", "mesin"),
            (A, "2021-02-10T16:05:00+07:00", "2021-02-10", "pulang", "C/Out", "1", "mesin"),
            (B, "2021-02-16T07:45:00+07:00", "2021-02-16", "masuk", "C/In", "1", "mesin"),
        ],
    ),
    (
        "ekspor_indonesia.txt",  # TAB, 15/02/2021 settles day-first, 07.28.54
        "tabel",
        [
            (A, "2021-02-11T07:28:54+07:00", "2021-02-11", None, None, None, "mesin"),
            (A, "2021-02-11T16:02:11+07:00", "2021-02-11", None, None, None, "mesin"),
            (C, "2021-02-15T07:10:05+07:00", "2021-02-15", None, None, None, "mesin"),
        ],
    ),
    (
        "harian_masuk_pulang.csv",  # two typed punches a row; '-' = none; 19:00 -> 07:05 next day
        "harian",
        [
            (A, "2021-02-17T07:25:00+07:00", "2021-02-17", "masuk", None, None, "mesin"),
            (B, "2021-02-17T07:40:00+07:00", "2021-02-17", "masuk", None, None, "mesin"),
            (A, "2021-02-17T16:10:00+07:00", "2021-02-17", "pulang", None, None, "mesin"),
            (C, "2021-02-17T19:00:00+07:00", "2021-02-17", "masuk", None, None, "mesin"),
            (C, "2021-02-18T07:05:00+07:00", "2021-02-18", "pulang", None, None, "mesin"),
        ],
    ),
    (
        "harian_ymd.csv",
        "harian",
        [
            (B, "2021-02-18T07:31:00+07:00", "2021-02-18", "masuk", None, None, "mesin"),
            (B, "2021-02-18T16:02:00+07:00", "2021-02-18", "pulang", None, None, "mesin"),
        ],
    ),
]


@pytest.mark.parametrize(("name", "fmt", "expected"), CASES, ids=[c[0] for c in CASES])
def test_layout_loads_by_content(dinas, kerja, tmp_path, name, fmt, expected):
    f = sample(tmp_path, name)
    s = json.loads(kerja("presensi", "impor", str(f), "--json").stdout)
    assert s["format"] == fmt
    assert rows(dinas) == expected
    assert s["ditambah"] == len(expected)
    # The same file again adds nothing; forcing its own format reads it the same way.
    again = json.loads(kerja("presensi", "impor", str(f), "--format", fmt, "--json").stdout)
    assert again["ditambah"] == 0 and rows(dinas) == expected


def test_unknown_pin_in_usb_sample_is_listed(dinas, kerja, tmp_path):
    r = kerja("presensi", "impor", str(sample(tmp_path, "zk_usb_1_attlog.dat")))
    assert "42" in r.stderr and "tidak dikenal" in r.stderr


def test_attendance_management_xlsx(dinas, kerja, tmp_path):
    import xlsxwriter

    f = tmp_path / "attendance.xlsx"
    wb = xlsxwriter.Workbook(str(f))
    ws = wb.add_worksheet()
    for i, line in enumerate((SAMPLES / "attendance_management.csv").read_text().splitlines()):
        ws.write_row(i, 0, line.split(","))
    wb.close()
    s = json.loads(kerja("presensi", "impor", str(f), "--json").stdout)
    assert s["format"] == "tabel"
    assert [(r[0], r[1], r[3]) for r in rows(dinas)] == [
        (A, "2021-02-10T07:28:00+07:00", "masuk"),
        (A, "2021-02-10T16:05:00+07:00", "pulang"),
        (B, "2021-02-16T07:45:00+07:00", "masuk"),
    ]


def test_undecidable_day_month_order_is_refused_then_forced(dinas, kerja, tmp_path):
    f = tmp_path / "am.csv"
    f.write_text(
        "Department,Name,No.,Date/Time,Status\r\n"
        "X,Ani,1,02/03/2021 7:28 AM,C/In\r\n"
        "X,Ani,1,02/04/2021 7:30 AM,C/In\r\n"
    )
    r = kerja("presensi", "impor", str(f), code=1)
    assert "--urutan-tanggal hbt" in r.stderr and "'02/03/2021'" in r.stderr
    assert rows(dinas) == []
    kerja("presensi", "impor", str(f), "--urutan-tanggal", "bht")
    # bht = month/day/year: 02/03/2021 is 3 February.
    assert [r[2] for r in rows(dinas)] == ["2021-02-03", "2021-02-04"]


def test_us_order_is_not_read_as_day_first(dinas, kerja, tmp_path):
    # 03/02/2021 beside 03/15/2021: the file is month-first, so 3/2 is 2 March, not 3 February.
    f = tmp_path / "am.csv"
    f.write_text(
        "Department,Name,No.,Date/Time,Status\r\n"
        "X,Ani,1,03/02/2021 7:28 AM,C/In\r\nX,Ani,1,03/15/2021 7:30 AM,C/In\r\n"
    )
    kerja("presensi", "impor", str(f))
    assert [r[2] for r in rows(dinas)] == ["2021-03-02", "2021-03-15"]


def test_inconsistent_order_is_refused(dinas, kerja, tmp_path):
    f = tmp_path / "x.txt"
    f.write_text(
        "Departemen\tNama\tNo.ID\tTgl/Waktu\n-\tAni\t1\t15/02/2021 07.00.00\n-\tAni\t1\t02/16/2021 07.00.00\n"
    )
    r = kerja("presensi", "impor", str(f), code=1)
    assert "tidak konsisten" in r.stderr and rows(dinas) == []


@pytest.mark.parametrize(
    ("fmt", "text", "expected"),
    [
        ("txt", "No\tTMNo\tPIN\tWaktu\n1\t1\t1\t2021/02/04 07:25:13\n", "TMNo EnNo Name INOUT Mode DateTime"),
        ("xml", "<GetAttLogResponse><Row><PIN>1</PIN></Row></GetAttLogResponse>", "<GetAttLogResponse>"),
        ("pyzk", "user 1 at 07:28\n", "user_id"),
        ("json", '{"data": [{"pin": "1"}]}', "scan_date"),
        ("tabel", "Nama;Alamat\nAni;Jl. Mawar\n", "EnNo, No., No.ID"),
        ("attlog", "1\t01/02/2021 07:00:00\t1\n", "Format attlog"),
    ],
)
def test_forced_format_refuses_naming_the_layout(dinas, kerja, tmp_path, fmt, text, expected):
    f = tmp_path / "berkas.dat"
    f.write_text(text)
    r = kerja("presensi", "impor", str(f), "--format", fmt, code=1)
    assert expected in r.stderr, r.stderr
    assert "kesalahan internal" not in r.stderr and rows(dinas) == []


def test_unknown_file_is_refused_naming_the_layouts(dinas, kerja, tmp_path):
    f = tmp_path / "catatan.dat"
    f.write_text("Rapat koordinasi hari Senin\nBawa laptop\n")
    r = kerja("presensi", "impor", str(f), code=1)
    assert "tidak dikenali" in r.stderr and "GLG/AGL" in r.stderr and "--format" in r.stderr


def test_bad_line_in_a_txt_export_names_line_and_layout(dinas, kerja, tmp_path):
    f = tmp_path / "GLG_001.TXT"
    f.write_text("No\tTMNo\tEnNo\tName\tINOUT\tMode\tDateTime\n1\t1\t1\t\t0\t0\t2021/02/30 07:25:13\n")
    r = kerja("presensi", "impor", str(f), code=1)
    assert "baris 2" in r.stderr and "2021/02/30" in r.stderr and "EnNo" in r.stderr
