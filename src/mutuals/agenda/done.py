"""What was done today, for the daily plan's "3 of 5 done".

An action on the agenda clears its item (a conversation logged, a promise kept, a thank-you
marked, an ask answered, a need reviewed, helped or closed, an introduction moved on), so the
plan cannot count done items by looking for them: they are gone. It counts instead what the
owner did today, one for each of:
- a person talked with today (any number of conversations with them count once);
- a promise marked done today;
- something given today, and each receive marked thanked today;
- an ask answered today;
- a need reviewed or closed today;
- an introduction asked, made, thanked for or followed up today;
- an assignment from a coach marked done today.
Snoozing is not doing: a snoozed item leaves the plan and the next one takes its place.

The demo network's rows are left out (they were generated, not done), except promises, whose
`done_at` is a timestamp the demo never sets to today: the demo opens with a full plan, and
logging a conversation or keeping a promise counts. Marking a demo receive thanked, a demo ask
answered or a demo need reviewed clears the item without counting it.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, Value
from django.utils import timezone

from mutuals.assignments.models import Assignment
from mutuals.core.reciprocity_words import Direction
from mutuals.interactions.models import Interaction
from mutuals.ledger.models import Ask, Exchange
from mutuals.needs.models import Need
from mutuals.network.models import Introduction
from mutuals.promises.models import Promise


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, start + dt.timedelta(days=1)


def done_today(*, owner: AbstractBaseUser, today: dt.date) -> int:
    """How many things the owner did on `today` (module docstring), in one query: the union of
    (what, id) pairs, so a person talked with twice today counts once."""
    start, end = _day_bounds(today)
    people = Interaction.people.through.objects.filter(
        interaction__owner=owner, interaction__occurred_on=today, interaction__is_demo=False
    ).values_list(Value("person"), "person_id")
    promises = Promise.objects.filter(owner=owner, done_at__gte=start, done_at__lt=end)
    exchanges = Exchange.objects.filter(owner=owner, is_demo=False).filter(
        Q(direction=Direction.GAVE.value, occurred_on=today) | Q(thanked_on=today)
    )
    asks = Ask.objects.filter(owner=owner, is_demo=False, answered_on=today)
    needs = Need.objects.filter(owner=owner, is_demo=False).filter(
        Q(reviewed_on=today) | Q(closed_on=today)
    )
    introductions = Introduction.objects.filter(owner=owner, is_demo=False).filter(
        Q(asked_on=today) | Q(made_on=today) | Q(thanked_on=today) | Q(followed_up_on=today)
    )
    assignments = Assignment.objects.filter(client=owner, done_at__gte=start, done_at__lt=end)
    tagged = [
        query.order_by().values_list(Value(tag), "id")
        for tag, query in (
            ("promise", promises),
            ("exchange", exchanges),
            ("ask", asks),
            ("need", needs),
            ("introduction", introductions),
            ("assignment", assignments),
        )
    ]
    return people.order_by().union(*tagged).count()
