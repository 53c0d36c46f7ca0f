from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutuals.core.formats.file_dates import means_no_date, parse_day, read_dates
from mutuals.core.formats.records import PartialDate


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("09 Sep 2022", PartialDate(2022, 9, 9)),
        ("9-Sep-22", PartialDate(2022, 9, 9)),
        ("23-Apr-23", PartialDate(2023, 4, 23)),
        ("9-Sep-2022", PartialDate(2022, 9, 9)),
        ("2022-09-01", PartialDate(2022, 9, 1)),
        ("2022/09/01", PartialDate(2022, 9, 1)),
        ("20220901", PartialDate(2022, 9, 1)),
        ("2023-02-14 18:14:03 UTC", PartialDate(2023, 2, 14)),
        ("Sep 9, 2022", PartialDate(2022, 9, 9)),
        ("September 9th, 2022", PartialDate(2022, 9, 9)),
        ("05 Mai 2023", PartialDate(2023, 5, 5)),
        ("3 janv. 2022", PartialDate(2022, 1, 3)),
        ("17. Dez. 2019", PartialDate(2019, 12, 17)),
        ("12 abr 2021", PartialDate(2021, 4, 12)),
        ("1.9.2022", PartialDate(2022, 9, 1)),
        ("1/8/18, 6:14 PM", PartialDate(2018, 1, 8)),
        ("--0415", PartialDate(None, 4, 15)),
        ("--04-15", PartialDate(None, 4, 15)),
        ("1604-04-12", PartialDate(None, 4, 12)),
        ("4/12/85", PartialDate(1985, 4, 12)),
    ],
)
def test_dates_are_read_in_the_forms_files_carry_them(written, meant):
    assert parse_day(written) == meant


@pytest.mark.parametrize("written", ["Yesterday-ish", "31 Feb 2023", "13/13/2022", "--1302", ""])
def test_what_is_not_a_date_gives_none(written):
    assert parse_day(written) is None


def test_an_ambiguous_numeric_date_is_read_in_the_order_asked_for():
    assert (parse_day("1/9/2022"), parse_day("1/9/2022", day_first=True)) == (
        PartialDate(2022, 1, 9),
        PartialDate(2022, 9, 1),
    )


def test_a_date_whose_first_number_is_over_12_is_day_first_whatever_was_asked():
    assert parse_day("23/4/2023") == PartialDate(2023, 4, 23)


@pytest.mark.parametrize("written", ["0/0/00", "00/00/0000", "1/1/4501"])
def test_outlooks_ways_of_saying_no_date_are_no_date(written):
    assert means_no_date(written)


def test_outlooks_no_date_is_understood_and_gives_none():
    dates = read_dates(["0/0/00"])
    assert (dates.get("0/0/00"), dates.understood("0/0/00")) == (None, True)


def test_an_unreadable_date_is_not_understood():
    assert read_dates(["sometime in May"]).understood("sometime in May") is False


# The order of a file


def test_one_day_first_date_makes_the_whole_file_day_first():
    dates = read_dates(["1/9/2022", "23/4/2023", "2/3/2021"])
    assert (dates.get("1/9/2022"), dates.get("2/3/2021")) == (
        PartialDate(2022, 9, 1),
        PartialDate(2021, 3, 2),
    )


def test_the_report_says_a_file_was_read_day_first_and_why():
    assert read_dates(["1/9/2022", "31/12/2022"]).note == (
        "Dates were read day first (31/12/2022), as the file's unambiguous dates show."
    )


def test_one_month_first_date_makes_the_whole_file_month_first():
    dates = read_dates(["1/9/2022", "4/23/2023"])
    assert (dates.get("1/9/2022"), dates.day_first) == (PartialDate(2022, 1, 9), False)


def test_a_file_of_ambiguous_dates_is_month_first_and_says_so():
    dates = read_dates(["1/9/2022", "2/3/2021"])
    assert (dates.get("1/9/2022"), dates.note) == (
        PartialDate(2022, 1, 9),
        "Dates like 1/9/2022 could be read either way; they were read month first (the US "
        "order), since nothing in the file says otherwise.",
    )


def test_a_day_first_locale_decides_a_file_of_ambiguous_dates():
    dates = read_dates(["1/9/2022"], day_first_hint="the file's German column names")
    assert (dates.get("1/9/2022"), dates.note) == (
        PartialDate(2022, 9, 1),
        "Dates like 1/9/2022 could be read either way; they were read day first, as the file's "
        "German column names suggest.",
    )


def test_the_files_own_evidence_wins_over_its_locale():
    dates = read_dates(["1/9/2022", "4/23/2023"], day_first_hint="the file's German column names")
    assert dates.get("1/9/2022") == PartialDate(2022, 1, 9)


def test_a_file_with_both_orders_reads_each_date_by_its_own_evidence_and_says_so():
    dates = read_dates(["31/12/2022", "12/31/2022", "1/9/2022"])
    assert (dates.get("31/12/2022"), dates.get("12/31/2022"), dates.note) == (
        PartialDate(2022, 12, 31),
        PartialDate(2022, 12, 31),
        "The file mixes day-first (31/12/2022) and month-first (12/31/2022) dates: each was read "
        "by its own evidence, and ones that could be either, like 1/9/2022, month first.",
    )


def test_a_file_without_numeric_dates_needs_no_note():
    assert read_dates(["09 Sep 2022", "2022-09-01"]).note == ""


def test_the_same_day_and_month_is_not_ambiguous():
    assert read_dates(["5/5/2022"]).note == ""


# Properties

DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


@given(DAYS, st.sampled_from(["/", "-"]))
def test_any_date_written_day_first_in_a_day_first_file_reads_back(day, separator):
    written = f"{day.day}{separator}{day.month}{separator}{day.year}"
    dates = read_dates([written, "31/12/2020"])
    assert dates.get(written) == PartialDate(day.year, day.month, day.day)


@given(DAYS, st.sampled_from(["/", "-"]))
def test_any_date_written_month_first_in_a_month_first_file_reads_back(day, separator):
    written = f"{day.month:02d}{separator}{day.day:02d}{separator}{day.year}"
    dates = read_dates([written, "12/31/2020"])
    assert dates.get(written) == PartialDate(day.year, day.month, day.day)


@given(DAYS, st.sampled_from(["%d %b %Y", "%d-%b-%y", "%b %d, %Y", "%Y-%m-%d", "%Y%m%d"]))
def test_any_date_in_a_form_with_a_month_name_or_year_first_reads_back(day, form):
    if "%y" in form and not 1930 <= day.year <= 2029:
        day = day.replace(year=2000 + day.year % 28)  # the same leap years, within 1930-2029
    assert parse_day(day.strftime(form)) == PartialDate(day.year, day.month, day.day)


@settings(max_examples=300)
@given(st.lists(st.text(alphabet=st.sampled_from("0123456789/-.:, TZ-aAbpPmMSepJanMäi"))))
def test_reading_any_text_as_dates_never_raises(values):
    dates = read_dates(values)
    assert all(dates.get(value) is None or dates.get(value).month >= 1 for value in values)
