"""The weekly needs review: every open need by age, whose it is and what you could do, with
reviewed / helped / done / dropped per need and "Mark all reviewed" after a confirmation."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from mutuals.core.review import GROUPS, ReviewEntry
from mutuals.needs import services as need_services
from mutuals.needs.models import KIND_CHOICES
from mutuals.needs.selectors import get_need, needs_for_review
from mutuals.web.forms import as_id
from mutuals.web.views.common import action_done, or_404

GROUP_HINTS = {
    "over 30 days": "Waiting longest: is it still needed? Could someone you know help?",
    "this month": "Noted in the last month.",
    "this week": "Noted in the last week.",
}


KIND_LABELS = dict(KIND_CHOICES)


@dataclass(frozen=True)
class Row:
    entry: ReviewEntry
    kind_label: str


@dataclass(frozen=True)
class Group:
    name: str
    hint: str
    rows: list[Row]


def _groups(entries: list[ReviewEntry]) -> list[Group]:
    groups = []
    for name in GROUPS:
        rows = [Row(e, KIND_LABELS.get(e.kind, e.kind)) for e in entries if e.group == name]
        if rows:
            groups.append(Group(name, GROUP_HINTS[name], rows))
    return groups


@login_required
def review(request: HttpRequest) -> HttpResponse:
    entries = needs_for_review(owner=request.user, today=timezone.localdate())
    context = {
        "groups": _groups(entries),
        "count": len(entries),
        "due": sum(e.due for e in entries),
        "this_page": request.get_full_path(),  # every item's buttons come back here
    }
    return render(request, "web/review.html", context)


@login_required
@require_POST
def need_reviewed(request: HttpRequest, need_id: int) -> HttpResponse:
    need = or_404(get_need, owner=request.user, need_id=need_id)
    need_services.mark_reviewed(owner=request.user, need_ids=[need.pk])
    return action_done(request, f"Reviewed: {need.text}", default_next=reverse("review"))


def _need_ids(values: list[str]) -> list[int]:
    """The needs the confirmation listed; anything that is not an id is ignored."""
    return sorted({n for n in map(as_id, values) if n is not None})


@login_required
def review_all(request: HttpRequest) -> HttpResponse:
    """GET asks to confirm, listing what will be marked; POST marks exactly those needs."""
    if request.method == "POST":
        need_ids = _need_ids(request.POST.getlist("need"))
        marked = need_services.mark_reviewed(owner=request.user, need_ids=need_ids)
        noun = "need" if marked == 1 else "needs"
        messages.success(request, f"Marked {marked} {noun} reviewed today.")
        return redirect("review")
    entries = needs_for_review(owner=request.user, today=timezone.localdate())
    return render(request, "web/review_confirm.html", {"entries": entries})
