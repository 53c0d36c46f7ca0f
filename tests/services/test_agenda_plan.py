"""today_plan with the database: its size from preferences, what was done today, and reasons
checked over the whole demo agenda."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from mutuals.accounts.services import update_preferences
from mutuals.agenda.done import done_today
from mutuals.agenda.selectors import today_plan
from mutuals.core.agenda import Plan
from mutuals.core.agenda.reasons import WORDED_DAYS
from mutuals.core.agenda.wording import NEED_STEPS, NEXT_STEPS
from mutuals.demo.services import load_demo
from mutuals.people.models import Person
from mutuals.promises.services import complete_promise
from tests.factories import days_ago, log, make_person, make_promise, make_user
from tests.give_and_take import gave, noted
from tests.shared_db import shared_transaction

DEMO_DAY = dt.date(2026, 3, 2)
SENTENCE_END = re.compile(r"(?<=[.?!])[”]?\s+(?=[A-Z“])")


def overdue(owner, count):
    for n in range(count):
        log(
            owner,
            make_person(owner, f"Contact {n:02}", tier="close", known_since=days_ago(400)),
            days=60,
        )


def test_the_plan_holds_five_by_default_and_the_chosen_size_otherwise(jordan):
    overdue(jordan, 12)
    assert len(today_plan(jordan).items) == 5
    update_preferences(user=jordan, plan_size=8)
    plan = today_plan(jordan)
    assert (len(plan.items), plan.later_count, plan.size) == (8, 4, 8)


def test_talking_with_someone_today_counts_once_and_takes_them_off_the_plan(jordan):
    overdue(jordan, 7)
    rosa = Person.objects.get(owner=jordan, full_name="Contact 00")
    log(jordan, rosa, days=0)
    log(jordan, rosa, "Second call", days=0)
    plan = today_plan(jordan)
    assert plan.done_today == 1
    assert len(plan.items) == 4
    assert rosa.pk not in {
        i.person_id for i in [*plan.items, *(x for _, d in plan.later for x in d)]
    }


def test_promises_kept_gifts_and_reviews_today_count_as_done(jordan):
    rosa = make_person(jordan)
    promise = make_promise(jordan, rosa, due_in=0)
    complete_promise(owner=jordan, promise_id=promise.pk)
    gave(jordan, rosa, days=0)
    need = noted(jordan, rosa, days=40)
    from mutuals.needs.services import mark_reviewed

    mark_reviewed(owner=jordan, need_ids=[need.pk])
    assert done_today(owner=jordan, today=timezone.localdate()) == 3


def test_once_the_plan_is_done_one_more_pulls_the_next_forward(jordan):
    overdue(jordan, 8)
    for person in Person.objects.filter(owner=jordan).order_by("full_name")[:5]:
        log(jordan, person, days=0)
    plan = today_plan(jordan)
    assert (plan.items, plan.done_today, plan.is_done) == ((), 5, True)
    assert len(today_plan(jordan, extra=1).items) == 1


def test_riley_has_no_plan_from_jordans_records(jordan, riley):
    overdue(jordan, 3)
    plan = today_plan(riley)
    assert (plan.items, plan.later, plan.total_due) == ((), (), 0)


# The whole demo agenda, worded ----------------------------------------------------------------


@pytest.fixture(scope="module")
def the_demo(django_db_setup, django_db_blocker) -> tuple[Plan, set[str]]:
    """The demo's plan on DEMO_DAY and the words of its people's names, worked out once for the
    tests below, which only read them; the rows go at once (tests/shared_db.py)."""
    with shared_transaction(django_db_blocker) as making, making():
        jordan = make_user("jordan")
        load_demo(owner=jordan, today=DEMO_DAY)
        names = Person.objects.filter(owner=jordan).values_list("full_name", flat=True)
        words = {part for name in names for part in name.split() if len(part) > 2}
        return today_plan(jordan, DEMO_DAY), words


@pytest.fixture
def demo_plan(db, the_demo) -> Plan:  # db: worked out from each run's database, both of them
    return the_demo[0]


@pytest.fixture
def demo_names(the_demo) -> set[str]:
    return the_demo[1]


def each_day(plan: Plan):
    yield plan.items
    for _, items in plan.later:
        yield items


def every_reason(plan: Plan) -> list[str]:
    return [item.reason for items in each_day(plan) for item in items]


def test_the_demo_plan_covers_everything_due(demo_plan):
    assert 0 < len(demo_plan.items) <= 5
    assert len(every_reason(demo_plan)) == demo_plan.total_due > 50


WORDINGS = {step for steps in NEXT_STEPS.values() for step in steps} | set(NEED_STEPS)


def worded_days(plan: Plan):
    yield plan.items
    for day, items in plan.later:
        if day <= plan.today + dt.timedelta(days=WORDED_DAYS):
            yield items


def test_no_two_items_of_a_day_share_a_reason_or_a_next_step(demo_plan):
    for items in worded_days(demo_plan):
        reasons = [item.reason for item in items]
        assert len(set(reasons)) == len(reasons)
        steps = [s for r in reasons for s in SENTENCE_END.split(r) if s in WORDINGS]
        assert len(steps) == len(reasons)
        assert len(set(steps)) == len(steps), steps


def test_no_reason_repeats_in_the_worded_fortnight(demo_plan):
    reasons = [item.reason for items in worded_days(demo_plan) for item in items]
    assert len(reasons) > 50
    assert len(set(reasons)) == len(reasons)


def test_beyond_the_fortnight_an_item_keeps_why_it_is_due(demo_plan):
    far = [items for day, items in demo_plan.later if day > DEMO_DAY + dt.timedelta(days=14)]
    assert far
    assert all(SENTENCE_END.split(item.reason)[0] == item.reason for items in far for item in items)


def test_every_a_and_an_agrees_with_the_next_word(demo_plan):
    for reason in every_reason(demo_plan):
        for article, word in re.findall(r"\b([Aa]n?) “?([\w'-]+)", reason):
            vowel = word[0].lower() in "aeiou" and not word.isupper()
            if word.lower().startswith(("uni", "use", "eu", "one")):
                vowel = False
            assert (article.lower() == "an") == vowel, reason


def test_no_name_is_repeated_inside_one_sentence(demo_plan, demo_names):
    for reason in every_reason(demo_plan):
        for sentence in SENTENCE_END.split(reason):
            words = re.findall(r"[\w'-]+", sentence)
            named = [w.removesuffix("'s") for w in words if w.removesuffix("'s") in demo_names]
            assert len(named) == len(set(named)), sentence


def test_every_reason_ends_with_a_full_stop_and_starts_with_a_capital(demo_plan):
    for reason in every_reason(demo_plan):
        assert reason.endswith(".")
        assert reason[0].isupper() or reason[0].isdigit()
        assert ".." not in reason
        assert "  " not in reason


def test_no_reason_shows_a_model_number(demo_plan):
    for reason in every_reason(demo_plan):
        assert not re.search(r"\d\.\d", reason), reason
        assert not re.search(r"\bP\d+:", reason)
