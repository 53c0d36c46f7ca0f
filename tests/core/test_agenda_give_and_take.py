"""The agenda's give-and-take items: thank-yous owed, asks unanswered, needs to review."""

import random
from collections import Counter
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.agenda import (
    ASK_ANSWER_DAYS,
    KIND_ORDER,
    NEED_REVIEW_DAYS,
    NO_LIMITS,
    THANK_YOU_AFTER_DAYS,
    THANK_YOU_HORIZON_DAYS,
    AgendaLimits,
    AskState,
    ItemKind,
    NeedState,
    ReceiveState,
    build_agenda,
    describe_weeks,
)
from mutuals.core.cadence import Tier
from mutuals.core.reciprocity import ExchangeKind
from tests.core.test_agenda import contact

TODAY = date(2026, 3, 1)


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def receive(
    id: int = 1,
    *,
    days: int = 14,
    kind: ExchangeKind = ExchangeKind.INTRODUCTION,
    thanked: int | None = None,
    given: int | None = None,
    person_id: int = 1,
    name: str = "Rosa Núñez",
) -> ReceiveState:
    """Received `days` ago; thanked and last given back `thanked`/`given` days ago."""
    return ReceiveState(
        id=id,
        person_id=person_id,
        person_name=name,
        kind=kind,
        text="intro to Acme's CTO",
        occurred_on=ago(days),
        thanked_on=None if thanked is None else ago(thanked),
        last_given_on=None if given is None else ago(given),
    )


def ask(id: int = 1, *, days: int = 7, answered: int | None = None, name="Rosa Núñez") -> AskState:
    answered_on = None if answered is None else ago(answered)
    return AskState(id, 1, name, "an intro to the hiring manager", ago(days), answered_on)


def need(
    id: int = 1, *, noted: int = 42, reviewed: int | None = None, person_id: int | None = 1
) -> NeedState:
    name = "Rosa Núñez" if person_id is not None else None
    reviewed_on = None if reviewed is None else ago(reviewed)
    return NeedState(id, person_id, name, "intro to a UX lead", ago(noted), reviewed_on)


def items(**things):
    return build_agenda([], [], TODAY, NO_LIMITS, **things).items


# Thank-yous ---------------------------------------------------------------------------------


def test_something_received_two_weeks_ago_with_nothing_back_is_a_thank_you_owed() -> None:
    (item,) = items(receives=[receive(days=14)])
    assert item.kind == ItemKind.THANK_YOU
    assert item.reason == (
        "Rosa gave you an introduction 2 weeks ago, “intro to Acme's CTO”, and nothing has gone "
        "back since."
    )
    assert (item.exchange_id, item.person_id, item.text) == (1, 1, "intro to Acme's CTO")


def test_something_received_thirteen_days_ago_is_not_yet_a_thank_you() -> None:
    assert items(receives=[receive(days=13)]) == ()


def test_a_receive_marked_thanked_is_not_on_the_agenda() -> None:
    assert items(receives=[receive(days=30, thanked=20)]) == ()


def test_a_give_on_the_day_of_the_receive_or_later_clears_it() -> None:
    assert items(receives=[receive(days=30, given=30)]) == ()
    assert items(receives=[receive(days=30, given=2)]) == ()


def test_a_give_before_the_receive_does_not_clear_it() -> None:
    assert len(items(receives=[receive(days=30, given=31)])) == 1


def test_a_receive_older_than_half_a_year_is_left_alone() -> None:
    assert len(items(receives=[receive(days=180)])) == 1
    assert items(receives=[receive(days=181)]) == ()


def test_a_bigger_favour_ranks_above_a_smaller_one_of_the_same_age() -> None:
    found = items(
        receives=[
            receive(1, kind=ExchangeKind.INFORMATION, days=20),
            receive(2, kind=ExchangeKind.REFERRAL, days=20),
        ]
    )
    assert [item.exchange_id for item in found] == [2, 1]


def test_waiting_longer_than_eight_weeks_counts_the_same() -> None:
    (eight,) = items(receives=[receive(days=56)])
    (twenty,) = items(receives=[receive(days=140)])
    assert eight.score == twenty.score == 2.5 * 4


@given(
    days=st.integers(-5, 400),
    thanked=st.none() | st.integers(-5, 400),
    given_=st.none() | st.integers(-5, 400),
)
def test_a_thank_you_is_owed_exactly_by_the_rule(
    days: int, thanked: int | None, given_: int | None
) -> None:
    owed = (
        THANK_YOU_AFTER_DAYS <= days <= THANK_YOU_HORIZON_DAYS
        and thanked is None
        and (given_ is None or given_ > days)  # given back strictly before the receive
    )
    found = items(receives=[receive(days=days, thanked=thanked, given=given_)])
    assert bool(found) == owed


# Asks ---------------------------------------------------------------------------------------


def test_an_ask_unanswered_for_a_week_is_on_the_agenda() -> None:
    (item,) = items(asks=[ask(days=7)])
    assert item.kind == ItemKind.ASK_UNANSWERED
    assert item.reason == (
        "You asked Rosa 7 days ago, “an intro to the hiring manager”, and have no answer yet."
    )
    assert item.ask_id == 1


def test_an_ask_of_six_days_ago_is_not_yet() -> None:
    assert items(asks=[ask(days=6)]) == ()


def test_an_answered_ask_is_not_on_the_agenda() -> None:
    assert items(asks=[ask(days=30, answered=2)]) == ()


def test_an_ask_waiting_three_weeks_says_so_in_weeks() -> None:
    (item,) = items(asks=[ask(days=22)])
    assert "You asked Rosa 3 weeks ago" in item.reason


def test_the_longer_waiting_ask_comes_first_up_to_four_weeks() -> None:
    found = items(asks=[ask(1, days=8), ask(2, days=20), ask(3, days=300, name="Ana")])
    assert [item.ask_id for item in found] == [3, 2, 1]
    assert found[0].score == 4.0


@given(days=st.integers(-5, 400), answered=st.booleans())
def test_an_ask_is_listed_exactly_by_the_rule(days: int, answered: bool) -> None:
    found = items(asks=[ask(days=days, answered=0 if answered else None)])
    assert bool(found) == (not answered and days >= ASK_ANSWER_DAYS)


# Needs to review ----------------------------------------------------------------------------


def test_a_need_never_reviewed_for_six_weeks_is_due_for_review() -> None:
    (item,) = items(needs=[need(noted=42)])
    assert item.kind == ItemKind.NEED_REVIEW
    assert item.reason == "Rosa's need “intro to a UX lead” has waited 6 weeks for a review."
    assert (item.need_id, item.person_id) == (1, 1)


def test_your_own_need_is_due_for_review_too() -> None:
    (item,) = items(needs=[need(noted=30, person_id=None)])
    assert item.reason == "Your need “intro to a UX lead” has waited 4 weeks for a review."
    assert item.person_id is None


def test_a_need_reviewed_recently_is_not_due_however_old() -> None:
    assert items(needs=[need(noted=400, reviewed=29)]) == ()


def test_a_need_last_reviewed_a_month_ago_is_due() -> None:
    (item,) = items(needs=[need(noted=400, reviewed=30)])
    assert "has waited 4 weeks for a review" in item.reason


def test_the_need_waiting_longest_comes_first() -> None:
    found = items(needs=[need(1, noted=40), need(2, noted=900, reviewed=100)])
    assert [item.need_id for item in found] == [2, 1]


@given(noted=st.integers(-5, 800), reviewed=st.none() | st.integers(-5, 800))
def test_a_need_is_due_for_review_exactly_by_the_rule(noted: int, reviewed: int | None) -> None:
    since = noted if reviewed is None else reviewed
    assert bool(items(needs=[need(noted=noted, reviewed=reviewed)])) == (since >= NEED_REVIEW_DAYS)


# Words --------------------------------------------------------------------------------------


def test_waits_are_told_in_days_then_weeks_then_years() -> None:
    assert [describe_weeks(d) for d in (1, 13, 14, 42, 364, 365, 800)] == [
        "1 day",
        "13 days",
        "2 weeks",
        "6 weeks",
        "52 weeks",
        "1 year",
        "2 years",
    ]


# With the rest of the agenda ----------------------------------------------------------------


def test_a_person_can_be_due_to_keep_in_touch_and_owed_a_thank_you() -> None:
    rosa = contact(1, tier=Tier.CLOSE, added=40)
    agenda = build_agenda([], [rosa], TODAY, receives=[receive(days=20)])
    assert [item.kind for item in agenda.items] == [ItemKind.THANK_YOU, ItemKind.KEEP_IN_TOUCH]


def test_thank_yous_come_after_promises_and_needs_before_dormant_ties() -> None:
    assert KIND_ORDER.index(ItemKind.PROMISE) < KIND_ORDER.index(ItemKind.THANK_YOU)
    assert KIND_ORDER.index(ItemKind.ASK_UNANSWERED) < KIND_ORDER.index(ItemKind.NEED_REVIEW)
    assert KIND_ORDER.index(ItemKind.NEED_REVIEW) < KIND_ORDER.index(ItemKind.DORMANT)


def test_each_new_kind_is_cut_to_its_limit_and_counted_in_full() -> None:
    limits = AgendaLimits(thank_you=1, ask_unanswered=2, need_review=0)
    agenda = build_agenda(
        [],
        [],
        TODAY,
        limits,
        receives=[receive(n, days=20) for n in range(1, 4)],
        asks=[ask(n, days=10) for n in range(1, 4)],
        needs=[need(n) for n in range(1, 4)],
    )
    assert Counter(item.kind for item in agenda.items) == {
        ItemKind.THANK_YOU: 1,
        ItemKind.ASK_UNANSWERED: 2,
    }
    assert [agenda.totals[k] for k in ("thank_you", "ask_unanswered", "need_review")] == [3, 3, 3]


names = st.sampled_from(["Ana", "Bo", "Rosa Núñez", "", "Zoë Li"])
receives = st.lists(
    st.builds(
        ReceiveState,
        id=st.integers(1, 500),
        person_id=st.integers(1, 20),
        person_name=names,
        kind=st.sampled_from(list(ExchangeKind)),
        text=st.just("advice"),
        occurred_on=st.integers(-5, 300).map(ago),
        thanked_on=st.none() | st.integers(-5, 300).map(ago),
        last_given_on=st.none() | st.integers(-5, 300).map(ago),
    ),
    unique_by=lambda r: r.id,
    max_size=10,
)
asks = st.lists(
    st.builds(
        AskState,
        id=st.integers(1, 500),
        person_id=st.integers(1, 20),
        person_name=names,
        text=st.just("an intro"),
        asked_on=st.integers(-5, 300).map(ago),
        answered_on=st.none() | st.integers(-5, 300).map(ago),
    ),
    unique_by=lambda a: a.id,
    max_size=10,
)
needs = st.lists(
    st.builds(
        NeedState,
        id=st.integers(1, 500),
        person_id=st.none() | st.integers(1, 20),
        person_name=names,
        text=st.just("a UX lead"),
        noted_on=st.integers(-5, 900).map(ago),
        reviewed_on=st.none() | st.integers(-5, 300).map(ago),
    ),
    unique_by=lambda n: n.id,
    max_size=10,
)
limits = st.builds(AgendaLimits, *(st.integers(0, 4) for _ in range(6)))


@given(receives=receives, asks=asks, needs=needs, limits=limits)
def test_every_give_and_take_item_has_a_reason_and_its_thing(
    receives: list[ReceiveState], asks: list[AskState], needs: list[NeedState], limits: AgendaLimits
) -> None:
    agenda = build_agenda([], [], TODAY, limits, receives=receives, asks=asks, needs=needs)
    for item in agenda.items:
        assert item.reason.strip()
        ids = (item.exchange_id, item.ask_id, item.need_id)
        assert sum(i is not None for i in ids) == 1


@given(receives=receives, asks=asks, needs=needs, limits=limits)
def test_limits_hold_and_totals_count_every_give_and_take_item(
    receives: list[ReceiveState], asks: list[AskState], needs: list[NeedState], limits: AgendaLimits
) -> None:
    things = {"receives": receives, "asks": asks, "needs": needs}
    agenda = build_agenda([], [], TODAY, limits, **things)
    every = Counter(i.kind for i in build_agenda([], [], TODAY, NO_LIMITS, **things).items)
    shown = Counter(item.kind for item in agenda.items)
    for kind in KIND_ORDER:
        limit = limits.for_kind(kind)
        assert agenda.totals[kind] == every[kind]
        assert shown[kind] == (every[kind] if limit is None else min(every[kind], limit))


@given(receives=receives, asks=asks, needs=needs, seed=st.randoms())
def test_give_and_take_items_are_grouped_ranked_and_independent_of_input_order(
    receives: list[ReceiveState], asks: list[AskState], needs: list[NeedState], seed: random.Random
) -> None:
    agenda = build_agenda([], [], TODAY, receives=receives, asks=asks, needs=needs)
    keys = [(KIND_ORDER.index(item.kind), -item.score) for item in agenda.items]
    assert keys == sorted(keys)
    shuffled = [list(things) for things in (receives, asks, needs)]
    for things in shuffled:
        seed.shuffle(things)
    again = build_agenda([], [], TODAY, receives=shuffled[0], asks=shuffled[1], needs=shuffled[2])
    assert again == agenda


def test_the_worked_example_in_the_docs_gives_the_documented_give_and_take_items() -> None:
    receives = [
        ReceiveState(
            1, 6, "Jin Park", ExchangeKind.ADVICE, "CV review", date(2026, 2, 8), None, None
        ),
        ReceiveState(
            2,
            4,
            "Lee Chan",
            ExchangeKind.INTRODUCTION,
            "intro to Sam",
            date(2026, 2, 1),
            None,
            date(2026, 2, 20),
        ),
    ]
    asks_ = [AskState(1, 5, "Ana Silva", "an intro to the hiring manager", date(2026, 2, 20), None)]
    needs_ = [NeedState(1, 1, "Rosa Núñez", "intro to a UX lead", date(2026, 1, 18), None)]
    agenda = build_agenda([], [], TODAY, receives=receives, asks=asks_, needs=needs_)
    assert [(i.kind, i.person_name, round(i.score, 3)) for i in agenda.items] == [
        (ItemKind.THANK_YOU, "Jin Park", 1.5),
        (ItemKind.ASK_UNANSWERED, "Ana Silva", 1.286),
        (ItemKind.NEED_REVIEW, "Rosa Núñez", 1.4),
    ]
    assert agenda.items[0].reason == (
        "Jin gave you advice 3 weeks ago, “CV review”, and nothing has gone back since."
    )
    assert agenda.items[1].reason.startswith("You asked Ana 9 days ago, “")
    assert agenda.items[2].reason.endswith("has waited 6 weeks for a review.")
