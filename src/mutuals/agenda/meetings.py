"""Coming meetings with your people, from the calendars mutuals syncs (issue 18): the one
selector behind Today's "Coming up" list, `mutuals today` and its JSON, and GET /api/today.

A meeting is listed from now until the end of the UPCOMING_DAYS-th day after today
(core.calendar_words), at most MAX_MEETINGS of them, soonest first, each worded "Coffee with
Rosa — tomorrow, 10:00" with the line of your last conversation with the first of its people
who has one ("last time: …", core.calendar_words.last_time_words). Two queries for the meetings
and their people, two for the last conversations (agenda.context)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.utils import timezone

from mutuals.agenda.context import person_contexts
from mutuals.calendars.models import Occurrence
from mutuals.core.calendar_words import UPCOMING_DAYS, last_time_words, meeting_words

MAX_MEETINGS = 10


@dataclass(frozen=True, slots=True)
class UpcomingMeeting:
    id: int
    title: str
    starts_at: dt.datetime  # in the current time zone
    all_day: bool
    people: tuple[tuple[int, str], ...]  # (id, name)
    words: str  # "Coffee with Rosa — tomorrow, 10:00"
    last_time: str  # the last conversation's line, "" when none


def upcoming_meetings(
    *, owner: AbstractBaseUser, now: dt.datetime | None = None
) -> list[UpcomingMeeting]:
    """Your coming meetings with your people (module docstring)."""
    now = timezone.localtime(now or timezone.now())
    today = now.date()
    last_day = today + dt.timedelta(days=UPCOMING_DAYS)
    until = timezone.make_aware(dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time()))
    # A day-long event is kept at midnight UTC of its day (core.calendars).
    day_start = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    day_end = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    rows = list(
        Occurrence.objects.filter(owner=owner, connection__owner=owner)
        .filter(
            Q(all_day=False, start__gte=now, start__lt=until)
            | Q(all_day=True, start__gte=day_start, start__lt=day_end)
        )
        .order_by("start", "id")
        .prefetch_related("people")[:MAX_MEETINGS]
    )
    people_of = {
        row.pk: [
            (p.pk, p.full_name)
            for p in sorted(row.people.all(), key=lambda p: (p.full_name, p.pk))
            if p.archived_at is None
        ]
        for row in rows
    }
    contexts = person_contexts(
        owner=owner, person_ids={pid for people in people_of.values() for pid, _ in people}
    )
    found = []
    for row in rows:
        people = people_of[row.pk]
        if not people:
            continue
        start = row.start.astimezone(dt.UTC) if row.all_day else timezone.localtime(row.start)
        if row.all_day:
            start = start.replace(tzinfo=None)
        last = ""
        dated = [(contexts[pid], pid) for pid, _ in people if pid in contexts]
        dated = [(c, pid) for c, pid in dated if c.last_on is not None]
        if dated:
            latest = max(dated, key=lambda entry: (entry[0].last_on, -entry[1]))[0]
            last = last_time_words(latest.last_summary, latest.last_notes)
        found.append(
            UpcomingMeeting(
                id=row.pk,
                title=row.title,
                starts_at=start,
                all_day=row.all_day,
                people=tuple(people),
                words=meeting_words(
                    row.title, [name for _, name in people], start, today, all_day=row.all_day
                ),
                last_time=last,
            )
        )
    return found


def meeting_to_dict(meeting: UpcomingMeeting) -> dict[str, Any]:
    """One coming meeting in `mutuals today --json` and GET /api/today (`meetings`)."""
    starts = meeting.starts_at.date() if meeting.all_day else meeting.starts_at
    return {
        "title": meeting.title,
        "starts_at": starts.isoformat(),
        "all_day": meeting.all_day,
        "people": [{"id": pid, "name": name} for pid, name in meeting.people],
        "words": meeting.words,
        "last_time": meeting.last_time or None,
    }
