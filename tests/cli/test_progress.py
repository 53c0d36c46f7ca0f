"""`mutuals progress` and `mutuals goals [set KIND N]`: the same numbers as the API, words for
people, errors that say what to do."""

from __future__ import annotations

import pytest

from mutuals.progress import services
from mutuals.progress.models import Goal
from tests.cli.conftest import failed, parsed
from tests.progress_data import TODAY, week_of_everything

pytestmark = pytest.mark.django_db


def test_progress_json_is_the_apis_shape(mutuals, jordan):
    week_of_everything(jordan)
    services.choose_goals(owner=jordan, targets={"gives": 2}, today=TODAY)
    body = parsed(mutuals("progress", "--on", TODAY.isoformat(), "--json"))
    assert body["summary"] == "1 of 1 goal this week; you gave more than you asked."
    assert body["goals"][0]["count"] == 2
    assert len(body["weeks"]) == 12


def test_progress_says_the_week_in_words(mutuals, jordan):
    week_of_everything(jordan)
    services.choose_goals(owner=jordan, targets={"gives": 3}, today=TODAY)
    result = mutuals("progress", "--on", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    assert "0 of 1 goal this week; you gave more than you asked." in result.stdout
    assert "Streak: 0 weeks (one missed week is forgiven)." in result.stdout
    assert "Meaningful conversations" in result.stdout


def test_progress_without_goals_says_how_to_choose_them(mutuals, jordan):
    result = mutuals("progress", "--on", TODAY.isoformat())
    assert "mutuals goals set KIND N" in result.stderr


def test_progress_refuses_a_day_it_cannot_read(mutuals, jordan):
    assert "--on" in failed(mutuals("progress", "--on", "someday"), 5)


def test_goals_lists_the_suggested_targets_before_any_choice(mutuals, jordan):
    items = parsed(mutuals("goals", "--json"))["items"]
    assert [(i["kind"], i["weekly_target"], i["active"]) for i in items][:2] == [
        ("gives", 2, False),
        ("conversations", 3, False),
    ]
    assert "None chosen yet" in mutuals("goals").stderr


def test_goals_set_chooses_one_goal_and_keeps_the_others(mutuals, jordan):
    services.choose_goals(owner=jordan, targets={"follow_ups": 1}, today=TODAY)
    result = mutuals("goals", "set", "conversations", "4")
    assert result.exit_code == 0, result.output
    assert "Meaningful conversations: 4 conversations a week, from this week." in result.stderr
    active = {i["kind"] for i in parsed(mutuals("goals", "--json"))["items"] if i["active"]}
    assert active == {"conversations", "follow_ups"}


def test_goals_set_zero_stops_a_goal(mutuals, jordan):
    mutuals("goals", "set", "gives", "2")
    result = mutuals("goals", "set", "gives", "0")
    assert "Gives: stopped from this week." in result.stderr
    assert not Goal.objects.filter(owner=jordan, active=True).exists()


def test_goals_set_refuses_a_target_out_of_range_and_changes_nothing(mutuals, jordan):
    message = failed(mutuals("goals", "set", "gives", "99"), 5)
    assert "Gives: a weekly target is a whole number from 1 to 50." in message
    assert not Goal.objects.filter(owner=jordan).exists()


def test_goals_set_refuses_an_unknown_kind(mutuals, jordan):
    result = mutuals("goals", "set", "likes", "2")
    assert result.exit_code == 2
    assert "gives" in result.output


def test_riley_sees_none_of_jordans_goals(mutuals, jordan, riley):
    services.choose_goals(owner=jordan, targets={"gives": 7}, today=TODAY)
    items = parsed(mutuals("--user", "riley", "goals", "--json"))["items"]
    assert not any(i["active"] for i in items)
