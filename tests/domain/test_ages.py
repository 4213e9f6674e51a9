"""Age: one rule (calendar.age_on) and the day it changes (turns_age_on) agree on every birthday."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kerja.domain.calendar import age_on, turns_age_on


@given(st.dates(min_value=date(1940, 1, 1), max_value=date(2005, 12, 31)), st.integers(1, 70))
def test_the_day_an_age_is_reached_is_the_first_day_age_on_says_so(born, age):
    day = turns_age_on(born, age)
    assert age_on(born, day) == age
    assert age_on(born, day - timedelta(days=1)) == age - 1


def test_leap_day_birth_turns_on_the_first_of_march():
    # 29 Feb 1964 + 57 years: 2021 has no 29 February, so the birthday is 1 March 2021.
    assert turns_age_on(date(1964, 2, 29), 57) == date(2021, 3, 1)
    assert age_on(date(1964, 2, 29), date(2021, 2, 28)) == 56
