"""The sorting page: one person with no closeness at a time, sorted with a button or a key.

Every button is a form that posts and comes back to the page (no JavaScript needed);
web/static/web/triage.js only adds the keys. This session's progress, the people skipped and
the steps that can be undone live in the session, so stopping and coming back is free.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from mutuals.core.cadence import TIER_LABELS, Tier
from mutuals.people import triage
from mutuals.people.selectors import circles_for
from mutuals.web.forms import as_id
from mutuals.web.views.common import or_404

SESSION_KEY = "people_sort"
UNDO_KEPT = 20
SKIPPED_KEPT = 500
# The key beside each closeness button, innermost first.
KEYED_TIERS = [(str(number), tier.value, TIER_LABELS[tier]) for number, tier in enumerate(Tier, 1)]
SORTING_ACTIONS = {"closeness", "archive"}


def _state(request: HttpRequest) -> dict[str, Any]:
    saved = request.session.get(SESSION_KEY) or {}
    return {
        "sorted": max(int(saved.get("sorted", 0)), 0),
        "skipped": [int(pk) for pk in saved.get("skipped", [])][-SKIPPED_KEPT:],
        "undo": list(saved.get("undo", []))[-UNDO_KEPT:],
    }


def _save(request: HttpRequest, state: dict[str, Any]) -> None:
    request.session[SESSION_KEY] = state


def _page(person_id: int | None = None) -> str:
    url = reverse("person_sort")
    return f"{url}?person={person_id}" if person_id else url


@login_required
def sort_page(request: HttpRequest) -> HttpResponse:
    state = _state(request)
    remaining = triage.remaining(owner=request.user)
    person = triage.next_person(
        owner=request.user, skipped=state["skipped"], person_id=as_id(request.GET.get("person"))
    )
    context: dict[str, Any] = {
        "sorted": state["sorted"],
        "total": state["sorted"] + remaining,
        "can_undo": bool(state["undo"]),
    }
    if person is not None:
        card = triage.card_for(owner=request.user, person=person, today=timezone.localdate())
        context |= {
            "card": card,
            "person": person,
            "tiers": KEYED_TIERS,
            "circle_names": circles_for(owner=request.user).values_list("name", flat=True),
        }
    return render(request, "web/people/sort.html", context)


@login_required
@require_POST
def sort_step(request: HttpRequest, person_id: int) -> HttpResponse:
    person = or_404(triage.find_person, owner=request.user, person_id=person_id)
    action = request.POST.get("action", "")
    try:
        step = _do(request, person.pk, action)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_page(person.pk))
    state = _state(request)
    state["undo"] = [*state["undo"], step][-UNDO_KEPT:]
    if action in SORTING_ACTIONS:
        state["sorted"] += 1
    if action == "skip":
        state["skipped"] = [*(pk for pk in state["skipped"] if pk != person.pk), person.pk]
    _save(request, state)
    messages.success(request, _said(person.full_name, step))
    return redirect(_page(person.pk if action == "circle" else None))


def _do(request: HttpRequest, person_id: int, action: str) -> dict[str, Any]:
    owner = request.user
    if action == "closeness":
        return triage.set_closeness(
            owner=owner, person_id=person_id, tier=request.POST.get("tier", "")
        )
    if action == "archive":
        return triage.archive(owner=owner, person_id=person_id)
    if action == "circle":
        return triage.add_circle(
            owner=owner, person_id=person_id, circle=request.POST.get("circle", "")
        )
    if action == "skip":
        return triage.skip(owner=owner, person_id=person_id)
    raise ValidationError("Choose a closeness, a circle, archive or skip.")


def _said(name: str, step: dict[str, Any]) -> str:
    action = step["action"]
    if action == "closeness":
        return f"{name}: {TIER_LABELS[Tier(step['tier'])].lower()}."
    if action == "archive":
        return f"Archived {name}."
    if action == "circle":
        return f"Added {name} to {step['circle']}."
    return f"Skipped {name} for now."


@login_required
@require_POST
def sort_undo(request: HttpRequest) -> HttpResponse:
    state = _state(request)
    if not state["undo"]:
        messages.info(request, "Nothing to undo.")
        return redirect(_page())
    step = state["undo"].pop()
    person_id = triage.undo(owner=request.user, step=step)
    if step.get("action") in SORTING_ACTIONS:
        state["sorted"] = max(state["sorted"] - 1, 0)
    if step.get("action") == "skip":
        state["skipped"] = [pk for pk in state["skipped"] if pk != person_id]
    _save(request, state)
    if person_id is not None:
        messages.success(request, "Undone.")
    return redirect(_page(person_id))
