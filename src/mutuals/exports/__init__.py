"""Exports in open formats (vCard, CSV, iCalendar) and the subscribable calendar feed.

`selectors` builds the files from the owner's records with the pure writers in
`core.formats`; `services` makes and revokes the feed's secret address (accounts.CalendarFeed).
The web pages and the API serve the files alike, with the types and names below.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify

VCARD = "text/vcard; charset=utf-8"
CSV = "text/csv; charset=utf-8"
CALENDAR = "text/calendar; charset=utf-8"


def export_filename(kind: str, extension: str, circle: str | None = None) -> str:
    """ "mutuals-contacts-work.vcf": the file's name, with the circle when there is one."""
    suffix = slugify(circle or "")
    return f"mutuals-{kind}{'-' + suffix if suffix else ''}.{extension}"


def attachment(body: str, content_type: str, filename: str) -> HttpResponse:
    """A download: the file's UTF-8 text, its type, and the name browsers save it under."""
    response = HttpResponse(body.encode("utf-8"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
