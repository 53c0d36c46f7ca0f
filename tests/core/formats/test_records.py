import pytest
from hypothesis import given

from mutuals.core.formats.records import PartialDate
from tests.core.formats.strategies import partial_dates


def test_a_date_without_a_year_writes_dashes_for_the_year():
    assert PartialDate(None, 4, 15).isoformat() == "--04-15"


def test_a_date_with_a_year_writes_the_iso_date():
    assert PartialDate(1985, 4, 15).isoformat() == "1985-04-15"


def test_29_february_without_a_year_is_a_day():
    assert PartialDate(None, 2, 29).isoformat() == "--02-29"


@pytest.mark.parametrize(
    ("year", "month", "day"),
    [(2023, 2, 29), (None, 2, 30), (None, 4, 31), (None, 13, 1), (None, 0, 1), (1985, 4, 0)],
)
def test_a_day_that_does_not_exist_is_refused(year, month, day):
    with pytest.raises(ValueError, match=r"month|day"):
        PartialDate(year, month, day)


def test_a_year_less_date_is_no_full_date():
    assert PartialDate(None, 4, 15).to_date() is None


@pytest.mark.parametrize("text", ["--4-15", "1985-4-15", "04-15", "", "--04-15x", "15/04/1985"])
def test_reading_back_refuses_what_isoformat_never_writes(text):
    with pytest.raises(ValueError, match="not a date in ISO form"):
        PartialDate.fromisoformat(text)


@given(partial_dates())
def test_isoformat_reads_back_as_the_same_date(day):
    assert PartialDate.fromisoformat(day.isoformat()) == day
