"""/api/needs: what your people need and what you need: add, list, change, helped, done, reopen."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from mutuals.api.auth import owner
from mutuals.api.introductions import PathOut
from mutuals.api.schemas import (
    Day,
    Error,
    FieldErrors,
    Id,
    Input,
    Paging,
    PersonRef,
    Text,
    Timestamp,
)
from mutuals.needs import match as matching
from mutuals.needs import selectors, services
from mutuals.needs.serialize import match_result_to_dict, need_to_dict
from mutuals.people import selectors as people_selectors

router = Router(tags=["needs"])
match_router = Router(tags=["needs"])

ERRORS: dict[int, Any] = {404: Error, 422: FieldErrors}
KIND_HELP = "introduction, advice, information, job_lead, referral, hire or other."
Direction = Literal["looking", "offering"]
DIRECTION_HELP = (
    "looking (they look for it) or offering (they are hiring or offering it); left out, it is "
    "read from the words: 'Hiring a designer' is offering."
)


class NeedOut(Schema):
    id: int
    text: str
    kind: str
    direction: Direction = Field(description="looking, or offering (hiring or offering it).")
    status: Literal["open", "helped", "done", "dropped"]
    mine: bool = Field(description="True for your own need (then `person` is null).")
    person: PersonRef | None
    noted_on: dt.date
    helped_by: PersonRef | None = Field(description="Who helped; null when you did or no one yet.")
    outcome: str
    reviewed_on: dt.date | None
    closed_on: dt.date | None
    created_at: Timestamp
    updated_at: Timestamp


class NeedPage(Schema):
    count: int
    items: list[NeedOut]


class NeedFilters(Paging):
    status: Literal["open", "helped", "done", "dropped", "all"] = "open"
    mine: bool = Field(False, description="Only your own needs.")
    person: Id | None = Field(None, description="Only this person's needs.")


class NeedIn(Input):
    text: Text = Field(description="What is needed, in one line.")
    kind: Text = Field("other", description=KIND_HELP)
    person: Id | None = Field(None, description="Whose need it is; leave out for your own.")
    noted_on: Day | None = Field(None, description="Defaults to today.")
    direction: Direction | None = Field(None, description=DIRECTION_HELP)


class NeedPatch(Input):
    text: Text | None = None
    kind: Text | None = Field(None, description=KIND_HELP)
    direction: Direction | None = Field(None, description="looking or offering; kept if left out.")


class HelpedIn(Input):
    helped_by: Id | None = Field(None, description="Who helped; leave out when you did.")
    note: Text = Field("", description="How it was helped.")


class DoneIn(Input):
    note: Text = Field("", description="How it turned out.")
    dropped: bool = Field(False, description="It is no longer needed, rather than met.")


def _detail(request: HttpRequest, need_id: Id) -> dict[str, Any]:
    return need_to_dict(selectors.get_need(owner=owner(request), need_id=need_id))


@router.get("", response={200: NeedPage, **ERRORS}, summary="List needs")
def list_needs(request: HttpRequest, filters: Query[NeedFilters]) -> dict[str, Any]:
    """Open needs by default (`status` narrows or `all`), oldest first."""
    if filters.person is not None:
        people_selectors.get_person(owner=owner(request), person_id=filters.person)
    needs = selectors.needs_for(
        owner=owner(request), person_id=filters.person, mine=filters.mine, status=filters.status
    )
    page = needs[filters.offset : filters.offset + filters.limit]
    return {"count": needs.count(), "items": [need_to_dict(n) for n in page]}


@router.post("", response={201: NeedOut, 422: FieldErrors}, summary="Add a need")
def add_need(request: HttpRequest, payload: NeedIn) -> Status[dict[str, Any]]:
    """A need of one of your people (`person`), or your own when `person` is left out."""
    need = services.add_need(
        owner=owner(request),
        text=payload.text,
        kind=payload.kind,
        person_id=payload.person,
        noted_on=payload.noted_on,
        direction=payload.direction,
    )
    return Status(201, _detail(request, need.pk))


@router.get("/{need_id}", response={200: NeedOut, 404: Error}, summary="Show a need")
def show_need(request: HttpRequest, need_id: Id) -> dict[str, Any]:
    return _detail(request, need_id)


@router.patch("/{need_id}", response={200: NeedOut, **ERRORS}, summary="Change a need")
def update_need(request: HttpRequest, need_id: Id, payload: NeedPatch) -> dict[str, Any]:
    services.update_need(
        owner=owner(request),
        need_id=need_id,
        text=payload.text,
        kind=payload.kind,
        direction=payload.direction,
    )
    return _detail(request, need_id)


@router.delete("/{need_id}", response={204: None, 404: Error}, summary="Delete a need")
def delete_need(request: HttpRequest, need_id: Id) -> Status[None]:
    services.delete_need(owner=owner(request), need_id=need_id)
    return Status(204, None)


@router.post("/{need_id}/helped", response={200: NeedOut, **ERRORS}, summary="Mark a need helped")
def mark_helped(request: HttpRequest, need_id: Id, payload: HelpedIn) -> dict[str, Any]:
    """Someone helped: you (no `helped_by`) or one of your people."""
    services.mark_helped(
        owner=owner(request), need_id=need_id, helped_by_id=payload.helped_by, note=payload.note
    )
    return _detail(request, need_id)


@router.post("/{need_id}/done", response={200: NeedOut, **ERRORS}, summary="Close a need")
def close_need(request: HttpRequest, need_id: Id, payload: DoneIn) -> dict[str, Any]:
    """Done (met), or dropped (no longer needed) with `"dropped": true`."""
    status = "dropped" if payload.dropped else "done"
    services.close_need(owner=owner(request), need_id=need_id, status=status, note=payload.note)
    return _detail(request, need_id)


@router.post("/{need_id}/reopen", response={200: NeedOut, 404: Error}, summary="Reopen a need")
def reopen_need(request: HttpRequest, need_id: Id) -> dict[str, Any]:
    services.reopen_need(owner=owner(request), need_id=need_id)
    return _detail(request, need_id)


class MatchIn(Input):
    text: str = Field(
        min_length=1,
        max_length=selectors.MATCH_TEXT_MAX,
        description="A job posting, article, event announcement or note to match.",
    )
    k: int = Field(10, ge=1, le=100, description="How many matches to return in each group.")


class MatchOut(Schema):
    need: int
    person: PersonRef | None
    text: str = Field(description="The need's text; `need_spans` are offsets into it.")
    score: float = Field(description="The matching score (sum of the shared words' weights).")
    matched_terms: list[str]
    need_spans: list[list[int]]
    action: str = Field(description='One thing to do, e.g. "share with Rosa".')
    direction: Direction
    group: Literal["lead", "share", "yours"] = Field(
        description="lead: they are hiring or offering; share: they are looking; yours: yours."
    )
    relevance: str = Field(description="The score in words, e.g. 'close match'.")
    relevance_steps: int = Field(ge=1, le=5, description="The same on a scale of 1 to 5.")


class MatchPersonOut(Schema):
    id: int
    name: str
    tier: str | None = Field(description="Closeness; null for someone you only know of.")
    closeness: str = Field(description="Closeness in words, e.g. 'close' or 'known of'.")


class MatchOrganisationOut(Schema):
    id: int
    name: str = Field(description="The organisation as your records spell it.")
    people_count: int = Field(description="Everyone you know or know of there.")
    contacts_count: int = Field(description="Of them, your contacts.")
    people: list[MatchPersonOut] = Field(description="The closest ties first, at most 10.")
    paths: list[PathOut] = Field(description="The best warm paths to anyone there, at most 3.")


class MatchPage(Schema):
    count: int
    items: list[MatchOut] = Field(
        description="Leads, then things to share, then your own; best first within each."
    )
    organisations: list[MatchOrganisationOut] = Field(
        description="Your people's organisations the text names, in the order it names them."
    )


@match_router.post("", response={200: MatchPage, 422: FieldErrors}, summary="Match a text to needs")
def match_text(request: HttpRequest, payload: MatchIn) -> dict[str, Any]:
    """The open needs `text` serves in groups, and who you know at the organisations it names."""
    if not payload.text.strip():
        raise ValidationError({"text": ["Give some text to match."]})
    found = matching.match_text(owner=owner(request), text=payload.text, per_group=payload.k)
    return match_result_to_dict(found)
