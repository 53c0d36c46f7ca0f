"""The home page: today's agenda, who to reach out to and why, with a quick "Note a need" form;
and the agenda's thank-you actions (thanked, and its undo)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from mutuals.agenda.selectors import today_agenda
from mutuals.core.agenda import KIND_ORDER, AgendaItem, ItemKind
from mutuals.ledger import services as ledger
from mutuals.needs import services as need_services
from mutuals.people.selectors import count_people
from mutuals.web.forms import AgendaNeedForm, add_service_errors
from mutuals.web.views.common import (
    action_done,
    action_failed,
    first_message,
    or_404,
    resolve_name_field,
)

HEADINGS = {
    ItemKind.PROMISE: ("Promises due", "Follow-ups you said you would do."),
    ItemKind.OCCASION: (
        "Birthdays and occasions",
        "Coming up in the next few days: a short note on the day means a lot.",
    ),
    ItemKind.INTRODUCTION: (
        "Introductions",
        "Thank whoever introduced you, follow up while it is warm, and make the ones you offered.",
    ),
    ItemKind.THANK_YOU: (
        "Thank-yous owed",
        "They helped you weeks ago and nothing has gone back yet: thank them, or give something.",
    ),
    ItemKind.NEW_ACQUAINTANCE: (
        "New acquaintances",
        "People you met this week: a short note now keeps the connection going.",
    ),
    ItemKind.KEEP_IN_TOUCH: ("Keep in touch", "Due for a catch-up by how close you are."),
    ItemKind.ASK_UNANSWERED: (
        "Asks still unanswered",
        "A week or more without an answer: a friendly follow-up, or mark it answered.",
    ),
    ItemKind.NEED_REVIEW: (
        "Needs to review",
        "Not looked at for a month: read them again, so you notice what could help.",
    ),
    ItemKind.DORMANT: (
        "Dormant ties worth reviving",
        "Once strong, long silent: old ties often bring the freshest help.",
    ),
}


@dataclass(frozen=True)
class Section:
    kind: str
    heading: str
    hint: str
    items: list[AgendaItem]
    more: int


def _sections(request: HttpRequest) -> list[Section]:
    agenda = today_agenda(owner=request.user, today=timezone.localdate())
    sections = []
    for kind in KIND_ORDER:
        items = [item for item in agenda.items if item.kind == kind]
        if items:
            heading, hint = HEADINGS[kind]
            more = agenda.totals.get(kind, 0) - len(items)
            sections.append(Section(str(kind), heading, hint, items, more))
    return sections


def _render(request: HttpRequest, need_form: AgendaNeedForm) -> HttpResponse:
    sections = _sections(request)
    context = {
        "today": timezone.localdate(),
        "sections": sections,
        "has_people": bool(sections) or count_people(owner=request.user) > 0,
        "need_form": need_form,
    }
    return render(request, "web/today.html", context)


@login_required
def today(request: HttpRequest) -> HttpResponse:
    return _render(request, AgendaNeedForm(prefix="need"))


@login_required
@require_POST
def note_need(request: HttpRequest) -> HttpResponse:
    """The agenda's "Note a need": someone's (a name) or, with no name, your own."""
    form = AgendaNeedForm(request.POST, prefix="need")
    if form.is_valid():
        person_id = resolve_name_field(form, "person", request.user)
        if not form.errors:
            try:
                need = need_services.add_need(
                    owner=request.user,
                    person_id=person_id,
                    text=form.cleaned_data["text"],
                    kind=form.cleaned_data["kind"] or "other",
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                whose = f"what {need.person.full_name} needs" if need.person else "what you need"
                messages.success(request, f"Noted {whose}: {need.text}")
                return redirect("today")
    return _render(request, form)


@login_required
@require_POST
def exchange_thanked(request: HttpRequest, exchange_id: int) -> HttpResponse:
    try:
        exchange: Any = or_404(ledger.mark_thanked, owner=request.user, exchange_id=exchange_id)
    except ValidationError as error:
        return action_failed(request, first_message(error), default_next=reverse("today"))
    return action_done(
        request,
        f"Thanked {exchange.person.full_name} for: {exchange.text}",
        default_next=reverse("today"),
        undo_url=reverse("exchange_unthanked", args=[exchange.pk]),
    )


@login_required
@require_POST
def exchange_unthanked(request: HttpRequest, exchange_id: int) -> HttpResponse:
    exchange = or_404(ledger.unmark_thanked, owner=request.user, exchange_id=exchange_id)
    return action_done(request, f"Not thanked yet: {exchange.text}", default_next=reverse("today"))
