"""Assignments: the client's list (`/assignments/`: done, with a note, and its undo; they are on
Today too), and the coach's (`/coach/assignments/`: every assignment set to linked clients,
with a form to set one from a template or in their own words, to one or several clients, and
cancel with undo). A coach's assignment to a client who is not linked is a 404."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mutuals.assignments import selectors, services
from mutuals.coaching.access import clients_of
from mutuals.core.assignments import MAX_DETAILS, MAX_NOTE, MAX_TITLE, TEMPLATES
from mutuals.web.forms import DATE_WIDGET, Form, add_service_errors
from mutuals.web.views.common import action_done, action_failed, first_message, or_404

OWN_WORDS = ""  # the template choice for "in my own words"


class DoneForm(Form):
    note = forms.CharField(
        label="How did it go? (optional, your coach sees it)",
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AssignForm(Form):
    clients = forms.TypedMultipleChoiceField(
        label="For", coerce=int, widget=forms.CheckboxSelectMultiple
    )
    template = forms.ChoiceField(label="Exercise", required=False)
    title = forms.CharField(
        label="Title",
        required=False,
        max_length=MAX_TITLE,
        help_text="Leave empty to use the exercise's own title.",
    )
    details = forms.CharField(
        label="Details",
        required=False,
        max_length=MAX_DETAILS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    due_on = forms.DateField(
        label="Due",
        required=False,
        widget=DATE_WIDGET,
        help_text="Leave empty: an exercise from the list suggests its own date.",
    )

    def __init__(self, *args: Any, clients: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["clients"].choices = clients
        self.fields["clients"].error_messages["required"] = "Choose at least one client."
        self.fields["template"].choices = [
            (OWN_WORDS, "In my own words"),
            *((t.key, t.title) for t in TEMPLATES),
        ]


@login_required
def client_list(request: HttpRequest) -> HttpResponse:
    assignments = list(selectors.of_client(owner=request.user))
    context = {
        "open": [a for a in assignments if a.done_at is None],
        "done": [a for a in assignments if a.done_at is not None],
        "form": DoneForm(),
    }
    return render(request, "web/assignments.html", context)


@login_required
@require_POST
def done(request: HttpRequest, assignment_id: int) -> HttpResponse:
    form = DoneForm(request.POST)
    if not form.is_valid():
        return action_failed(request, form.errors["note"][0], default_next=reverse("assignments"))
    try:
        assignment = or_404(
            services.mark_done,
            owner=request.user,
            assignment_id=assignment_id,
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        return action_failed(request, first_message(error), default_next=reverse("today"))
    return action_done(
        request,
        f"Done: {assignment.title}",
        default_next=reverse("today"),
        undo_url=reverse("assignment_undo", args=[assignment.pk]),
    )


@login_required
@require_POST
def undo(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = or_404(services.undo_done, owner=request.user, assignment_id=assignment_id)
    return action_done(
        request, f"Not done yet: {assignment.title}", default_next=reverse("assignments")
    )


def _client_choices(request: HttpRequest) -> list[tuple[int, str]]:
    return [
        (int(link.client.pk), selectors.user_name(link.client))
        for link in clients_of(coach=request.user)
    ]


@login_required
def coach_list(request: HttpRequest) -> HttpResponse:
    """The coach's assignments and the form to set one; `?client=ID` ticks that client."""
    choices = _client_choices(request)
    initial = {}
    if request.GET.get("client", "").isdigit():
        initial["clients"] = [int(request.GET["client"])]
    form = AssignForm(request.POST or None, clients=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = or_404(
                services.assign,
                coach=request.user,
                client_ids=data["clients"],
                template_key=data["template"],
                title=data["title"],
                details=data["details"],
                due_on=data["due_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error, aliases={"template": "template"})
        else:
            names = ", ".join(selectors.user_name(a.client) for a in made)
            messages.success(request, f"Set “{made[0].title}” for {names}.")
            return redirect("coach_assignments")
    context = {
        "form": form,
        "has_clients": bool(choices),
        "assignments": selectors.set_by(coach=request.user),
    }
    return render(request, "web/assignments_coach.html", context)


@login_required
@require_POST
def coach_cancel(request: HttpRequest, assignment_id: int) -> HttpResponse:
    back = reverse("coach_assignments")
    try:
        assignment = or_404(services.cancel, coach=request.user, assignment_id=assignment_id)
    except ValidationError as error:
        return action_failed(request, first_message(error), default_next=back)
    return action_done(
        request,
        f"Cancelled: {assignment.title}",
        default_next=back,
        undo_url=reverse("coach_assignment_restore", args=[assignment.pk]),
    )


@login_required
@require_POST
def coach_restore(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = or_404(services.restore, coach=request.user, assignment_id=assignment_id)
    return action_done(
        request, f"Set again: {assignment.title}", default_next=reverse("coach_assignments")
    )
