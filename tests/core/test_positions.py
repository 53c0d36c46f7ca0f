import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.positions import read_month, wrong_date, years

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@pytest.mark.parametrize(
    ("typed", "month"),
    [
        ("Mar 2019", dt.date(2019, 3, 1)),
        ("March 2019", dt.date(2019, 3, 1)),
        ("2019", dt.date(2019, 1, 1)),
        ("2019-03", dt.date(2019, 3, 1)),
        ("2019-03-14", dt.date(2019, 3, 1)),
        ("03/2019", dt.date(2019, 3, 1)),
        ("3.2019", dt.date(2019, 3, 1)),
        ("  Sep   2012 ", dt.date(2012, 9, 1)),
        ("Sept. 2012", dt.date(2012, 9, 1)),
        ("März 2020", dt.date(2020, 3, 1)),
        ("déc. 2020", dt.date(2020, 12, 1)),
    ],
)
def test_it_reads_the_months_work_histories_are_written_in(typed, month):
    assert read_month(typed) == month


@pytest.mark.parametrize(
    "typed", ["", "   ", "sometime", "Summer 2014", "13/2019", "2019-13", "1850", "Foo 2019", "20"]
)
def test_it_reads_no_month_from_what_names_none(typed):
    assert read_month(typed) is None


@given(st.integers(1900, 9998), st.integers(1, 12))
def test_a_month_written_by_linkedin_reads_back_as_its_first_day(year, month):
    assert read_month(f"{MONTH_NAMES[month - 1]} {year}") == dt.date(year, month, 1)
    assert read_month(f"{year}-{month:02d}") == dt.date(year, month, 1)


@given(st.text(max_size=30))
def test_any_text_is_a_first_of_the_month_or_nothing(text):
    found = read_month(text)
    assert found is None or (found.day == 1 and 1900 <= found.year <= 9998)


def test_years_say_the_span_in_words():
    mar19, feb23 = dt.date(2019, 3, 1), dt.date(2023, 2, 1)
    assert years(mar19, feb23, current=False) == "2019\u20132023"
    assert years(mar19, None, current=True) == "2019\u2013now"
    assert years(mar19, dt.date(2019, 9, 1), current=False) == "2019"
    assert years(None, feb23, current=False) == "until 2023"
    assert years(None, None, current=True) == "now"
    assert years(None, None, current=False) == ""


def test_a_start_after_today_or_an_end_before_the_start_is_wrong():
    today = dt.date(2026, 5, 20)
    assert wrong_date(dt.date(2026, 5, 1), None, today) == ""
    assert wrong_date(dt.date(2026, 6, 1), None, today) == "started"
    assert wrong_date(dt.date(2020, 6, 1), dt.date(2020, 1, 1), today) == "ended"
    assert wrong_date(None, dt.date(2020, 1, 1), today) == ""
