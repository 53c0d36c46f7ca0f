"""Forgiving date parsing (core.dates)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.dates import WEEKDAYS, DateParseError, parse_date

TODAY = date(2025, 3, 14)  # a Friday
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
counts = st.integers(min_value=0, max_value=9999)


def spaced(text: str) -> st.SearchStrategy[str]:
    """The same words with any capitals and extra spaces around and between them."""
    return st.builds(
        lambda upper, pad: (
            pad + f"{pad}".join(w.upper() if upper else w.capitalize() for w in text.split()) + pad
        ),
        st.booleans(),
        st.sampled_from([" ", "  ", "\t"]),
    )


@given(day=days)
def test_an_iso_date_is_that_day(day):
    assert parse_date(day.isoformat(), TODAY) == day


@given(today=days)
def test_today_yesterday_and_tomorrow_are_relative_to_the_given_day(today):
    assert parse_date("today", today) == today
    assert parse_date("yesterday", today) == today - timedelta(days=1)
    assert parse_date("tomorrow", today) == today + timedelta(days=1)


@given(today=days, n=counts)
def test_n_days_ago_counts_back(today, n):
    assert parse_date(f"{n} days ago", today) == today - timedelta(days=n)


@given(today=days, n=counts)
def test_in_n_days_counts_forward(today, n):
    assert parse_date(f"in {n} days", today) == today + timedelta(days=n)


@given(today=days, n=st.integers(min_value=0, max_value=500))
def test_weeks_count_seven_days(today, n):
    assert parse_date(f"in {n} weeks", today) == today + timedelta(weeks=n)
    assert parse_date(f"{n} weeks ago", today) == today - timedelta(weeks=n)


@given(today=days, index=st.integers(min_value=0, max_value=6))
def test_a_weekday_is_the_next_such_day_within_a_week(today, index):
    result = parse_date(WEEKDAYS[index], today)
    assert result.weekday() == index
    assert today < result <= today + timedelta(days=7)


@given(today=days, index=st.integers(min_value=0, max_value=6))
def test_short_and_next_weekday_names_mean_the_same_day(today, index):
    full = parse_date(WEEKDAYS[index], today)
    assert parse_date(WEEKDAYS[index][:3], today) == full
    assert parse_date("next " + WEEKDAYS[index], today) == full


def test_friday_on_a_friday_is_a_week_later():
    assert parse_date("friday", TODAY) == date(2025, 3, 21)


@given(data=st.data())
def test_case_and_spacing_do_not_matter(data):
    text = data.draw(st.sampled_from(["3 days ago", "in 2 weeks", "yesterday", "next monday"]))
    assert parse_date(data.draw(spaced(text)), TODAY) == parse_date(text, TODAY)


@pytest.mark.parametrize(("text", "expected"), [("a day ago", 13), ("in a week", 21)])
def test_a_single_unit_can_be_written_with_a(text, expected):
    assert parse_date(text, TODAY) == date(2025, 3, expected)


@pytest.mark.parametrize("text", ["", "soon", "2025-02-30", "2025-13-01", "3 months ago", "t"])
def test_it_rejects_what_it_does_not_understand_with_the_accepted_forms(text):
    with pytest.raises(DateParseError, match=r"YYYY-MM-DD|calendar"):
        parse_date(text, TODAY)


def test_it_rejects_a_day_beyond_the_calendar():
    with pytest.raises(DateParseError, match="too far"):
        parse_date("in 999999 weeks", TODAY)


@given(text=st.text(max_size=30))
def test_any_text_gives_a_date_or_a_date_error(text):
    try:
        result = parse_date(text, TODAY)
    except DateParseError as error:
        result = str(error)
    assert isinstance(result, date) or result.strip()
