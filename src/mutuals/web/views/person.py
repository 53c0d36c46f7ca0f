"""One person's page, and what can be done from it or from the agenda: log a conversation,
add a promise, note that you reached out, snooze them. (Needs and the give/ask ledger shown
here are recorded by the views in `needs.py`.)"""

from __future__ import annotations

import datetime as dt
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

from mutuals.core import words
from mutuals.core.strength import tie_strength
from mutuals.events.selectors import met_at
from mutuals.interactions.models import Interaction
from mutuals.interactions.selectors import timeline
from mutuals.interactions.services import log_interaction
from mutuals.leads.selectors import leads_for_person
from mutuals.ledger.selectors import ledger_of
from mutuals.needs.selectors import as_open_needs, needs_for
from mutuals.network.selectors import knows_of_person
from mutuals.network.services import knows_someone as record_knows_someone
from mutuals.people import services
from mutuals.people.models import Person
from mutuals.people.selectors import get_person, positions_of
from mutuals.people.services import tie_inputs
from mutuals.promises.selectors import promises_for
from mutuals.promises.services import create_promise
from mutuals.web.forms import (
    AskForm,
    ExchangeForm,
    Form,
    IntroductionForm,
    NeedForm,
    PromiseForm,
    QuickLogForm,
    add_service_errors,
)
from mutuals.web.views.common import action_done, or_404, snooze_action
from mutuals.web.views.interactions import after_logging
from mutuals.web.views.people import people_names
from mutuals.web.views.person_extras import person_extras_context
from mutuals.web.views.positions import position_form

REACHED_OUT = "Reached out"


TIMELINE_RECENT = 20
LEDGER_RECENT = 10


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = or_404(get_person, owner=request.user, person_id=person_id, photo_flag=True)
    return render_detail(request, person)


def render_detail(
    request: HttpRequest,
    person: Person,
    log_form: QuickLogForm | None = None,
    promise_form: PromiseForm | None = None,
    **ledger_forms: Form,
) -> HttpResponse:
    conversations = timeline(owner=request.user, person_id=person.pk)
    show_all = request.GET.get("timeline") == "all"
    shown = list(conversations if show_all else conversations[:TIMELINE_RECENT])
    today = timezone.localdate()
    context = {
        "person": person,
        **_tie_context(person, shown, today),
        "timeline": shown,
        "timeline_hidden": 0 if show_all else max(0, person.interaction_count - TIMELINE_RECENT),
        "promises": list(promises_for(owner=request.user, person_id=person.pk)),
        "person_leads": leads_for_person(owner=request.user, person_id=person.pk),
        "met_at": met_at(owner=request.user, person_id=person.pk),
        **_positions_context(request.user, person),
        "log_form": log_form or QuickLogForm(prefix="log"),
        "promise_form": promise_form or PromiseForm(prefix="promise", with_person=False),
        "today": today,
        "snoozed": person.snoozed_until and person.snoozed_until > timezone.localdate(),
        **_ledger_context(request.user, person, ledger_forms),
        **_knows_context(request.user, person, ledger_forms.get("knows_form")),
        **person_extras_context(request.user, person.pk, getattr(person, "has_photo", None)),
    }
    return render(request, "web/people/detail.html", context)


def _positions_context(owner: Any, person: Person) -> dict[str, Any]:
    """Where they worked (one query); "Before" in the heading names only the ones they left."""
    positions = list(positions_of(owner=owner, person_id=person.pk))
    return {
        "positions": positions,
        "positions_before": [p for p in positions if not p.is_current],
        "position_form": position_form(),
    }


def _tie_context(person: Person, shown: list[Interaction], today: dt.date) -> dict[str, Any]:
    """How strong the tie is and why, in words; `shown` is the timeline, newest first."""
    inputs = tie_inputs(person)
    strength = tie_strength(inputs, today)
    change = words.tie_change(inputs, today, [i.occurred_on for i in shown[:4]])
    return {
        "strength": strength,
        "tie_change": "" if change == words.HOLDING else change,
        "tie_summary": words.tie_summary(inputs, today),
        "tie_reasons": words.reasons_beyond_summary(strength.reasons),
        "last_conversation": shown[0] if shown else None,
    }


class KnowsForm(Form):
    name = forms.CharField(
        label="They know",
        max_length=300,
        help_text="Someone in your records, or a new name: they are added as someone you know of.",
        widget=forms.TextInput(attrs={"list": "people-names", "autocomplete": "off"}),
    )
    note = forms.CharField(
        label="How", required=False, max_length=300, help_text="e.g. worked together at Orion"
    )
    strength = forms.ChoiceField(
        label="How well",
        choices=[("0.8", "Well"), ("0.5", "Fairly well"), ("0.25", "A little")],
        initial="0.5",
    )


def _knows_context(owner: Any, person: Person, bound: Form | None) -> dict[str, Any]:
    edges = knows_of_person(owner=owner, person=person)
    return {
        "they_know_unknown": [(e, o) for e, o in edges if o.tier is None],
        "they_know_known": [(e, o) for e, o in edges if o.tier is not None],
        "knows_form": bound or KnowsForm(prefix="knows"),
    }


@login_required
@require_POST
def person_knows(request: HttpRequest, person_id: int) -> HttpResponse:
    """Note that this person knows someone; a name nobody has becomes a person you know of."""
    person = or_404(get_person, owner=request.user, person_id=person_id)
    form = KnowsForm(request.POST, prefix="knows")
    if form.is_valid():
        try:
            _, other = record_knows_someone(
                owner=request.user,
                person_id=person.pk,
                name=form.cleaned_data["name"],
                strength=float(form.cleaned_data["strength"]),
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error, aliases={"knows": "name"})
        else:
            messages.success(request, f"Noted that {person.full_name} knows {other.full_name}.")
            return redirect(reverse("person_detail", args=[person.pk]) + "#knows-heading")
    return render_detail(request, person, knows_form=form)


def _ledger_context(owner: Any, person: Person, bound: dict[str, Form]) -> dict[str, Any]:
    """The Needs and Give and take sections; `bound` holds a form sent back with errors."""
    their_needs = list(needs_for(owner=owner, person_id=person.pk))
    ledger = ledger_of(
        owner=owner,
        person=person,
        open_needs=as_open_needs(their_needs),
        today=timezone.localdate(),
        recent=LEDGER_RECENT,
    )
    return {
        "needs": their_needs,
        "balance": ledger.balance,
        "exchanges": ledger.exchanges,
        "asks": ledger.asks,
        "ask_warning": ledger.ask_warning,
        "people_names": people_names(owner),
        "need_form": bound.get("need_form") or NeedForm(prefix="need"),
        "exchange_form": bound.get("exchange_form")
        or ExchangeForm(prefix="exchange", needs=their_needs),
        "introduction_form": bound.get("introduction_form") or IntroductionForm(prefix="intro"),
        "ask_form": bound.get("ask_form") or AskForm(prefix="ask"),
    }


@login_required
@require_POST
def person_log(request: HttpRequest, person_id: int) -> HttpResponse:
    person = or_404(get_person, owner=request.user, person_id=person_id)
    form = QuickLogForm(request.POST, prefix="log")
    if form.is_valid():
        try:
            interaction = log_interaction(
                owner=request.user,
                person_ids=[person.pk],
                summary=form.cleaned_data["summary"],
                occurred_on=form.cleaned_data["occurred_on"],
                kind=form.cleaned_data["kind"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Logged the conversation.")
            return after_logging(request, interaction, reverse("person_detail", args=[person.pk]))
    return render_detail(request, person, log_form=form)


@login_required
@require_POST
def person_promise(request: HttpRequest, person_id: int) -> HttpResponse:
    person = or_404(get_person, owner=request.user, person_id=person_id)
    form = PromiseForm(request.POST, prefix="promise", with_person=False)
    if form.is_valid():
        try:
            create_promise(
                owner=request.user,
                person_id=person.pk,
                text=form.cleaned_data["text"],
                due_on=form.cleaned_data["due_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Promise added.")
            return redirect("person_detail", person_id=person.pk)
    return render_detail(request, person, promise_form=form)


@login_required
@require_POST
def person_reached_out(request: HttpRequest, person_id: int) -> HttpResponse:
    person = or_404(get_person, owner=request.user, person_id=person_id)
    interaction = log_interaction(
        owner=request.user,
        person_ids=[person.pk],
        summary=REACHED_OUT,
        kind="message",
        initiated_by="me",
    )
    return action_done(
        request,
        f"Logged that you reached out to {person.full_name} today.",
        default_next=reverse("today"),
        undo_url=reverse("interaction_delete", args=[interaction.pk]),
    )


@login_required
@require_POST
def person_snooze(request: HttpRequest, person_id: int) -> HttpResponse:
    person = or_404(get_person, owner=request.user, person_id=person_id)
    return snooze_action(
        request,
        snooze=lambda until: services.snooze_person(
            owner=request.user, person_id=person.pk, until=until
        ),
        done=lambda until: f"{person.full_name} is snoozed until {until:%-d %b %Y}.",
        undo_url=reverse("person_unsnooze", args=[person.pk]),
        default_next=reverse("today"),
    )


@login_required
@require_POST
def person_unsnooze(request: HttpRequest, person_id: int) -> HttpResponse:
    person = or_404(get_person, owner=request.user, person_id=person_id)
    services.unsnooze_person(owner=request.user, person_id=person.pk)
    return action_done(
        request,
        f"{person.full_name} is back on your agenda when due.",
        default_next=reverse("person_detail", args=[person.pk]),
    )
