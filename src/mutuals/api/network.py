"""Who knows whom: GET /api/people/{id}/knows, POST /api/knows, DELETE /api/knows/{id},
POST /api/import/knows (a CSV body, or JSON {"csv": "..."})."""

from __future__ import annotations

import json
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from mutuals.api.auth import owner
from mutuals.api.schemas import Error, FieldErrors, Id, Input, PersonRef, Text, Timestamp
from mutuals.network import selectors, services
from mutuals.network.serialize import knows_to_dict
from mutuals.people import selectors as people_selectors
from mutuals.people.serialize import person_ref

router = Router(tags=["network"])

SourceName = Literal[
    "told",
    "worked_together",
    "studied_together",
    "introduced_by",
    "introduction",
    "import",
    "other",
]


class KnowsOut(Schema):
    id: int
    person: PersonRef
    knows: PersonRef
    strength: float = Field(description="Above 0 and at most 1.")
    source: str
    note: str
    created_at: Timestamp


class KnownOut(KnowsOut):
    other: PersonRef = Field(description="The person on the far side from the one asked about.")


class KnownPage(Schema):
    person: PersonRef
    count: int
    items: list[KnownOut] = Field(description="Strongest first.")


class KnowsIn(Input):
    person: Id
    knows: Id = Field(description="Someone `person` knows; the pair goes both ways.")
    strength: float | None = Field(None, description="Above 0 and at most 1; 0.5 when new.")
    source: SourceName = "told"
    note: Text = ""


class ImportError_(Schema):
    line: int
    message: str


class ImportReport(Schema):
    created: int
    updated: int
    skipped: int
    people_created: int = Field(description="New people you only know of, made from new names.")
    errors: list[ImportError_]
    dry_run: bool
    written: bool


class RejectedImport(ImportReport):
    detail: str


@router.get(
    "/people/{person_id}/knows", response={200: KnownPage, 404: Error}, summary="Who someone knows"
)
def list_knows(request: HttpRequest, person_id: Id) -> dict[str, Any]:
    """Their edges, strongest first, each with the other person."""
    person = people_selectors.get_person(owner=owner(request), person_id=person_id)
    edges = selectors.knows_of(owner=owner(request), person_id=person_id)
    items = [knows_to_dict(e, o) for e, o in edges]
    return {"person": person_ref(person), "count": len(items), "items": items}


@router.post("/knows", response={201: KnowsOut, 422: FieldErrors}, summary="Record who knows whom")
def record_knows(request: HttpRequest, payload: KnowsIn) -> Status[dict[str, Any]]:
    """Creates the pair, or updates its strength, source and note when it exists."""
    edge = services.record_knows(
        owner=owner(request),
        person_id=payload.person,
        knows_id=payload.knows,
        strength=payload.strength,
        source=payload.source,
        note=payload.note,
    )
    return Status(201, knows_to_dict(edge))


@router.delete(
    "/knows/{knows_id}", response={204: None, 404: Error}, summary="Forget who knows whom"
)
def forget_knows(request: HttpRequest, knows_id: Id) -> Status[None]:
    services.forget_knows(owner=owner(request), knows_id=knows_id)
    return Status(204, None)


def _csv_text(request: HttpRequest) -> str:
    body = request.body.decode("utf-8-sig", errors="replace")
    if request.content_type == "application/json":
        try:
            data = json.loads(body)
        except ValueError:
            return ""
        return data["csv"] if isinstance(data, dict) and isinstance(data.get("csv"), str) else ""
    return body


@router.post(
    "/import/knows",
    response={200: ImportReport, 422: RejectedImport | FieldErrors},
    summary="Import who knows whom from CSV",
    openapi_extra={
        "requestBody": {
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/json": {
                    "schema": {"type": "object", "properties": {"csv": {"type": "string"}}}
                },
            }
        }
    },
)
def import_knows(request: HttpRequest, dry_run: bool = False) -> Status[dict[str, Any]]:
    """Header `person,knows[,strength,note]`, names or emails; all or nothing (`?dry_run=true`)."""
    report = services.import_knows_csv(
        owner=owner(request), text=_csv_text(request), dry_run=dry_run
    )
    if report["errors"]:
        return Status(422, {"detail": "Nothing was imported: fix those lines.", **report})
    return Status(200, report)
