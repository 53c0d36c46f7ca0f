"""The daily plan (core.agenda.plan): a few items today, the rest spread over the coming days."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.agenda import KIND_ORDER, AgendaItem, ItemKind, make_plan
from mutuals.core.agenda.plan import Plan, plan_order

TODAY = date(2026, 3, 2)


def item(kind: ItemKind, person: int | None, score: float = 1.0, n: int = 0, **extra) -> AgendaItem:
    return AgendaItem(
        kind=kind,
        person_id=person,
        person_name=None if person is None else f"Person {person}",
        reason="Due.",
        score=score,
        promise_id=n if kind == ItemKind.PROMISE else None,
        need_id=n if kind == ItemKind.NEED_REVIEW else None,
        **extra,
    )


def everything(plan: Plan) -> list[AgendaItem]:
    return [*plan.items, *(i for _, items in plan.later for i in items)]


def days(plan: Plan) -> list[tuple[date, tuple[AgendaItem, ...]]]:
    return [(plan.today, plan.items), *plan.later]


items_strategy = st.lists(
    st.builds(
        lambda kind, person, score, n, ahead: item(
            kind,
            person,
            score,
            n,
            due_on=TODAY + timedelta(days=ahead) if kind == ItemKind.OCCASION else None,
        ),
        st.sampled_from(list(ItemKind)),
        st.one_of(st.none(), st.integers(1, 12)),
        st.floats(0, 10, allow_nan=False),
        st.integers(1, 10_000),
        st.integers(0, 3),
    ),
    max_size=80,
)


@given(items_strategy, st.integers(1, 20), st.integers(0, 25), st.integers(0, 3))
def test_the_plan_never_holds_more_than_its_size_plus_what_was_pulled_forward(
    items, size, done, extra
):
    plan = make_plan(items, TODAY, size=size, done_today=done, extra=extra)
    assert len(plan.items) <= max(0, size - done) + extra


@given(items_strategy, st.integers(1, 20), st.integers(0, 25))
def test_every_due_item_is_planned_exactly_once(items, size, done):
    plan = make_plan(items, TODAY, size=size, done_today=done)
    assert sorted(map(id, everything(plan))) == sorted(map(id, items))
    assert plan.total_due == len(items)


@given(items_strategy, st.integers(1, 20))
def test_each_later_day_holds_at_most_the_plan_size(items, size):
    plan = make_plan(items, TODAY, size=size)
    assert all(1 <= len(day_items) <= size for _, day_items in plan.later)
    assert [day for day, _ in plan.later] == sorted({day for day, _ in plan.later})
    assert all(day > TODAY for day, _ in plan.later)


@given(items_strategy, st.integers(1, 20))
def test_no_day_has_more_than_one_dormant_tie_or_a_person_twice(items, size):
    for _, day_items in days(make_plan(items, TODAY, size=size)):
        assert sum(i.kind == ItemKind.DORMANT for i in day_items) <= 1
        people = [i.person_id for i in day_items if i.person_id is not None]
        assert len(people) == len(set(people))


@given(items_strategy, st.integers(1, 20))
def test_promises_come_first_and_each_day_keeps_the_plan_order(items, size):
    plan = make_plan(items, TODAY, size=size)
    for _, day_items in days(plan):
        assert list(day_items) == sorted(day_items, key=plan_order)
    promises = [i for i in items if i.kind == ItemKind.PROMISE]
    if promises and plan.items:
        assert plan.items[0].kind == ItemKind.PROMISE


@given(items_strategy, st.integers(1, 20))
def test_an_occasion_is_never_planned_before_its_day(items, size):
    for day, day_items in days(make_plan(items, TODAY, size=size)):
        assert all(i.due_on <= day for i in day_items if i.kind == ItemKind.OCCASION)


def test_a_backlog_of_a_hundred_is_worked_off_in_twenty_days():
    backlog = [item(ItemKind.KEEP_IN_TOUCH, n, score=n) for n in range(100)]
    plan = make_plan(backlog, TODAY, size=5)
    assert len(plan.items) == 5
    assert plan.later[-1][0] == TODAY + timedelta(days=19)
    assert [i.person_id for i in plan.items] == [99, 98, 97, 96, 95]


def test_the_plan_takes_promises_then_thanks_then_the_strongest_ties():
    due = [
        item(ItemKind.DORMANT, 1, 5),
        item(ItemKind.DORMANT, 2, 4),
        item(ItemKind.KEEP_IN_TOUCH, 3, 1),
        item(ItemKind.KEEP_IN_TOUCH, 4, 3),
        item(ItemKind.THANK_YOU, 5),
        item(ItemKind.PROMISE, 6, n=1),
    ]
    plan = make_plan(due, TODAY, size=5)
    assert [i.person_id for i in plan.items] == [6, 5, 4, 3, 1]
    assert [(day, [i.person_id for i in items]) for day, items in plan.later] == [
        (TODAY + timedelta(days=1), [2])
    ]


def test_what_was_done_today_counts_against_the_plan():
    due = [item(ItemKind.KEEP_IN_TOUCH, n) for n in range(8)]
    plan = make_plan(due, TODAY, size=5, done_today=3)
    assert (len(plan.items), plan.goal, plan.is_done) == (2, 5, False)
    done = make_plan(due, TODAY, size=5, done_today=5)
    assert (done.items, done.goal, done.is_done) == ((), 5, True)


def test_do_one_more_pulls_the_next_item_forward():
    due = [item(ItemKind.KEEP_IN_TOUCH, n, score=n) for n in range(8)]
    plan = make_plan(due, TODAY, size=5, done_today=5, extra=1)
    assert [i.person_id for i in plan.items] == [7]
    assert plan.goal == 6


def test_a_birthday_in_three_days_is_planned_on_its_day():
    birthday = item(ItemKind.OCCASION, 1, due_on=TODAY + timedelta(days=3))
    plan = make_plan([birthday], TODAY)
    assert plan.items == ()
    assert plan.later == ((TODAY + timedelta(days=3), (birthday,)),)


def test_the_kinds_keep_the_agendas_order():
    assert KIND_ORDER[0] == ItemKind.PROMISE
    assert KIND_ORDER[-1] == ItemKind.DORMANT


def _plan_day_by_day(items, today, size, done_today, extra):
    """The plan as first written: each item tries every day from the first with room (the
    oracle for make_plan's shortcuts)."""
    from mutuals.core.agenda.plan import _Day, not_before

    ordered = sorted(items, key=plan_order)
    first_room = max(0, size - done_today) + max(0, extra)
    found: list[_Day] = []
    for entry in ordered:
        offset = (not_before(entry, today) - today).days
        while True:
            while len(found) <= offset:
                found.append(_Day(first_room if not found else size))
            if found[offset].takes(entry):
                found[offset].add(entry)
                break
            offset += 1
    return [tuple(day.items) for day in found]


@given(
    items_strategy,
    st.integers(1, 20),
    st.integers(0, 25),
    st.integers(0, 3),
    st.integers(0, 60),
)
def test_the_plan_is_the_one_a_day_by_day_search_makes(items, size, done, extra, dormant):
    # many dormant ties at once, as a large network has: the case the shortcut is for
    items = [*items, *(item(ItemKind.DORMANT, 100 + i, score=i % 7) for i in range(dormant))]
    plan = make_plan(items, TODAY, size=size, done_today=done, extra=extra)
    expected = _plan_day_by_day(items, TODAY, size, done, extra)
    assert plan.items == (expected[0] if expected else ())
    later = [(TODAY + timedelta(days=n), day) for n, day in enumerate(expected) if n and day]
    assert list(plan.later) == later
