"""/api/export: your people as vCard or CSV and your calendar as iCalendar, as file downloads."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router

from mutuals.api.auth import owner
from mutuals.api.schemas import FieldErrors
from mutuals.exports import CALENDAR, CSV, VCARD, attachment, export_filename, selectors

router = Router(tags=["export"])


def _file(content_type: str, description: str) -> dict[str, Any]:
    """The OpenAPI description of a file answer, since the body is not JSON."""
    media = content_type.split(";")[0]
    return {
        "responses": {
            200: {"description": description, "content": {media: {"schema": {"type": "string"}}}}
        }
    }


@router.get(
    "/export/vcard",
    response={422: FieldErrors},
    summary="Download people as vCard",
    openapi_extra=_file(VCARD, "A vCard 4.0 address book, one card per person."),
)
def export_vcard(request: HttpRequest, circle: str | None = None) -> HttpResponse:
    """Everyone not archived (or one `circle`'s people), as a .vcf attachment."""
    body = selectors.vcard_export(owner=owner(request), circle=circle)
    return attachment(body, VCARD, export_filename("contacts", "vcf", circle))


@router.get(
    "/export/csv",
    response={422: FieldErrors},
    summary="Download people as CSV",
    openapi_extra=_file(CSV, "CSV, one row per person; formula-like cells start with '."),
)
def export_csv(request: HttpRequest, circle: str | None = None) -> HttpResponse:
    """Everyone not archived (or one `circle`'s people), as a .csv attachment."""
    body = selectors.csv_export(owner=owner(request), circle=circle)
    return attachment(body, CSV, export_filename("contacts", "csv", circle))


@router.get(
    "/export/ics",
    summary="Download the calendar as iCalendar",
    openapi_extra=_file(CALENDAR, "All-day events: open promises and keep-in-touch dates."),
)
def export_ics(request: HttpRequest) -> HttpResponse:
    """Open promises and keep-in-touch dates of the coming year, as an .ics attachment."""
    base_url = request.build_absolute_uri("/").rstrip("/")
    body = selectors.ics_export(owner=owner(request), now=timezone.now(), base_url=base_url)
    return attachment(body, CALENDAR, export_filename("calendar", "ics"))
