import random
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.reciprocity import (
    KIND_WEIGHTS,
    AskRecord,
    Balance,
    Direction,
    Exchange,
    ExchangeKind,
    OpenNeed,
    ask_warning,
    balance,
    exchange_weight,
)

TODAY = date(2026, 3, 1)
GAVE, RECEIVED = Direction.GAVE, Direction.RECEIVED

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))
half_lives = st.integers(1, 3650)
exchanges = st.builds(
    Exchange,
    on=days,
    direction=st.sampled_from(list(Direction)),
    kind=st.sampled_from(list(ExchangeKind)),
)
exchange_lists = st.lists(exchanges, max_size=25)
asks = st.lists(st.builds(AskRecord, on=days, answered=st.booleans()), max_size=10)
needs = st.lists(
    st.builds(
        OpenNeed,
        id=st.integers(1, 10_000),
        text=st.text(max_size=20),
        kind=st.just("advice"),
        noted_on=days,
    ),
    max_size=8,
)


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def swapped(exchange: Exchange) -> Exchange:
    other = RECEIVED if exchange.direction == GAVE else GAVE
    return replace(exchange, direction=other)


def rosa() -> list[Exchange]:
    """The worked example in docs/algorithms/reciprocity.md."""
    return [
        Exchange(ago(30), GAVE, ExchangeKind.INTRODUCTION),
        Exchange(ago(200), GAVE, ExchangeKind.INFORMATION),
        Exchange(ago(10), RECEIVED, ExchangeKind.REFERRAL),
        Exchange(ago(60), RECEIVED, ExchangeKind.ADVICE),
        Exchange(ago(400), RECEIVED, ExchangeKind.RECOMMENDATION),
    ]


def rosas_needs() -> list[OpenNeed]:
    return [
        OpenNeed(1, "a contact on the Acme design team", "introduction", date(2026, 1, 5)),
        OpenNeed(2, "feedback on her conference talk", "advice", date(2025, 11, 2)),
        OpenNeed(3, "a UX designer for her team", "hire", date(2026, 2, 20)),
        OpenNeed(4, "a venue for the April meetup", "information", date(2025, 12, 1)),
    ]


def even_balance(given: float, received: float, score: float = 0.0) -> Balance:
    return Balance(given, received, score, "even", ())


# Weights


@pytest.mark.parametrize(
    ("kind", "weight"),
    [
        ("referral", 3),
        ("introduction", 2.5),
        ("recommendation", 2),
        ("favour", 1.5),
        ("advice", 1),
        ("information", 0.5),
    ],
)
def test_an_exchange_today_counts_what_it_cost_the_giver(kind: str, weight: float) -> None:
    assert exchange_weight(Exchange(TODAY, GAVE, ExchangeKind(kind)), TODAY) == weight


def test_an_exchange_counts_half_after_one_half_life() -> None:
    referral = Exchange(ago(365), RECEIVED, ExchangeKind.REFERRAL)
    assert exchange_weight(referral, TODAY) == pytest.approx(1.5)


def test_an_exchange_dated_in_the_future_counts_as_if_it_were_today() -> None:
    advice = Exchange(TODAY + timedelta(days=5), GAVE, ExchangeKind.ADVICE)
    assert exchange_weight(advice, TODAY) == 1.0


def test_a_half_life_of_zero_days_is_refused_with_a_sentence() -> None:
    with pytest.raises(ValueError, match="positive number of days"):
        balance(rosa(), TODAY, half_life_days=0)


@given(exchange=exchanges, today=days, half_life=half_lives)
def test_decay_never_makes_a_weight_negative_nor_larger_than_its_kind(
    exchange: Exchange, today: date, half_life: int
) -> None:
    assert 0.0 <= exchange_weight(exchange, today, half_life) <= KIND_WEIGHTS[exchange.kind]


@given(exchange=exchanges, today=days, wait=st.integers(0, 5000))
def test_an_exchange_never_counts_more_as_it_ages(
    exchange: Exchange, today: date, wait: int
) -> None:
    later = today + timedelta(days=wait)
    assert exchange_weight(exchange, later) <= exchange_weight(exchange, today)


# Balance


@given(history=exchange_lists, today=days, half_life=half_lives)
def test_the_score_stays_between_minus_one_and_one(
    history: list[Exchange], today: date, half_life: int
) -> None:
    assert -1.0 <= balance(history, today, half_life_days=half_life).score <= 1.0


@given(history=exchange_lists, today=days, half_life=half_lives)
def test_swapping_every_direction_negates_the_score_exactly(
    history: list[Exchange], today: date, half_life: int
) -> None:
    mine = balance(history, today, half_life_days=half_life)
    theirs = balance([swapped(e) for e in history], today, half_life_days=half_life)
    assert theirs.score == -mine.score
    assert (theirs.given, theirs.received) == (mine.received, mine.given)


@given(history=exchange_lists, extra=exchanges, today=days, half_life=half_lives)
def test_giving_more_never_lowers_the_score(
    history: list[Exchange], extra: Exchange, today: date, half_life: int
) -> None:
    before = balance(history, today, half_life_days=half_life).score
    gift = replace(extra, direction=GAVE)
    assert balance([*history, gift], today, half_life_days=half_life).score >= before


@given(history=exchange_lists, extra=exchanges, today=days)
def test_receiving_more_never_raises_the_score(
    history: list[Exchange], extra: Exchange, today: date
) -> None:
    received = replace(extra, direction=RECEIVED)
    assert balance([*history, received], today).score <= balance(history, today).score


@given(history=exchange_lists, today=days, seed=st.randoms())
def test_the_balance_does_not_depend_on_the_order_of_exchanges(
    history: list[Exchange], today: date, seed: random.Random
) -> None:
    shuffled = list(history)
    seed.shuffle(shuffled)
    assert balance(shuffled, today) == balance(history, today)


@given(history=exchange_lists, today=days)
def test_the_score_has_the_sign_of_given_minus_received(
    history: list[Exchange], today: date
) -> None:
    result = balance(history, today)
    if result.given > result.received:
        assert result.score >= 0
    if result.given < result.received:
        assert result.score <= 0


def test_nothing_exchanged_scores_zero_and_says_so() -> None:
    result = balance([], TODAY)
    assert (result.given, result.received, result.score) == (0.0, 0.0, 0.0)
    assert result.label == "nothing exchanged yet"
    assert result.reasons == ("no gives or receives logged yet",)


def test_one_piece_of_information_received_is_still_even() -> None:
    result = balance([Exchange(TODAY, RECEIVED, ExchangeKind.INFORMATION)], TODAY)
    assert (result.score, result.label) == (-0.2, "even")


def test_damping_keeps_one_referral_from_swinging_to_the_extreme() -> None:
    result = balance([Exchange(TODAY, GAVE, ExchangeKind.REFERRAL)], TODAY)
    assert (result.score, result.label) == (0.6, "you give more")


def test_an_exchange_of_equal_kinds_is_even() -> None:
    history = [
        Exchange(ago(3), GAVE, ExchangeKind.ADVICE),
        Exchange(ago(3), RECEIVED, ExchangeKind.ADVICE),
    ]
    result = balance(history, TODAY)
    assert (result.score, result.label) == (0.0, "even")


def test_the_worked_example_balances_as_documented() -> None:
    result = balance(rosa(), TODAY)
    assert (result.given, result.received, result.score) == (2.704, 4.772, -0.218)
    assert result.label == "you receive more"
    assert result.last_given_on == ago(30)


def test_the_worked_example_explains_itself() -> None:
    assert balance(rosa(), TODAY).reasons == (
        "you gave 2 things, the latest an introduction 30 days ago",
        "you received 3 things, the latest a referral 10 days ago",
    )


def test_a_relationship_with_only_gives_says_nothing_was_received() -> None:
    result = balance([Exchange(ago(2), GAVE, ExchangeKind.FAVOUR)], TODAY)
    assert result.reasons == (
        "you gave 1 thing, the latest a favour 2 days ago",
        "nothing received yet",
    )


def test_the_worked_example_evens_out_as_old_favours_fade() -> None:
    later = balance(rosa(), TODAY + timedelta(days=730))
    assert (later.score, later.label) == (-0.134, "even")


# Ask warning


@given(current=st.builds(balance, exchange_lists, days), history=asks, open_needs=needs, today=days)
def test_the_warning_never_fires_when_you_have_given_more_than_received(
    current: Balance, history: list[AskRecord], open_needs: list[OpenNeed], today: date
) -> None:
    if current.given > current.received:
        assert ask_warning(current, history, open_needs, today) is None


@given(
    given_amount=st.floats(0, 100),
    received=st.floats(0, 100),
    score=st.floats(-1, 1),
    history=asks,
    today=days,
)
def test_the_warning_never_fires_for_any_balance_with_more_given(
    given_amount: float, received: float, score: float, history: list[AskRecord], today: date
) -> None:
    current = Balance(given_amount + received + 0.001, received, score, "", ())
    assert ask_warning(current, history, [], today) is None


@given(current=st.builds(balance, exchange_lists, days), history=asks, open_needs=needs, today=days)
def test_the_warning_proposes_only_their_open_needs_oldest_first_at_most_three(
    current: Balance, history: list[AskRecord], open_needs: list[OpenNeed], today: date
) -> None:
    warning = ask_warning(current, history, open_needs, today)
    if warning is None:
        return
    proposed = list(warning.give_first)
    assert len(proposed) == min(3, len(open_needs))
    assert all(need in open_needs for need in proposed)
    assert proposed == sorted(proposed, key=lambda n: n.noted_on)
    left_out = [n for n in open_needs if n not in proposed]
    assert all(n.noted_on >= proposed[-1].noted_on for n in left_out)


@given(current=st.builds(balance, exchange_lists, days), today=days)
def test_with_no_recent_asks_the_warning_fires_exactly_when_you_receive_more(
    current: Balance, today: date
) -> None:
    warning = ask_warning(current, [], [], today)
    assert (warning is not None) == (current.label == "you receive more")


def test_asking_rosa_in_the_worked_example_proposes_her_oldest_needs() -> None:
    warning = ask_warning(balance(rosa(), TODAY), [], rosas_needs(), TODAY, name="Rosa")
    assert warning is not None
    assert warning.severity == "caution"
    assert warning.message == (
        "You have received more from Rosa than you have given lately; something to give first:"
    )
    assert [need.id for need in warning.give_first] == [2, 4, 1]


def test_a_balance_against_you_and_a_pile_of_asks_is_a_warn() -> None:
    history = [AskRecord(ago(5), False), AskRecord(ago(20), True)]
    warning = ask_warning(balance(rosa(), TODAY), history, [], TODAY, name="Rosa")
    assert warning is not None
    assert warning.severity == "warn"
    assert warning.message == (
        "You have received more from Rosa than you have given lately, and asked Rosa 2 times in "
        "the last 90 days (1 still unanswered) with nothing given in between; asking what they "
        "need at the moment is a good way to give first."
    )


def test_two_asks_with_nothing_exchanged_are_a_caution() -> None:
    history = [AskRecord(ago(5), True), AskRecord(ago(40), True)]
    warning = ask_warning(balance([], TODAY), history, rosas_needs()[:1], TODAY, name="Sam")
    assert warning is not None
    assert warning.severity == "caution"
    assert warning.message == (
        "You have asked Sam 2 times in the last 90 days with nothing given in between; "
        "something to give first:"
    )


def test_two_unanswered_asks_count_more_and_are_a_warn() -> None:
    history = [AskRecord(ago(5), False), AskRecord(ago(40), False)]
    warning = ask_warning(balance([], TODAY), history, [], TODAY)
    assert warning is not None
    assert warning.severity == "warn"


def test_one_unanswered_ask_alone_is_not_a_pile_up() -> None:
    assert ask_warning(balance([], TODAY), [AskRecord(ago(5), False)], [], TODAY) is None


def test_asks_older_than_ninety_days_do_not_pile_up() -> None:
    history = [AskRecord(ago(5), True), AskRecord(ago(90), False)]
    assert ask_warning(balance([], TODAY), history, [], TODAY) is None


def test_a_give_between_asks_resets_the_pile() -> None:
    current = replace(even_balance(1.0, 1.0), last_given_on=ago(10))
    history = [AskRecord(ago(5), True), AskRecord(ago(20), False)]
    assert ask_warning(current, history, [], TODAY) is None


def test_an_even_balance_with_no_asks_needs_no_warning() -> None:
    assert ask_warning(even_balance(2.0, 2.0), [], rosas_needs(), TODAY) is None
