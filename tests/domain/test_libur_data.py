"""The national holidays written down in kerja.domain.libur_data are the `holidays` package's, and
a month inside their years is read without importing the package (issue 16: about 130 ms of a
`rekap rincian`)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from kerja.domain import calendar, libur_data


def _same_version() -> None:
    if libur_data.VERSION != calendar.library_version():
        pytest.skip(
            f"libur_data is from holidays {libur_data.VERSION}, installed {calendar.library_version()}: "
            "run python -m kerja.domain.libur_data_gen"
        )


def test_written_holidays_are_the_packages_for_every_year():
    _same_version()
    for year in range(libur_data.FIRST, libur_data.LAST + 1):
        assert calendar._national(year) == calendar.national_from_library(year), year


def test_known_days_of_2021():
    # Independence Day is a public holiday; 12 May 2021 was the one cuti bersama left that year
    # (SKB 3 Menteri, amended: the others were cancelled); 18 Aug is an ordinary day.
    public, cuti = calendar._national(2021)
    assert date(2021, 8, 17) in dict(public) and date(2021, 8, 17) not in dict(cuti)
    assert dict(cuti) == {date(2021, 5, 12): "Cuti Bersama Hari Raya Idul Fitri"}
    assert date(2021, 8, 18) not in dict(public) | dict(cuti)


def test_a_month_in_range_does_not_import_the_package():
    _same_version()
    code = (
        "import sys; from kerja.domain import calendar; "
        "h = calendar.holidays_for([2021]); print(len(h), 'holidays' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    count, imported = out.stdout.split()
    assert imported == "False" and int(count) == len(calendar.holidays_for([2021]))
    # Outside the written years the package answers, as before.
    code = (
        "import sys; from kerja.domain import calendar; "
        "calendar.holidays_for([2099]); print('holidays' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True"]
