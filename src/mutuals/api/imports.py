"""Imports: POST /api/import/{kind} (linkedin, vcard, google, outlook, ics, csv) with the
file as the request body (or a multipart field `file`); GET /api/imports (recent runs)."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from mutuals.api.auth import owner
from mutuals.api.schemas import FILE_UPLOAD, Error, FieldErrors
from mutuals.imports import selectors
from mutuals.uploads import read_file

router = Router(tags=["imports"])

Kind = Literal["linkedin", "vcard", "google", "outlook", "ics", "csv"]


class Skip(Schema):
    line: int | None
    reason: str


class LineError(Schema):
    line: int | None
    message: str


class RowOut(Schema):
    line: int
    outcome: Literal["created", "to review", "updated", "merged", "unchanged", "left out"]
    person_id: int | None = Field(description="Who the row went to (null in a dry run).")
    name: str
    why: str = Field(description="Why, in words: 'same LinkedIn profile', 'new', ...")
    merge_id: int | None = Field(
        description="Undo with POST /api/merges/{merge_id}/undo: the row becomes its own person."
    )


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
    important_dates: int = Field(description="Birthdays and anniversaries added.")
    photos: int = Field(description="Photos added (re-encoded, one per person).")
    positions: int = Field(
        default=0, description="Your own positions added (LinkedIn's Positions.csv)."
    )
    skipped: list[Skip] = Field(description="The first 500 lines left out, with why.")
    skipped_total: int
    errors: list[LineError] = Field(description="Non-empty only when the file was rejected.")
    rows: list[RowOut] = Field(
        description="Where each row went, rows that joined someone you had first (at most 1,000)."
    )
    rows_total: int
    notes: list[str] = Field(description="How the file was read, e.g. the date order chosen.")
    not_imported: dict[str, int] = Field(
        description="Fields the file carried that mutuals has no place for, with how many rows."
    )


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


class RunPage(Schema):
    count: int
    items: list[RunOut]


@router.post(
    "/import/{kind}",
    response={200: ImportReportOut, 413: Error, 422: RejectedOut | FieldErrors},
    summary="Import a file of people or conversations",
    openapi_extra=FILE_UPLOAD,
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
    csv; `?tier=acquaintance` for new people. A rejected file answers 422 with the line; a
    file over the upload limit (MUTUALS_MAX_UPLOAD_MB, 100 MB by default) answers 413."""
    from mutuals.core.formats.csv_contacts import parse_mapping_option
    from mutuals.imports.services import import_file as run_import

    mapping = None
    if map:
        try:
            mapping = parse_mapping_option(map)
        except ValueError as error:
            raise ValidationError({"map": [str(error)]}) from None
    data, name = read_file(request)
    if not data:
        raise ValidationError({"file": ["Send the file as the request body."]})
    report = run_import(
        owner=owner(request),
        kind=kind,
        data=data,
        filename=filename or name,
        dry_run=dry_run,
        mapping=mapping,
        tier=tier,
    )
    if report["errors"]:
        return Status(422, {"detail": report["errors"][0]["message"], **report})
    return Status(200, report)


@router.get("/imports", response=RunPage, summary="Recent imports and their reports")
def recent_imports(request: HttpRequest) -> dict[str, Any]:
    runs = [
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
    return {"count": len(runs), "items": runs}
