"""/api/progress and /api/goals: this week against the weekly goals, the streak and the last
12 weeks (the same object as `mutuals progress --json`), and the goals themselves (as
`mutuals goals --json`; PUT chooses them, as the goals form does)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from mutuals.api.auth import owner
from mutuals.api.schemas import Day, Error, FieldErrors, Input
from mutuals.core.progress import GOAL_KINDS, MAX_TARGET, MIN_TARGET
from mutuals.progress import selectors, services
from mutuals.progress.serialize import goals_to_dict, progress_to_dict

router = Router(tags=["progress"])

Kind = Literal[GOAL_KINDS]  # type: ignore[valid-type]
WeekState = Literal["kept", "missed", "none", "open"]


class GoalNow(Schema):
    kind: Kind
    name: str
    count: int = Field(description="Done this week.")
    target: int | None = Field(description="This week's target; null when not a goal.")
    met: bool | None


class WeekOut(Schema):
    week: dt.date = Field(description="Its Monday.")
    state: WeekState = Field(
        description="kept (at least half the goals met), missed, none (no goals that week) "
        "or open (this week, not kept yet)."
    )
    counts: dict[str, int] = Field(description="What was done, by kind.")
    targets: dict[str, int | None] = Field(description="The targets, by kind; null: no goal.")


class ThisWeek(Schema):
    goals_met: int
    goals: int
    gave: int
    asked: int


class ProgressOut(Schema):
    today: dt.date
    week: dt.date = Field(description="This week's Monday.")
    summary: str
    streak: int = Field(description="Weeks kept in a row, forgiving one missed week.")
    streak_or_more: bool = Field(
        description="The streak goes back past the 12 weeks counted, to goals set earlier."
    )
    this_week: ThisWeek
    goals: list[GoalNow] = Field(description="Every kind, gives and conversations first.")
    weeks: list[WeekOut] = Field(description="The last 12 weeks, oldest first.")


class ProgressFilters(Schema):
    on: Day | None = Field(None, description="Show the week holding this day; default today.")


class GoalOut(Schema):
    kind: Kind
    name: str
    active: bool = Field(description="Whether it is one of your goals now.")
    weekly_target: int = Field(description="Its target; the suggested one when never chosen.")
    since: dt.date | None = Field(description="The Monday its current setting began.")
    suggested_target: int
    what_counts: str


class GoalsOut(Schema):
    items: list[GoalOut]


class GoalIn(Input):
    kind: Kind
    weekly_target: int = Field(ge=MIN_TARGET, le=MAX_TARGET)


class GoalsIn(Input):
    goals: list[GoalIn] = Field(
        max_length=len(GOAL_KINDS),
        description="Your goals from this week; every kind not listed stops.",
    )


@router.get(
    "/progress",
    response={200: ProgressOut, 401: Error, 422: FieldErrors, 429: Error},
    summary="Progress",
)
def get_progress(request: HttpRequest, filters: Query[ProgressFilters]) -> dict[str, Any]:
    """This week against your weekly goals, the streak and the last 12 weeks, counted from
    one read; weeks start on Monday."""
    today = filters.on or timezone.localdate()
    return progress_to_dict(selectors.progress(owner=owner(request), today=today))


@router.get("/goals", response={200: GoalsOut, 401: Error, 429: Error}, summary="Goals")
def get_goals(request: HttpRequest) -> dict[str, Any]:
    """Every kind of weekly goal: chosen or not, its target, and what counts."""
    return goals_to_dict(selectors.goal_settings(owner=owner(request)))


@router.put(
    "/goals",
    response={200: GoalsOut, 401: Error, 422: FieldErrors, 429: Error},
    summary="Choose goals",
)
def put_goals(request: HttpRequest, payload: GoalsIn) -> dict[str, Any]:
    """Make these your weekly goals from this week; the kinds not listed stop. Earlier weeks
    keep the goals they had. A kind listed twice answers 422 and changes nothing."""
    kinds = [goal.kind for goal in payload.goals]
    if len(set(kinds)) != len(kinds):
        raise ValidationError({"goals": ["List each kind of goal once."]})
    services.choose_goals(
        owner=owner(request),
        targets={goal.kind: goal.weekly_target for goal in payload.goals},
        today=timezone.localdate(),
    )
    return goals_to_dict(selectors.goal_settings(owner=owner(request)))
