"""The home page: today's agenda, who to reach out to and why."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from mutuals.agenda.selectors import today_agenda
from mutuals.core.agenda import KIND_ORDER, AgendaItem, ItemKind
from mutuals.people.selectors import count_people

HEADINGS = {
    ItemKind.PROMISE: ("Promises due", "Follow-ups you said you would do."),
    ItemKind.NEW_ACQUAINTANCE: (
        "New acquaintances",
        "People you met this week: a short note now keeps the connection going.",
    ),
    ItemKind.KEEP_IN_TOUCH: ("Keep in touch", "Due for a catch-up by how close you are."),
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


@login_required
def today(request: HttpRequest) -> HttpResponse:
    day = timezone.localdate()
    agenda = today_agenda(owner=request.user, today=day)
    sections = []
    for kind in KIND_ORDER:
        items = [item for item in agenda.items if item.kind == kind]
        if items:
            heading, hint = HEADINGS[kind]
            more = agenda.totals.get(kind, 0) - len(items)
            sections.append(Section(str(kind), heading, hint, items, more))
    context = {
        "today": day,
        "sections": sections,
        "has_people": bool(sections) or count_people(owner=request.user) > 0,
    }
    return render(request, "web/today.html", context)
