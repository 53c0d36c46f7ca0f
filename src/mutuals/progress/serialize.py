"""The one JSON shape of progress and of goals, for `mutuals progress|goals --json` and
/api/progress and /api/goals: numbers and dates, the words only where a sentence is the point."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mutuals.core.progress import (
    COUNTS_WORDS,
    DEFAULT_TARGETS,
    GOAL_KINDS,
    GOAL_WORDS,
    GoalSetting,
    Progress,
    current_goals,
)


def progress_to_dict(progress: Progress) -> dict[str, Any]:
    weeks = progress.goals[0].weeks
    return {
        "today": progress.today.isoformat(),
        "week": weeks[-1].week.isoformat(),
        "summary": progress.summary,
        "streak": progress.streak,
        "streak_or_more": progress.streak_or_more,
        "this_week": {
            "goals_met": progress.met_this_week,
            "goals": progress.goals_this_week,
            "gave": progress.gave_this_week,
            "asked": progress.asked_this_week,
        },
        "goals": [
            {
                "kind": goal.kind,
                "name": goal.words,
                "count": goal.this_week.count,
                "target": goal.this_week.target,
                "met": goal.this_week.met,
            }
            for goal in progress.goals
        ],
        "weeks": [
            {
                "week": week.week.isoformat(),
                "state": state,
                "counts": {goal.kind: goal.weeks[n].count for goal in progress.goals},
                "targets": {goal.kind: goal.weeks[n].target for goal in progress.goals},
            }
            for n, (week, state) in enumerate(zip(weeks, progress.week_states, strict=True))
        ],
    }


def goals_to_dict(settings: Sequence[GoalSetting]) -> dict[str, Any]:
    """Every kind of goal: whether it is chosen now, its target (the suggested one when never
    chosen), since when, and what counts."""
    current = current_goals(settings)
    items = []
    for kind in GOAL_KINDS:
        goal = current.get(kind)
        items.append(
            {
                "kind": kind,
                "name": GOAL_WORDS[kind],
                "active": bool(goal and goal.active),
                "weekly_target": goal.target if goal else DEFAULT_TARGETS[kind],
                "since": goal.since.isoformat() if goal else None,
                "suggested_target": DEFAULT_TARGETS[kind],
                "what_counts": COUNTS_WORDS[kind],
            }
        )
    return {"items": items}
