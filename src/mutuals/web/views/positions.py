"""Work histories: add or remove a person's past positions from their page, and your own on
"Where you worked" (`/positions/`), which LinkedIn's Positions.csv also fills."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mutuals.people.positions import DATE_HINT, add_position, remove_position
from mutuals.people.selectors import get_person, get_position, positions_of
from mutuals.web.forms import Form, add_service_errors
from mutuals.web.views.common import or_404


class PositionForm(Form):
    organization = forms.CharField(
        label="Organisation",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    title = forms.CharField(label="Role", max_length=200, required=False)
    started_on = forms.CharField(label="From", max_length=40, required=False, help_text=DATE_HINT)
    ended_on = forms.CharField(
        label="Until",
        max_length=40,
        required=False,
        help_text="Leave empty if still there.",
    )


def position_form(data: object = None) -> PositionForm:
    return PositionForm(data, prefix="position")  # type: ignore[arg-type]


def _saved(request: HttpRequest, form: PositionForm, person_id: int | None) -> bool:
    if not form.is_valid():
        return False
    try:
        add_position(owner=request.user, person_id=person_id, **form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


@login_required
@require_POST
def person_position_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = or_404(get_person, owner=request.user, person_id=person_id)
    form = position_form(request.POST)
    back = reverse("person_detail", args=[person.pk])
    if _saved(request, form, person.pk):
        organization = form.cleaned_data["organization"]
        messages.success(request, f"Added {organization} to where {person.full_name} worked.")
        return redirect(back + "#positions-heading")
    for errors in form.errors.values():
        for text in errors:
            messages.error(request, text)
    return redirect(back + "#position")


@login_required
def your_positions(request: HttpRequest) -> HttpResponse:
    """Where you worked: your own history (yours has no person), and a form to add to it."""
    form = position_form(request.POST or None)
    if request.method == "POST" and _saved(request, form, None):
        messages.success(request, f"Added {form.cleaned_data['organization']} to where you worked.")
        return redirect("positions")
    context = {"positions": list(positions_of(owner=request.user, person_id=None)), "form": form}
    return render(request, "web/positions/yours.html", context)


@login_required
def position_remove(request: HttpRequest, position_id: int) -> HttpResponse:
    position = or_404(get_position, owner=request.user, position_id=position_id)
    person = position.person
    back = (
        reverse("person_detail", args=[person.pk]) + "#positions-heading"
        if person
        else reverse("positions")
    )
    if request.method == "POST":
        remove_position(owner=request.user, position_id=position.pk)
        whose = f"{person.full_name}\u2019s" if person else "your"
        messages.success(
            request, f"Removed {position.organization.name} from {whose} work history."
        )
        return redirect(back)
    return render(
        request, "web/positions/confirm_remove.html", {"position": position, "back": back}
    )
