"""Backups carry the goals with their history: backup → restore → backup is byte-identical, and
a bad target in a backup is refused by its place."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from mutuals.backup.services import backup, dumps, restore
from mutuals.progress import selectors, services
from tests.progress_data import TODAY

pytestmark = pytest.mark.django_db


def _history(owner):
    services.choose_goals(
        owner=owner, targets={"gives": 2, "conversations": 3}, today=TODAY - dt.timedelta(weeks=5)
    )
    services.set_goal(owner=owner, kind="gives", target=4, today=TODAY - dt.timedelta(weeks=2))
    services.set_goal(owner=owner, kind="conversations", target=None, today=TODAY)


def test_goals_round_trip_byte_identical(jordan, riley):
    _history(jordan)
    text = dumps(backup(owner=jordan))
    counts = restore(owner=riley, data=text)
    assert counts["goals"] == 4
    assert dumps(backup(owner=riley)) == text
    assert selectors.goal_settings(owner=riley) == selectors.goal_settings(owner=jordan)


def test_a_backup_with_a_target_out_of_range_is_refused_and_writes_nothing(jordan, riley):
    _history(jordan)
    data = backup(owner=jordan)
    data["goals"][0]["weekly_target"] = 500
    with pytest.raises(ValidationError, match=r"goals\[0\]\.weekly_target"):
        restore(owner=riley, data=data)
    assert selectors.goal_settings(owner=riley) == []
