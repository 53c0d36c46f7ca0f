"""Occasions on the agenda: each important date shows from 3 days before up to the day."""

from __future__ import annotations

import re
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.agenda import ItemKind, build_agenda
from mutuals.core.occasions import (
    OccasionState,
    describe,
    is_valid_date,
    next_occurrence,
    occurrence_in,
)

FRIDAY = date(2026, 3, 6)


def occasion(
    kind: str = "birthday",
    *,
    on: date = FRIDAY,
    year: int | None = None,
    label: str = "",
    name: str = "Ngozi Okafor",
    id: int = 1,
) -> OccasionState:
    return OccasionState(id, 10 + id, name, kind, label, year, on.month, on.day)


def reason(state: OccasionState, today: date) -> str:
    found = describe(state, today)
    assert found is not None
    return found.reason


def test_a_birthday_three_days_ahead_names_the_weekday():
    assert reason(occasion(), FRIDAY - timedelta(days=3)).startswith(
        "Ngozi's birthday is on Friday"
    )


def test_a_birthday_today_says_today_with_a_suggestion():
    assert reason(occasion(), FRIDAY) == "Ngozi's birthday is today — a short note means a lot"


def test_an_anniversary_uses_its_label_in_the_sentence():
    state = occasion("anniversary", label="Work anniversary", name="Ray Chen")
    assert reason(state, FRIDAY - timedelta(days=1)).startswith(
        "work anniversary with Ray is tomorrow"
    )


def test_the_age_is_said_only_when_the_year_is_known():
    assert "turns 40" in reason(occasion(year=1986), FRIDAY)
    assert "turns" not in reason(occasion(), FRIDAY)


def test_four_days_ahead_is_too_early():
    assert describe(occasion(), FRIDAY - timedelta(days=4)) is None


def test_the_day_after_is_too_late():
    assert describe(occasion(), FRIDAY + timedelta(days=1)) is None


def test_a_leap_day_is_celebrated_on_the_28th_in_a_common_year():
    state = occasion(on=date(2024, 2, 29))
    assert reason(state, date(2026, 2, 28)).startswith("Ngozi's birthday is today")


def test_a_date_early_in_january_shows_at_the_end_of_december():
    state = occasion(on=date(2026, 1, 2))
    assert reason(state, date(2025, 12, 30)).startswith("Ngozi's birthday is on Friday")


def test_occasions_come_right_after_promises_and_today_first():
    agenda = build_agenda(
        [],
        [],
        FRIDAY,
        occasions=[
            occasion(id=1, on=FRIDAY + timedelta(days=2)),
            occasion(id=2, on=FRIDAY, name="Ray Chen"),
        ],
    )
    assert [(i.kind, i.date_id) for i in agenda.items] == [
        (ItemKind.OCCASION, 2),
        (ItemKind.OCCASION, 1),
    ]


def test_the_29th_of_february_is_valid_only_without_a_year_or_in_a_leap_year():
    assert is_valid_date(2, 29, None)
    assert is_valid_date(2, 29, 1988)
    assert not is_valid_date(2, 29, 1987)
    assert not is_valid_date(4, 31, None)


dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))
years = st.one_of(st.none(), st.integers(min_value=1900, max_value=1949))


@given(born=dates, year=years, today=dates, kind=st.sampled_from(["birthday", "anniversary"]))
def test_an_occasion_shows_exactly_on_the_three_days_before_and_the_day(born, year, today, kind):
    state = occasion(kind, on=born, year=year)
    shown = describe(state, today) is not None
    this_time = next_occurrence(born.month, born.day, today)
    assert shown == (0 <= (this_time - today).days <= 3)
    celebrated = occurrence_in(today.year, born.month, born.day)
    if 0 <= (celebrated - today).days <= 3:
        assert shown


@given(born=dates, today=dates, kind=st.sampled_from(["birthday", "anniversary", "other"]))
def test_a_date_without_a_year_never_mentions_an_age(born, today, kind):
    found = describe(occasion(kind, on=born), today)
    if found is not None:
        assert not re.search(r"\d", found.reason)
        assert "turns" not in found.reason
