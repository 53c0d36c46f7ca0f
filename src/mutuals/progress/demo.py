"""The demo's weekly goals: twelve weeks of history, marked `is_demo` like every demo row;
called by demo.services when the demo network is loaded or cleared.

The story they tell against the demo's conversations and gives: three goals chosen twelve weeks
ago, gives raised from 2 to 5 after a month, follow-ups added three weeks ago; most weeks kept,
one missed and forgiven.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser

from mutuals.core.progress import GoalSetting, week_of
from mutuals.progress.models import Goal


def demo_goal_history(today: dt.date) -> list[GoalSetting]:
    start = week_of(today) - dt.timedelta(weeks=11)
    return [
        GoalSetting("gives", 2, True, start),
        GoalSetting("conversations", 10, True, start),
        GoalSetting("new_people", 1, True, start),
        GoalSetting("gives", 5, True, start + dt.timedelta(weeks=4)),
        GoalSetting("follow_ups", 1, True, start + dt.timedelta(weeks=9)),
    ]


def create_demo_goals(owner: AbstractBaseUser, today: dt.date) -> None:
    """Add the demo's goal history, unless the owner has chosen goals of their own."""
    if Goal.objects.filter(owner=owner).exists():
        return
    Goal.objects.bulk_create(
        Goal(
            owner=owner,
            is_demo=True,
            kind=s.kind,
            weekly_target=s.target,
            active=s.active,
            since=s.since,
        )
        for s in demo_goal_history(today)
    )


def clear_demo_goals(*, owner: AbstractBaseUser) -> None:
    """Remove the demo's goals; the goals the owner chose stay."""
    Goal.objects.filter(owner=owner, is_demo=True).delete()
