"""progress.services (choosing goals, their history) and progress.selectors (the week counts in
a fixed number of queries, and the progress judged from them)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mutuals.progress import selectors, services
from mutuals.progress.models import Goal
from tests.factories import make_person
from tests.progress_data import LAST_WEEK, MONDAY, TODAY, give, talk, week_of_everything

pytestmark = pytest.mark.django_db
WEEK_COUNT_QUERIES = 8


def _counts(owner, first_week=LAST_WEEK):
    counts, asked = selectors.week_counts(owner=owner, first_week=first_week, today=TODAY)
    return {kind: by_week.get(MONDAY, 0) for kind, by_week in counts.items()}, asked


def test_week_counts_count_each_kind_by_its_rule(jordan):
    week_of_everything(jordan)
    counts, asked = _counts(jordan)
    assert counts == {
        "gives": 2,
        "conversations": 3,
        "new_people": 3,
        "follow_ups": 1,
        "applications": 1,
    }
    assert asked == {MONDAY: 1}


def test_week_counts_put_each_thing_in_its_own_week(jordan):
    week_of_everything(jordan)
    counts, _ = selectors.week_counts(owner=jordan, first_week=LAST_WEEK, today=TODAY)
    assert counts["gives"] == {LAST_WEEK: 1, MONDAY: 2}


def test_week_counts_leave_out_what_is_before_the_first_week(jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    give(jordan, rosa, LAST_WEEK - dt.timedelta(days=1))
    counts, _ = selectors.week_counts(owner=jordan, first_week=LAST_WEEK, today=TODAY)
    assert counts["gives"] == {}


def test_a_person_met_at_an_event_and_talked_with_later_counts_once(jordan):
    _, _, bo = week_of_everything(jordan)
    talk(jordan, [bo], TODAY)
    counts, _ = _counts(jordan)
    assert counts["new_people"] == 3


def test_week_counts_read_in_a_fixed_number_of_queries_whatever_the_weeks(jordan):
    week_of_everything(jordan)
    for first_week in (MONDAY, MONDAY - dt.timedelta(weeks=51)):
        with CaptureQueriesContext(connection) as queries:
            selectors.week_counts(owner=jordan, first_week=first_week, today=TODAY)
        assert len(queries) == WEEK_COUNT_QUERIES


def test_the_progress_read_adds_one_query_for_the_goals(jordan):
    week_of_everything(jordan)
    services.choose_goals(owner=jordan, targets={"gives": 2}, today=TODAY)
    with CaptureQueriesContext(connection) as queries:
        selectors.progress(owner=jordan, today=TODAY)
    assert len(queries) == WEEK_COUNT_QUERIES + 1


def test_riley_counts_nothing_of_jordans(jordan, riley):
    week_of_everything(jordan)
    counts, asked = _counts(riley)
    assert set(counts.values()) == {0}
    assert asked == {}


def test_choosing_goals_sets_them_from_this_monday(jordan):
    services.choose_goals(owner=jordan, targets={"gives": 2, "conversations": 3}, today=TODAY)
    rows = Goal.objects.filter(owner=jordan).order_by("kind")
    assert [(g.kind, g.weekly_target, g.active, g.since) for g in rows] == [
        ("conversations", 3, True, MONDAY),
        ("gives", 2, True, MONDAY),
    ]


def test_a_change_in_a_later_week_keeps_the_earlier_weeks_target(jordan):
    services.choose_goals(owner=jordan, targets={"gives": 2}, today=TODAY - dt.timedelta(weeks=3))
    services.set_goal(owner=jordan, kind="gives", target=4, today=TODAY)
    result = selectors.progress(owner=jordan, today=TODAY)
    gives = result.goals[0]
    assert [w.target for w in gives.weeks[-4:]] == [2, 2, 2, 4]


def test_changes_within_one_week_keep_only_the_last(jordan):
    services.set_goal(owner=jordan, kind="gives", target=2, today=TODAY)
    services.set_goal(owner=jordan, kind="gives", target=5, today=TODAY)
    assert list(Goal.objects.filter(owner=jordan).values_list("weekly_target", flat=True)) == [5]


def test_a_goal_chosen_and_dropped_in_the_same_week_leaves_nothing(jordan):
    services.set_goal(owner=jordan, kind="gives", target=2, today=TODAY)
    services.set_goal(owner=jordan, kind="gives", target=None, today=TODAY)
    assert not Goal.objects.filter(owner=jordan).exists()


def test_stopping_a_goal_later_keeps_its_history(jordan):
    services.set_goal(owner=jordan, kind="gives", target=2, today=LAST_WEEK)
    services.choose_goals(owner=jordan, targets={"conversations": 1}, today=TODAY)
    result = selectors.progress(owner=jordan, today=TODAY)
    gives = result.goals[0]
    assert [w.target for w in gives.weeks[-2:]] == [2, None]


def test_choosing_the_same_goals_again_writes_nothing(jordan):
    services.choose_goals(owner=jordan, targets={"gives": 2}, today=LAST_WEEK)
    services.choose_goals(owner=jordan, targets={"gives": 2}, today=TODAY)
    assert Goal.objects.filter(owner=jordan).count() == 1


@pytest.mark.parametrize(
    ("targets", "field"),
    [({"gives": 0}, "gives"), ({"gives": 51}, "gives"), ({"likes": 2}, "kind")],
)
def test_bad_goals_are_refused_naming_the_field_and_change_nothing(jordan, targets, field):
    services.choose_goals(owner=jordan, targets={"conversations": 3}, today=TODAY)
    with pytest.raises(ValidationError) as refused:
        services.choose_goals(owner=jordan, targets=targets, today=TODAY)
    assert field in refused.value.message_dict
    assert list(Goal.objects.filter(owner=jordan).values_list("kind", flat=True)) == [
        "conversations"
    ]


def test_progress_judges_this_week_against_the_goals(jordan):
    week_of_everything(jordan)
    services.choose_goals(
        owner=jordan, targets={"gives": 2, "conversations": 4, "follow_ups": 1}, today=TODAY
    )
    result = selectors.progress(owner=jordan, today=TODAY)
    assert (result.met_this_week, result.goals_this_week) == (2, 3)
    assert result.streak == 1
    assert result.summary == "2 of 3 goals this week; you gave more than you asked."


def test_every_kind_of_conversation_is_either_live_or_written():
    """The conversations count subtracts imported written ones from all: it relies on this."""
    from mutuals.core.progress import LIVE_KINDS, WRITTEN_KINDS
    from mutuals.interactions.models import KIND_CHOICES

    assert {kind for kind, _ in KIND_CHOICES} == set(LIVE_KINDS) | set(WRITTEN_KINDS)
    assert not set(LIVE_KINDS) & set(WRITTEN_KINDS)


@pytest.mark.parametrize(
    ("kind", "imported", "counts"),
    [("call", True, 1), ("email", True, 0), ("message", True, 0), ("message", False, 1)],
)
def test_the_conversations_count_follows_the_core_rule(jordan, kind, imported, counts):
    from mutuals.core.progress import is_meaningful_conversation

    talk(jordan, [make_person(jordan)], TODAY, kind=kind, imported=imported)
    assert _counts(jordan)[0]["conversations"] == counts
    assert is_meaningful_conversation(kind, imported=imported) is bool(counts)
