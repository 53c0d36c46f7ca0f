"""A person's important dates and photo: GET/POST /api/people/{id}/dates, DELETE
/api/dates/{id}, and GET/PUT/DELETE /api/people/{id}/photo (PUT takes the picture as the request
body or a multipart field `photo`; it is stored re-encoded as a JPEG)."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Router, Schema
from ninja.responses import Status

from mutuals.api.auth import owner
from mutuals.api.schemas import Error, FieldErrors, Id, Input, Text
from mutuals.people import selectors
from mutuals.people.important_dates import add_important_date, remove_important_date
from mutuals.people.photos import MAX_BYTES, photo_response, remove_photo, set_photo
from mutuals.people.serialize import date_to_dict

router = Router(tags=["people"])


class DateOut(Schema):
    id: int
    person: dict[str, Any] = Field(description='{"id", "name"}')
    kind: Literal["birthday", "anniversary", "other"]
    label: str
    year: int | None = Field(description="Null when the year is not known.")
    month: int
    day: int
    when: str = Field(description='The day in words: "15 April" or "15 April 1985".')


class DatePage(Schema):
    count: int
    items: list[DateOut]


class DateIn(Input):
    kind: Literal["birthday", "anniversary", "other"]
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    year: int | None = Field(None, ge=1, le=9999, description="Optional; 1900 to this year.")
    label: Text = Field("", max_length=100, description='e.g. "Work anniversary".')


@router.get(
    "/people/{person_id}/dates",
    response={200: DatePage, 404: Error},
    summary="A person's important dates",
)
def list_dates(request: HttpRequest, person_id: Id) -> dict[str, Any]:
    """Birthdays, anniversaries and other dates, in calendar order."""
    selectors.get_person(owner=owner(request), person_id=person_id)
    dates = list(selectors.dates_for(owner=owner(request), person_id=person_id))
    return {"count": len(dates), "items": [date_to_dict(d) for d in dates]}


@router.post(
    "/people/{person_id}/dates",
    response={201: DateOut, 404: Error, 422: FieldErrors},
    summary="Add an important date",
)
def add_date(request: HttpRequest, person_id: Id, payload: DateIn) -> Status[dict[str, Any]]:
    """A person has at most one birthday; 29 February is fine without a year."""
    selectors.get_person(owner=owner(request), person_id=person_id)
    added = add_important_date(owner=owner(request), person_id=person_id, **payload.model_dump())
    return Status(201, date_to_dict(selectors.get_date(owner=owner(request), date_id=added.pk)))


@router.delete("/dates/{date_id}", response={204: None, 404: Error}, summary="Remove a date")
def delete_date(request: HttpRequest, date_id: Id) -> Status[None]:
    remove_important_date(owner=owner(request), date_id=date_id)
    return Status(204, None)


@router.get(
    "/people/{person_id}/photo",
    response={200: None, 404: Error},
    summary="A person's photo (JPEG)",
)
def get_photo(request: HttpRequest, person_id: Id) -> HttpResponse:
    """The stored JPEG; 404 when there is none."""
    photo = selectors.photo_of(owner=owner(request), person_id=person_id)
    if photo is None:
        raise Http404("No photo.")
    return photo_response(photo)


class PhotoOut(Schema):
    width: int
    height: int
    content_type: str


@router.put(
    "/people/{person_id}/photo",
    response={200: PhotoOut, 404: Error, 422: FieldErrors},
    summary="Set a person's photo",
)
def put_photo(request: HttpRequest, person_id: Id) -> dict[str, Any]:
    """A JPEG, PNG, GIF or WebP under 10 MB, as the body or the multipart field `photo`."""
    selectors.get_person(owner=owner(request), person_id=person_id)
    data = _picture(request)
    if not data:
        raise ValidationError({"photo": ["Send the picture as the request body."]})
    photo = set_photo(owner=owner(request), person_id=person_id, data=data)
    return {"width": photo.width, "height": photo.height, "content_type": photo.content_type}


def _picture(request: HttpRequest) -> bytes:
    """The multipart field `photo`, else the raw body; refused above the photo limit."""
    if request.content_type == "multipart/form-data":
        upload = request.FILES.get("photo")
        if upload is not None and upload.size is not None and upload.size > MAX_BYTES:
            raise ValidationError({"photo": ["Choose a picture under 10 MB."]})
        return upload.read() if upload is not None else b""
    return request.body


@router.delete(
    "/people/{person_id}/photo", response={204: None, 404: Error}, summary="Remove the photo"
)
def delete_photo(request: HttpRequest, person_id: Id) -> Status[None]:
    selectors.get_person(owner=owner(request), person_id=person_id)
    remove_photo(owner=owner(request), person_id=person_id)
    return Status(204, None)
