"""A small week-by-week history for progress tests, written through the real services on fixed
dates around TODAY (a Wednesday), so no test depends on the wall clock."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from mutuals.core.progress import week_of
from mutuals.events import services as event_services
from mutuals.interactions import services as interaction_services
from mutuals.interactions.models import Interaction
from mutuals.leads import services as lead_services
from mutuals.ledger import services as ledger_services
from mutuals.promises import services as promise_services
from mutuals.promises.models import Promise
from tests.factories import make_person

TODAY = dt.date(2026, 12, 2)  # a Wednesday
MONDAY = dt.date(2026, 11, 30)
LAST_WEEK = MONDAY - dt.timedelta(weeks=1)


def talk(owner, people, day, kind="coffee", *, imported=False):
    interaction = interaction_services.log_interaction(
        owner=owner, person_ids=[p.pk for p in people], summary="A talk", occurred_on=day, kind=kind
    )
    if imported:
        Interaction.objects.filter(pk=interaction.pk).update(source_key=f"ics:{interaction.pk}")
    return interaction


def give(owner, person, day):
    return ledger_services.record_exchange(
        owner=owner,
        person_id=person.pk,
        direction="gave",
        kind="advice",
        text="Advice",
        occurred_on=day,
    )


def ask(owner, person, day):
    return ledger_services.record_ask(
        owner=owner, person_id=person.pk, text="A favour", asked_on=day
    )


def kept_promise(owner, person, due, done):
    promise = promise_services.create_promise(
        owner=owner, person_id=person.pk, text="Send the article", due_on=due
    )
    done_at = timezone.make_aware(dt.datetime.combine(done, dt.time(12)))
    Promise.objects.filter(pk=promise.pk).update(done_at=done_at)
    return promise


def referred_application(owner, referrer, day):
    lead = lead_services.create_lead(
        owner=owner, title="Data Engineer", organization="Orion", today=day - dt.timedelta(days=7)
    )
    lead_services.add_person(owner=owner, lead_id=lead.pk, person_id=referrer.pk, role="referrer")
    lead_services.move_lead(owner=owner, lead_id=lead.pk, stage="applied", today=day)
    return lead


def met_at_event(owner, person, day):
    return event_services.create_event(
        owner=owner, name="Product meetup", day=day, people=[(person.pk, True)]
    )


def week_of_everything(owner, today=TODAY):
    """This week: 2 gives, 3 meaningful conversations (plus an imported e-mail and a late
    promise that do not count), 1 ask, 1 follow-up kept, 1
    referred application; 3 new people (Rosa and Ana first talked with, Bo met at an event).
    Last week: 1 give."""
    monday = week_of(today)
    rosa, ana, bo = (make_person(owner, name) for name in ("Rosa Núñez", "Ana Ruiz", "Bo Li"))
    talk(owner, [rosa], monday)
    talk(owner, [rosa, ana], monday + dt.timedelta(days=1), kind="call")
    talk(owner, [ana], today, kind="email")
    talk(owner, [rosa], today, kind="email", imported=True)
    give(owner, rosa, monday)
    give(owner, ana, today)
    give(owner, ana, monday - dt.timedelta(weeks=1))
    ask(owner, rosa, today)
    met_at_event(owner, bo, monday)
    kept_promise(owner, rosa, due=today, done=monday)
    kept_promise(owner, rosa, due=monday, done=today + dt.timedelta(days=1))  # late
    referred_application(owner, rosa, today)
    return rosa, ana, bo
