"""/api/events and /api/communities: events with the people met there, and the communities
that recur (who you know there, when you last went)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from mutuals.api.auth import owner
from mutuals.api.schemas import Day, Error, FieldErrors, Id, Input, Paging, Text, Timestamp
from mutuals.core.events import COMMUNITY_KINDS, EVENT_KINDS
from mutuals.events import selectors, services
from mutuals.events.serialize import community_page_to_dict, community_to_dict, event_to_dict
from mutuals.people import selectors as people_selectors

router = Router(tags=["events"])
communities = Router(tags=["events"])

EventKind = Literal[EVENT_KINDS]  # type: ignore[valid-type]
CommunityKind = Literal[COMMUNITY_KINDS]  # type: ignore[valid-type]
ERRORS: dict[int, Any] = {404: Error, 422: FieldErrors}


class CommunityRef(Schema):
    id: int
    name: str


class EventPersonOut(Schema):
    id: int
    name: str
    met_here: bool = Field(description="Whether this is where you first met them.")


class EventOut(Schema):
    id: int
    name: str
    kind: EventKind
    kind_words: str
    day: dt.date
    place: str
    community: CommunityRef | None
    people: list[EventPersonOut]
    notes: str
    from_calendar: bool = Field(description="Made by a calendar import.")
    created_at: Timestamp


class EventPage(Schema):
    count: int
    items: list[EventOut]


class EventFilters(Paging):
    community: Id | None = Field(None, description="Only this community's events.")
    person: Id | None = Field(None, description="Only events this person was at.")
    since: Day | None = Field(None, description="Only events on or after this day.")
    until: Day | None = Field(None, description="Only events on or before this day.")


class EventPersonIn(Input):
    person: Id
    met_here: bool = Field(True, description="Whether this is where you first met them.")


class EventIn(Input):
    name: Text = Field(max_length=200)
    day: Day
    kind: EventKind = "meetup"
    place: Text = Field("", max_length=200)
    community: Text = Field(
        "", max_length=200, description="Its community's name: found in any case, added when new."
    )
    notes: Text = Field("", max_length=20_000)
    people: list[EventPersonIn] = Field(default_factory=list, max_length=200)


class EventPatch(Input):
    name: Text | None = Field(None, max_length=200)
    day: Day | None = None
    kind: EventKind | None = None
    place: Text | None = Field(None, max_length=200)
    community: Text | None = Field(None, max_length=200, description='"" takes it out of one.')
    notes: Text | None = Field(None, max_length=20_000)


class CommunityOut(Schema):
    id: int
    name: str
    kind: CommunityKind
    kind_words: str
    notes: str
    events_count: int
    people_count: int = Field(description="Different people at its events.")
    last_went: dt.date | None = Field(description="Its latest event up to today.")


class CommunityPage(Schema):
    count: int
    items: list[CommunityOut]


class RegularOut(Schema):
    id: int
    name: str
    times: int = Field(description="How many of its events they were at.")
    last_seen: dt.date


class CommunityDetail(Schema):
    id: int
    name: str
    kind: CommunityKind
    kind_words: str
    notes: str
    last_went: dt.date | None
    people: list[RegularOut] = Field(description="Who you know there, the most often there first.")
    events: list[EventOut] = Field(description="Upcoming ones soonest first, then past ones.")


class CommunityIn(Input):
    name: Text = Field(max_length=200)
    kind: CommunityKind = "other"
    notes: Text = Field("", max_length=20_000)


class CommunityPatch(Input):
    name: Text | None = Field(None, max_length=200)
    kind: CommunityKind | None = None
    notes: Text | None = Field(None, max_length=20_000)


def _event(request: HttpRequest, event_id: int) -> dict[str, Any]:
    return event_to_dict(selectors.get_event(owner=owner(request), event_id=event_id))


@router.get("", response=EventPage, summary="List events")
def list_events(request: HttpRequest, filters: Query[EventFilters]) -> dict[str, Any]:
    """The latest first."""
    user = owner(request)
    if filters.person is not None:
        people_selectors.get_person(owner=user, person_id=filters.person)
    if filters.community is not None:
        selectors.get_community(owner=user, community_id=filters.community)
    found = selectors.events_for(
        owner=user,
        community_id=filters.community,
        person_id=filters.person,
        since=filters.since,
        until=filters.until,
    )
    page = found[filters.offset : filters.offset + filters.limit]
    return {"count": found.count(), "items": [event_to_dict(e) for e in page]}


@router.post("", response={201: EventOut, 422: FieldErrors}, summary="Add an event")
def create_event(request: HttpRequest, payload: EventIn) -> Status[dict[str, Any]]:
    """With the people there; `met_here` (true by default) when that is where you met them."""
    event = services.create_event(
        owner=owner(request),
        name=payload.name,
        day=payload.day,
        kind=payload.kind,
        place=payload.place,
        community=payload.community,
        notes=payload.notes,
        people=[(p.person, p.met_here) for p in payload.people],
    )
    return Status(201, _event(request, event.pk))


@router.get("/{event_id}", response={200: EventOut, 404: Error}, summary="Show an event")
def show_event(request: HttpRequest, event_id: Id) -> dict[str, Any]:
    return _event(request, event_id)


@router.patch("/{event_id}", response={200: EventOut, **ERRORS}, summary="Change an event")
def update_event(request: HttpRequest, event_id: Id, payload: EventPatch) -> dict[str, Any]:
    """Fields left out stay as they are."""
    user = owner(request)
    selectors.get_event(owner=user, event_id=event_id)
    services.update_event(owner=user, event_id=event_id, **payload.model_dump(exclude_none=True))
    return _event(request, event_id)


@router.delete("/{event_id}", response={204: None, 404: Error}, summary="Delete an event")
def delete_event(request: HttpRequest, event_id: Id) -> Status[None]:
    """The event and who was there; the people and its community stay."""
    services.delete_event(owner=owner(request), event_id=event_id)
    return Status(204, None)


@router.post(
    "/{event_id}/people", response={200: EventOut, **ERRORS}, summary="Say someone was there"
)
def add_person(request: HttpRequest, event_id: Id, payload: EventPersonIn) -> dict[str, Any]:
    """Add them, or change whether this is where you met them."""
    user = owner(request)
    selectors.get_event(owner=user, event_id=event_id)
    services.add_person(
        owner=user, event_id=event_id, person_id=payload.person, met_here=payload.met_here
    )
    return _event(request, event_id)


@router.delete(
    "/{event_id}/people/{person_id}",
    response={200: EventOut, **ERRORS},
    summary="Take someone off an event",
)
def remove_person(request: HttpRequest, event_id: Id, person_id: Id) -> dict[str, Any]:
    user = owner(request)
    selectors.get_event(owner=user, event_id=event_id)
    services.remove_person(owner=user, event_id=event_id, person_id=person_id)
    return _event(request, event_id)


def _community(request: HttpRequest, community_id: int) -> dict[str, Any]:
    page = selectors.community_page(
        owner=owner(request), community_id=community_id, today=timezone.localdate()
    )
    return community_page_to_dict(page)


@communities.get("", response=CommunityPage, summary="List communities")
def list_communities(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    """By name, with who you know there and when you last went."""
    found = selectors.communities(owner=owner(request), today=timezone.localdate())
    page = found[paging.offset : paging.offset + paging.limit]
    return {"count": found.count(), "items": [community_to_dict(c) for c in page]}


@communities.post("", response={201: CommunityDetail, 422: FieldErrors}, summary="Add a community")
def create_community(request: HttpRequest, payload: CommunityIn) -> Status[dict[str, Any]]:
    community = services.create_community(owner=owner(request), **payload.model_dump())
    return Status(201, _community(request, community.pk))


@communities.get(
    "/{community_id}", response={200: CommunityDetail, 404: Error}, summary="Show a community"
)
def show_community(request: HttpRequest, community_id: Id) -> dict[str, Any]:
    """Who you know there (everyone at its events), when you last went, its events."""
    return _community(request, community_id)


@communities.patch(
    "/{community_id}", response={200: CommunityDetail, **ERRORS}, summary="Change a community"
)
def update_community(
    request: HttpRequest, community_id: Id, payload: CommunityPatch
) -> dict[str, Any]:
    user = owner(request)
    selectors.get_community(owner=user, community_id=community_id)
    services.update_community(
        owner=user, community_id=community_id, **payload.model_dump(exclude_none=True)
    )
    return _community(request, community_id)


@communities.delete(
    "/{community_id}", response={204: None, 404: Error}, summary="Delete a community"
)
def delete_community(request: HttpRequest, community_id: Id) -> Status[None]:
    """Its events stay, in no community."""
    services.delete_community(owner=owner(request), community_id=community_id)
    return Status(204, None)
