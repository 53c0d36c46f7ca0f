"""Load and clear the demo network's events and communities (core.demo_events), marked
`is_demo` like every demo row; called by demo.services when the demo network is loaded or
cleared."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from mutuals.core.demo_events import DemoEvents
from mutuals.events.models import Community, Event, EventPerson
from mutuals.people.models import Person


def create_demo_events(owner: AbstractBaseUser, demo: DemoEvents, people: list[Person]) -> None:
    """Write the demo's communities, events and who was there (people[key] is a DemoPerson's
    row)."""
    communities = {
        row.name: row
        for row in Community.objects.bulk_create(
            Community(owner=owner, is_demo=True, name=c.name, kind=c.kind, notes=c.notes)
            for c in demo.communities
        )
    }
    events = Event.objects.bulk_create(
        Event(
            owner=owner,
            is_demo=True,
            name=event.name,
            kind=event.kind,
            day=event.day,
            place=event.place,
            community=communities.get(event.community),
        )
        for event in demo.events
    )
    EventPerson.objects.bulk_create(
        EventPerson(owner=owner, is_demo=True, event=row, person=people[key], met_here=met)
        for event, row in zip(demo.events, events, strict=True)
        for key, met in event.people
    )


def clear_demo_events(*, owner: AbstractBaseUser) -> None:
    """Remove the demo's events and communities, keeping what the user added: a demo event
    with one of their own people on it stays as theirs (the demo people leave it with the
    demo), and so does a demo community one of their events belongs to."""
    touched = Event.objects.filter(owner=owner, is_demo=True, people__person__is_demo=False)
    kept = list(touched.values_list("pk", flat=True).distinct())
    Event.objects.filter(pk__in=kept).update(is_demo=False)
    EventPerson.objects.filter(event_id__in=kept).update(is_demo=False)
    EventPerson.objects.filter(owner=owner, is_demo=True).delete()
    Event.objects.filter(owner=owner, is_demo=True).delete()
    used = Community.objects.filter(owner=owner, is_demo=True, events__is_demo=False)
    Community.objects.filter(pk__in=list(used.values_list("pk", flat=True))).update(is_demo=False)
    Community.objects.filter(owner=owner, is_demo=True).delete()
