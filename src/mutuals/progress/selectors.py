"""Reads for goals and progress, always filtered by owner.

`week_counts_for` is the one read behind the progress page, `mutuals progress`,
GET /api/progress and a coach's dashboard: for any number of owners at once, one grouped query
per kind over the whole window (eight in all, whatever the number of weeks or owners), never a
query per week or per owner. `core.progress` then judges the weeks.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, QuerySet
from django.utils import timezone

from mutuals.core.progress import (
    GOAL_KINDS,
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
Span = tuple[dt.date, dt.date]
# What is counted day by day: the goals' kinds, and the asks (for "gave more than you asked").
ASKS: Final = "asks"
COUNTED: Final = (*GOAL_KINDS, ASKS)


def goal_settings_for(owner_ids: Sequence[int]) -> dict[int, list[GoalSetting]]:
    """Every line of each owner's goal history, by owner (every owner given is a key)."""
    found: dict[int, list[GoalSetting]] = {owner_id: [] for owner_id in owner_ids}
    rows = (
        Goal.objects.filter(owner_id__in=owner_ids)
        .order_by("owner_id", "kind", "since")
        .values_list("owner_id", "kind", "weekly_target", "active", "since")
    )
    for owner_id, kind, target, active, since in rows:
        found[owner_id].append(GoalSetting(kind=kind, target=target, active=active, since=since))
    return found


def goal_settings(*, owner: AbstractBaseUser) -> list[GoalSetting]:
    """Every line of the owner's goal history."""
    return goal_settings_for([owner.pk])[owner.pk]


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


def window(first_week: dt.date, today: dt.date) -> Span:
    """From the Monday `first_week` to the Sunday ending this week."""
    return first_week, week_of(today) + dt.timedelta(days=6)


def week_counts(
    *, owner: AbstractBaseUser, first_week: dt.date, today: dt.date
) -> tuple[Counts, dict[dt.date, int]]:
    """What was done each week from the Monday `first_week` to the end of this week, by goal
    kind (`core.progress.GOAL_KINDS`), and what was asked, both by Monday."""
    return week_counts_for([owner.pk], first_week=first_week, today=today)[owner.pk]


def week_counts_for(
    owner_ids: Sequence[int], *, first_week: dt.date, today: dt.date
) -> dict[int, tuple[Counts, dict[dt.date, int]]]:
    """`week_counts` of each owner in `owner_ids`, read together."""
    days = day_counts_for(owner_ids, window(first_week, today))
    return {owner_id: by_weeks(found) for owner_id, found in days.items()}


def by_weeks(days: Mapping[str, Mapping[dt.date, int]]) -> tuple[Counts, dict[dt.date, int]]:
    """Day counts (`day_counts_for`) folded into Monday weeks: by goal kind, and the asks."""
    counts = {kind: _fold(days.get(kind, {})) for kind in GOAL_KINDS}
    return counts, _fold(days.get(ASKS, {}))


def day_counts_for(owner_ids: Sequence[int], span: Span) -> dict[int, Counts]:
    """What each owner did each day of `span` (first and last day included), by goal kind and
    ASKS: {owner id: {kind: {day: how many}}}, every owner and kind present, days with nothing
    left out. Eight grouped queries whatever the number of owners and days; each rule is the
    one `core.progress` states (COUNTS_WORDS)."""
    ids = list(owner_ids)
    found: dict[int, Counts] = {owner_id: {kind: {} for kind in COUNTED} for owner_id in ids}
    if not ids:
        return found
    parts: dict[str, Iterable[tuple[int, dt.date, int]]] = {
        "gives": _grouped(
            Exchange.objects.filter(owner_id__in=ids, direction="gave", occurred_on__range=span),
            "occurred_on",
        ),
        "conversations": _conversations(ids, span),
        "new_people": _new_people(ids, span),
        "follow_ups": _kept_promises(ids, span),
        "applications": _referred_applications(ids, span),
        ASKS: _grouped(Ask.objects.filter(owner_id__in=ids, asked_on__range=span), "asked_on"),
    }
    for kind, rows in parts.items():
        for owner_id, day, n in rows:
            if n:
                found[owner_id][kind][day] = n
    return found


def _fold(days: Mapping[dt.date, int]) -> dict[dt.date, int]:
    found: dict[dt.date, int] = {}
    for day, n in days.items():
        monday = _monday(day)
        found[monday] = found.get(monday, 0) + n
    return found


@functools.lru_cache(maxsize=1024)
def _monday(day: dt.date) -> dt.date:
    """`core.progress.week_of`, remembered: a coach's clients share the same few dozen days."""
    return week_of(day)


def _grouped(rows: QuerySet[Any], field: str) -> list[tuple[int, dt.date, int]]:
    """Rows counted by owner and day in the database (no per-row date function: an index range
    scan and at most 7 rows a week back for each owner)."""
    return list(
        rows.values("owner_id", field)
        .annotate(n=Count("*"))
        .order_by()
        .values_list("owner_id", field, "n")
    )


def _count(pairs: Iterable[tuple[int, dt.date]]) -> list[tuple[int, dt.date, int]]:
    found: dict[tuple[int, dt.date], int] = defaultdict(int)
    for owner_id, day in pairs:
        found[owner_id, day] += 1
    return [(owner_id, day, n) for (owner_id, day), n in found.items()]


def _conversations(ids: list[int], span: Span) -> list[tuple[int, dt.date, int]]:
    """Meaningful conversations (`core.progress.is_meaningful_conversation`) by owner and day:
    every conversation, counted from the (owner, day) index alone, less the imported e-mails
    and messages, found through the (owner, source key) index. Filtering on kind in one query
    made the database read every row of the window: 12 weeks of 500,000 conversations took
    0.25 s."""
    rows = Interaction.objects.filter(owner_id__in=ids, occurred_on__range=span)
    not_counted = {
        (owner_id, day): n
        for owner_id, day, n in _grouped(
            rows.filter(source_key__gt="").exclude(kind__in=LIVE_KINDS), "occurred_on"
        )
    }
    return [
        (owner_id, day, n - not_counted.get((owner_id, day), 0))
        for owner_id, day, n in _grouped(rows, "occurred_on")
    ]


def _kept_promises(ids: list[int], span: Span) -> list[tuple[int, dt.date, int]]:
    """Promises done in the span on or before their day, on the local day they were done
    (compared here: a per-row date function in SQL scans every row)."""
    start = timezone.make_aware(dt.datetime.combine(span[0], dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(span[1] + dt.timedelta(days=1), dt.time.min))
    rows = Promise.objects.filter(owner_id__in=ids, done_at__gte=start, done_at__lt=end)
    zone = timezone.get_current_timezone()
    done = (
        (owner_id, at.astimezone(zone).date(), due)
        for owner_id, at, due in rows.values_list("owner_id", "done_at", "due_on")
    )
    return _count((owner_id, day) for owner_id, day, due in done if day <= due)


def _new_people(ids: list[int], span: Span) -> list[tuple[int, dt.date, int]]:
    """Each person once, on the earlier of their first conversation and the event where the
    owner first met them."""
    first: dict[tuple[int, int], dt.date] = {}
    talked = Person.objects.filter(owner_id__in=ids, first_contact_on__range=span)
    met = EventPerson.objects.filter(owner_id__in=ids, met_here=True, event__day__range=span)
    for owner_id, person_id, day in [
        *talked.values_list("owner_id", "pk", "first_contact_on"),
        *met.values_list("owner_id", "person_id", "event__day"),
    ]:
        key = (owner_id, person_id)
        if key not in first or day < first[key]:
            first[key] = day
    return _count((owner_id, day) for (owner_id, _), day in first.items())


def _referred_applications(ids: list[int], span: Span) -> list[tuple[int, dt.date, int]]:
    """Leads someone referred the owner to, on the day they first reached "applied"."""
    applied: dict[tuple[int, int], dt.date] = {}
    rows = LeadEvent.objects.filter(
        owner_id__in=ids,
        kind__in=("created", "stage"),
        stage="applied",
        occurred_on__range=span,
        lead__people__role="referrer",
    ).values_list("owner_id", "lead_id", "occurred_on")
    for owner_id, lead_id, day in rows:
        key = (owner_id, lead_id)
        if key not in applied or day < applied[key]:
            applied[key] = day
    return _count((owner_id, day) for (owner_id, _), day in applied.items())
