"""The needs a lead serves: GET/POST /api/leads/{id}/needs. The posting page ticks them from
Match's findings; over the API, `POST /api/match` with the posting's text gives the same needs
(`needs[].need_id`), and this links the ones you choose."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from mutuals.api.auth import owner
from mutuals.api.schemas import Error, FieldErrors, Id, Input
from mutuals.leads.postings import link_needs, needs_of_lead
from mutuals.leads.selectors import get_lead

router = Router(tags=["leads"])


class NeedServed(Schema):
    id: int
    person: int | None = Field(description="Null for your own need.")
    person_name: str
    text: str
    status: str


class NeedsServed(Schema):
    lead: int
    count: int
    items: list[NeedServed]


class NeedsIn(Input):
    needs: list[Id] = Field(max_length=50, description="Ids of your open needs this lead serves.")


def _served(request: HttpRequest, lead_id: int) -> dict[str, Any]:
    needs = needs_of_lead(owner=owner(request), lead_id=lead_id)
    items = [
        {
            "id": need.pk,
            "person": need.person_id,
            "person_name": need.person.full_name if need.person else "",
            "text": need.text,
            "status": need.status,
        }
        for need in needs
    ]
    return {"lead": lead_id, "count": len(items), "items": items}


@router.get(
    "/leads/{lead_id}/needs",
    response={200: NeedsServed, 404: Error},
    summary="The needs a lead serves",
)
def lead_needs(request: HttpRequest, lead_id: Id) -> dict[str, Any]:
    get_lead(owner=owner(request), lead_id=lead_id)
    return _served(request, lead_id)


@router.post(
    "/leads/{lead_id}/needs",
    response={200: NeedsServed, 404: Error, 422: FieldErrors},
    summary="Link a lead to the needs it serves",
)
def link_lead_needs(request: HttpRequest, lead_id: Id, payload: NeedsIn) -> dict[str, Any]:
    """Needs linked already stay linked once; ids that are not your needs are left out."""
    get_lead(owner=owner(request), lead_id=lead_id)
    link_needs(owner=owner(request), lead_id=lead_id, need_ids=payload.needs)
    return _served(request, lead_id)
