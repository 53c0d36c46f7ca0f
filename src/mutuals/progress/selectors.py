"""Reads for goals and progress, always filtered by owner.

`week_counts` is the one read behind the progress page, `mutuals progress` and
GET /api/progress: one grouped query per kind over the whole window (eight in all, whatever the
number of weeks), never a query per week. `core.progress` then judges the weeks.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, QuerySet
from django.utils import timezone

from mutuals.core.progress import (
    LIVE_KINDS,
    WEEKS,
    GoalSetting,
    Progress,
    build_progress,
    week_of,
)
from mutuals.events.models import EventPerson
from mutuals.interactions.models import Interaction
from mutuals.leads.models import LeadEvent
from mutuals.ledger.models import Ask, Exchange
from mutuals.people.models import Person
from mutuals.progress.models import Goal
from mutuals.promises.models import Promise

Counts = dict[str, dict[dt.date, int]]


def goal_settings(*, owner: AbstractBaseUser) -> list[GoalSetting]:
    """Every line of the owner's goal history."""
    return [
        GoalSetting(kind=kind, target=target, active=active, since=since)
        for kind, target, active, since in Goal.objects.filter(owner=owner)
        .order_by("kind", "since")
        .values_list("kind", "weekly_target", "active", "since")
    ]


def progress(*, owner: AbstractBaseUser, today: dt.date, weeks: int = WEEKS) -> Progress:
    """This week and the ones before it (`weeks` in all) against the goals, the streak and
    the summary."""
    first = week_of(today) - dt.timedelta(weeks=weeks - 1)
    counts, asked = week_counts(owner=owner, first_week=first, today=today)
    return build_progress(
        today=today,
        settings=goal_settings(owner=owner),
        counts=counts,
        asked=asked,
        weeks=weeks,
    )


def week_counts(
    *, owner: AbstractBaseUser, first_week: dt.date, today: dt.date
) -> tuple[Counts, dict[dt.date, int]]:
    """What was done each week from the Monday `first_week` to the end of this week, by goal
    kind (`core.progress.GOAL_KINDS`), and what was asked, both by Monday."""
    span = (first_week, week_of(today) + dt.timedelta(days=6))
    counts: Counts = {
        "gives": _grouped(
            Exchange.objects.filter(owner=owner, direction="gave", occurred_on__range=span),
            "occurred_on",
        ),
        "conversations": _conversations(owner, span),
        "new_people": _new_people(owner, span),
        "follow_ups": _kept_promises(owner, span),
        "applications": _referred_applications(owner, span),
    }
    asked = _grouped(Ask.objects.filter(owner=owner, asked_on__range=span), "asked_on")
    return counts, asked


def _grouped(rows: QuerySet[Any], field: str) -> dict[dt.date, int]:
    """Rows counted by day in the database (no per-row date function: an index range scan and
    at most 7 rows a week back), then folded into weeks here."""
    by_day = rows.values(field).annotate(n=Count("id")).order_by().values_list(field, "n")
    found: dict[dt.date, int] = defaultdict(int)
    for day, n in by_day:
        found[week_of(day)] += n
    return dict(found)


def _conversations(owner: AbstractBaseUser, span: tuple[dt.date, dt.date]) -> dict[dt.date, int]:
    """Meaningful conversations (`core.progress.is_meaningful_conversation`) by week: every
    conversation, counted from the (owner, day) index alone, less the imported e-mails and
    messages, found through the (owner, source key) index. Filtering on kind in one query made
    the database read every row of the window: 12 weeks of 500,000 conversations took 0.25 s."""
    rows = Interaction.objects.filter(owner=owner, occurred_on__range=span)
    found = _grouped(rows, "occurred_on")
    not_counted = _grouped(
        rows.filter(source_key__gt="").exclude(kind__in=LIVE_KINDS), "occurred_on"
    )
    return {week: n - not_counted.get(week, 0) for week, n in found.items()}


def _kept_promises(owner: AbstractBaseUser, span: tuple[dt.date, dt.date]) -> dict[dt.date, int]:
    """Promises done in the span on or before their day, by the week they were done (the
    local day of `done_at`, compared here: a per-row date function in SQL scans every row)."""
    start = timezone.make_aware(dt.datetime.combine(span[0], dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(span[1] + dt.timedelta(days=1), dt.time.min))
    rows = Promise.objects.filter(owner=owner, done_at__gte=start, done_at__lt=end)
    zone = timezone.get_current_timezone()
    days = ((at.astimezone(zone).date(), due) for at, due in rows.values_list("done_at", "due_on"))
    return _by_week(day for day, due in days if day <= due)


def _new_people(owner: AbstractBaseUser, span: tuple[dt.date, dt.date]) -> dict[dt.date, int]:
    """Each person once, in the week of the earlier of their first conversation and the event
    where you first met them."""
    first: dict[int, dt.date] = {}
    talked = Person.objects.filter(owner=owner, first_contact_on__range=span)
    met = EventPerson.objects.filter(owner=owner, met_here=True, event__day__range=span)
    for person_id, day in [
        *talked.values_list("pk", "first_contact_on"),
        *met.values_list("person_id", "event__day"),
    ]:
        if person_id not in first or day < first[person_id]:
            first[person_id] = day
    return _by_week(first.values())


def _referred_applications(
    owner: AbstractBaseUser, span: tuple[dt.date, dt.date]
) -> dict[dt.date, int]:
    """Leads someone referred you to, in the week they first reached "applied"."""
    applied: dict[int, dt.date] = {}
    rows = LeadEvent.objects.filter(
        owner=owner,
        kind__in=("created", "stage"),
        stage="applied",
        occurred_on__range=span,
        lead__people__role="referrer",
    ).values_list("lead_id", "occurred_on")
    for lead_id, day in rows:
        if lead_id not in applied or day < applied[lead_id]:
            applied[lead_id] = day
    return _by_week(applied.values())


def _by_week(days: Iterable[dt.date]) -> dict[dt.date, int]:
    found: dict[dt.date, int] = defaultdict(int)
    for day in days:
        found[week_of(day)] += 1
    return dict(found)
