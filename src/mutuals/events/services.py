"""Writes for events and communities: add, change and delete them, say who was there and whom
you first met there, and turn past calendar meetings with several of your people into events.

Every function takes the acting user as `owner` and touches only that owner's rows; a community
named on an event is found by name (any case) or added.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from mutuals.core import events as rules
from mutuals.events.models import Community, Event, EventPerson
from mutuals.people.services import owned_person

MAX_TEXT = {"name": 200, "place": 200}
MAX_NOTES = 20_000
EARLIEST = dt.date(1900, 1, 1)


def _text(field: str, value: str, *, required: bool = False) -> str:
    value = " ".join(value.split())
    if required and not value:
        raise ValidationError({field: ["Give it a name."]})
    if len(value) > MAX_TEXT[field]:
        raise ValidationError({field: [f"Keep this under {MAX_TEXT[field]} characters."]})
    return value


def _notes(value: str) -> str:
    if len(value) > MAX_NOTES:
        raise ValidationError({"notes": [f"Keep notes under {MAX_NOTES:,} characters."]})
    return value.strip()


def _choice(field: str, value: str, choices: Sequence[str]) -> str:
    if value not in choices:
        raise ValidationError(
            {field: [f"Unknown kind '{value}'. Choose one of: {', '.join(choices)}."]}
        )
    return value


def _day(value: dt.date | None) -> dt.date:
    if not isinstance(value, dt.date) or value < EARLIEST:
        raise ValidationError({"day": ["Give the day it happens, like 2026-11-20."]})
    return value


# ---- communities ----------------------------------------------------------------------------


def community_named(*, owner: AbstractBaseUser, name: str, kind: str = "other") -> Community | None:
    """The owner's community called `name` (any case), added when new; None for no name."""
    name = _text("name", name)
    if not name:
        return None
    found = Community.objects.filter(owner=owner, name__iexact=name).order_by("id").first()
    if found is not None:
        return found
    _choice("kind", kind, rules.COMMUNITY_KINDS)
    return Community.objects.create(owner=owner, name=name, kind=kind)


@transaction.atomic
def create_community(
    *, owner: AbstractBaseUser, name: str, kind: str = "other", notes: str = ""
) -> Community:
    name = _text("name", name, required=True)
    if Community.objects.filter(owner=owner, name__iexact=name).exists():
        raise ValidationError({"name": [f"You already have a community called {name}."]})
    _choice("kind", kind, rules.COMMUNITY_KINDS)
    return Community.objects.create(owner=owner, name=name, kind=kind, notes=_notes(notes))


@transaction.atomic
def update_community(
    *,
    owner: AbstractBaseUser,
    community_id: int,
    name: str | None = None,
    kind: str | None = None,
    notes: str | None = None,
) -> Community:
    """Change a community (None leaves a field as it is)."""
    community = Community.objects.select_for_update().get(owner=owner, pk=community_id)
    if name is not None:
        name = _text("name", name, required=True)
        twin = Community.objects.filter(owner=owner, name__iexact=name).exclude(pk=community.pk)
        if twin.exists():
            raise ValidationError({"name": [f"You already have a community called {name}."]})
        community.name = name
    if kind is not None:
        community.kind = _choice("kind", kind, rules.COMMUNITY_KINDS)
    if notes is not None:
        community.notes = _notes(notes)
    community.save()
    return community


def delete_community(*, owner: AbstractBaseUser, community_id: int) -> None:
    """Delete a community; its events stay, belonging to none."""
    Community.objects.get(owner=owner, pk=community_id).delete()


# ---- events ---------------------------------------------------------------------------------


@transaction.atomic
def create_event(
    *,
    owner: AbstractBaseUser,
    name: str,
    day: dt.date,
    kind: str = "meetup",
    place: str = "",
    community: str = "",
    notes: str = "",
    people: Iterable[tuple[int, bool]] = (),
) -> Event:
    """Add an event; `people` are (person id, first met there), `community` a name (added when
    new)."""
    name = _text("name", name, required=True)
    _choice("kind", kind, rules.EVENT_KINDS)
    event = Event(
        owner=owner,
        name=name,
        kind=kind,
        day=_day(day),
        place=_text("place", place),
        notes=_notes(notes),
    )
    there = [(owned_person(owner=owner, person_id=pid, field="people"), met) for pid, met in people]
    event.community = community_named(owner=owner, name=community)
    event.save()
    chosen: dict[int, bool] = {}
    for person, met in there:
        chosen[person.pk] = chosen.get(person.pk, False) or met
    EventPerson.objects.bulk_create(
        EventPerson(owner=owner, event=event, person_id=pid, met_here=met)
        for pid, met in chosen.items()
    )
    return event


def _locked(owner: AbstractBaseUser, event_id: int) -> Event:
    return Event.objects.select_for_update().get(owner=owner, pk=event_id)


@transaction.atomic
def update_event(
    *,
    owner: AbstractBaseUser,
    event_id: int,
    name: str | None = None,
    day: dt.date | None = None,
    kind: str | None = None,
    place: str | None = None,
    community: str | None = None,
    notes: str | None = None,
) -> Event:
    """Change an event (None leaves a field as it is; an empty community takes it out of one)."""
    event = _locked(owner, event_id)
    if name is not None:
        event.name = _text("name", name, required=True)
    if day is not None:
        event.day = _day(day)
    if kind is not None:
        event.kind = _choice("kind", kind, rules.EVENT_KINDS)
    if place is not None:
        event.place = _text("place", place)
    if notes is not None:
        event.notes = _notes(notes)
    if community is not None:
        event.community = community_named(owner=owner, name=community)
    event.save()
    return event


@transaction.atomic
def add_person(
    *, owner: AbstractBaseUser, event_id: int, person_id: int, met_here: bool = True
) -> EventPerson:
    """Say someone was there; `met_here` when that is where you first met them (the default
    when adding someone from an event). Adding them again updates `met_here`."""
    event = _locked(owner, event_id)
    person = owned_person(owner=owner, person_id=person_id)
    link, created = EventPerson.objects.get_or_create(
        event=event,
        person=person,
        defaults={"owner": owner, "met_here": met_here, "is_demo": event.is_demo},
    )
    if not created and link.met_here != met_here:
        link.met_here = met_here
        link.save(update_fields=["met_here"])
    return link


@transaction.atomic
def remove_person(*, owner: AbstractBaseUser, event_id: int, person_id: int) -> None:
    event = _locked(owner, event_id)
    removed, _ = EventPerson.objects.filter(event=event, person_id=person_id).delete()
    if not removed:
        raise ValidationError({"person": ["That person is not on this event."]})


def delete_event(*, owner: AbstractBaseUser, event_id: int) -> None:
    """Delete an event and who was there; the people and the community stay."""
    Event.objects.get(owner=owner, pk=event_id).delete()


# ---- calendar imports -----------------------------------------------------------------------


def events_from_meetings(
    *, owner: AbstractBaseUser, meetings: Iterable[tuple[str, dt.date, str, str, Sequence[int]]]
) -> int:
    """Past calendar meetings (source key, day, title, place, your people's ids) with several of
    your people as meetup events, found again by source key on a re-import; returns how many
    were added. Runs inside the import's transaction."""
    chosen = {
        key[:300]: (day, title, place, ids)
        for key, day, title, place, ids in meetings
        if rules.is_event(len(set(ids)))
    }
    if not chosen:
        return 0
    seen = set(
        Event.objects.filter(owner=owner, source_key__in=list(chosen)).values_list(
            "source_key", flat=True
        )
    )
    fresh = [(key, *chosen[key]) for key in chosen if key not in seen]
    rows = Event.objects.bulk_create(
        Event(
            owner=owner,
            name=rules.event_name(title),
            kind="meetup",
            day=day,
            place=_text("place", place[:200]),
            source_key=key,
        )
        for key, day, title, place, _ in fresh
    )
    EventPerson.objects.bulk_create(
        EventPerson(owner=owner, event_id=row.pk, person_id=pid, met_here=False)
        for row, (*_, ids) in zip(rows, fresh, strict=True)
        for pid in sorted(set(ids))
    )
    return len(rows)
