from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.cadence import (
    DECLARED_CLOSENESS,
    DEFAULT_CADENCE_DAYS,
    TIER_LABELS,
    Tier,
    describe_ago,
    describe_cadence,
    describe_span,
    effective_cadence,
    keep_in_touch_due_on,
)

tiers = st.sampled_from(list(Tier))
overrides = st.none() | st.integers(min_value=-30, max_value=3000)


def test_every_tier_has_a_label_a_default_cadence_and_a_declared_closeness() -> None:
    assert set(TIER_LABELS) == set(DEFAULT_CADENCE_DAYS) == set(DECLARED_CLOSENESS) == set(Tier)


def test_declared_closeness_falls_from_the_inner_circle_outwards() -> None:
    values = [DECLARED_CLOSENESS[tier] for tier in Tier]
    assert values == sorted(values, reverse=True)


def test_default_cadences_lengthen_from_the_inner_circle_outwards() -> None:
    days = [DEFAULT_CADENCE_DAYS[tier] for tier in Tier if tier != Tier.DORMANT]
    assert days == [7, 30, 90, 180, 365]


def test_dormant_ties_have_no_default_cadence() -> None:
    assert effective_cadence(Tier.DORMANT, None) is None


def test_an_override_wins_over_the_tier_default() -> None:
    assert effective_cadence(Tier.ACQUAINTANCE, 45) == 45


def test_an_override_of_zero_or_less_falls_back_to_the_tier_default() -> None:
    assert effective_cadence(Tier.CLOSE, 0) == 30


def test_a_person_without_a_tier_has_no_cadence_even_with_an_override() -> None:
    assert effective_cadence(None, 30) is None


@given(tier=st.none() | tiers, override=overrides)
def test_effective_cadence_applied_to_its_own_result_changes_nothing(
    tier: Tier | None, override: int | None
) -> None:
    once = effective_cadence(tier, override)
    assert effective_cadence(tier, once) == once


def test_the_next_contact_is_due_one_cadence_after_the_last_one() -> None:
    due = keep_in_touch_due_on(
        last_contact_on=date(2026, 1, 10), since=date(2025, 1, 1), cadence_days=30
    )
    assert due == date(2026, 2, 9)


def test_without_any_contact_the_cadence_counts_from_since() -> None:
    due = keep_in_touch_due_on(last_contact_on=None, since=date(2026, 1, 1), cadence_days=7)
    assert due == date(2026, 1, 8)


def test_nothing_is_due_without_a_cadence() -> None:
    due = keep_in_touch_due_on(last_contact_on=None, since=date(2026, 1, 1), cadence_days=None)
    assert due is None


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (None, "no set cadence"),
        (0, "no set cadence"),
        (1, "every day"),
        (7, "every week"),
        (14, "every 2 weeks"),
        (30, "every 30 days"),
        (60, "every 60 days"),
        (90, "every 3 months"),
        (180, "every 6 months"),
        (365, "every year"),
        (730, "every 2 years"),
        (45, "every 45 days"),
    ],
)
def test_cadences_read_as_plain_words(days: int | None, words: str) -> None:
    assert describe_cadence(days) == words


@pytest.mark.parametrize(
    ("days", "words"),
    [(0, "today"), (1, "yesterday"), (12, "12 days ago"), (364, "364 days ago")],
)
def test_recent_days_read_as_days_ago(days: int, words: str) -> None:
    assert describe_ago(days) == words


@pytest.mark.parametrize(
    ("days", "words"), [(365, "1 year"), (729, "1 year"), (730, "2 years"), (1500, "4 years")]
)
def test_spans_of_a_year_or_more_read_in_whole_years(days: int, words: str) -> None:
    assert describe_span(days) == words
