"""Small helpers the views share: 404 for other people's records, safe redirects, names typed
into a form resolved to a person, and the answer to an action button (htmx or not)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from mutuals.people.selectors import resolve_person
from mutuals.web.forms import SnoozeForm

T = TypeVar("T")


def or_404(fetch: Callable[..., T], **kwargs: Any) -> T:
    """Call a selector or service; a record that is missing or someone else's becomes a 404."""
    try:
        return fetch(**kwargs)
    except ObjectDoesNotExist:
        raise Http404("Not found.") from None


def next_url(request: HttpRequest, default: str) -> str:
    """Where to go after an action: the form's `next` when it is a page of this site."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def resolve_name_field(form: forms.Form, field: str, owner: Any) -> int | None:
    """The id of the person named in `field`, or None; adds an error when it is unclear."""
    text = form.cleaned_data.get(field, "").strip()
    if not text:
        return None
    match = resolve_person(owner=owner, query=text)
    if match.status == "found":
        return match.person_id
    names = ", ".join(name for _, name in match.suggestions)
    if match.status == "ambiguous":
        form.add_error(field, f"Several people match '{text}': {names}. Type more of the name.")
    elif names:
        form.add_error(field, f"Nobody called '{text}' in your network. Did you mean {names}?")
    else:
        form.add_error(field, f"Nobody called '{text}' in your network. Add them first.")
    return None


def action_done(
    request: HttpRequest,
    message: str,
    *,
    default_next: str,
    undo_url: str | None = None,
    undo_label: str = "Undo",
) -> HttpResponse:
    """Answer an action button: htmx swaps the item for `message` (with Undo); a plain form
    post gets a flash message and goes back where it came from."""
    back = next_url(request, default_next)
    if request.htmx:  # type: ignore[attr-defined]
        context = {"message": message, "undo_url": undo_url, "undo_label": undo_label, "next": back}
        return render(request, "web/partials/action_done.html", context)
    messages.success(request, message)
    return redirect(back)


def action_failed(request: HttpRequest, message: str, *, default_next: str) -> HttpResponse:
    back = next_url(request, default_next)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "web/partials/action_failed.html", {"message": message})
    messages.error(request, message)
    return redirect(back)


def first_message(error: Exception) -> str:
    messages_ = getattr(error, "messages", None) or ["That did not work; try again."]
    return str(messages_[0])


def snooze_action(
    request: HttpRequest,
    *,
    snooze: Callable[[dt.date], object],
    done: Callable[[dt.date], str],
    undo_url: str,
    default_next: str,
) -> HttpResponse:
    """Answer a "Snooze 1 week / 1 month" button: `snooze(until)` does it, `done` says it."""
    form = SnoozeForm(request.POST)
    if not form.is_valid():
        return action_failed(
            request, "Choose to snooze for a week or a month.", default_next=default_next
        )
    until = timezone.localdate() + dt.timedelta(days=form.cleaned_data["days"])
    try:
        snooze(until)
    except ValidationError as error:
        return action_failed(request, first_message(error), default_next=default_next)
    return action_done(request, done(until), default_next=default_next, undo_url=undo_url)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's CSRF refusal in our own page (its default page styles itself inline, which the
    Content-Security-Policy blocks). The reason is for developers: it is not shown."""
    return render(request, "web/csrf_failure.html", status=403)


def url_for_each(name: str) -> Callable[[int], str]:
    """`reverse(name, args=[pk])` for many pks with one reverse: the address made with a marker
    id, then the marker replaced by each pk."""
    marker = "987654321987654321"
    head, tail = reverse(name, args=[int(marker)]).split(marker)
    return lambda pk: f"{head}{pk}{tail}"
