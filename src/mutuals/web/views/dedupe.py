"""The duplicates page: find people you have twice, merge a pair (keeping either side) or keep
it apart, and undo a merge. The page's "Find duplicates" only records pairs for review; it
merges nothing by itself (`mutuals dedupe --auto` does, for certain pairs)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mutuals.imports import duplicates, merge
from mutuals.imports.models import Merge, PossibleDuplicate
from mutuals.web.forms import as_id
from mutuals.web.views.common import first_message, next_url, or_404

RECENT_MERGES = 10


@login_required
def duplicates_page(request: HttpRequest) -> HttpResponse:
    pairs = duplicates.possible_duplicates(owner=request.user)
    recent = duplicates.merges(owner=request.user)[:RECENT_MERGES]
    just_merged = _just_merged(request, recent)
    context = {
        "pairs": [(pair, _sides(pair)) for pair in pairs],
        "merges": [m for m in recent if m is not just_merged],
        "just_merged": just_merged,
    }
    return render(request, "web/dedupe/duplicates.html", context)


def _just_merged(request: HttpRequest, recent: list[Merge]) -> Merge | None:
    wanted = request.GET.get("merged", "")
    return next((m for m in recent if str(m.pk) == wanted), None)


def _sides(pair: PossibleDuplicate) -> list[dict[str, Any]]:
    return [duplicates.side_to_dict(pair.person), duplicates.side_to_dict(pair.other)]


@login_required
@require_POST
def duplicates_scan(request: HttpRequest) -> HttpResponse:
    counts = merge.scan_for_duplicates(owner=request.user, auto_merge=False)
    waiting = counts["to_review"]
    if waiting:
        noun = "pair" if waiting == 1 else "pairs"
        messages.success(request, f"{waiting} possible {noun} to review below.")
    else:
        messages.success(request, "No possible duplicates found.")
    return redirect("duplicates")


@login_required
@require_POST
def duplicate_merge(request: HttpRequest, duplicate_id: int) -> HttpResponse:
    pair = or_404(duplicates.get_possible_duplicate, owner=request.user, duplicate_id=duplicate_id)
    keep_id = as_id(request.POST.get("keep"))
    if keep_id is None:
        messages.error(request, "Choose which of the two people to keep.")
        return redirect(next_url(request, reverse("duplicates")))
    try:
        done = merge.merge_duplicate(owner=request.user, duplicate_id=pair.pk, keep_id=keep_id)
    except ValidationError as error:
        messages.error(request, first_message(error))
        return redirect(next_url(request, reverse("duplicates")))
    if request.POST.get("next"):
        messages.success(request, f"Merged {done.merged_name} into {done.kept.full_name}.")
        return redirect(next_url(request, reverse("duplicates")))
    return redirect(reverse("duplicates") + f"?merged={done.pk}#merged")


@login_required
@require_POST
def duplicate_apart(request: HttpRequest, duplicate_id: int) -> HttpResponse:
    pair = or_404(merge.keep_apart, owner=request.user, duplicate_id=duplicate_id)
    messages.success(
        request,
        f"Kept apart: {pair.person.full_name} and {pair.other.full_name} are two people. "
        "They will not be suggested again.",
    )
    return redirect(next_url(request, reverse("duplicates")))


@login_required
@require_POST
def merge_undo(request: HttpRequest, merge_id: int) -> HttpResponse:
    try:
        back = or_404(merge.undo_merge, owner=request.user, merge_id=merge_id)
    except ValidationError as error:
        messages.error(request, first_message(error))
    else:
        messages.success(request, f"Undone: {back.full_name} is back as a separate person.")
    return redirect(next_url(request, reverse("duplicates")))
