"""The network pages: warm paths, the map, and introductions with double opt-in.

Warm paths: a form (to a person, anyone at an organisation, or anyone matching words; the
mode; how many) read from the query string, so a search is a link; each 2-hop path has
"Ask for this introduction", which opens the request page with the drafted message and the
ask warning before anything is recorded. Introductions: a list, and a page per introduction
with what it asks of you now, the message for that step, and a button per next status.
"""

from __future__ import annotations

from dataclasses import replace
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
from mutuals.core.network_map_svg import ZOOMS
from mutuals.network import introductions as intro_services
from mutuals.network import selectors
from mutuals.outreach.selectors import first_name
from mutuals.people.selectors import get_person
from mutuals.web.forms import Form, IdField, add_service_errors
from mutuals.web.views.common import first_message, or_404, resolve_name_field
from mutuals.web.views.outreach import send_context
from mutuals.web.views.people import people_names

TARGET_KINDS = [("company", "Anyone at"), ("to", "A person"), ("match", "Anyone matching")]
MODE_CHOICES = [
    ("intro", "For an introduction (strongest ties)"),
    ("info", "For information (moderately weak ties first)"),
]
# The buttons that move an introduction on, naming who did what ({introducer}, {target},
# {seeker}: first names). One you asked for: you -> introducer -> target.
MOVE_LABELS = {
    Status.REQUESTED: "Ask {introducer} again",
    Status.ASKED: "{introducer} asked {target}",
    Status.ACCEPTED: "{target} said yes",
    Status.DECLINED: "{target} said no",
    Status.MADE: "{introducer} introduced me to {target}",
    Status.THANKED: "I thanked {introducer}",
}
# One you make between two of your people: you ask {seeker} first (double opt-in).
OFFER_MOVE_LABELS = {
    Status.REQUESTED: "Offer it again",
    Status.ASKED: "I asked {seeker}",
    Status.ACCEPTED: "{seeker} said yes",
    Status.DECLINED: "{seeker} said no",
    Status.MADE: "I introduced {seeker} to {target}",
    Status.THANKED: "{seeker} thanked me",
}


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
        label="Colour by",
        choices=[("circle", "Circle"), ("organization", "Organisation")],
        required=False,
    )
    circle = forms.ChoiceField(label="Only the circle", required=False)
    organization = forms.CharField(
        label="Only people at", max_length=200, required=False, help_text="An organisation."
    )
    links = forms.BooleanField(label="Show who knows whom", required=False)
    around = IdField(required=False)
    zoom = forms.TypedChoiceField(
        choices=[(z, z) for z in ZOOMS], coerce=int, required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, circles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["circle"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Any circle"), *((name, name) for name in circles)]


@login_required
def network_map(request: HttpRequest) -> HttpResponse:
    """Your people on rings around you; a GET form filters them, a link per person shows
    who they know, and zoom is a link too, so every view of the map is an address."""
    from mutuals.core.network_map import DEFAULT_LIMIT, layout
    from mutuals.core.network_map_svg import render_svg, swatch
    from mutuals.network import map as map_selectors

    circles = map_selectors.circle_names(owner=request.user)
    form = MapForm(request.GET or None, circles=circles)
    data = form.cleaned_data if form.is_valid() else {}
    choice = map_selectors.MapFilter(
        colour_by=data.get("group_by") or "circle",
        circle=data.get("circle") or "",
        organization=data.get("organization") or "",
        around=data.get("around"),
        links=bool(data.get("links")),
    )
    zoom = data.get("zoom") or 1
    found = map_selectors.map_people(owner=request.user, choice=choice, limit=DEFAULT_LIMIT)
    drawn = layout(found.people, limit=len(found.people))
    total = found.contacts + (found.known_of or 0)
    drawn = replace(drawn, left_out=max(0, total - len(drawn.people)))
    around = found.around
    svg = render_svg(
        drawn,
        zoom=zoom,
        href=lambda pk: reverse("person_detail", args=[pk]),
        edges=found.edges,
        selected=[around.pk] if around else [],
    )
    placed = {p.id: p for p in drawn.people}
    their_people = []
    if around is not None:
        ids = {e.b if e.a == around.pk else e.a for e in found.edges}
        their_people = [placed[pk] for pk in sorted(ids, key=lambda pk: placed[pk].name)]
    context = {
        "form": form,
        "svg": svg,
        "drawn": drawn,
        "total": f"{total:,}",
        "counted": "contacts" if found.known_of is None else "people",
        "filtered": bool(choice.circle or choice.organization.strip()),
        "legend": [(group, swatch(i)) for i, group in enumerate(drawn.groups)],
        "around": around,
        "their_people": their_people,
        "zoom": zoom,
        "zoom_in": _with(request, zoom=zoom + 1) if zoom < max(ZOOMS) else None,
        "zoom_out": _with(request, zoom=zoom - 1) if zoom > 1 else None,
        "stop_around": _with(request, around=None),
        "rings": _rings_for_list(drawn, request),
    }
    return render(request, "web/network/map.html", context)


def _with(request: HttpRequest, **changes: Any) -> str:
    """This map's address with some parameters changed (None removes one)."""
    query = request.GET.copy()
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query[name] = str(value)
    return f"{reverse('network_map')}?{query.urlencode()}" if query else reverse("network_map")


def _rings_for_list(drawn: Any, request: HttpRequest) -> list[dict[str, Any]]:
    """The list beside the map: each ring's people by name, each with a link to show their ties."""
    from mutuals.core.network_map import LAYER_SIZES

    rows = []
    for ring in drawn.rings:
        people = sorted((p for p in drawn.people if p.ring == ring.index), key=lambda p: p.name)
        rows.append(
            {
                "ring": ring,
                "layer": LAYER_SIZES[ring.index],
                "people": [(p, _with(request, around=p.id)) for p in people],
            }
        )
    return rows


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
    if request.method == "POST" and "preview" not in request.POST:
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
    context = {
        "form": form,
        "introducer": introducer,
        "target": target,
        "step": step,
        "send": _send(request, step),
    }
    return render(request, "web/network/introduction_new.html", context)


@login_required
def introduction_detail(request: HttpRequest, introduction_id: int) -> HttpResponse:
    intro = or_404(selectors.get_introduction, owner=request.user, introduction_id=introduction_id)
    step = selectors.next_step(owner=request.user, intro=intro, today=timezone.localdate())
    moves = [(status, move_label(intro, status)) for status in step.moves]
    context = {"intro": intro, "step": step, "moves": moves, "send": _send(request, step)}
    return render(request, "web/network/introduction.html", context)


def move_label(intro: Any, status: str) -> str:
    """The button moving `intro` to `status`, naming who: "Priya asked Tom"."""
    labels = OFFER_MOVE_LABELS if intro.introducer_id is None else MOVE_LABELS
    names = {
        role: first_name(person) if person is not None else "them"
        for role, person in (
            ("introducer", intro.introducer),
            ("target", intro.target),
            ("seeker", intro.seeker),
        )
    }
    return labels[Status(status)].format(**names)


def _send(request: HttpRequest, step: selectors.NextStep) -> dict[str, Any] | None:
    """Copy, e-mail and "I sent it" for the step's message, coming back to this page."""
    if step.draft is None or step.recipient is None:
        return None
    return send_context(
        step.recipient,
        subject=step.draft.subject,
        text=step.draft.text,
        purpose=step.draft.purpose.value,
        back=request.get_full_path(),
    )


@login_required
@require_POST
def introduction_move(request: HttpRequest, introduction_id: int) -> HttpResponse:
    status = request.POST.get("status", "")
    try:
        intro = or_404(
            intro_services.move_introduction,
            owner=request.user,
            introduction_id=introduction_id,
            status=status,
        )
    except ValidationError as error:
        messages.error(request, first_message(error))
    else:
        messages.success(request, f"Noted: {move_label(intro, status)}.")
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
