from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.cadence import Tier
from mutuals.core.reciprocity import Direction, Exchange, ExchangeKind, balance
from mutuals.core.strength import (
    EMPTY_STATS,
    InteractionEvent,
    TieInputs,
    strength_label,
    summarize,
    tie_strength,
)
from mutuals.core.words import (
    COOLING,
    GROWING,
    HOLDING,
    balance_level,
    path_level,
    reasons_beyond_summary,
    strength_level,
    talk_rhythm,
    tie_change,
    tie_summary,
)

TODAY = date(2026, 3, 1)
scores = st.floats(0, 1)
balances = st.floats(-1, 1)


def talks(*days_ago: int, weight: float = 3.0) -> TieInputs:
    stats = summarize(InteractionEvent(TODAY - timedelta(days=d), weight, "me") for d in days_ago)
    return TieInputs(tier=Tier.CLOSE, cadence_days=30, known_since=None, stats=stats)


@pytest.mark.parametrize(
    ("score", "word", "step"),
    [
        (0.0, "faint", 1),
        (0.149, "faint", 1),
        (0.15, "weak", 2),
        (0.37, "steady", 3),
        (0.6, "strong", 4),
        (0.72, "very strong", 5),
        (1.0, "very strong", 5),
    ],
)
def test_strength_is_said_in_five_steps(score, word, step):
    level = strength_level(score)
    assert (level.word, level.step) == (word, step)


def test_a_word_of_two_makes_a_css_slug():
    assert strength_level(0.9).slug == "very-strong"


@given(scores, scores)
def test_a_stronger_tie_never_gets_a_lower_step(a, b):
    low, high = sorted((a, b))
    assert strength_level(low).step <= strength_level(high).step


@given(scores)
def test_the_words_agree_with_the_strength_model_below_very_strong(score):
    word = strength_level(score).word
    assert word == strength_label(score) or (word == "very strong" and score >= 0.7)


def test_nothing_is_said_of_the_change_before_a_first_conversation():
    inputs = TieInputs(tier=Tier.CLOSE, cadence_days=30, known_since=None, stats=EMPTY_STATS)
    assert tie_change(inputs, TODAY) == ""


def test_a_tie_cools_once_two_cadences_have_passed_without_a_conversation():
    assert tie_change(talks(60, 90, 120), TODAY) == HOLDING
    assert tie_change(talks(61, 90, 120), TODAY) == COOLING


def test_a_tie_holds_steady_within_its_cadence():
    assert tie_change(talks(20, 50, 110), TODAY) == HOLDING


def test_a_regular_tie_holds_steady_however_long_it_lasts():
    days_ago = range(10, 1000, 30)
    inputs = talks(*days_ago)
    assert tie_change(inputs, TODAY, recent=[TODAY - timedelta(days=d) for d in days_ago]) == (
        HOLDING
    )


def test_a_new_tie_with_a_few_conversations_is_growing():
    assert tie_change(talks(2, 20, 40), TODAY) == GROWING


def test_one_or_two_conversations_are_not_growth_yet():
    assert tie_change(talks(2), TODAY) == HOLDING
    assert tie_change(talks(2, 20), TODAY) == HOLDING


def test_a_tie_talked_to_more_often_lately_is_growing():
    days_ago = (1, 8, 15, 22, 200, 400, 600)
    recent = [TODAY - timedelta(days=d) for d in days_ago[:4]]
    assert tie_change(talks(*days_ago), TODAY) == HOLDING  # without the dates, nothing to tell
    assert tie_change(talks(*days_ago), TODAY, recent=recent) == GROWING


def test_without_a_cadence_a_tie_cools_after_two_years():
    inputs = talks(700)
    no_cadence = TieInputs(tier=None, cadence_days=None, known_since=None, stats=inputs.stats)
    assert tie_change(no_cadence, TODAY) == HOLDING
    assert tie_change(no_cadence, TODAY + timedelta(days=31)) == COOLING


@given(st.lists(st.integers(0, 2000), min_size=1, max_size=12), st.integers(0, 800))
def test_later_with_no_new_conversation_a_tie_never_grows_again(days_ago, later):
    inputs = talks(*days_ago)
    recent = [TODAY - timedelta(days=d) for d in days_ago]
    if tie_change(inputs, TODAY, recent) != GROWING:
        assert tie_change(inputs, TODAY + timedelta(days=later), recent) != GROWING


@given(st.lists(st.integers(0, 2000), min_size=1, max_size=12), st.integers(0, 800))
def test_a_tie_left_twice_its_cadence_is_cooling_whatever_came_before(days_ago, later):
    inputs = talks(*days_ago)
    silence = min(days_ago) + later
    recent = [TODAY - timedelta(days=d) for d in days_ago]
    assert (tie_change(inputs, TODAY + timedelta(days=later), recent) == COOLING) == (silence > 60)


@pytest.mark.parametrize(
    ("days_ago", "words"),
    [
        ((), ""),
        ((5,), "you have talked once"),
        ((5, 10), "you have talked twice"),
        ((0, 30, 60, 90), "you have talked about every month"),
        ((0, 7, 14, 21), "you have talked about every week"),
        ((0, 365, 730), "you have talked about once a year"),
        ((0, 1000, 2000), "you have talked every few years"),
    ],
)
def test_how_often_you_have_talked(days_ago, words):
    assert talk_rhythm(talks(*days_ago).stats) == words


def test_the_summary_says_how_often_and_how_lately():
    assert tie_summary(talks(21, 51, 81), TODAY) == (
        "you have talked about every month; last talked 21 days ago"
    )


def test_the_reasons_beside_the_summary_leave_out_when_you_last_talked():
    reasons = tie_strength(talks(21, 51, 81), TODAY).reasons
    assert "you talked 21 days ago" in reasons
    beyond = reasons_beyond_summary(reasons)
    assert "you count them as close" in beyond
    assert not any("talked" in reason for reason in beyond)


def test_the_reasons_beside_the_summary_of_someone_never_talked_to():
    inputs = TieInputs(tier=Tier.CLOSE, cadence_days=30, known_since=None, stats=EMPTY_STATS)
    assert reasons_beyond_summary(tie_strength(inputs, TODAY).reasons) == (
        "you count them as close",
    )


def test_the_summary_of_someone_never_talked_to():
    inputs = TieInputs(tier=None, cadence_days=None, known_since=None, stats=EMPTY_STATS)
    assert tie_summary(inputs, TODAY) == "no conversation logged yet"


@pytest.mark.parametrize(
    ("score", "word", "step"),
    [
        (0.0, "even", 0),
        (0.2, "even", 0),
        (-0.2, "even", 0),
        (0.28, "you have given more lately", 1),
        (0.6, "you have given much more lately", 2),
        (-0.3, "they have given more lately", -1),
        (-0.6, "they have given much more lately", -2),
    ],
)
def test_the_balance_says_who_has_given_more_lately(score, word, step):
    level = balance_level(score)
    assert (level.word, level.step) == (word, step)


def test_a_balance_with_nothing_exchanged_says_so():
    assert balance_level(0.0, anything=False).word == "nothing exchanged yet"


def test_one_introduction_given_and_nothing_back_is_much_more():
    gave = Exchange(TODAY, Direction.GAVE, ExchangeKind.INTRODUCTION)
    assert balance_level(balance([gave], TODAY).score).step == 2


@given(balances)
def test_the_balance_words_mirror_when_the_sides_swap(score):
    mine, theirs = balance_level(score), balance_level(-score)
    assert mine.step == -theirs.step
    assert (
        mine.word.replace("you have", "X")
        .replace("they have", "you have")
        .replace("X", "they have")
        == theirs.word
    )


@given(balances, balances)
def test_giving_more_never_moves_the_balance_mark_towards_them(a, b):
    low, high = sorted((a, b))
    assert balance_level(low).step <= balance_level(high).step


@pytest.mark.parametrize(
    ("score", "word", "step"),
    [
        (0.6, "very warm", 5),
        (0.49, "very warm", 5),
        (0.4, "warm", 4),
        (0.2, "fairly warm", 3),
        (0.05, "cool", 2),
        (0.01, "cold", 1),
    ],
)
def test_a_path_is_said_by_how_warm_it_is(score, word, step):
    level = path_level(score)
    assert (level.word, level.step) == (word, step)


@given(scores)
def test_a_path_through_two_ties_of_a_kind_is_as_warm_as_they_are_strong(strength):
    assert path_level(strength * strength).step == strength_level(strength).step
