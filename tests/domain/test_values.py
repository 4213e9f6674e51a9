from datetime import date, datetime, time

import pytest

from kerja.domain.values import (
    parse_date,
    parse_eselon,
    parse_golongan,
    parse_month,
    parse_rupiah,
    parse_time,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1975-08-17", date(1975, 8, 17)),
        ("17-08-1975", date(1975, 8, 17)),
        ("17/08/1975", date(1975, 8, 17)),
        ("17 Agustus 1975", date(1975, 8, 17)),
        ("17 Agu 1975", date(1975, 8, 17)),
        ("1 Desember 2000", date(2000, 12, 1)),
        ("01-Peb-1980", date(1980, 2, 1)),
        (date(1975, 8, 17), date(1975, 8, 17)),
        (datetime(1975, 8, 17, 0, 0), date(1975, 8, 17)),
        (27623, date(1975, 8, 17)),  # an Excel serial
        ("1975-08-17 00:00:00", date(1975, 8, 17)),
    ],
)
def test_dates(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["31-02-1975", "17 Agustos 1975", "1975/17/08", "kemarin"])
def test_bad_dates(raw):
    with pytest.raises(ValueError):
        parse_date(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (3500000, 3500000),
        (3500000.0, 3500000),
        ("3500000", 3500000),
        ("3.500.000", 3500000),
        ("Rp 3.500.000,00", 3500000),
        ("Rp3.500.000", 3500000),
        ("3,500,000.00", 3500000),
        ("Rp. 750.000", 750000),
        ("0", 0),
    ],
)
def test_rupiah(raw, expected):
    assert parse_rupiah(raw) == expected


@pytest.mark.parametrize("raw", ["3.500.000,50", "tiga juta", "-5000", "3.50.000", 3500000.5])
def test_bad_rupiah(raw):
    with pytest.raises(ValueError):
        parse_rupiah(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("III.a", "III.a"),
        ("IIIa", "III.a"),
        ("III/a", "III.a"),
        ("III.A", "III.a"),
        ("3a", "III.a"),
        ("Eselon IV b", "IV.b"),
        ("II-b", "II.b"),
        ("-", None),
        ("", None),
        (None, None),
    ],
)
def test_eselon(raw, expected):
    assert parse_eselon(raw) == expected


@pytest.mark.parametrize("raw", ["V.b", "VI.a", "III", "Kepala"])
def test_bad_eselon(raw):
    with pytest.raises(ValueError, match="eselon"):
        parse_eselon(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("III/a", "III/a"),
        ("III-b", "III/b"),
        ("IIIb", "III/b"),
        ("Penata Muda (III/a)", "III/a"),
        ("IV/e", "IV/e"),
        ("IX", "IX"),
        ("XVII", "XVII"),
        ("", None),
    ],
)
def test_golongan(raw, expected):
    assert parse_golongan(raw) == expected


@pytest.mark.parametrize("raw", ["III/e", "IV/f", "XVIII", "Penata"])
def test_bad_golongan(raw):
    with pytest.raises(ValueError, match="golongan"):
        parse_golongan(raw)


def test_time_and_month():
    assert parse_time("07.30") == time(7, 30)
    assert parse_time("7:05") == time(7, 5)
    assert parse_month("2021-2") == "2021-02"
    for bad in ("24:00", "07:60", "jam tujuh"):
        with pytest.raises(ValueError):
            parse_time(bad)
    with pytest.raises(ValueError):
        parse_month("2021-13")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1975/08/17", date(1975, 8, 17)),  # year first with slashes
        ("Aug 17, 1975", date(1975, 8, 17)),
        ("17-08-1975 00:00", date(1975, 8, 17)),
        ("05.03.1975 00:00:00", date(1975, 3, 5)),  # day first: 5 March, not 3 May
    ],
)
def test_lenient_import_dates_read_day_first(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["1975", "08/1975", "Agustus 1975", "17-08-1975 07:30", "2 kali 1975"])
def test_lenient_import_dates_never_fill_in_a_missing_part(text):
    with pytest.raises(ValueError):
        parse_date(text)
