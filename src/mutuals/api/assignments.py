"""/api/assignments (the client: list, done, undo) and /api/coach/assignments (the coach: list,
set, cancel, restore): exercises a coach sets a client, the same objects as `mutuals
assignments --json` and `mutuals coach assignments --json`. A coach's assignment for a client
who is not linked with them (or no longer) is a 404, like no such user."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from mutuals.api.auth import owner
from mutuals.api.schemas import Day, Error, FieldErrors, Id, Input, PersonRef, Text, Timestamp
from mutuals.assignments import selectors, services
from mutuals.assignments.serialize import for_client, for_coach
from mutuals.core.assignments import MAX_DETAILS, MAX_NOTE, MAX_TITLE, TEMPLATES

router = Router(tags=["assignments"])

ERRORS: dict[int, Any] = {404: Error, 422: FieldErrors}
MAX_CLIENTS = 500


class AssignmentBase(Schema):
    id: int
    title: str
    details: str
    template: str = Field(description="The template's key, or '' for the coach's own words.")
    set_on: dt.date
    due_on: dt.date | None
    done: bool
    done_at: Timestamp | None
    note: str = Field(description="The client's words when they marked it done ('' if none).")
    cancelled: bool


class AssignmentOut(AssignmentBase):
    coach: PersonRef = Field(description="The coach who set it (`name`: their name).")
    former_coach: bool = Field(description="True once the link with that coach has ended.")


class CoachAssignmentOut(AssignmentBase):
    client: PersonRef


class AssignmentTemplates(Schema):
    templates: list[AssignmentTemplateOut]


class AssignmentList(Schema):
    assignments: list[AssignmentOut]


class CoachAssignmentList(Schema):
    assignments: list[CoachAssignmentOut]


class AssignmentTemplateOut(Schema):
    key: str
    title: str
    details: str
    days: int = Field(description="Suggested days to do it in: the due date when none is given.")


class AssignmentFilters(Schema):
    done: bool | None = Field(
        None, description="true: only done ones; false: only open ones; absent: both."
    )


class AssignmentDoneIn(Input):
    note: Annotated[Text, Field(max_length=MAX_NOTE)] = Field(
        "", description="How it went, in a line: the coach sees it."
    )


class AssignmentIn(Input):
    clients: list[Id] = Field(
        min_length=1, max_length=MAX_CLIENTS, description="Linked clients' user ids."
    )
    template: str = Field("", max_length=40, description="A template's key (see /templates).")
    title: Annotated[Text, Field(max_length=MAX_TITLE)] = Field(
        "", description="Your own title, or a template's changed."
    )
    details: Annotated[Text, Field(max_length=MAX_DETAILS)] = ""
    due_on: Day | None = Field(None, description="Defaults to the template's suggested days.")


# The client's side ---------------------------------------------------------------------------


@router.get("/assignments", response=AssignmentList, summary="Your assignments")
def list_mine(request: HttpRequest, filters: Query[AssignmentFilters]) -> dict[str, Any]:
    """What your coaches set you (never the ones they cancelled): open first, then done.
    Open ones are on /api/today as items of kind `assignment` until done."""
    found = selectors.of_client(owner=owner(request), done=filters.done)
    return {"assignments": [for_client(a) for a in found]}


@router.post(
    "/assignments/{assignment_id}/done",
    response={200: AssignmentOut, **ERRORS},
    summary="Mark an assignment done",
)
def mark_done(request: HttpRequest, assignment_id: Id, payload: AssignmentDoneIn) -> dict[str, Any]:
    user = owner(request)
    services.mark_done(owner=user, assignment_id=assignment_id, note=payload.note)
    return for_client(selectors.client_assignment(owner=user, assignment_id=assignment_id))


@router.post(
    "/assignments/{assignment_id}/undo",
    response={200: AssignmentOut, 404: Error},
    summary="Mark an assignment not done",
)
def undo_done(request: HttpRequest, assignment_id: Id) -> dict[str, Any]:
    """Not done after all: it comes back on Today, without its note."""
    user = owner(request)
    services.undo_done(owner=user, assignment_id=assignment_id)
    return for_client(selectors.client_assignment(owner=user, assignment_id=assignment_id))


# The coach's side ----------------------------------------------------------------------------


@router.get(
    "/coach/assignments/templates", response=AssignmentTemplates, summary="Assignment templates"
)
def templates(request: HttpRequest) -> dict[str, Any]:
    """The exercises a coach can set from, by key."""
    owner(request)
    return {
        "templates": [
            {"key": t.key, "title": t.title, "details": t.details, "days": t.days}
            for t in TEMPLATES
        ]
    }


@router.get("/coach/assignments", response=CoachAssignmentList, summary="Assignments you set")
def list_set(request: HttpRequest) -> dict[str, Any]:
    """Every assignment you set a client still linked with you: open first, with each done
    one's day and note."""
    return {"assignments": [for_coach(a) for a in selectors.set_by(coach=owner(request))]}


@router.post(
    "/coach/assignments",
    response={201: CoachAssignmentList, **ERRORS},
    summary="Set an assignment",
)
def assign(request: HttpRequest, payload: AssignmentIn) -> Status[dict[str, Any]]:
    """The same assignment for each client in `clients` (all or none: a client not linked with
    you is a 404): from a `template`, in your own words (`title`, `details`), or both."""
    made = services.assign(
        coach=owner(request),
        client_ids=payload.clients,
        template_key=payload.template,
        title=payload.title,
        details=payload.details,
        due_on=payload.due_on,
    )
    return Status(201, {"assignments": [for_coach(a) for a in made]})


@router.post(
    "/coach/assignments/{assignment_id}/cancel",
    response={200: CoachAssignmentOut, **ERRORS},
    summary="Cancel an assignment",
)
def cancel(request: HttpRequest, assignment_id: Id) -> dict[str, Any]:
    """It leaves the client's Today (a done one cannot be cancelled: 422). Undo with
    /restore."""
    return for_coach(services.cancel(coach=owner(request), assignment_id=assignment_id))


@router.post(
    "/coach/assignments/{assignment_id}/restore",
    response={200: CoachAssignmentOut, 404: Error},
    summary="Restore a cancelled assignment",
)
def restore(request: HttpRequest, assignment_id: Id) -> dict[str, Any]:
    return for_coach(services.restore(coach=owner(request), assignment_id=assignment_id))
