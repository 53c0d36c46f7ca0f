"""A whole account as one JSON document: GET /api/backup, POST /api/restore."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema
from ninja.responses import Status
from pydantic import create_model

from mutuals.api.auth import owner
from mutuals.api.schemas import Error, FieldErrors
from mutuals.backup import services
from mutuals.backup.selectors import DOCUMENT_KINDS
from mutuals.backup.words import KIND_WORDS

router = Router(tags=["backup"])

TOO_BIG = (
    "This backup is larger than the server accepts in one request. "
    "Restore it on the server with `mutuals restore FILE`."
)
BACKUP_SCHEMA = {
    "type": "object",
    "description": (
        '{"format": "mutuals-backup", "version": 1, '
        + ", ".join(f'"{kind}": [...]' for kind in DOCUMENT_KINDS)
        + "}; records refer to each other by their `id` number in the file."
    ),
}

# How many records of each kind were restored (every kind, 0 for none), whose drafts and
# assignments and which groups' pooling choices were left out; the same object as
# `mutuals restore --json`.
Restored: type[Schema] = create_model(
    "Restored",
    __base__=Schema,
    **{
        kind: (int, Field(description=f"How many {KIND_WORDS[kind][1]} were restored."))
        for kind in DOCUMENT_KINDS
    },
    coaches_not_here=(
        list[str],
        Field(
            description="The coaches the backup names who have no account here, by user name: "
            "their drafts sent for review and assignments were left out."
        ),
    ),
    groups_not_here=(
        list[str],
        Field(
            description="The groups the backup names that you are not a member of here, by "
            "name: what you pooled in them was left out (a restore never joins a group)."
        ),
    ),
)


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
def restore(request: HttpRequest) -> Status[dict[str, Any]]:
    """The body is a backup from `GET /api/backup`; your account must be empty. All or
    nothing: a bad record answers 422 naming it (`people[12].tier`) and writes nothing."""
    try:
        body = request.body
    except RequestDataTooBig:
        return Status(413, {"detail": TOO_BIG})
    return Status(201, services.restore(owner=owner(request), data=body).as_dict())
