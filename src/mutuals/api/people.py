"""/api/people: list, add, read, change, archive, snooze and delete people, and a timeline."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.responses import Status

from mutuals.api.auth import owner
from mutuals.api.schemas import (
    Error,
    FieldErrors,
    Id,
    InteractionPage,
    Paging,
    PeopleFilters,
    PersonIn,
    PersonOut,
    PersonPage,
    PersonPatch,
    SnoozeIn,
)
from mutuals.interactions import selectors as interaction_selectors
from mutuals.interactions.serialize import interaction_to_dict
from mutuals.people import selectors, services
from mutuals.people.serialize import person_to_dict

router = Router(tags=["people"])

ERRORS: dict[int, Any] = {404: Error, 422: FieldErrors}
LIST_RELATIONS = ("circles", "emails", "phones")
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
