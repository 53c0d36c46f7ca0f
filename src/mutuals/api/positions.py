"""Work histories: GET/POST /api/people/{id}/positions (someone's), GET/POST /api/positions
(yours) and DELETE /api/positions/{id}. Months are sent as "2019", "Mar 2019" or "2019-03" and
answered as ISO dates, the first of the month."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from mutuals.api.auth import owner
from mutuals.api.schemas import Error, FieldErrors, Id, Input, Text
from mutuals.people import selectors
from mutuals.people.positions import DATE_HINT, add_position, remove_position
from mutuals.people.serialize import position_to_dict

router = Router(tags=["people"])


class PositionOrganization(Schema):
    id: int
    name: str


class PositionOut(Schema):
    id: int
    person: int | None = Field(description="Null for your own.")
    organization: PositionOrganization
    title: str
    location: str
    notes: str
    started_on: dt.date | None = Field(description="The month it started (its first day).")
    ended_on: dt.date | None = Field(description="The month it ended; null while still there.")
    current: bool
    source: Literal["hand", "changed", "linkedin"] = Field(
        description="hand, changed (their organisation changed) or linkedin (Positions.csv)."
    )


class PositionPage(Schema):
    person: int | None
    count: int
    items: list[PositionOut]


class PositionIn(Input):
    organization: Text = Field(max_length=200)
    title: Text = Field("", max_length=200)
    started_on: Text = Field("", max_length=40, description=DATE_HINT)
    ended_on: Text = Field("", max_length=40, description="Empty while still there.")


def _page(request: HttpRequest, person_id: int | None) -> dict[str, Any]:
    found = list(selectors.positions_of(owner=owner(request), person_id=person_id))
    return {"person": person_id, "count": len(found), "items": [position_to_dict(p) for p in found]}


def _added(request: HttpRequest, person_id: int | None, payload: PositionIn) -> Status[Any]:
    added = add_position(owner=owner(request), person_id=person_id, **payload.model_dump())
    return Status(201, position_to_dict(added))


@router.get(
    "/people/{person_id}/positions",
    response={200: PositionPage, 404: Error},
    summary="Where a person worked",
)
def person_positions(request: HttpRequest, person_id: Id) -> dict[str, Any]:
    """Where they worked besides their current organisation, latest first."""
    selectors.get_person(owner=owner(request), person_id=person_id)
    return _page(request, person_id)


@router.post(
    "/people/{person_id}/positions",
    response={201: PositionOut, 404: Error, 422: FieldErrors},
    summary="Add where a person worked",
)
def add_person_position(request: HttpRequest, person_id: Id, payload: PositionIn) -> Status[Any]:
    """Changing someone's organisation keeps the old one by itself; this adds others."""
    selectors.get_person(owner=owner(request), person_id=person_id)
    return _added(request, person_id, payload)


@router.get("/positions", response=PositionPage, summary="Where you worked")
def your_positions(request: HttpRequest) -> dict[str, Any]:
    """Your own work history (from LinkedIn's Positions.csv or added), latest first."""
    return _page(request, None)


@router.post(
    "/positions",
    response={201: PositionOut, 422: FieldErrors},
    summary="Add where you worked",
)
def add_your_position(request: HttpRequest, payload: PositionIn) -> Status[Any]:
    return _added(request, None, payload)


@router.delete(
    "/positions/{position_id}", response={204: None, 404: Error}, summary="Remove a position"
)
def delete_position(request: HttpRequest, position_id: Id) -> Status[None]:
    remove_position(owner=owner(request), position_id=position_id)
    return Status(204, None)
