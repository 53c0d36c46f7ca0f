"""A person's important dates and photo: add and remove them from the person page, and serve
the photo (only ever to its owner, as a JPEG mutuals wrote itself)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from mutuals.people.important_dates import add_important_date, remove_important_date
from mutuals.people.models import ImportantDate
from mutuals.people.photos import photo_response, remove_photo, set_photo
from mutuals.people.selectors import get_date, get_person, photo_of
from mutuals.web.forms import Form, add_service_errors
from mutuals.web.views.common import or_404

MONTHS = [
    (1, "January"), (2, "February"), (3, "March"), (4, "April"), (5, "May"), (6, "June"),
    (7, "July"), (8, "August"), (9, "September"), (10, "October"), (11, "November"),
    (12, "December"),
]  # fmt: skip


class DateForm(Form):
    kind = forms.ChoiceField(label="What", choices=ImportantDate.KIND_CHOICES)
    label = forms.CharField(
        label="Label", required=False, max_length=100, help_text="e.g. Work anniversary"
    )
    month = forms.TypedChoiceField(label="Month", choices=MONTHS, coerce=int)
    day = forms.IntegerField(label="Day", min_value=1, max_value=31)
    year = forms.IntegerField(
        label="Year (optional)", required=False, min_value=1900, max_value=9999
    )


class PhotoForm(Form):
    photo = forms.FileField(label="Photo", help_text="A JPEG, PNG, GIF or WebP under 10 MB.")


def person_extras_forms() -> dict[str, Form]:
    """The person page's empty forms for a date and a photo."""
    return {"date_form": DateForm(prefix="date"), "photo_form": PhotoForm(prefix="photo")}


def _back(person_id: int, anchor: str) -> HttpResponse:
    return redirect(reverse("person_detail", args=[person_id]) + anchor)


@login_required
@require_POST
def person_date_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = or_404(get_person, owner=request.user, person_id=person_id)
    form = DateForm(request.POST, prefix="date")
    if form.is_valid():
        try:
            add_important_date(owner=request.user, person_id=person.pk, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Added a date for {person.full_name}.")
            return _back(person.pk, "#dates-heading")
    for errors in form.errors.values():
        for text in errors:
            messages.error(request, text)
    return _back(person.pk, "#date")


@login_required
def person_date_remove(request: HttpRequest, date_id: int) -> HttpResponse:
    date = or_404(get_date, owner=request.user, date_id=date_id)
    if request.method == "POST":
        remove_important_date(owner=request.user, date_id=date.pk)
        messages.success(request, f"Removed the date from {date.person.full_name}.")
        return _back(date.person_id, "#dates-heading")
    return render(request, "web/people/confirm_remove_date.html", {"date": date})


@login_required
@require_GET
def person_photo(request: HttpRequest, person_id: int) -> HttpResponse:
    photo = photo_of(owner=request.user, person_id=person_id)
    if photo is None:
        raise Http404("No photo.")
    return photo_response(photo)


@login_required
@require_POST
def person_photo_set(request: HttpRequest, person_id: int) -> HttpResponse:
    person = or_404(get_person, owner=request.user, person_id=person_id)
    form = PhotoForm(request.POST, request.FILES, prefix="photo")
    if not form.is_valid():
        messages.error(request, "Choose a picture to upload.")
        return _back(person.pk, "#photo")
    upload = form.cleaned_data["photo"]
    if upload.size > 10 * 1024 * 1024:
        messages.error(request, "Choose a picture under 10 MB.")
        return _back(person.pk, "#photo")
    try:
        set_photo(owner=request.user, person_id=person.pk, data=upload.read())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Saved the photo of {person.full_name}.")
    return _back(person.pk, "")


@login_required
def person_photo_remove(request: HttpRequest, person_id: int) -> HttpResponse:
    person = or_404(get_person, owner=request.user, person_id=person_id)
    if request.method == "POST":
        remove_photo(owner=request.user, person_id=person.pk)
        messages.success(request, f"Removed the photo of {person.full_name}.")
        return _back(person.pk, "")
    return render(request, "web/people/confirm_remove_photo.html", {"person": person})
