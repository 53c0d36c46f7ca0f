"""Writes for goals: choose them (the whole set, as the goals form and PUT /api/goals do) or
set one (`mutuals goals set`). A change takes effect this week and leaves earlier weeks with the
target they had (see models.Goal); a change made twice in one week keeps only the last."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from mutuals.core.progress import GOAL_KINDS, check_target, week_of
from mutuals.progress.models import Goal


def choose_goals(
    *, owner: AbstractBaseUser, targets: Mapping[str, int], today: dt.date
) -> list[Goal]:
    """Make `targets` ({kind: weekly target}) the owner's goals from this week; every other
    kind stops. Bad kinds or targets raise ValidationError naming them, changing nothing."""
    _check(targets)
    with transaction.atomic():
        for kind in GOAL_KINDS:
            _set(owner, kind, targets.get(kind), today)
    return current_rows(owner=owner)


def set_goal(
    *, owner: AbstractBaseUser, kind: str, target: int | None, today: dt.date
) -> list[Goal]:
    """Set one goal's weekly target from this week (None stops it); the others stay."""
    if target is None:
        _check({kind: 1})
    else:
        _check({kind: target})
    with transaction.atomic():
        _set(owner, kind, target, today)
    return current_rows(owner=owner)


def current_rows(*, owner: AbstractBaseUser) -> list[Goal]:
    latest: dict[str, Goal] = {}
    for goal in Goal.objects.filter(owner=owner).order_by("kind", "since"):
        latest[goal.kind] = goal
    return [latest[kind] for kind in GOAL_KINDS if kind in latest]


def _check(targets: Mapping[str, int]) -> None:
    errors: dict[str, list[str]] = {}
    for kind, target in targets.items():
        try:
            check_target(kind, target)
        except ValueError as error:
            errors[kind if kind in GOAL_KINDS else "kind"] = [str(error)]
    if errors:
        raise ValidationError(errors)


def _set(owner: AbstractBaseUser, kind: str, target: int | None, today: dt.date) -> None:
    monday = week_of(today)
    rows = list(Goal.objects.filter(owner=owner, kind=kind).order_by("since"))
    latest = rows[-1] if rows else None
    active = target is not None
    if _same(latest, active, target):
        return
    if latest is not None and latest.since == monday:
        earlier = rows[-2] if len(rows) > 1 else None
        if _same(earlier, active, target):
            latest.delete()  # changed and changed back within the week: as if untouched
            return
        latest.active = active
        latest.weekly_target = target or latest.weekly_target
        latest.save(update_fields=["active", "weekly_target"])
        return
    Goal.objects.create(
        owner=owner,
        kind=kind,
        weekly_target=target or (latest.weekly_target if latest else 1),
        active=active,
        since=monday,
    )


def _same(goal: Goal | None, active: bool, target: int | None) -> bool:
    """Whether `goal` (None: no goal ever) already says what (active, target) says."""
    if goal is None or not goal.active:
        return not active
    return active and goal.weekly_target == target
