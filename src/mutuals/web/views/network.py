"""The network pages: warm paths, the map, and introductions with double opt-in.

Warm paths: a form (to a person, anyone at an organisation, or anyone matching words; the
mode; how many) read from the query string, so a search is a link; each 2-hop path has
"Ask for this introduction", which opens the request page with the drafted message and the
ask warning before anything is recorded. Introductions: a list, and a page per introduction
with what it asks of you now, the message for that step, and a button per next status.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from mutuals.core.introductions import Status
from mutuals.network import introductions as intro_services
from mutuals.network import selectors
from mutuals.people.selectors import get_person
from mutuals.web.forms import Form, IdField, add_service_errors
from mutuals.web.views.common import first_message, or_404, resolve_name_field
from mutuals.web.views.people import people_names

TARGET_KINDS = [("company", "Anyone at"), ("to", "A person"), ("match", "Anyone matching")]
MODE_CHOICES = [
    ("intro", "For an introduction (strongest ties)"),
    ("info", "For information (moderately weak ties first)"),
]
MOVE_LABELS = {
    Status.REQUESTED: "Ask again",
    Status.ASKED: "They asked them",
    Status.ACCEPTED: "They said yes",
    Status.DECLINED: "They said no",
    Status.MADE: "Introduction made",
    Status.THANKED: "Thanked",
}
OFFER_MOVE_LABELS = {**MOVE_LABELS, Status.ASKED: "I asked them", Status.MADE: "I made it"}


class PathForm(Form):
    kind = forms.ChoiceField(label="Find a way to", choices=TARGET_KINDS, initial="company")
    q = forms.CharField(
        label="Who",
        max_length=200,
        help_text="An organisation, a person's name, or words like “engineering manager fintech”.",
        widget=forms.TextInput(attrs={"list": "people-names", "autocomplete": "off"}),
    )
    mode = forms.ChoiceField(label="Rank", choices=MODE_CHOICES, initial="intro")
    k = forms.IntegerField(label="How many", min_value=1, max_value=50, initial=5)


@login_required
def network(request: HttpRequest) -> HttpResponse:
    from mutuals.network import paths

    data = request.GET if "q" in request.GET else None
    form = PathForm(data, initial={"kind": "company", "mode": "intro", "k": 5})
    context: dict[str, Any] = {"form": form, "people_names": people_names(request.user)}
    if data is not None and form.is_valid():
        kind, query = form.cleaned_data["kind"], form.cleaned_data["q"]
        try:
            targets = paths.targets(owner=request.user, kind=kind, value=query)
            mode = form.cleaned_data["mode"]
            found = paths.warm_paths(
                owner=request.user, targets=targets, mode=mode, k=form.cleaned_data["k"]
            )
        except ValidationError as error:
            form.add_error("q", first_message(error))
        else:
            context.update(
                targets=targets, paths=found, ranking=paths.MODE_NOTES[mode], searched=True
            )
    return render(request, "web/network/paths.html", context)


class MapForm(Form):
    group_by = forms.ChoiceField(
        label="Group by",
        choices=[("circle", "Circle"), ("organization", "Organisation")],
        required=False,
    )


@login_required
def network_map(request: HttpRequest) -> HttpResponse:
    from mutuals.core.network_map import layout, render_svg

    form = MapForm(request.GET or None)
    group_by = (form.is_valid() and form.cleaned_data.get("group_by")) or "circle"
    people, edges = selectors.map_of(owner=request.user, group_by=group_by)
    drawn = layout(people, edges)
    svg = render_svg(
        drawn,
        title="Your network",
        href=lambda pk: reverse("person_detail", args=[pk]),
        style_nonce=getattr(request, "csp_nonce", None),
    )
    context = {"form": form, "svg": svg, "drawn": drawn, "group_by": group_by}
    return render(request, "web/network/map.html", context)


class OfferForm(Form):
    seeker = forms.CharField(
        label="Introduce",
        max_length=300,
        widget=forms.TextInput(attrs={"list": "people-names", "autocomplete": "off"}),
    )
    target = forms.CharField(
        label="To",
        max_length=300,
        widget=forms.TextInput(attrs={"list": "people-names", "autocomplete": "off"}),
    )
    reason = forms.CharField(label="Why they should meet", required=False, max_length=300)


@login_required
def introductions(request: HttpRequest) -> HttpResponse:
    """The list, and a form to offer an introduction between two of your people (asking the
    first one before anything else: double opt-in)."""
    form = OfferForm(request.POST or None, prefix="offer")
    if request.method == "POST" and form.is_valid():
        seeker = resolve_name_field(form, "seeker", request.user)
        target = resolve_name_field(form, "target", request.user)
        if seeker is not None and target is not None:
            try:
                intro = intro_services.offer_introduction(
                    owner=request.user,
                    seeker_id=seeker,
                    target_id=target,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                add_service_errors(form, error, aliases={"target": "target", "seeker": "seeker"})
            else:
                messages.success(request, "Noted. First, ask whether they would like it.")
                return redirect("introduction_detail", intro.pk)
    found = selectors.introductions(owner=request.user)
    context = {
        "introductions": found,
        "offer_form": form,
        "people_names": people_names(request.user),
    }
    return render(request, "web/network/introductions.html", context)


class RequestForm(Form):
    introducer = IdField()
    target = IdField()
    reason = forms.CharField(
        label="What you hope to learn",
        required=False,
        max_length=300,
        help_text="It goes into the message, e.g. “how the data team hires”.",
    )


@login_required
def introduction_new(request: HttpRequest) -> HttpResponse:
    """GET: the message you would send and any warning; POST: record the request."""
    form = RequestForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        messages.error(request, "Choose a path first, then ask for the introduction.")
        return redirect("network")
    owner, data = request.user, form.cleaned_data
    introducer = or_404(get_person, owner=owner, person_id=data["introducer"])
    target = or_404(get_person, owner=owner, person_id=data["target"])
    if request.method == "POST":
        try:
            intro = intro_services.request_introduction(
                owner=owner,
                introducer_id=introducer.pk,
                target_id=target.pk,
                reason=data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"Asked {introducer.full_name} for an introduction to {target.full_name}."
            )
            return redirect("introduction_detail", intro.pk)
    step = selectors.request_preview(
        owner=owner,
        introducer_id=introducer.pk,
        target_id=target.pk,
        reason=data["reason"],
        today=timezone.localdate(),
    )
    context = {"form": form, "introducer": introducer, "target": target, "step": step}
    return render(request, "web/network/introduction_new.html", context)


@login_required
def introduction_detail(request: HttpRequest, introduction_id: int) -> HttpResponse:
    intro = or_404(selectors.get_introduction, owner=request.user, introduction_id=introduction_id)
    step = selectors.next_step(owner=request.user, intro=intro, today=timezone.localdate())
    labels = OFFER_MOVE_LABELS if intro.introducer_id is None else MOVE_LABELS
    moves = [(status, labels[Status(status)]) for status in step.moves]
    context = {"intro": intro, "step": step, "moves": moves}
    return render(request, "web/network/introduction.html", context)


@login_required
@require_POST
def introduction_move(request: HttpRequest, introduction_id: int) -> HttpResponse:
    status = request.POST.get("status", "")
    try:
        or_404(
            intro_services.move_introduction,
            owner=request.user,
            introduction_id=introduction_id,
            status=status,
        )
    except ValidationError as error:
        messages.error(request, first_message(error))
    else:
        messages.success(request, f"Marked {status}.")
    return redirect("introduction_detail", introduction_id)


@login_required
@require_POST
def introduction_followed_up(request: HttpRequest, introduction_id: int) -> HttpResponse:
    try:
        or_404(intro_services.mark_followed_up, owner=request.user, introduction_id=introduction_id)
    except ValidationError as error:
        messages.error(request, first_message(error))
    else:
        messages.success(request, "Noted that you followed up.")
    return redirect("introduction_detail", introduction_id)


@login_required
@require_POST
def introduction_delete(request: HttpRequest, introduction_id: int) -> HttpResponse:
    or_404(intro_services.delete_introduction, owner=request.user, introduction_id=introduction_id)
    messages.success(request, "Introduction deleted. What it recorded on the ledger stays.")
    return redirect("introductions")
