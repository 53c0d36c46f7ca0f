"""One person's page, and what can be done from it or from the agenda: log a conversation,
add a promise, note that you reached out, snooze them. (Needs and the give/ask ledger shown
here are recorded by the views in `needs.py`.)"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.views.decorators.http import require_POST

from mutuals.changes.kept import Kept, Shelf
from mutuals.core import words
from mutuals.core.strength import tie_strength
from mutuals.events.models import EventPerson
from mutuals.events.selectors import met_at
from mutuals.interactions.models import Interaction
from mutuals.interactions.selectors import timeline
from mutuals.interactions.services import log_interaction
from mutuals.leads.models import LeadPerson
from mutuals.leads.selectors import leads_for_person
from mutuals.ledger.selectors import ledger_of
from mutuals.needs.models import Need
from mutuals.needs.selectors import as_open_needs, needs_for
from mutuals.network.models import Knows
from mutuals.network.selectors import knows_of_person
from mutuals.network.services import knows_someone as record_knows_someone
from mutuals.people import services
from mutuals.people.models import EmailAddress, ImportantDate, Person, PhoneNumber, Position
from mutuals.people.selectors import (
    dates_for,
    get_person,
    kinds_held,
    others_in,
    photo_of,
    positions_of,
)
from mutuals.people.services import tie_inputs
from mutuals.promises.models import Promise
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
from mutuals.web.views.common import action_done, or_404, snooze_action, url_for_each
from mutuals.web.views.interactions import after_logging
from mutuals.web.views.people import people_names
from mutuals.web.views.person_extras import person_extras_forms
from mutuals.web.views.positions import position_form

REACHED_OUT = "Reached out"


TIMELINE_RECENT = 20
LEDGER_RECENT = 10

# What a person's page shows of their records, kept per person until the owner's records change
# (`changes.kept`): the page is read far more often than any record changes. About 100 KB each
# (80 KB median, 180 KB at most, on the 30,000-person bench database): 25 MB a process at most.
PAGES = Shelf("person pages", 256)

# The kinds of records a person may have, read only when they have any (most have none).
KINDS: dict[str, tuple[type[Model], tuple[str, ...]]] = {
    "promises": (Promise, ("person",)),
    "leads": (LeadPerson, ("person",)),
    "events": (EventPerson, ("person",)),
    "positions": (Position, ("person",)),
    "needs": (Need, ("person",)),
    "knows": (Knows, ("person", "knows")),
    "dates": (ImportantDate, ("person",)),
    "circles": (Person.circles.through, ("person",)),
    "emails": (EmailAddress, ("person",)),
    "phones": (PhoneNumber, ("person",)),
}


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    owner = request.user
    today = timezone.localdate()
    show_all = request.GET.get("timeline") == "all"
    kept = Kept(owner, today)
    shown = kept.get(
        ("person", person_id, show_all),
        lambda: _shown_of(owner, person_id, today, show_all),
        shelf=PAGES,
    )
    if shown is None:
        raise Http404("Not found.")
    return _render(request, shown, kept.get("people_names", lambda: people_names(owner)), {})


def render_detail(
    request: HttpRequest,
    person: Person,
    log_form: QuickLogForm | None = None,
    promise_form: PromiseForm | None = None,
    **ledger_forms: Form,
) -> HttpResponse:
    """The page again with a form sent back with errors: read afresh, not kept (the request
    may have changed records before the error)."""
    today = timezone.localdate()
    show_all = request.GET.get("timeline") == "all"
    shown = _shown(request.user, person, today, show_all)
    bound: dict[str, Form | None] = {
        "log_form": log_form,
        "promise_form": promise_form,
        **ledger_forms,
    }
    return _render(request, shown, people_names(request.user), bound)


def _shown_of(owner: Any, person_id: int, today: dt.date, show_all: bool) -> dict[str, Any] | None:
    try:
        person = get_person(owner=owner, person_id=person_id, photo_flag=True, related=False)
    except Person.DoesNotExist:
        return None
    return _shown(owner, person, today, show_all)


def _shown(owner: Any, person: Person, today: dt.date, show_all: bool) -> dict[str, Any]:
    """What the page shows of a person's records (no forms): the same until they change. Lists,
    not querysets, and related records read in advance, so it can be kept and shared."""
    held = kinds_held(owner=owner, person_id=person.pk, kinds=KINDS)
    # Who else took part is read as names (`_conversations`), not as whole records.
    conversations = timeline(owner=owner, person_id=person.pk).prefetch_related(None)
    shown = list(conversations if show_all else conversations[:TIMELINE_RECENT])
    return {
        "person": person,
        "circles": list(person.circles.all()) if "circles" in held else [],
        "emails": list(person.emails.all()) if "emails" in held else [],
        "phones": list(person.phones.all()) if "phones" in held else [],
        **_tie_context(person, shown, today),
        "timeline": _conversations(owner, person, shown),
        "timeline_hidden": 0 if show_all else max(0, person.interaction_count - TIMELINE_RECENT),
        "promises": list(promises_for(owner=owner, person_id=person.pk))
        if "promises" in held
        else [],
        "person_leads": leads_for_person(owner=owner, person_id=person.pk)
        if "leads" in held
        else [],
        "met_at": met_at(owner=owner, person_id=person.pk) if "events" in held else None,
        **_positions_context(owner, person, "positions" in held),
        "today": today,
        "snoozed": bool(person.snoozed_until and person.snoozed_until > today),
        **_ledger_context(owner, person, today, "needs" in held),
        **_knows_context(owner, person, "knows" in held),
        "has_photo": _has_photo(owner, person),
        "dates": list(dates_for(owner=owner, person_id=person.pk)) if "dates" in held else [],
    }


@dataclass(frozen=True)
class Conversation:
    """One conversation on a person's timeline as the page shows it, worked out once and kept
    with the page: the template engine's own cost for each tag and lookup was most of the
    timeline's (three addresses reversed per conversation, and everyone's records read)."""

    interaction: Interaction
    others: list[tuple[str, str]]  # everyone else who took part: (their page's address, name)
    edit_url: str
    delete_url: str
    day: str  # "3 Mar 2026", in the actions' words for screen readers


def _conversations(owner: Any, person: Person, shown: list[Interaction]) -> list[Conversation]:
    ids = [interaction.pk for interaction in shown]
    others = others_in(owner=owner, person_id=person.pk, interaction_ids=ids) if ids else {}
    page_of = url_for_each("person_detail")
    edit_url, delete_url = url_for_each("interaction_edit"), url_for_each("interaction_delete")
    return [
        Conversation(
            interaction=interaction,
            others=[(page_of(pk), name) for pk, name in others.get(interaction.pk, [])],
            edit_url=edit_url(interaction.pk),
            delete_url=delete_url(interaction.pk),
            day=format_date(interaction.occurred_on, "j M Y"),
        )
        for interaction in shown
    ]


def _has_photo(owner: Any, person: Person) -> bool:
    """Read with the person (`get_person(photo_flag=True)`), or else asked now."""
    known = getattr(person, "has_photo", None)
    if known is not None:
        return bool(known)
    return photo_of(owner=owner, person_id=person.pk, image=False) is not None


def _render(
    request: HttpRequest,
    shown: dict[str, Any],
    names: list[str],
    bound: dict[str, Form | None],
) -> HttpResponse:
    """The page: what it shows, the names offered while typing, and its forms (blank, or the
    one in `bound` sent back with errors)."""

    def form(name: str, blank: Any) -> Any:
        return bound.get(name) or blank()

    context = {
        **shown,
        "people_names": names,
        "log_form": form("log_form", lambda: QuickLogForm(prefix="log")),
        "promise_form": form(
            "promise_form", lambda: PromiseForm(prefix="promise", with_person=False)
        ),
        "position_form": position_form(),
        "need_form": form("need_form", lambda: NeedForm(prefix="need")),
        "exchange_form": form(
            "exchange_form", lambda: ExchangeForm(prefix="exchange", needs=shown["needs"])
        ),
        "introduction_form": form("introduction_form", lambda: IntroductionForm(prefix="intro")),
        "ask_form": form("ask_form", lambda: AskForm(prefix="ask")),
        "knows_form": form("knows_form", lambda: KnowsForm(prefix="knows")),
        **person_extras_forms(),
        "this_page": request.get_full_path(),  # every item's buttons come back here
    }
    return render(request, "web/people/detail.html", context)


def _positions_context(owner: Any, person: Person, held: bool) -> dict[str, Any]:
    """Where they worked (one query when `held`); "Before" in the heading names only the ones
    they left."""
    positions = list(positions_of(owner=owner, person_id=person.pk)) if held else []
    return {
        "positions": positions,
        "positions_before": [p for p in positions if not p.is_current],
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


def _knows_context(owner: Any, person: Person, held: bool) -> dict[str, Any]:
    edges = knows_of_person(owner=owner, person=person) if held else []
    return {
        "they_know_unknown": [(e, o) for e, o in edges if o.tier is None],
        "they_know_known": [(e, o) for e, o in edges if o.tier is not None],
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


def _needs_of(owner: Any, person: Person) -> list[Need]:
    """Their open needs, without reading the person again with each (and whoever helped: an
    open need shows no helper): two whole person records joined to every need cost as much
    as the rest of the section."""
    needs = list(needs_for(owner=owner, person_id=person.pk).select_related(None))
    for need in needs:
        need.person = person
    return needs


def _ledger_context(owner: Any, person: Person, today: dt.date, held: bool) -> dict[str, Any]:
    """The Needs and Give and take sections; their needs are read when they have any (`held`)."""
    their_needs = _needs_of(owner, person) if held else []
    ledger = ledger_of(
        owner=owner,
        person=person,
        open_needs=as_open_needs(their_needs),
        today=today,
        recent=LEDGER_RECENT,
    )
    return {
        "needs": their_needs,
        "balance": ledger.balance,
        "exchanges": ledger.exchanges,
        "asks": ledger.asks,
        "ask_warning": ledger.ask_warning,
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
