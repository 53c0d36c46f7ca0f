"""A whole account as one JSON document: GET /api/backup, POST /api/restore."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema
from ninja.responses import Status

from mutuals.api.auth import owner
from mutuals.api.schemas import Error, FieldErrors
from mutuals.backup import services

router = Router(tags=["backup"])

TOO_BIG = (
    "This backup is larger than the server accepts in one request. "
    "Restore it on the server with `mutuals restore FILE`."
)
BACKUP_SCHEMA = {
    "type": "object",
    "description": (
        '{"format": "mutuals-backup", "version": 1, "organizations": [...], "circles": [...], '
        '"people": [...], "interactions": [...], "promises": [...], "needs": [...], '
        '"exchanges": [...], "asks": [...], "knows": [...], "introductions": [...]}; records '
        "refer to each other by their `id` number in the file."
    ),
}


class Restored(Schema):
    organizations: int = Field(description="Records restored, per kind.")
    circles: int
    people: int
    interactions: int
    promises: int
    needs: int
    exchanges: int
    asks: int
    knows: int
    introductions: int


@router.get(
    "/backup",
    summary="Back up every record",
    openapi_extra={
        "responses": {
            200: {
                "description": "The backup",
                "content": {"application/json": {"schema": BACKUP_SCHEMA}},
            }
        }
    },
)
def backup(request: HttpRequest) -> HttpResponse:
    """Every record you have as one JSON document, for `POST /api/restore` or `mutuals restore`."""
    data = services.backup(owner=owner(request))
    return HttpResponse(services.dumps(data), content_type="application/json")


@router.post(
    "/restore",
    response={201: Restored, 413: Error, 422: FieldErrors},
    summary="Restore a backup into an empty account",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": BACKUP_SCHEMA}},
        }
    },
)
def restore(request: HttpRequest) -> Status[dict[str, int | str]]:
    """The body is a backup from `GET /api/backup`; your account must be empty. All or
    nothing: a bad record answers 422 naming it (`people[12].tier`) and writes nothing."""
    try:
        body = request.body
    except RequestDataTooBig:
        return Status(413, {"detail": TOO_BIG})
    return Status(201, services.restore(owner=owner(request), data=body))
