"""/api/interactions: log, list, read, change and delete conversations."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.responses import Status

from mutuals.api.auth import owner
from mutuals.api.schemas import (
    Error,
    FieldErrors,
    Id,
    InteractionFilters,
    InteractionIn,
    InteractionOut,
    InteractionPage,
    InteractionPatch,
)
from mutuals.interactions import selectors, services
from mutuals.interactions.serialize import interaction_to_dict
from mutuals.people import selectors as people_selectors

router = Router(tags=["interactions"])


def _detail(request: HttpRequest, interaction_id: Id) -> dict[str, Any]:
    interaction = selectors.get_interaction(owner=owner(request), interaction_id=interaction_id)
    return interaction_to_dict(interaction)


@router.get("", response=InteractionPage, summary="List conversations")
def list_interactions(request: HttpRequest, filters: Query[InteractionFilters]) -> dict[str, Any]:
    """Your conversations, newest first; `person` narrows to one person's timeline."""
    if filters.person is None:
        interactions = selectors.recent_interactions(owner=owner(request))
    else:
        people_selectors.get_person(owner=owner(request), person_id=filters.person)
        interactions = selectors.timeline(owner=owner(request), person_id=filters.person)
    interactions = interactions.order_by("-occurred_on", "-id")
    page = interactions[filters.offset : filters.offset + filters.limit]
    return {"count": interactions.count(), "items": [interaction_to_dict(i) for i in page]}


@router.post("", response={201: InteractionOut, 422: FieldErrors}, summary="Log a conversation")
def log_interaction(request: HttpRequest, payload: InteractionIn) -> Status[dict[str, Any]]:
    """Who (`people`, ids), what (`summary`) and when (`occurred_on`, default today)."""
    interaction = services.log_interaction(
        owner=owner(request),
        person_ids=payload.people,
        summary=payload.summary,
        occurred_on=payload.occurred_on,
        kind=payload.kind,
        initiated_by=payload.initiated_by,
        notes=payload.notes,
    )
    return Status(201, _detail(request, interaction.pk))


@router.get(
    "/{interaction_id}",
    response={200: InteractionOut, 404: Error},
    summary="Show a conversation",
)
def show_interaction(request: HttpRequest, interaction_id: Id) -> dict[str, Any]:
    return _detail(request, interaction_id)


@router.patch(
    "/{interaction_id}",
    response={200: InteractionOut, 404: Error, 422: FieldErrors},
    summary="Change a conversation",
)
def update_interaction(
    request: HttpRequest, interaction_id: Id, payload: InteractionPatch
) -> dict[str, Any]:
    """Change only the fields sent (null keeps a value); `people` replaces who took part."""
    changes = payload.model_dump(exclude_none=True)
    if "people" in changes:
        changes["person_ids"] = changes.pop("people")
    services.update_interaction(owner=owner(request), interaction_id=interaction_id, **changes)
    return _detail(request, interaction_id)


@router.delete(
    "/{interaction_id}", response={204: None, 404: Error}, summary="Delete a conversation"
)
def delete_interaction(request: HttpRequest, interaction_id: Id) -> Status[None]:
    services.delete_interaction(owner=owner(request), interaction_id=interaction_id)
    return Status(204, None)
