"""/api/orgs: organisations as places: who you know there, leads there, warm paths, notes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from mutuals.api.auth import owner
from mutuals.api.schemas import Error, FieldErrors, Id, Input, Paging, Text
from mutuals.orgs import selectors, services
from mutuals.orgs.serialize import organization_to_dict, page_to_dict

router = Router(tags=["organisations"])


class OrganizationOut(Schema):
    id: int
    name: str
    people_count: int = Field(description="People there now (archived people left out).")
    contacts_count: int = Field(description="Of them, your contacts (the others you know of).")
    open_leads_count: int


class OrganizationPage(Schema):
    count: int
    items: list[OrganizationOut]


class OrganizationFilters(Paging):
    q: str = Field("", max_length=200, description="Only organisations whose name has this.")


class PersonThere(Schema):
    id: int
    name: str
    title: str
    contact: bool = Field(description="false for someone you only know of.")
    strength: float


class Months(Schema):
    started_on: dt.date | None = Field(description="The month it started (its first day).")
    ended_on: dt.date | None = Field(description="The month it ended; null while still there.")
    current: bool


class PersonBefore(PersonThere, Months):
    title: str = Field(description="Their title there.")


class YourPosition(Months):
    title: str


class OrganizationPathStep(Schema):
    id: int | None = Field(description="null for you, at the start.")
    name: str


class OrganizationPathOut(Schema):
    kind: str = Field(description="direct, introduction or discovery.")
    score: float
    steps: list[OrganizationPathStep]
    why: list[str]
    introducer: int | None
    target: int


class OrganizationDetail(Schema):
    id: int
    name: str
    website: str
    notes: str
    people_count: int
    contacts_count: int
    people: list[PersonThere] = Field(description="There now, your contacts first.")
    before_count: int
    before: list[PersonBefore] = Field(
        description="People who worked there before and are not there now, with their dates."
    )
    you_worked_here: list[YourPosition] = Field(description="When you worked (or work) there.")
    leads: list[dict[str, Any]] = Field(description="Leads there, as GET /api/leads lists them.")
    paths: list[OrganizationPathOut] = Field(description="The best warm paths to anyone there.")
    paths_before: list[OrganizationPathOut] = Field(
        description="Weaker ways in: the best paths to people who worked there before."
    )


class OrganizationPatch(Input):
    website: Text | None = None
    notes: Text | None = None


@router.get("", response=OrganizationPage, summary="List organisations")
def list_organizations(request: HttpRequest, filters: Query[OrganizationFilters]) -> dict[str, Any]:
    """Organisations with people you know there or leads, by name, with their counts."""
    found = selectors.organizations(owner=owner(request), search=filters.q)
    page = found[filters.offset : filters.offset + filters.limit]
    return {"count": found.count(), "items": [organization_to_dict(o) for o in page]}


def _detail(request: HttpRequest, organization_id: int) -> dict[str, Any]:
    page = selectors.organization_page(
        owner=owner(request), organization_id=organization_id, today=timezone.localdate()
    )
    return page_to_dict(page)


@router.get(
    "/{organization_id}",
    response={200: OrganizationDetail, 404: Error},
    summary="Show an organisation",
)
def show_organization(request: HttpRequest, organization_id: Id) -> dict[str, Any]:
    """People there now (your contacts first, strongest first) and before, when you worked
    there, leads, warm paths, notes."""
    return _detail(request, organization_id)


@router.patch(
    "/{organization_id}",
    response={200: OrganizationDetail, 404: Error, 422: FieldErrors},
    summary="Change an organisation's website or notes",
)
def update_organization(
    request: HttpRequest, organization_id: Id, payload: OrganizationPatch
) -> dict[str, Any]:
    selectors.get_organization(owner=owner(request), organization_id=organization_id)
    services.update_organization(
        owner=owner(request),
        organization_id=organization_id,
        **payload.model_dump(exclude_none=True),
    )
    return _detail(request, organization_id)
