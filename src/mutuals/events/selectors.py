"""Reads for events and communities, always filtered by owner: the events page (upcoming, past,
communities), one event with who was there, a community's page (who you know there, when you
last went, its events) and where you first met someone (for their page)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Max, Prefetch, Q, QuerySet

from mutuals.events.models import Community, Event, EventPerson
from mutuals.people.models import Person

PAST_SHOWN = 50  # past events on the events page; the rest are on their community's page


def _with_people(events: QuerySet[Event]) -> QuerySet[Event]:
    people = EventPerson.objects.select_related("person").order_by("person__search_name", "id")
    return events.select_related("community").prefetch_related(Prefetch("people", queryset=people))


def events_for(
    *,
    owner: AbstractBaseUser,
    community_id: int | None = None,
    person_id: int | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[Event]:
    """Events, the latest first, with their community and people."""
    events = Event.objects.filter(owner=owner)
    if community_id is not None:
        events = events.filter(community_id=community_id)
    if person_id is not None:
        events = events.filter(people__person_id=person_id)
    if since is not None:
        events = events.filter(day__gte=since)
    if until is not None:
        events = events.filter(day__lte=until)
    return _with_people(events).order_by("-day", "-id")


def get_event(*, owner: AbstractBaseUser, event_id: int) -> Event:
    return _with_people(Event.objects.filter(owner=owner)).get(pk=event_id)


def communities(*, owner: AbstractBaseUser, today: dt.date) -> QuerySet[Community]:
    """Communities by name, each with `events_count`, `people_count` (distinct people at its
    events) and `last_went` (its latest event on or before today, or None)."""
    return (
        Community.objects.filter(owner=owner)
        .annotate(
            events_count=Count("events", distinct=True),
            people_count=Count("events__people__person", distinct=True),
            last_went=Max("events__day", filter=Q(events__day__lte=today)),
        )
        .order_by("name", "id")
    )


def community_names(*, owner: AbstractBaseUser, limit: int = 200) -> list[str]:
    """The owner's communities' names, for typing one on an event."""
    names = Community.objects.filter(owner=owner).order_by("name").values_list("name", flat=True)
    return list(names[:limit])


def get_community(*, owner: AbstractBaseUser, community_id: int) -> Community:
    return Community.objects.get(owner=owner, pk=community_id)


def community_named(
    *, owner: AbstractBaseUser, name: str, community_id: int | None = None
) -> Community | None:
    """The owner's community with this id, else the one called `name` (any case), else None."""
    mine = Community.objects.filter(owner=owner)
    if community_id is not None:
        return mine.filter(pk=community_id).first()
    return mine.filter(name__iexact=" ".join(name.split())).order_by("id").first() if name else None


@dataclass(frozen=True)
class EventsPage:
    upcoming: list[Event]  # today and later, soonest first
    past: list[Event]  # before today, latest first, at most PAST_SHOWN
    past_count: int
    communities: list[Community]


def events_page(*, owner: AbstractBaseUser, today: dt.date) -> EventsPage:
    mine = Event.objects.filter(owner=owner)
    upcoming = _with_people(mine.filter(day__gte=today)).order_by("day", "id")
    past = _with_people(mine.filter(day__lt=today)).order_by("-day", "-id")
    return EventsPage(
        upcoming=list(upcoming[:PAST_SHOWN]),
        past=list(past[:PAST_SHOWN]),
        past_count=mine.filter(day__lt=today).count(),
        communities=list(communities(owner=owner, today=today)),
    )


@dataclass(frozen=True)
class Regular:
    """Someone you know in a community: how many of its events they were at, and the latest."""

    person: Person
    times: int
    last_seen: dt.date


@dataclass(frozen=True)
class CommunityPage:
    community: Community
    people: list[Regular]  # most often there first
    last_went: dt.date | None
    upcoming: list[Event]
    past: list[Event]


def community_page(*, owner: AbstractBaseUser, community_id: int, today: dt.date) -> CommunityPage:
    """Who you know there (everyone at its events), when you last went, and its events."""
    community = get_community(owner=owner, community_id=community_id)
    events = list(events_for(owner=owner, community_id=community.pk))
    seen: dict[int, tuple[Person, int, dt.date]] = {}
    for event in events:
        for link in event.people.all():
            person, times, last = seen.get(link.person_id, (link.person, 0, event.day))
            seen[link.person_id] = (person, times + 1, max(last, event.day))
    people = sorted(
        (Regular(*row) for row in seen.values()),
        key=lambda r: (-r.times, r.person.search_name, r.person.pk),
    )
    past = [event for event in events if event.day <= today]
    upcoming = sorted((e for e in events if e.day > today), key=lambda e: (e.day, e.pk))
    return CommunityPage(
        community=community,
        people=people,
        last_went=past[0].day if past else None,
        upcoming=upcoming,
        past=past,
    )


def met_at(*, owner: AbstractBaseUser, person_id: int) -> Event | None:
    """The event where you first met this person (the earliest marked so), in one query."""
    link = (
        EventPerson.objects.filter(owner=owner, person_id=person_id, met_here=True)
        .select_related("event")
        .order_by("event__day", "event_id")
        .first()
    )
    return link.event if link else None


def events_of_person(*, owner: AbstractBaseUser, person_id: int) -> list[Event]:
    """The events someone was at, the latest first."""
    return list(
        Event.objects.filter(owner=owner, people__person_id=person_id)
        .select_related("community")
        .order_by("-day", "-id")
    )
