"""The home page: today's plan, a few people to reach out to and why (numbered, "3 of 5 done",
"Do one more" once it is done), the coming days to browse, and a quick "Note a need" form; and
the agenda's thank-you actions (thanked, and its undo)."""

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
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from mutuals.accounts.selectors import preferences_of
from mutuals.agenda.cache import cached_plan
from mutuals.agenda.meetings import upcoming_meetings
from mutuals.core.agenda import COMING_DAYS, AgendaItem, ItemKind
from mutuals.core.drafts import Purpose
from mutuals.leads.thanks import Thanks, everyone_who_helped
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

# What each kind of item is, as a small label beside the person's name.
KIND_LABELS = {
    ItemKind.PROMISE: "Promise",
    ItemKind.ASSIGNMENT: "From your coach",
    ItemKind.OCCASION: "Occasion",
    ItemKind.INTRODUCTION: "Introduction",
    ItemKind.THANK_YOU: "Thank-you owed",
    ItemKind.NEW_ACQUAINTANCE: "New acquaintance",
    ItemKind.KEEP_IN_TOUCH: "Keep in touch",
    ItemKind.ASK_UNANSWERED: "Ask unanswered",
    ItemKind.NEED_REVIEW: "Need to review",
    ItemKind.DORMANT: "Dormant tie",
    ItemKind.INTERVIEW: "Interview prep",
    ItemKind.REFERRAL_THANKS: "Thank for a referral",
    ItemKind.APPLICATION: "Application follow-up",
    ItemKind.EVENT_FOLLOW_UP: "Event follow-up",
}
MAX_MORE = 100
# The draft each kind of item starts from on Compose ("Draft…"); kinds not here have none.
DRAFT_PURPOSES = {
    ItemKind.OCCASION: Purpose.CONGRATULATE,
    ItemKind.THANK_YOU: Purpose.THANKS,
    ItemKind.REFERRAL_THANKS: Purpose.THANKS,
    ItemKind.NEW_ACQUAINTANCE: Purpose.FOLLOW_UP,
    ItemKind.KEEP_IN_TOUCH: Purpose.RECONNECT,
    ItemKind.ASK_UNANSWERED: Purpose.FOLLOW_UP,
    ItemKind.DORMANT: Purpose.RECONNECT,
}


@dataclass(frozen=True)
class Entry:
    """An item as the page shows it, with what kind it is in words and the address of its
    draft on Compose ("I sent it" there comes back to `back`, this page)."""

    item: AgendaItem
    label: str
    back: str = ""

    @property
    def draft_url(self) -> str:
        purpose = DRAFT_PURPOSES.get(self.item.kind)
        if purpose is None or self.item.person_id is None:
            return ""
        query: dict[str, object] = {"person": self.item.person_id, "purpose": purpose.value}
        if self.item.exchange_id is not None:
            query["exchange"] = self.item.exchange_id
        if self.back:
            query["next"] = self.back
        return reverse("compose") + "?" + urlencode(query)


def _more(request: HttpRequest) -> int:
    """How many items "Do one more" pulled forward: ?more=N, anything else counts as none."""
    raw = request.GET.get("more", "")
    return min(int(raw), MAX_MORE) if raw.isdigit() else 0


def _render(request: HttpRequest, need_form: AgendaNeedForm) -> HttpResponse:
    day = timezone.localdate()
    more = _more(request)
    plan = cached_plan(request.user, day, extra=more)
    back = reverse("today") + (f"?more={more}" if more else "")
    entries = [Entry(item, KIND_LABELS[item.kind], back) for item in plan.items]
    show_all = request.GET.get("coming") == "all"
    shown = plan.coming(None if show_all else COMING_DAYS)
    later = [
        (on, [Entry(item, KIND_LABELS[item.kind], back) for item in items]) for on, items in shown
    ]
    hidden = sum(len(items) for _, items in plan.later[len(shown) :])
    context = {
        "today": day,
        "plan": plan,
        "entries": entries,
        "later": later,
        "later_hidden": hidden,
        "later_open": show_all,
        "show_all_url": back + ("&" if more else "?") + "coming=all#coming-days",
        "next_more": more + 1,
        "has_people": plan.total_due > 0 or count_people(owner=request.user) > 0,
        "need_form": need_form,
        "thanks": _thanks(request, day),
        "meetings": upcoming_meetings(owner=request.user),
        "this_page": request.get_full_path(),  # every item's buttons come back here
    }
    return render(request, "web/today.html", context)


def _thanks(request: HttpRequest, day: Any) -> Thanks | None:
    """Once you have landed (keep-in-touch mode), everyone who helped, for Today's list."""
    if preferences_of(request.user).landed_on is None:
        return None
    return everyone_who_helped(owner=request.user, today=day)


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
