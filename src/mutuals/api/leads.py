"""/api/leads: opportunities heard of through people: add, list, show with the timeline,
move through the stages, change, put people behind them, delete."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from mutuals.api.auth import owner
from mutuals.api.ledger import ExchangeOut
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
from mutuals.core.leads import OPEN_STAGES, ROLES, STAGES
from mutuals.leads import selectors, services
from mutuals.leads.postings import read_posting_for
from mutuals.leads.serialize import (
    lead_detail_to_dict,
    lead_to_dict,
    moved_to_dict,
    thanks_to_dict,
)
from mutuals.leads.thanks import everyone_who_helped, thank_you_draft
from mutuals.ledger.serialize import exchange_to_dict
from mutuals.people import selectors as people_selectors

router = Router(tags=["leads"])

Stage = Literal[STAGES]  # type: ignore[valid-type]
OpenStage = Literal[OPEN_STAGES]  # type: ignore[valid-type]
Role = Literal[ROLES]  # type: ignore[valid-type]
Source = Literal["hand", "conversation", "posting", "event"]
ERRORS: dict[int, Any] = {404: Error, 422: FieldErrors}


class OrganizationRef(Schema):
    id: int
    name: str


class LeadPersonOut(Schema):
    id: int
    name: str
    role: Role


class LeadOut(Schema):
    id: int
    title: str = Field(description="The role; empty for “they might be hiring”.")
    organization: OrganizationRef | None
    location: str
    stage: Stage
    stage_words: str
    stage_on: dt.date = Field(description="The day it entered its stage.")
    closed_reason: str
    interview_on: dt.date | None = Field(description="The interview's day, when known.")
    source: Source
    conversation: int | None = Field(description="The id of the conversation it came up in.")
    people: list[LeadPersonOut]
    notes: str
    created_at: Timestamp
    updated_at: Timestamp


class LeadEventOut(Schema):
    on: dt.date
    kind: str = Field(description="created, stage, person, person_removed or note.")
    stage: Stage | None
    person: int | None
    text: str


class LeadDetail(LeadOut):
    source_text: str = Field(description="The posting or event text it came from, if any.")
    timeline: list[LeadEventOut]


class LandedOut(Schema):
    on: dt.date = Field(description="The day you landed (accepted the offer).")
    mode: Literal["keep_in_touch"]
    check_in_on: dt.date = Field(description="When the check-ins with everyone who helped fall.")
    check_ins: int = Field(description="Check-in promises made, one per person who helped.")
    helpers: int = Field(description="People who helped, now on GET /api/leads/thanks.")


class LeadMoved(LeadDetail):
    landed: LandedOut | None = Field(
        None,
        description="Set when this move accepted an offer and switched you into keep-in-touch "
        "mode (cadences relaxed, thank-you list, check-ins in 90 days).",
    )
    back_to_searching: bool = Field(
        False, description="True when taking back the accepted offer ended keep-in-touch mode."
    )


class ThankYouDraft(Schema):
    subject: str
    text: str


class HelperOut(Schema):
    person: PersonRef = Field(description="The person who helped.")
    helped: list[str] = Field(description="What they did for your search, in words.")
    thanked: bool = Field(description="Talked with or given to since you landed.")
    draft: ThankYouDraft = Field(description="A drafted thank-you.")


class ThanksPage(Schema):
    since: dt.date = Field(description="Thanks count from this day (the day you landed).")
    landed_lead: str = Field(description="The accepted offer, in words; empty when none.")
    count: int
    waiting: int = Field(description="How many are not thanked yet.")
    items: list[HelperOut]


class ReferrerThankedIn(Input):
    person: Id = Field(description="Who you thanked for the referral.")


class LeadPage(Schema):
    count: int
    items: list[LeadOut]


class LeadFilters(Paging):
    stage: Stage | None = Field(None, description="Only leads at this stage.")
    open: bool = Field(False, description="Only leads still open (not accepted or closed).")
    organization: Id | None = Field(None, description="Only leads at this organisation.")
    person: Id | None = Field(None, description="Only leads this person is behind.")


class LeadPersonIn(Input):
    person: Id
    role: Role = "mentioned"


class LeadIn(Input):
    title: Text = Field("", max_length=200)
    organization: Text = Field("", max_length=200, description="Its name; added when new.")
    location: Text = Field("", max_length=200)
    stage: OpenStage = "heard"
    source: Source | None = Field(
        None,
        description="Left out: conversation when one is given, posting with a text, else hand.",
    )
    conversation: Id | None = None
    source_text: Text = Field("", max_length=50_000, description="The posting or event text.")
    notes: Text = Field("", max_length=20_000)
    people: list[LeadPersonIn] = Field(default_factory=list, max_length=50)


class PostingIn(Input):
    text: Text = Field(max_length=50_000, description="A pasted job posting.")
    stage: OpenStage = "heard"
    people: list[LeadPersonIn] = Field(default_factory=list, max_length=50)


class LeadPatch(Input):
    title: Text | None = Field(None, max_length=200)
    organization: Text | None = Field(None, max_length=200)
    location: Text | None = Field(None, max_length=200)
    notes: Text | None = Field(None, max_length=20_000)
    stage: Stage | None = Field(None, description="Move it (closing needs a reason).")
    reason: Text = Field("", max_length=300, description="Why it closed.")
    interview_on: Day | None = Field(
        None, description="The interview's day: with a move to interviewing, or alone to set it."
    )


def _detail(request: HttpRequest, lead_id: int) -> dict[str, Any]:
    user = owner(request)
    lead = selectors.get_lead(owner=user, lead_id=lead_id)
    return lead_detail_to_dict(lead, selectors.timeline(owner=user, lead_id=lead.pk))


@router.get("", response=LeadPage, summary="List leads")
def list_leads(request: HttpRequest, filters: Query[LeadFilters]) -> dict[str, Any]:
    """The most recently moved first."""
    user = owner(request)
    if filters.person is not None:
        people_selectors.get_person(owner=user, person_id=filters.person)
    found = selectors.leads_for(
        owner=user,
        stage=filters.stage or "",
        organization_id=filters.organization,
        person_id=filters.person,
        open_only=filters.open,
    )
    page = found[filters.offset : filters.offset + filters.limit]
    return {"count": found.count(), "items": [lead_to_dict(lead) for lead in page]}


@router.post("", response={201: LeadDetail, 422: FieldErrors}, summary="Add a lead")
def create_lead(request: HttpRequest, payload: LeadIn) -> Status[dict[str, Any]]:
    """A role (`title`), an organisation, or both, with the people behind it."""
    lead = services.create_lead(
        owner=owner(request),
        title=payload.title,
        organization=payload.organization,
        location=payload.location,
        stage=payload.stage,
        source=payload.source or "",
        conversation_id=payload.conversation,
        source_text=payload.source_text,
        notes=payload.notes,
        people=[(p.person, p.role) for p in payload.people],
    )
    return Status(201, _detail(request, lead.pk))


@router.post(
    "/from-posting",
    response={201: LeadDetail, 422: FieldErrors},
    summary="Add a lead from a posting",
)
def create_from_posting(request: HttpRequest, payload: PostingIn) -> Status[dict[str, Any]]:
    """The organisation, title and location are read from the text (GET /api/orgs/{id} then
    shows who you know there and the warm paths)."""
    user = owner(request)
    read = read_posting_for(owner=user, text=payload.text)
    lead = services.create_lead(
        owner=user,
        title=read.title,
        organization=read.organisation,
        location=read.location,
        stage=payload.stage,
        source="posting",
        source_text=payload.text,
        people=[(p.person, p.role) for p in payload.people],
    )
    return Status(201, _detail(request, lead.pk))


@router.get("/thanks", response=ThanksPage, summary="Everyone who helped")
def thanks(request: HttpRequest) -> dict[str, Any]:
    """Everyone who helped with your search (receives since it began, the people behind your
    leads, introductions made for you), each with what they did, whether they are thanked since
    you landed, and a drafted thank-you. Not thanked yet first."""
    user = owner(request)
    found = everyone_who_helped(owner=user, today=timezone.localdate())
    drafts = {h.person_id: thank_you_draft(user, h, found) for h in found.helpers}
    return thanks_to_dict(found, drafts)


@router.get("/{lead_id}", response={200: LeadDetail, 404: Error}, summary="Show a lead")
def show_lead(request: HttpRequest, lead_id: Id) -> dict[str, Any]:
    """The lead with its timeline, oldest first."""
    return _detail(request, lead_id)


@router.patch("/{lead_id}", response={200: LeadMoved, **ERRORS}, summary="Change or move a lead")
def update_lead(request: HttpRequest, lead_id: Id, payload: LeadPatch) -> dict[str, Any]:
    """Change what it is, or move it: `{"stage": "closed", "reason": "hired internally"}`,
    `{"stage": "interviewing", "interview_on": "2026-03-14"}`. Accepting an offer answers what
    landing changed in `landed`."""
    user = owner(request)
    selectors.get_lead(owner=user, lead_id=lead_id)
    fields = payload.model_dump(exclude_none=True, exclude={"stage", "reason", "interview_on"})
    if fields:
        services.update_lead(owner=user, lead_id=lead_id, **fields)
    moved: dict[str, Any] = {}
    if payload.stage is not None:
        moved = moved_to_dict(
            services.move(
                owner=user,
                lead_id=lead_id,
                stage=payload.stage,
                reason=payload.reason,
                interview_on=payload.interview_on if payload.stage == "interviewing" else None,
            )
        )
    if payload.interview_on is not None and payload.stage != "interviewing":
        services.set_interview(owner=user, lead_id=lead_id, interview_on=payload.interview_on)
    return {**_detail(request, lead_id), **moved}


@router.post(
    "/{lead_id}/followed-up",
    response={200: LeadDetail, **ERRORS},
    summary="Note a follow-up on an application",
)
def followed_up(request: HttpRequest, lead_id: Id) -> dict[str, Any]:
    """On the lead's timeline; the agenda's application follow-up waits another week."""
    user = owner(request)
    selectors.get_lead(owner=user, lead_id=lead_id)
    services.note_follow_up(owner=user, lead_id=lead_id)
    return _detail(request, lead_id)


@router.post(
    "/{lead_id}/thanked",
    response={200: ExchangeOut, **ERRORS},
    summary="Thank someone for a referral",
)
def thanked(request: HttpRequest, lead_id: Id, payload: ReferrerThankedIn) -> dict[str, Any]:
    """The referral goes on the ledger as received from them, marked thanked today."""
    user = owner(request)
    selectors.get_lead(owner=user, lead_id=lead_id)
    exchange = services.thank_referrer(owner=user, lead_id=lead_id, person_id=payload.person)
    return exchange_to_dict(exchange)


@router.delete("/{lead_id}", response={204: None, 404: Error}, summary="Delete a lead")
def delete_lead(request: HttpRequest, lead_id: Id) -> Status[None]:
    """The lead and its timeline; the people behind it stay."""
    services.delete_lead(owner=owner(request), lead_id=lead_id)
    return Status(204, None)


@router.post(
    "/{lead_id}/people", response={200: LeadDetail, **ERRORS}, summary="Put someone behind a lead"
)
def add_person(request: HttpRequest, lead_id: Id, payload: LeadPersonIn) -> dict[str, Any]:
    """Add them with a role, or change their role."""
    user = owner(request)
    selectors.get_lead(owner=user, lead_id=lead_id)
    services.add_person(owner=user, lead_id=lead_id, person_id=payload.person, role=payload.role)
    return _detail(request, lead_id)


@router.delete(
    "/{lead_id}/people/{person_id}",
    response={200: LeadDetail, **ERRORS},
    summary="Take someone off a lead",
)
def remove_person(request: HttpRequest, lead_id: Id, person_id: Id) -> dict[str, Any]:
    user = owner(request)
    selectors.get_lead(owner=user, lead_id=lead_id)
    services.remove_person(owner=user, lead_id=lead_id, person_id=person_id)
    return _detail(request, lead_id)
