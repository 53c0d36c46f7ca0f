"""The Match page: paste a job posting, an article, an event or a note and see whose open needs
it serves, in groups (leads from people hiring or offering, things to share with people looking,
your own needs), best first with the matching words highlighted and one thing to do for each;
the people you know at the organisations it names and the warm paths to them; then mark a need
helped or log the give that met it, from the same page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mutuals.core.reciprocity import Direction, ExchangeKind
from mutuals.ledger import services as ledger
from mutuals.ledger.models import KIND_CHOICES as EXCHANGE_KIND_CHOICES
from mutuals.needs.match import PER_GROUP, match_text
from mutuals.needs.selectors import MATCH_TEXT_MAX, get_need, needs_for
from mutuals.web.forms import Form
from mutuals.web.views.common import action_done, action_failed, first_message, or_404

GIVE_TEXT_MAX = 500  # an exchange's text, as on the person page
GIVE_LINE_MAX = 120  # of the pasted text's first line proposed as what you gave
EMPTY_TEXT = "Give some text to match."
TOO_LONG = f"That text is too long; keep it under {MATCH_TEXT_MAX:,} characters."


class MatchForm(Form):
    # No max_length: a browser would cut a long paste short without a word; say it instead.
    text = forms.CharField(
        label="Paste a job posting, article, event or note",
        strip=False,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="mutuals finds the open needs it serves, yours and your contacts', and who "
        "you know at the organisations it names.",
    )

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        if not text.strip():
            raise ValidationError(EMPTY_TEXT)
        if len(text) > MATCH_TEXT_MAX:
            raise ValidationError(TOO_LONG)
        return text


class GiveForm(Form):
    kind = forms.ChoiceField(choices=EXCHANGE_KIND_CHOICES)
    text = forms.CharField(
        max_length=GIVE_TEXT_MAX,
        error_messages={
            "required": "Say in a few words what you gave.",
            "max_length": f"Keep what you gave under {GIVE_TEXT_MAX} characters.",
        },
    )


@login_required
def match(request: HttpRequest) -> HttpResponse:
    form = MatchForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {"form": form, "kinds": EXCHANGE_KIND_CHOICES, "matched": False}
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        result = match_text(owner=request.user, text=text, per_group=PER_GROUP)
        context.update(
            matched=True,
            text=text,
            result=result,
            results=result.needs,
            give_text=_give_text(text),
            give_kind=ExchangeKind.INFORMATION.value,
        )
    if not context.get("results"):
        context["has_open_needs"] = needs_for(owner=request.user).exists()
    return render(request, "web/match/match.html", context)


def _give_text(text: str) -> str:
    """What "Log a give" proposes: the pasted text's first line, as something you shared."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(first) > GIVE_LINE_MAX:
        first = first[: GIVE_LINE_MAX - 1].rstrip() + "…"
    return f"Shared: {first}"


@login_required
@require_POST
def match_give(request: HttpRequest, need_id: int) -> HttpResponse:
    """Record a give to the person behind a need, fulfilling it (the need becomes helped)."""
    need = or_404(get_need, owner=request.user, need_id=need_id)
    back = reverse("match")
    if need.person_id is None:
        return action_failed(
            request, "This need is yours: mark it done instead.", default_next=back
        )
    form = GiveForm(request.POST)
    if not form.is_valid():
        errors = [message for messages in form.errors.values() for message in messages]
        return action_failed(request, errors[0], default_next=back)
    try:
        ledger.record_exchange(
            owner=request.user,
            person_id=need.person_id,
            direction=Direction.GAVE.value,
            kind=form.cleaned_data["kind"],
            text=form.cleaned_data["text"],
            need_id=need.pk,
        )
    except ValidationError as error:
        return action_failed(request, first_message(error), default_next=back)
    name = need.person.full_name if need.person else "them"
    return action_done(
        request,
        f"Recorded your give to {name}; their need is marked helped: {need.text}",
        default_next=back,
    )
