"""Promises: the follow-ups you owe, with done, snooze and delete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from mutuals.promises import services
from mutuals.promises.selectors import get_promise, promises_for
from mutuals.web.forms import PromiseForm, add_service_errors
from mutuals.web.views.common import (
    action_done,
    or_404,
    resolve_name_field,
    snooze_action,
)
from mutuals.web.views.people import people_names

DONE_SHOWN = 100


@login_required
def promises(request: HttpRequest) -> HttpResponse:
    form = PromiseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person_id = resolve_name_field(form, "person", request.user)
        if not form.errors:
            try:
                services.create_promise(
                    owner=request.user,
                    person_id=person_id,
                    text=form.cleaned_data["text"],
                    due_on=form.cleaned_data["due_on"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Promise added.")
                return redirect("promises")
    show_done = request.GET.get("show") == "done"
    listed = promises_for(owner=request.user, open_only=not show_done)
    if show_done:
        listed = listed.filter(done_at__isnull=False).order_by("-done_at")[:DONE_SHOWN]
    context = {
        "form": form,
        "promises": listed,
        "show_done": show_done,
        "today": timezone.localdate(),
        "people_names": people_names(request.user),
        "this_page": request.get_full_path(),  # every item's buttons come back here
    }
    return render(request, "web/promises/list.html", context)


@login_required
@require_POST
def promise_done(request: HttpRequest, promise_id: int) -> HttpResponse:
    promise = or_404(services.complete_promise, owner=request.user, promise_id=promise_id)
    return action_done(
        request,
        f"Done: {promise.text}",
        default_next=reverse("promises"),
        undo_url=reverse("promise_reopen", args=[promise.pk]),
    )


@login_required
@require_POST
def promise_reopen(request: HttpRequest, promise_id: int) -> HttpResponse:
    promise = or_404(services.reopen_promise, owner=request.user, promise_id=promise_id)
    return action_done(request, f"Open again: {promise.text}", default_next=reverse("promises"))


@login_required
@require_POST
def promise_snooze(request: HttpRequest, promise_id: int) -> HttpResponse:
    promise = or_404(get_promise, owner=request.user, promise_id=promise_id)
    return snooze_action(
        request,
        snooze=lambda until: services.snooze_promise(
            owner=request.user, promise_id=promise.pk, until=until
        ),
        done=lambda until: f"Snoozed until {until:%-d %b %Y}: {promise.text}",
        undo_url=reverse("promise_unsnooze", args=[promise.pk]),
        default_next=reverse("promises"),
    )


@login_required
@require_POST
def promise_unsnooze(request: HttpRequest, promise_id: int) -> HttpResponse:
    promise = or_404(get_promise, owner=request.user, promise_id=promise_id)
    services.unsnooze_promise(owner=request.user, promise_id=promise.pk)
    return action_done(
        request, f"Back on your agenda: {promise.text}", default_next=reverse("promises")
    )


@login_required
@require_POST
def promise_delete(request: HttpRequest, promise_id: int) -> HttpResponse:
    promise = or_404(get_promise, owner=request.user, promise_id=promise_id)
    services.delete_promise(owner=request.user, promise_id=promise.pk)
    return action_done(request, f"Deleted: {promise.text}", default_next=reverse("promises"))
