"""/api/people: list, add, read, change, archive, snooze and delete people, and a timeline;
change many at once (/bulk) and the next person to sort (/triage/next)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from mutuals.api.auth import owner
from mutuals.api.schemas import (
    MAX_LIMIT,
    Error,
    FieldErrors,
    Id,
    Input,
    InteractionPage,
    Paging,
    PeopleFilters,
    PersonIn,
    PersonOut,
    PersonPage,
    PersonPatch,
    SnoozeIn,
    Text,
)
from mutuals.interactions import selectors as interaction_selectors
from mutuals.interactions.serialize import interaction_to_dict
from mutuals.people import bulk_changes, selectors, services, triage
from mutuals.people.serialize import person_to_dict, triage_card_to_dict

router = Router(tags=["people"])

ERRORS: dict[int, Any] = {404: Error, 422: FieldErrors}
LIST_RELATIONS = ("circles", "emails", "phones")
MAX_BULK = 10_000
# Fields where null means "empty" rather than "clear to null" (the model keeps "" there).
_TEXT_FIELDS = (
    "first_name",
    "middle_name",
    "last_name",
    "nickname",
    "display_name",
    "name_prefix",
    "name_suffix",
    "phonetic_name",
    "linkedin_url",
    "organization",
    "title",
    "location",
    "interests",
    "how_met",
    "notes",
)


def _detail(request: HttpRequest, person_id: Id) -> dict[str, Any]:
    today = timezone.localdate()
    services.refresh_scores(owner=owner(request), today=today)
    person = selectors.get_person(owner=owner(request), person_id=person_id)
    return person_to_dict(person, selectors.strength_of(person, today))


def _create_arguments(payload: PersonIn) -> dict[str, Any]:
    data = payload.model_dump(exclude_none=True)
    data["introduced_by_id"] = data.pop("introduced_by", None)
    return data


def _update_arguments(payload: PersonPatch) -> dict[str, Any]:
    """PATCH body -> update_person arguments: only what was sent, null meaning 'empty'."""
    data = payload.model_dump(exclude_unset=True)
    if data.get("name") is None:
        data.pop("name", None)  # null keeps the name; a typed one is kept as written
    for key in _TEXT_FIELDS:
        if key in data and data[key] is None:
            data[key] = ""
    for key in ("emails", "phones", "circles"):
        if key in data and data[key] is None:
            data[key] = []
    if "introduced_by" in data:
        introducer = data.pop("introduced_by")
        data["introduced_by_id"] = introducer
        data["clear_introduced_by"] = introducer is None
    return data


@router.get("", response=PersonPage, summary="List people")
def list_people(request: HttpRequest, filters: Query[PeopleFilters]) -> dict[str, Any]:
    """Your people matching the filters, a page at a time (`count` is the total)."""
    today = timezone.localdate()
    # Strength and balance fade daily; bring them to today before sorting or filtering by them.
    services.refresh_scores(owner=owner(request), today=today)
    people = selectors.people_list(
        owner=owner(request),
        today=today,
        search=filters.search,
        circle=filters.circle,
        tier=filters.tier,
        organization=filters.organization,
        overdue=filters.overdue,
        archived=filters.archived,
        balance=filters.balance,
        sort=filters.sort,
    )
    page = people.select_related("introduced_by").prefetch_related(*LIST_RELATIONS)
    page = page[filters.offset : filters.offset + filters.limit]
    return {
        "count": people.count(),
        "items": [person_to_dict(p, selectors.strength_of(p, today)) for p in page],
    }


@router.post("", response={201: PersonOut, 422: FieldErrors}, summary="Add a person")
def create_person(request: HttpRequest, payload: PersonIn) -> Status[dict[str, Any]]:
    """Give `name` (kept as written and split into parts) or the parts; the rest is optional."""
    person = services.create_person(owner=owner(request), **_create_arguments(payload))
    return Status(201, _detail(request, person.pk))


class BulkIn(Input):
    ids: list[Id] = Field(
        min_length=1,
        max_length=MAX_BULK,
        description=f"The people to change, at most {MAX_BULK:,}.",
    )
    closeness: Text | None = Field(
        None,
        description="Set closeness (inner, close, friend, meaningful, acquaintance, dormant); "
        "null: people you only know of; left out: unchanged.",
    )
    circle: Text = Field("", description="Add them to this circle (made when new).")
    cadence_days: int | None = Field(
        None,
        description="Keep in touch every this many days (1-3650); null: as their closeness "
        "says; left out: unchanged.",
    )
    archive: bool = Field(False, description="Archive them (off lists and the agenda).")


class BulkOut(Schema):
    count: int = Field(description="How many people the change applied to.")
    archived: int = Field(description="How many of them were archived now.")
    message: str = Field(description="What was done, in words.")
    items: list[PersonOut] = Field(
        description=f"The changed people, the first {MAX_LIMIT} by id (all of them for fewer)."
    )


class TriageFilters(Schema):
    skip: list[Id] = Field(
        [], max_length=MAX_LIMIT, description="People to pass over this time (repeat it)."
    )


class EvidenceOut(Schema):
    conversations: int
    started_by_me: int = Field(description="Conversations you started.")
    started_by_them: int = Field(description="Conversations they started.")
    first_started_by: str | None = Field(description="Who started the first one: me or them.")
    last_contact_on: dt.date | None
    last_summary: str = Field(description="What the last conversation was about.")
    exchanges: bool = Field(description="Whether you have given or received anything.")
    mutuals: int = Field(description="How many of your people know them.")
    close_mutuals: int = Field(description="Of those, how many you hold close.")
    mutual_names: list[str]
    introduced: bool = Field(description="Whether someone you know introduced you.")
    colleagues: int = Field(description="Your other contacts at their organisation.")


class SuggestionOut(Schema):
    closeness: str
    label: str
    points: float = Field(description="The evidence's points (core.triage).")
    reason: str


class TriageOut(Schema):
    remaining: int = Field(description="How many people have no closeness yet.")
    person: PersonOut | None = Field(description="The next person to sort; null: everyone is.")
    evidence: EvidenceOut | None
    suggestion: SuggestionOut | None


@router.post("/bulk", response={200: BulkOut, **ERRORS}, summary="Change many people at once")
def bulk_change(request: HttpRequest, payload: BulkIn) -> dict[str, Any]:
    """Set closeness, add to a circle, set a cadence and/or archive, for all the `ids` or
    none (an id not in your network answers 422 on `ids`)."""
    sent = payload.model_dump(exclude_unset=True)
    changes: dict[str, Any] = {
        "tier": sent.get("closeness", bulk_changes.KEEP),
        "cadence_days": sent.get("cadence_days", bulk_changes.KEEP),
    }
    result = bulk_changes.change_people(
        owner=owner(request),
        person_ids=payload.ids,
        circle=payload.circle,
        archive=payload.archive,
        **changes,
    )
    today = timezone.localdate()
    shown = sorted(set(payload.ids))[:MAX_LIMIT]
    people = (
        selectors.people_by_ids(owner=owner(request), person_ids=shown)
        .select_related("organization", "introduced_by")
        .prefetch_related(*LIST_RELATIONS)
    )
    return {
        "count": result.count,
        "archived": result.archived,
        "message": bulk_changes.describe_change(result, **changes),
        "items": [person_to_dict(p, selectors.strength_of(p, today)) for p in people],
    }


@router.get("/triage/next", response=TriageOut, summary="The next person to sort")
def triage_next(request: HttpRequest, filters: Query[TriageFilters]) -> dict[str, Any]:
    """The next person with no closeness (most evidence first), what is known about them and a
    suggested closeness with its reason; `person` is null when everyone is sorted."""
    today = timezone.localdate()
    remaining = triage.remaining(owner=owner(request))
    person = triage.next_person(owner=owner(request), skipped=filters.skip)
    if person is None:
        return {"remaining": 0, "person": None, "evidence": None, "suggestion": None}
    card = triage.card_for(owner=owner(request), person=person, today=today)
    return triage_card_to_dict(card, selectors.strength_of(person, today), remaining)


@router.get("/{person_id}", response={200: PersonOut, 404: Error}, summary="Show a person")
def show_person(request: HttpRequest, person_id: Id) -> dict[str, Any]:
    """Everything about one person, with today's tie strength and why."""
    return _detail(request, person_id)


@router.patch("/{person_id}", response={200: PersonOut, **ERRORS}, summary="Change a person")
def update_person(request: HttpRequest, person_id: Id, payload: PersonPatch) -> dict[str, Any]:
    """Change only the fields sent; lists (emails, phones, circles) are replaced whole."""
    services.update_person(owner=owner(request), person_id=person_id, **_update_arguments(payload))
    return _detail(request, person_id)


@router.delete("/{person_id}", response={204: None, 404: Error}, summary="Delete a person")
def delete_person(request: HttpRequest, person_id: Id) -> Status[None]:
    """Delete someone, their promises and conversations only they took part in."""
    services.delete_person(owner=owner(request), person_id=person_id)
    return Status(204, None)


@router.post(
    "/{person_id}/archive", response={200: PersonOut, 404: Error}, summary="Archive a person"
)
def archive_person(request: HttpRequest, person_id: Id) -> dict[str, Any]:
    """Hide someone from lists and the agenda without deleting anything."""
    selectors.get_person(owner=owner(request), person_id=person_id)
    services.archive_person(owner=owner(request), person_id=person_id)
    return _detail(request, person_id)


@router.post(
    "/{person_id}/unarchive",
    response={200: PersonOut, 404: Error},
    summary="Bring back an archived person",
)
def unarchive_person(request: HttpRequest, person_id: Id) -> dict[str, Any]:
    selectors.get_person(owner=owner(request), person_id=person_id)
    services.unarchive_person(owner=owner(request), person_id=person_id)
    return _detail(request, person_id)


@router.post("/{person_id}/snooze", response={200: PersonOut, **ERRORS}, summary="Snooze a person")
def snooze_person(request: HttpRequest, person_id: Id, payload: SnoozeIn) -> dict[str, Any]:
    """Keep someone off the agenda until a date after today."""
    services.snooze_person(owner=owner(request), person_id=person_id, until=payload.until)
    return _detail(request, person_id)


@router.get(
    "/{person_id}/interactions",
    response={200: InteractionPage, 404: Error},
    summary="A person's timeline",
)
def person_timeline(request: HttpRequest, person_id: Id, paging: Query[Paging]) -> dict[str, Any]:
    """Conversations with this person, newest first."""
    selectors.get_person(owner=owner(request), person_id=person_id)
    interactions = interaction_selectors.timeline(owner=owner(request), person_id=person_id)
    page = interactions[paging.offset : paging.offset + paging.limit]
    return {"count": interactions.count(), "items": [interaction_to_dict(i) for i in page]}
