"""The weekly needs review: GET /api/review (the object `mutuals review --json` prints),
POST /api/needs/{id}/reviewed for one need and POST /api/review/reviewed for several."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from mutuals.agenda.serialize import review_to_dict
from mutuals.api.auth import owner
from mutuals.api.needs import NeedOut
from mutuals.api.schemas import Error, FieldErrors, Id, Input, PersonRef
from mutuals.needs import selectors, services
from mutuals.needs.serialize import need_to_dict

router = Router(tags=["needs"])


class ReviewEntryOut(Schema):
    need: int = Field(description="The need's id.")
    text: str
    kind: str
    person: PersonRef | None = Field(description="Null for your own need.")
    whose: str = Field(description="The person's name, or 'you' for your own need.")
    noted_on: dt.date
    age_days: int = Field(description="Days since it was noted.")
    group: str = Field(description='"over 30 days", "this month" or "this week".')
    reviewed_on: dt.date | None
    due: bool = Field(description="Not reviewed for 30 days or more.")
    action: str = Field(description="What you could do, in words.")


class NeedsReviewOut(Schema):
    date: dt.date
    count: int
    due: int = Field(description="How many are not reviewed for 30 days or more.")
    needs: list[ReviewEntryOut] = Field(description="Every open need, the oldest first.")


class ReviewedIn(Input):
    needs: list[Id] = Field([], description="The ids of the needs you reviewed.")
    all: bool = Field(False, description="Every open need instead (what GET /api/review lists).")


class ReviewedOut(Schema):
    marked: int = Field(description="How many needs were marked reviewed today.")


@router.get("/review", response=NeedsReviewOut, summary="The weekly needs review")
def review(request: HttpRequest) -> dict[str, Any]:
    """Every open need, yours and your current contacts', the oldest first, with its age group,
    last review and what you could do."""
    today = timezone.localdate()
    return review_to_dict(selectors.needs_for_review(owner=owner(request), today=today), today)


@router.post(
    "/review/reviewed",
    response={200: ReviewedOut, 404: Error, 422: FieldErrors},
    summary="Mark needs reviewed",
)
def mark_reviewed(request: HttpRequest, payload: ReviewedIn) -> dict[str, Any]:
    """Records today as the last review of the needs listed in `needs`, or of every open need
    with `"all": true`. All or nothing: a need that is not yours is a 404 and marks none."""
    user = owner(request)
    if payload.all == bool(payload.needs):
        raise ValidationError({"needs": ["List the needs you reviewed, or send all: true."]})
    if payload.all:
        entries = selectors.needs_for_review(owner=user, today=timezone.localdate())
        need_ids = [entry.need_id for entry in entries]
    else:
        need_ids = payload.needs
        for need_id in need_ids:
            selectors.get_need(owner=user, need_id=need_id)
    return {"marked": services.mark_reviewed(owner=user, need_ids=need_ids)}


@router.post(
    "/needs/{need_id}/reviewed",
    response={200: NeedOut, 404: Error},
    summary="Mark a need reviewed",
)
def need_reviewed(request: HttpRequest, need_id: Id) -> dict[str, Any]:
    """Records today as the need's last review: it leaves the agenda for 30 days."""
    user = owner(request)
    need = selectors.get_need(owner=user, need_id=need_id)
    services.mark_reviewed(owner=user, need_ids=[need.pk])
    return need_to_dict(selectors.get_need(owner=user, need_id=need.pk))
