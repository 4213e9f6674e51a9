"""NIP / NI PPPK / NIK rules, one line per case."""

from datetime import date

import pytest

from kerja.domain.nip import parse_nip, parse_status

VALID = [
    # raw, status hint, expected nip, status, birth date, sex
    ("197508172000031002", None, "197508172000031002", "PNS", date(1975, 8, 17), "L"),
    ("19750817 200003 1 002", None, "197508172000031002", "PNS", date(1975, 8, 17), "L"),
    ("19750817.200003.1.002", "PNS", "197508172000031002", "PNS", date(1975, 8, 17), "L"),
    ("'198001012005012003", None, "198001012005012003", "PNS", date(1980, 1, 1), "P"),
    ("199009092021211004", "PPPK", "199009092021211004", "PPPK", date(1990, 9, 9), "L"),
    ("199512312019032001", "CPNS", "199512312019032001", "CPNS", date(1995, 12, 31), "P"),
    ("6471010101900001", "NON-ASN", "6471010101900001", "NON-ASN", None, None),
    ("THL-2021-07", "NON-ASN", "THL-2021-07", "NON-ASN", None, None),
]


@pytest.mark.parametrize(("raw", "status", "nip", "kind", "born", "sex"), VALID)
def test_valid(raw, status, nip, kind, born, sex):
    n = parse_nip(raw, status)
    assert (n.nip, n.status, n.tanggal_lahir, n.jenis_kelamin) == (nip, kind, born, sex)


INVALID = [
    # raw, status hint, a fragment of the reason
    ("197502302000031002", None, "bukan tanggal lahir"),  # 30 Feb
    ("197508172000131002", "PNS", "bulan 13 tidak ada"),  # TMT month 13 for a PNS
    ("197508172000033002", None, "digit ke-15"),  # gender 3
    ("1.97508E+17", None, "format kolom NIP sebagai Teks"),
    ("1,97508E+17", None, "format kolom NIP sebagai Teks"),
    ("197508172000031000", None, "format kolom NIP sebagai Teks"),  # float trailing zeros
    ("197508172000031002.0", None, "format kolom NIP sebagai Teks"),
    (1.97508172000031e17, None, "format kolom NIP sebagai Teks"),  # a numeric Excel cell
    ("19750817200003100", None, "18 digit, ini 17"),
    ("1975081720000310021", None, "18 digit, ini 19"),
    ("19750817200003100X", None, "hanya boleh berisi angka"),
    ("199009092021211004", None, "berpola NI PPPK"),  # PPPK without a status
    ("199009091989211004", "PPPK", "sesudah tahun lahir"),
    ("197508171970031002", None, "tidak sesudah tanggal lahir"),
    ("", None, "kosong"),
    ("NIK 12/34", "NON-ASN", "16 digit"),
]


@pytest.mark.parametrize(("raw", "status", "reason"), INVALID)
def test_invalid(raw, status, reason):
    with pytest.raises(ValueError, match=reason):
        parse_nip(raw, status)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("PNS", "PNS"),
        ("cpns", "CPNS"),
        ("P3K", "PPPK"),
        ("Honorer", "NON-ASN"),
        ("THL", "NON-ASN"),
        ("Non ASN", "NON-ASN"),
        ("Non-PNS", "NON-ASN"),
        ("PTT", "NON-ASN"),
        ("", None),
    ],
)
def test_status_aliases(raw, expected):
    assert parse_status(raw) == expected


def test_unknown_status():
    with pytest.raises(ValueError, match="status tidak dikenal"):
        parse_status("Pegawai Tetap")
