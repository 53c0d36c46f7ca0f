"""/api/promises: follow-ups you owe: add, list, change, mark done, reopen, snooze, delete."""

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
    PromiseFilters,
    PromiseIn,
    PromiseOut,
    PromisePage,
    PromisePatch,
    SnoozeIn,
)
from mutuals.people import selectors as people_selectors
from mutuals.promises import selectors, services
from mutuals.promises.serialize import promise_to_dict

router = Router(tags=["promises"])

ERRORS: dict[int, Any] = {404: Error, 422: FieldErrors}


def _detail(request: HttpRequest, promise_id: Id) -> dict[str, Any]:
    return promise_to_dict(selectors.get_promise(owner=owner(request), promise_id=promise_id))


@router.get("", response=PromisePage, summary="List promises")
def list_promises(request: HttpRequest, filters: Query[PromiseFilters]) -> dict[str, Any]:
    """Open promises by default (`status=done` or `all` for the others), soonest due first."""
    if filters.person is not None:
        people_selectors.get_person(owner=owner(request), person_id=filters.person)
    promises = selectors.promises_for(
        owner=owner(request),
        person_id=filters.person,
        open_only=filters.status == "open",
        done_only=filters.status == "done",
    )
    page = promises[filters.offset : filters.offset + filters.limit]
    return {"count": promises.count(), "items": [promise_to_dict(p) for p in page]}


@router.post("", response={201: PromiseOut, 422: FieldErrors}, summary="Add a promise")
def create_promise(request: HttpRequest, payload: PromiseIn) -> Status[dict[str, Any]]:
    """What you promised (`text`), by when (`due_on`) and, optionally, to whom (`person`)."""
    promise = services.create_promise(
        owner=owner(request), text=payload.text, due_on=payload.due_on, person_id=payload.person
    )
    return Status(201, _detail(request, promise.pk))


@router.get("/{promise_id}", response={200: PromiseOut, 404: Error}, summary="Show a promise")
def show_promise(request: HttpRequest, promise_id: Id) -> dict[str, Any]:
    return _detail(request, promise_id)


@router.patch("/{promise_id}", response={200: PromiseOut, **ERRORS}, summary="Change a promise")
def update_promise(request: HttpRequest, promise_id: Id, payload: PromisePatch) -> dict[str, Any]:
    """Change the text or the due date (a new due date ends any snooze)."""
    services.update_promise(
        owner=owner(request), promise_id=promise_id, **payload.model_dump(exclude_none=True)
    )
    return _detail(request, promise_id)


@router.delete("/{promise_id}", response={204: None, 404: Error}, summary="Delete a promise")
def delete_promise(request: HttpRequest, promise_id: Id) -> Status[None]:
    services.delete_promise(owner=owner(request), promise_id=promise_id)
    return Status(204, None)


@router.post(
    "/{promise_id}/done", response={200: PromiseOut, 404: Error}, summary="Mark a promise done"
)
def complete_promise(request: HttpRequest, promise_id: Id) -> dict[str, Any]:
    services.complete_promise(owner=owner(request), promise_id=promise_id)
    return _detail(request, promise_id)


@router.post(
    "/{promise_id}/reopen", response={200: PromiseOut, 404: Error}, summary="Reopen a promise"
)
def reopen_promise(request: HttpRequest, promise_id: Id) -> dict[str, Any]:
    services.reopen_promise(owner=owner(request), promise_id=promise_id)
    return _detail(request, promise_id)


@router.post(
    "/{promise_id}/snooze", response={200: PromiseOut, **ERRORS}, summary="Snooze a promise"
)
def snooze_promise(request: HttpRequest, promise_id: Id, payload: SnoozeIn) -> dict[str, Any]:
    """Keep a promise off the agenda until a date after today."""
    services.snooze_promise(owner=owner(request), promise_id=promise_id, until=payload.until)
    return _detail(request, promise_id)
