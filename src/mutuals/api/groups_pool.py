"""/api/groups/{id}/search and the introduction requests through the pool: the pooled search
answers counts only (a count below the threshold as "a few"); a request asks the member who
knows the target best without telling you who, until they accept; the member asked reads only
who asks and their note.

The operations' ids are those they had in `api/groups.py` (`kept_id`), so clients generated
from the OpenAPI document keep their names.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from mutuals.api.auth import owner
from mutuals.api.groups import kept_id
from mutuals.api.schemas import Error, FieldErrors, Id, Input, Paging, Text, Timestamp
from mutuals.groups import requests, selectors, serialize, services

router = Router(tags=["groups"])

Shown = int | Literal["a few", "many"]


class SearchFilters(Schema):
    person: Text | None = Field(None, max_length=320, description="A person's full name.")
    organisation: Text | None = Field(None, max_length=200, description="An organisation.")
    words: Text | None = Field(None, max_length=300, description="At least two words.")


class SearchOut(Schema):
    members: Shown = Field(
        description='How many members know someone matching (or "a few", or "many").'
    )
    well: Shown = Field(description="Of them, how many know them well or are close.")
    close: Shown = Field(description="Of them, how many are close.")
    words: str = Field(description="The answer in a sentence.")
    threshold: int = Field(description='Counts below it read "a few".')
    many_from: int = Field(description='Counts from it up read "many" (and are not counted).')


@router.get(
    "/groups/{group_id}/search",
    response={200: SearchOut, 404: Error, 422: FieldErrors, 429: Error},
    summary="Pooled search: how many members know someone",
    operation_id=kept_id("search"),
)
def search(request: HttpRequest, group_id: Id, filters: Query[SearchFilters]) -> Any:
    """Counts only, never who: a person by full name, an organisation by name, or at least two
    words. Each search counts against your daily limit in the group."""
    try:
        answer, sentence = services.search(
            user=owner(request),
            group_id=group_id,
            person=filters.person,
            organisation=filters.organisation,
            words=filters.words,
        )
    except services.SearchLimitReached as limit:
        return Status(429, {"detail": str(limit)})
    return serialize.answer_to_dict(answer, sentence)


# ---- introduction requests through the pool ----------------------------------------------


class PoolRequestIn(Input):
    person: Text | None = Field(None, max_length=320, description="A person's full name.")
    organisation: Text | None = Field(None, max_length=200, description="An organisation.")
    words: Text | None = Field(None, max_length=300, description="At least two words.")
    note: str = Field(
        "",
        max_length=1000,
        description="Your note to the member asked; drafted for you when empty. A notice for "
        "the person in the pool, of where their name came from, is always added.",
    )


class GroupRef(Schema):
    id: int
    name: str


class PoolRequestOut(Schema):
    id: int
    group: GroupRef
    target: str = Field(description="Whom you asked for, in the words you searched.")
    state: Literal["waiting", "accepted", "no introduction"]
    state_words: str
    introducer: str | None = Field(
        description="The member who agreed to introduce you: only once they accepted."
    )
    requested_at: Timestamp
    thanked_at: Timestamp | None = Field(
        description="When you thanked the member who introduced you (POST …/thank)."
    )


class PoolRequestPage(Schema):
    count: int
    items: list[PoolRequestOut]


class PoolAskedOut(Schema):
    id: int
    group: GroupRef
    requester: str = Field(description="The member asking (their name only).")
    note: str = Field(description="Their note, with the notice for the person in the pool.")
    person_id: int | None = Field(description="Which of your people it is for.")
    person: str | None
    status: Literal["open", "accepted", "declined", "cancelled"]
    introduction_id: int | None = Field(description="The introduction started on acceptance.")
    requested_at: Timestamp
    answered_at: Timestamp | None


class PoolAskedPage(Schema):
    count: int
    items: list[PoolAskedOut]


class PoolAnswerIn(Input):
    answer: Literal["accept", "decline"]


@router.get(
    "/groups/{group_id}/requests",
    response={200: PoolRequestPage, 404: Error},
    summary="Your introduction requests in a group",
    operation_id=kept_id("my_requests"),
)
def my_requests(request: HttpRequest, group_id: Id, paging: Query[Paging]) -> dict[str, Any]:
    """Waiting, accepted (with the member's name) or no introduction this time; who was asked
    is never said before they accept."""
    from django.utils import timezone

    found = selectors.requests_of(user=owner(request), group_id=group_id)
    now = timezone.now()
    page = found[paging.offset : paging.offset + paging.limit]
    return {"count": len(found), "items": [serialize.my_request_to_dict(r, now) for r in page]}


@router.post(
    "/groups/{group_id}/requests",
    response={201: PoolRequestOut, 404: Error, 422: FieldErrors, 429: Error},
    summary="Ask the pool for an introduction",
    operation_id=kept_id("request_introduction"),
)
def request_introduction(request: HttpRequest, group_id: Id, payload: PoolRequestIn) -> Any:
    """For a target you searched in the last day, with the same words. The member who knows
    them best is asked, without telling you who. Three requests a day per group."""
    from django.utils import timezone

    try:
        made = requests.request_introduction(
            user=owner(request),
            group_id=group_id,
            person=payload.person,
            organisation=payload.organisation,
            words=payload.words,
            note=payload.note,
        )
    except requests.RequestLimitReached as limit:
        return Status(429, {"detail": str(limit)})
    return Status(201, serialize.my_request_to_dict(made, timezone.now()))


@router.get(
    "/groups/{group_id}/asked",
    response={200: PoolAskedPage, 404: Error},
    summary="Introduction requests asked of you in a group",
    operation_id=kept_id("asked"),
)
def asked(request: HttpRequest, group_id: Id, paging: Query[Paging]) -> dict[str, Any]:
    """Open ones first: who asks and their note; nothing else of theirs."""
    found = selectors.asked_of(user=owner(request), group_id=group_id)
    page = found[paging.offset : paging.offset + paging.limit]
    return {"count": len(found), "items": [serialize.asked_request_to_dict(r) for r in page]}


@router.post(
    "/groups/requests/{request_id}",
    response={200: PoolAskedOut, 404: Error, 422: FieldErrors},
    summary="Accept or decline a request asked of you",
    operation_id=kept_id("answer"),
)
def answer(request: HttpRequest, request_id: Id, payload: PoolAnswerIn) -> dict[str, Any]:
    """Accepting tells each side the other's name and starts the introduction's double opt-in
    with your person; declining tells the requester nothing."""
    user = owner(request)
    requests.answer_request(user=user, request_id=request_id, accept=payload.answer == "accept")
    found = selectors.asked_request(user=user, request_id=request_id)
    return serialize.asked_request_to_dict(found)


@router.post(
    "/groups/requests/{request_id}/thank",
    response={200: PoolRequestOut, 404: Error, 422: FieldErrors},
    summary="Thank the member who accepted your request",
    operation_id=kept_id("thank"),
)
def thank(request: HttpRequest, request_id: Id) -> dict[str, Any]:
    """Once, for an accepted request of yours: the member joins your people (when not there
    yet) and the introduction is recorded as received from them, thanked, on your ledger."""
    from django.utils import timezone

    thanked = requests.thank(user=owner(request), request_id=request_id)
    return serialize.my_request_to_dict(thanked, timezone.now())
