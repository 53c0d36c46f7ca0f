"""Leads: the board by stage, a lead's page with its timeline, and adding one by hand, from a
pasted posting or from a conversation (`/leads/new?interaction=ID` prefills it)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.views.decorators.http import require_POST

from mutuals.core.agenda.search import Helper
from mutuals.core.drafts import Draft, Purpose
from mutuals.core.leads import OPEN_STAGES, ROLE_WORDS, STAGE_WORDS
from mutuals.interactions.selectors import get_interaction
from mutuals.leads import selectors, services
from mutuals.leads.landed import landed_words
from mutuals.leads.models import Lead
from mutuals.leads.postings import link_needs, needs_of_lead, needs_served, read_posting_for
from mutuals.leads.thanks import everyone_who_helped, thank_you_draft
from mutuals.outreach import services as outreach
from mutuals.web.forms import IdField, add_service_errors, as_id
from mutuals.web.views.common import (
    action_done,
    action_failed,
    first_message,
    next_url,
    or_404,
    resolve_name_field,
    url_for_each,
)
from mutuals.web.views.people import people_names

OPEN_CHOICES = [(stage, STAGE_WORDS[stage]) for stage in OPEN_STAGES]
ROLE_CHOICES = list(ROLE_WORDS.items())
POSTING_MAX = 50_000
STAGE_CARDS = 1000  # leads a stage's page shows, the most recently moved first


class LeadForm(forms.Form):
    title = forms.CharField(
        label="Role",
        max_length=200,
        required=False,
        help_text="Leave empty for “they might be hiring”.",
    )
    organization = forms.CharField(
        label="Organisation",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"list": "org-names", "autocomplete": "off"}),
    )
    location = forms.CharField(label="Where", max_length=200, required=False)
    stage = forms.ChoiceField(label="Stage", choices=OPEN_CHOICES, initial="heard")
    person = forms.CharField(
        label="Who mentioned it or can help",
        max_length=320,
        required=False,
        widget=forms.TextInput(attrs={"list": "people-names", "autocomplete": "off"}),
    )
    role = forms.ChoiceField(label="Their part", choices=ROLE_CHOICES, initial="mentioned")
    notes = forms.CharField(
        label="Notes", required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 3})
    )
    interaction = IdField(required=False)
    posting = forms.CharField(required=False, max_length=POSTING_MAX, widget=forms.HiddenInput)


class PostingForm(forms.Form):
    posting = forms.CharField(
        label="The posting",
        max_length=POSTING_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Paste the whole posting: mutuals reads the organisation, role and place.",
    )


class MoveForm(forms.Form):
    stage = forms.ChoiceField(label="Move to", choices=[(s, w) for s, w in STAGE_WORDS.items()])
    reason = forms.CharField(label="Why (when closing)", max_length=300, required=False)
    interview_on = forms.DateField(
        label="Interview on (when moving to Interviewing)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Give the interview's day as a date, e.g. 2026-03-14."},
    )


class InterviewForm(forms.Form):
    interview_on = forms.DateField(
        label="Interview on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Give the interview's day as a date, e.g. 2026-03-14."},
    )


class SentForm(forms.Form):
    text = forms.CharField(max_length=20_000)


class PersonForm(forms.Form):
    person = forms.CharField(
        label="Name",
        max_length=320,
        widget=forms.TextInput(attrs={"list": "people-names", "autocomplete": "off"}),
    )
    role = forms.ChoiceField(label="Their part", choices=ROLE_CHOICES, initial="can_help")


@dataclass(frozen=True)
class Card:
    """What one lead's card shows (web/leads/_card.html), worked out in Python once per card:
    the template engine's own cost for each tag, filter and lookup was most of the board's time
    (a URL reversed twice, a date formatted, the lead's name read five times per card)."""

    lead: Lead
    name: str
    detail_url: str
    move_url: str
    organization: str | None  # its name; None when the lead has no organisation
    day: str  # when it reached its stage, "3 Mar 2026"
    people: str  # who is behind it, "Rosa Núñez, Sam Ortiz"


@dataclass(frozen=True)
class CardColumn:
    """A board column as the page shows it: the column, its cards and the <option>s of the
    "Move to" select, the same for every card of the column, rendered once."""

    column: selectors.Column
    cards: list[Card]
    options: SafeString


def _cards(leads: Iterable[Lead], names: Callable[[Lead], Iterable[str]]) -> list[Card]:
    """The cards of `leads` (their organisation read with them), `names` giving who is behind
    each."""
    detail_url, move_url = url_for_each("lead_detail"), url_for_each("lead_move")
    return [
        Card(
            lead=lead,
            name=str(lead),
            detail_url=detail_url(lead.pk),
            move_url=move_url(lead.pk),
            organization=lead.organization.name if lead.organization else None,
            day=format_date(lead.stage_on, "j M Y"),
            people=", ".join(names(lead)),
        )
        for lead in leads
    ]


def _options(moves: list[tuple[str, str]]) -> SafeString:
    return format_html_join("", '<option value="{}">{}</option>', moves)


@login_required
def lead_board(request: HttpRequest) -> HttpResponse:
    columns = selectors.board(owner=request.user)
    context = {
        "columns": columns,
        "board": [
            CardColumn(
                column,
                _cards(column.leads, lambda lead, names=column.names: names.get(lead.pk, [])),
                _options(column.moves),
            )
            for column in columns
        ],
        "total": sum(column.count for column in columns),
    }
    return render(request, "web/leads/board.html", context)


@login_required
def lead_stage(request: HttpRequest, stage: str) -> HttpResponse:
    """Every lead at one stage (the board shows the most recent few)."""
    if stage not in STAGE_WORDS:
        return redirect("leads")
    shown, names = selectors.stage_cards(owner=request.user, stage=stage, limit=STAGE_CARDS)
    count = len(shown)
    if count == STAGE_CARDS:
        count = selectors.leads_for(owner=request.user, stage=stage).count()
    context = {
        "stage": stage,
        "words": STAGE_WORDS[stage],
        "cards": _cards(shown, lambda lead: names.get(lead.pk, [])),
        "count": count,
        "options": _options(selectors.moves(stage)),
    }
    return render(request, "web/leads/stage.html", context)


def _prefill(request: HttpRequest) -> dict[str, Any]:
    """The form's first values from `?interaction=ID`: the conversation's first person."""
    initial: dict[str, Any] = {"stage": "heard", "role": "mentioned"}
    initial["organization"] = request.GET.get("organization", "")[:200]
    raw = request.GET.get("interaction")
    if raw is None:
        return initial
    interaction_id = as_id(raw)
    if interaction_id is None:
        return initial
    interaction = or_404(get_interaction, owner=request.user, interaction_id=interaction_id)
    first = interaction.people.order_by("search_name").first()
    initial.update(interaction=interaction.pk, notes=interaction.summary)
    if first is not None:
        initial["person"] = first.full_name
    return initial


def _save_lead(
    request: HttpRequest, form: LeadForm, need_ids: list[int] | None = None
) -> HttpResponse | None:
    person_id = resolve_name_field(form, "person", request.user)
    if form.errors:
        return None
    data = form.cleaned_data
    people = [(person_id, data["role"])] if person_id else []
    try:
        lead = services.create_lead(
            owner=request.user,
            title=data["title"],
            organization=data["organization"],
            location=data["location"],
            stage=data["stage"],
            conversation_id=data["interaction"],
            source_text=data["posting"],
            notes=data["notes"],
            people=people,
        )
    except ValidationError as error:
        add_service_errors(form, error, aliases={"people": "person", "conversation": "interaction"})
        return None
    if need_ids:
        link_needs(owner=request.user, lead_id=lead.pk, need_ids=need_ids)
    messages.success(request, f"Lead added: {lead}.")
    return redirect("lead_detail", lead_id=lead.pk)


@login_required
def lead_new(request: HttpRequest) -> HttpResponse:
    form = LeadForm(request.POST or None, initial=_prefill(request))
    if request.method == "POST" and form.is_valid():
        saved = _save_lead(request, form)
        if saved is not None:
            return saved
    interaction_id = form["interaction"].value()
    context = {
        "form": form,
        "people_names": people_names(request.user),
        "from_conversation": bool(interaction_id),
    }
    return render(request, "web/leads/new.html", context)


@login_required
def lead_posting(request: HttpRequest) -> HttpResponse:
    """Paste a posting; the next page shows what was read, the people you know there and the
    best warm paths, and saves the lead once you confirm."""
    if request.method == "POST" and "title" in request.POST:
        form = LeadForm(request.POST)
        if form.is_valid():
            saved = _save_lead(request, form, _ticked_needs(request))
            if saved is not None:
                return saved
        posting = request.POST.get("posting", "")[:POSTING_MAX]
        return _confirm(request, form, posting)
    paste = PostingForm(request.POST or None)
    if request.method == "POST" and paste.is_valid():
        posting = paste.cleaned_data["posting"]
        read = read_posting_for(owner=request.user, text=posting)
        initial = {
            "title": read.title,
            "organization": read.organisation,
            "location": read.location,
            "stage": "heard",
            "role": "can_help",
            "posting": posting,
        }
        return _confirm(request, LeadForm(initial=initial), posting)
    return render(request, "web/leads/posting.html", {"form": paste})


def _confirm(request: HttpRequest, form: LeadForm, posting: str) -> HttpResponse:
    from mutuals.leads.postings import organisation_there

    name = form["organization"].value() or ""
    there = organisation_there(owner=request.user, name=str(name), today=timezone.localdate())
    context = {
        "form": form,
        "there": there,
        "posting": posting,
        "people_names": people_names(request.user),
        "needs_served": needs_served(owner=request.user, text=posting) if posting else [],
        "needs_ticked": set(_ticked_needs(request)),
    }
    return render(request, "web/leads/posting_confirm.html", context)


def _ticked_needs(request: HttpRequest) -> list[int]:
    """The needs ticked on the posting's page ("Needs it serves"); what is not an id is left
    out, and link_needs leaves out anyone else's."""
    found = (as_id(raw) for raw in request.POST.getlist("needs")[:50])
    return [need_id for need_id in found if need_id is not None]


@login_required
def lead_detail(request: HttpRequest, lead_id: int) -> HttpResponse:
    lead = or_404(selectors.get_lead, owner=request.user, lead_id=lead_id)
    context = {
        "lead": lead,
        "timeline": selectors.timeline(owner=request.user, lead_id=lead.pk),
        "moves": selectors.moves(lead.stage),
        "move_form": MoveForm(),
        "interview_form": InterviewForm(initial={"interview_on": lead.interview_on}),
        "person_form": PersonForm(),
        "people_names": people_names(request.user),
        "needs_served": needs_of_lead(owner=request.user, lead_id=lead.pk),
    }
    return render(request, "web/leads/detail.html", context)


@login_required
@require_POST
def lead_move(request: HttpRequest, lead_id: int) -> HttpResponse:
    lead = or_404(selectors.get_lead, owner=request.user, lead_id=lead_id)
    default = reverse("lead_detail", args=[lead.pk])
    form = MoveForm(request.POST)
    if not form.is_valid():
        problem = form.errors.get("interview_on")
        messages.error(request, problem[0] if problem else "Choose a stage to move the lead to.")
        return redirect(next_url(request, default))
    stage = form.cleaned_data["stage"]
    interview_on = form.cleaned_data["interview_on"] if stage == "interviewing" else None
    try:
        moved = services.move(
            owner=request.user,
            lead_id=lead.pk,
            stage=stage,
            reason=form.cleaned_data["reason"],
            interview_on=interview_on,
        )
    except ValidationError as error:
        messages.error(request, first_message(error))
        # Closing needs a reason, which the lead's own page asks for.
        needs_reason = "reason" in getattr(error, "error_dict", {})
        return redirect(default if needs_reason else next_url(request, default))
    said = f"{moved.lead}: now at “{STAGE_WORDS[moved.lead.stage]}”."
    if moved.landed is not None:
        said += " " + landed_words(moved.landed)
        return action_done(request, said, default_next=reverse("lead_thanks"))
    if moved.back_to_searching:
        said += " You are back to searching: cadences are as before."
    return action_done(request, said, default_next=default)


@login_required
@require_POST
def lead_interview(request: HttpRequest, lead_id: int) -> HttpResponse:
    """Set or clear the interview's day on the lead's page."""
    lead = or_404(selectors.get_lead, owner=request.user, lead_id=lead_id)
    form = InterviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["interview_on"][0])
    else:
        day = form.cleaned_data["interview_on"]
        services.set_interview(owner=request.user, lead_id=lead.pk, interview_on=day)
        messages.success(
            request,
            f"Interview on {day.day} {day:%b %Y}: the agenda prepares you the day before."
            if day
            else "Interview day cleared.",
        )
    return redirect("lead_detail", lead_id=lead.pk)


@login_required
@require_POST
def lead_followed_up(request: HttpRequest, lead_id: int) -> HttpResponse:
    """You followed up on an application: noted on its timeline (another week to wait)."""
    lead = or_404(selectors.get_lead, owner=request.user, lead_id=lead_id)
    services.note_follow_up(owner=request.user, lead_id=lead.pk)
    return action_done(request, f"Noted: you followed up on {lead}.", default_next=reverse("today"))


@login_required
@require_POST
def lead_thanked(request: HttpRequest, lead_id: int, person_id: int) -> HttpResponse:
    """You thanked someone for a referral: on the ledger as received and thanked."""
    lead = or_404(selectors.get_lead, owner=request.user, lead_id=lead_id)
    try:
        exchange = services.thank_referrer(owner=request.user, lead_id=lead.pk, person_id=person_id)
    except ValidationError as error:
        return action_failed(request, first_message(error), default_next=reverse("today"))
    return action_done(
        request,
        f"Thanked {exchange.person.full_name} for the referral.",
        default_next=reverse("today"),
    )


@dataclass(frozen=True)
class HelperRow:
    helper: Helper
    draft: Draft


@login_required
def lead_thanks(request: HttpRequest) -> HttpResponse:
    """Everyone who helped with the search, each with a drafted thank-you and "I sent it"."""
    thanks = everyone_who_helped(owner=request.user, today=timezone.localdate())
    rows = [HelperRow(h, thank_you_draft(request.user, h, thanks)) for h in thanks.helpers]
    context = {"thanks": thanks, "rows": rows}
    return render(request, "web/leads/thanks.html", context)


@login_required
@require_POST
def lead_thanks_sent(request: HttpRequest, person_id: int) -> HttpResponse:
    """ "I sent it": the thank-you is logged as a conversation you started (outreach's sent
    flow), which marks them thanked here and what they gave you as thanked."""
    form = SentForm(request.POST)
    default = reverse("lead_thanks")
    if not form.is_valid():
        return action_failed(request, "Give the message you sent.", default_next=default)
    try:
        sent = outreach.record_sent(
            owner=request.user,
            person_id=person_id,
            text=form.cleaned_data["text"],
            purpose=Purpose.THANKS.value,
        )
    except ValidationError as error:
        return action_failed(request, first_message(error), default_next=default)
    name = sent.interaction.people.first()
    return action_done(
        request,
        f"Logged your thank-you to {name.full_name if name else 'them'}.",
        default_next=default,
    )


@login_required
@require_POST
def lead_person(request: HttpRequest, lead_id: int) -> HttpResponse:
    lead = or_404(selectors.get_lead, owner=request.user, lead_id=lead_id)
    form = PersonForm(request.POST)
    if form.is_valid():
        person_id = resolve_name_field(form, "person", request.user)
        if person_id is not None:
            services.add_person(
                owner=request.user,
                lead_id=lead.pk,
                person_id=person_id,
                role=form.cleaned_data["role"],
            )
            messages.success(request, "Added to the lead.")
            return redirect("lead_detail", lead_id=lead.pk)
    problems = [str(e) for errors in form.errors.values() for e in errors]
    messages.error(request, problems[0] if problems else "Type the name of someone you know.")
    return redirect("lead_detail", lead_id=lead.pk)


@login_required
@require_POST
def lead_person_remove(request: HttpRequest, lead_id: int, person_id: int) -> HttpResponse:
    lead = or_404(selectors.get_lead, owner=request.user, lead_id=lead_id)
    try:
        services.remove_person(owner=request.user, lead_id=lead.pk, person_id=person_id)
    except ValidationError as error:
        messages.error(request, first_message(error))
    else:
        messages.success(request, "Removed from the lead (they stay in your network).")
    return redirect("lead_detail", lead_id=lead.pk)


@login_required
def lead_delete(request: HttpRequest, lead_id: int) -> HttpResponse:
    """GET asks to confirm; POST deletes the lead and its timeline (its people stay)."""
    lead = or_404(selectors.get_lead, owner=request.user, lead_id=lead_id)
    if request.method == "POST":
        services.delete_lead(owner=request.user, lead_id=lead.pk)
        messages.success(request, f"Deleted the lead: {lead}.")
        return redirect("leads")
    return render(request, "web/leads/confirm_delete.html", {"lead": lead})
