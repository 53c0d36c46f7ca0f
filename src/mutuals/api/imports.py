"""Imports: POST /api/import/{kind} (linkedin, vcard, google, outlook, ics, csv) with the
file as the request body (or a multipart field `file`); GET /api/imports (recent runs)."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from mutuals.api.auth import owner
from mutuals.api.schemas import FieldErrors
from mutuals.imports import selectors

router = Router(tags=["imports"])

Kind = Literal["linkedin", "vcard", "google", "outlook", "ics", "csv"]
MAX_BYTES = 50 * 1024 * 1024


class Skip(Schema):
    line: int | None
    reason: str


class LineError(Schema):
    line: int | None
    message: str


class ImportReportOut(Schema):
    kind: Kind
    file: str
    dry_run: bool
    written: bool
    created: int
    updated: int = Field(description="People you had, filled in with what the file adds.")
    merged: int = Field(description="Rows that were the same person as another row.")
    unchanged: int = Field(description="People you had who were already up to date.")
    possible_duplicates: int = Field(description="New people paired for review.")
    organizations: int
    interactions: int = Field(description="Conversations added (messages, meetings).")
    skipped: list[Skip]
    errors: list[LineError] = Field(description="Non-empty only when the file was rejected.")


class RejectedOut(ImportReportOut):
    detail: str


class RunOut(Schema):
    id: int
    kind: str
    filename: str
    dry_run: bool
    rejected: bool
    created_at: str
    report: dict[str, Any]


def _body(request: HttpRequest) -> bytes:
    upload = request.FILES.get("file") if request.FILES else None
    data = upload.read(MAX_BYTES + 1) if upload is not None else request.body
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": ["Keep the file under 50 MB."]})
    if not data:
        raise ValidationError({"file": ["Send the file as the request body."]})
    return data


@router.post(
    "/import/{kind}",
    response={200: ImportReportOut, 422: RejectedOut | FieldErrors},
    summary="Import a file of people or conversations",
    openapi_extra={
        "requestBody": {
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                    }
                },
            }
        }
    },
)
def import_file(
    request: HttpRequest,
    kind: Kind,
    dry_run: bool = False,
    tier: str | None = None,
    map: str | None = None,
    filename: str = "",
) -> Status[dict[str, Any]]:
    """One transaction; `?dry_run=true` writes nothing; `?map=full_name=Name,email=E-mail` for
    csv; `?tier=acquaintance` for new people. A rejected file answers 422 with the line."""
    from mutuals.core.formats.csv_contacts import parse_mapping_option
    from mutuals.imports.services import import_file as run_import

    mapping = None
    if map:
        try:
            mapping = parse_mapping_option(map)
        except ValueError as error:
            raise ValidationError({"map": [str(error)]}) from None
    upload = request.FILES.get("file") if request.FILES else None
    report = run_import(
        owner=owner(request),
        kind=kind,
        data=_body(request),
        filename=filename or (upload.name if upload is not None else ""),
        dry_run=dry_run,
        mapping=mapping,
        tier=tier,
    )
    if report["errors"]:
        return Status(422, {"detail": report["errors"][0]["message"], **report})
    return Status(200, report)


@router.get("/imports", response=list[RunOut], summary="Recent imports and their reports")
def recent_imports(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "id": run.pk,
            "kind": run.kind,
            "filename": run.filename,
            "dry_run": run.dry_run,
            "rejected": run.rejected,
            "created_at": run.created_at.isoformat(),
            "report": run.report,
        }
        for run in selectors.recent_runs(owner=owner(request))
    ]
