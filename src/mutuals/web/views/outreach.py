"""The Compose page: write a message (or start from a draft) and get honest feedback as you
type: the passages that will land badly are highlighted, each with why and what to write
instead, and **Apply** puts a suggested rewrite in place. Nothing here is recorded or sent.

Without JavaScript, **Check** posts the form and the page comes back with the same review.
With htmx, typing posts to `compose_review` after a pause and only the review is replaced;
**Apply** posts the form and replaces it whole (the text changed server-side).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from mutuals.core.drafts import PURPOSE_LABELS, Purpose
from mutuals.core.outreach import Finding, Review, describe_change
from mutuals.core.sent_messages import SENT_LABELS, Channel
from mutuals.interactions.selectors import get_interaction
from mutuals.outreach import selectors, services
from mutuals.outreach.selectors import FACT_MAX, MESSAGE_MAX, DraftRequest, Recipient, SendLinks
from mutuals.people.models import Person
from mutuals.people.selectors import get_person
from mutuals.web.forms import Form, IdField, add_service_errors, as_id, same_name
from mutuals.web.views.common import next_url, or_404, resolve_name_field
from mutuals.web.views.people import people_names

EMPTY = "Write or paste the message to review."
TOO_LONG = f"That message is too long; keep it under {MESSAGE_MAX:,} characters."
STALE = "That suggestion no longer fits the text, which changed; here is a fresh review."
PURPOSE_CHOICES = [(purpose.value, PURPOSE_LABELS[purpose]) for purpose in Purpose]
CHANNEL_CHOICES = [(Channel.EMAIL.value, "E-mail"), (Channel.LINKEDIN.value, "LinkedIn")]
NO_RECIPIENT = "Say who you sent it to: someone in your network."


class ComposeForm(Form):
    to = forms.CharField(
        label="To",
        required=False,
        max_length=300,
        help_text="Someone in your network: the review then knows your history with them.",
        widget=forms.TextInput(attrs={"list": "people-names", "autocomplete": "off"}),
    )
    person = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # No max_length: a browser would cut a long paste short without a word; say it instead.
    text = forms.CharField(
        label="Your message",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "true"}),
    )

    # What "I sent it" records besides the text: the draft's purpose and subject, the receive a
    # thank-you is for, and how it was sent. The review ignores them.
    purpose = forms.ChoiceField(
        required=False, choices=[("", ""), *PURPOSE_CHOICES], widget=forms.HiddenInput
    )
    subject = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)
    exchange = IdField(required=False)
    channel = forms.ChoiceField(label="Sent by", required=False, choices=CHANNEL_CHOICES)

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        if not text.strip():
            raise ValidationError(EMPTY)
        if len(text) > MESSAGE_MAX:
            raise ValidationError(TOO_LONG)
        return text


class DraftForm(Form):
    """Start from a draft: read from the query string, so the person page can link to it."""

    person = IdField()
    purpose = forms.ChoiceField(label="Draft a message to", choices=PURPOSE_CHOICES)
    target = forms.CharField(
        label="Who you would like to meet",
        required=False,
        max_length=300,
        help_text="For an introduction: someone in your network.",
        widget=forms.TextInput(attrs={"list": "people-names", "autocomplete": "off"}),
    )
    ask = forms.CharField(
        label="A small ask",
        required=False,
        max_length=FACT_MAX,
        help_text="e.g. their take on moving into product.",
    )
    share = forms.CharField(
        label="What you are sharing", required=False, max_length=FACT_MAX,
        help_text="A link or a title.",
    )  # fmt: skip
    occasion = forms.CharField(
        label="Their news", required=False, max_length=FACT_MAX, help_text="e.g. the new role."
    )
    received = forms.CharField(
        label="What they did for you",
        required=False,
        max_length=FACT_MAX,
        help_text="Leave empty for the latest thing you received from them.",
    )


@dataclass
class Outcome:
    """What the page shows under the form: the review of `text`, for whom, and what Apply did."""

    review: Review | None = None
    recipient: Recipient | None = None
    text: str = ""
    applied: str = ""

    @property
    def findings(self) -> list[dict[str, Any]]:
        """Each finding with the words it is about and the key its Apply button sends."""
        if self.review is None:
            return []
        return [
            {"finding": f, "quote": self.text[f.start : f.end].strip(), "key": _key(f)}
            for f in self.review.findings
        ]

    @property
    def spans(self) -> list[tuple[int, int]]:
        """The passages to highlight: what the findings are about, when that is a passage
        rather than the whole message."""
        if self.review is None:
            return []
        whole = len(self.text.strip())
        return [
            (f.start, f.end)
            for f in self.review.findings
            if f.end > f.start and f.end - f.start < whole
        ]


@login_required
def compose(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _posted(request)
    context: dict[str, Any] = {"outcome": Outcome()}
    initial: dict[str, Any] = {}
    person_id = _person_asked_for(request)
    if person_id is not None:
        person = or_404(get_person, owner=request.user, person_id=person_id)
        initial = {"to": person.full_name, "person": person.pk}
        if as_id(request.GET.get("exchange")) is not None:
            initial["exchange"] = as_id(request.GET.get("exchange"))
        context["draft_form"] = _draft_form(request, person.pk)
        context["back"] = next_url(request, "")  # another draft still comes back there
        if "purpose" in request.GET:
            context.update(_drafted(request, context["draft_form"], initial))
    context["form"] = ComposeForm(initial=initial)
    return _page(request, context)


@login_required
@require_POST
def compose_review(request: HttpRequest) -> HttpResponse:
    """The review alone, for htmx while the user types."""
    form = ComposeForm(request.POST)
    outcome = _review(request, form)
    return render(request, "web/outreach/_review.html", {"form": form, "outcome": outcome})


def _posted(request: HttpRequest) -> HttpResponse:
    form = ComposeForm(request.POST)
    outcome = _review(request, form)
    apply = request.POST.get("apply", "")
    if apply and outcome.review is not None:
        form, outcome = _apply(request, form, outcome, apply)
    context = {"form": form, "outcome": outcome, "focus_text": bool(apply)}
    if outcome.recipient is not None:
        context["draft_form"] = _draft_form(request, outcome.recipient.person.pk)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "web/outreach/_compose_form.html", _with_send(request, context))
    return _page(request, context)


def _review(request: HttpRequest, form: ComposeForm) -> Outcome:
    """The review of the form's text in its recipient's context; errors go on the form."""
    if not form.is_valid():
        return Outcome()
    person_id = _recipient_id(request, form)  # an unclear name: reviewed without context
    try:
        found, recipient = selectors.review_message(
            owner=request.user,
            text=form.cleaned_data["text"],
            today=timezone.localdate(),
            person_id=person_id,
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return Outcome()
    return Outcome(review=found, recipient=recipient, text=form.cleaned_data["text"])


def _recipient_id(request: HttpRequest, form: ComposeForm) -> int | None:
    """The person the message is for: the one the page was opened for while the name still
    says so, else whoever the typed name means (an error on the form when it is unclear)."""
    name = form.cleaned_data.get("to", "").strip()
    if not name:
        return None
    person_id = as_id(form.cleaned_data.get("person"))
    if person_id is not None:
        try:
            person = get_person(owner=request.user, person_id=person_id)
        except ObjectDoesNotExist:
            pass
        else:
            if same_name(person.full_name, name):
                return person.pk
    return resolve_name_field(form, "to", request.user)


def _apply(
    request: HttpRequest, form: ComposeForm, outcome: Outcome, apply: str
) -> tuple[ComposeForm, Outcome]:
    """Replace one finding's span by its replacement, as the server's own review of the same
    text has it (a stale or forged span changes nothing), and review the new text."""
    assert outcome.review is not None
    text = form.cleaned_data["text"]
    finding = next(
        (f for f in outcome.review.findings if f.replacement is not None and _key(f) == apply),
        None,
    )
    if finding is None or finding.replacement is None:
        outcome.applied = STALE
        return form, outcome
    new_text = text[: finding.start] + finding.replacement + text[finding.end :]
    data = request.POST.copy()
    data["text"] = new_text
    new_form = ComposeForm(data)
    new_outcome = _review(request, new_form)
    new_outcome.applied = f"Applied. {describe_change(text, finding)}"
    return new_form, new_outcome


def _key(finding: Finding) -> str:
    return f"{finding.code}:{finding.start}:{finding.end}"


def _drafted(
    request: HttpRequest, draft_form: DraftForm, initial: dict[str, Any]
) -> dict[str, Any]:
    """A draft for the person and purpose in the query string, as the form's starting text."""
    if not draft_form.is_valid():
        return {}
    data = draft_form.cleaned_data
    target_id = resolve_name_field(draft_form, "target", request.user) if data["target"] else None
    if draft_form.errors:
        return {}
    try:
        written, found, recipient = selectors.draft_message(
            owner=request.user,
            person_id=data["person"],
            purpose=data["purpose"],
            today=timezone.localdate(),
            request=DraftRequest(
                target_id=target_id,
                ask=data["ask"],
                share=data["share"],
                occasion=data["occasion"],
                received=data["received"],
            ),
        )
    except ValidationError as error:
        add_service_errors(draft_form, error)
        return {}
    initial.update(text=written.text, purpose=written.purpose.value, subject=written.subject)
    return {
        "draft": written,
        "outcome": Outcome(review=found, recipient=recipient, text=written.text),
    }


def _draft_form(request: HttpRequest, person_id: int) -> DraftForm:
    if "purpose" in request.GET:
        return DraftForm(request.GET)
    return DraftForm(initial={"person": person_id, "purpose": Purpose.RECONNECT.value})


def _page(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    context.setdefault("draft", None)
    context["people_names"] = people_names(request.user)
    context["message_max"] = MESSAGE_MAX
    return render(request, "web/outreach/compose.html", _with_send(request, context))


def _with_send(request: HttpRequest, context: dict[str, Any]) -> dict[str, Any]:
    """Copy, the e-mail link, LinkedIn and "I sent it", once the message has a recipient."""
    outcome: Outcome = context["outcome"]
    form: ComposeForm = context["form"]
    if outcome.recipient is None or not outcome.text.strip():
        return context
    draft = context.get("draft")
    person = outcome.recipient.person
    context["send"] = send_context(
        person,
        subject=draft.subject if draft else str(form["subject"].value() or ""),
        text=outcome.text,
        purpose=draft.purpose.value if draft else str(form["purpose"].value() or ""),
        back=next_url(request, reverse("person_detail", args=[person.pk])),
    )
    return context


def send_context(
    person: Person, *, subject: str, text: str, purpose: str, back: str
) -> dict[str, Any]:
    """What the send actions show for a message to `person` (web/outreach/_send.html); `back`
    is where "I sent it" returns to."""
    links: SendLinks = selectors.send_links(person=person, subject=subject, text=text)
    channel = Channel.LINKEDIN if links.linkedin_url and not links.email else Channel.EMAIL
    return {
        "person": person,
        "first_name": selectors.first_name(person),
        "links": links,
        "subject": subject,
        "text": text,
        "purpose": purpose,
        "channel": channel.value,
        "channels": CHANNEL_CHOICES,
        "next": back,
    }


@login_required
@require_POST
def draft_sent(request: HttpRequest) -> HttpResponse:
    """ "I sent it": log the message as a conversation you started (and, for a thank-you, the
    thanks), then go back where the user was, with an Undo link."""
    form = ComposeForm(request.POST)
    person_id = _recipient_id(request, form) if form.is_valid() else None
    if form.is_valid() and person_id is None:
        form.add_error("to", NO_RECIPIENT)
    if form.is_valid() and person_id is not None:
        data = form.cleaned_data
        try:
            sent = services.record_sent(
                owner=request.user,
                person_id=person_id,
                text=data["text"],
                purpose=data["purpose"],
                channel=data["channel"] or Channel.EMAIL.value,
                exchange_id=data["exchange"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _sent(request, sent)
    context = {"form": form, "outcome": _review(request, form), "focus_text": False}
    return _page(request, context)


def _sent(request: HttpRequest, sent: services.Sent) -> HttpResponse:
    person = sent.interaction.people.get()
    back = next_url(request, reverse("person_detail", args=[person.pk]))
    query = {"next": back}
    if sent.thanked is not None:
        query["exchange"] = str(sent.thanked.pk)
    undo = reverse("sent_undo", args=[sent.interaction.pk]) + "?" + urlencode(query)
    what = SENT_LABELS.get(request.POST.get("purpose", ""), "message").lower()
    thanked = f" and marked “{sent.thanked.text}” thanked" if sent.thanked else ""
    messages.success(
        request,
        format_html(
            'Logged the {} you sent {} today as a conversation{}. <a href="{}">Undo</a>',
            what,
            person.full_name,
            thanked,
            undo,
        ),
    )
    return redirect(back)


@login_required
def sent_undo(request: HttpRequest, interaction_id: int) -> HttpResponse:
    """Undo "I sent it": GET asks, POST deletes the conversation (and the thanks it marked)."""
    interaction = or_404(get_interaction, owner=request.user, interaction_id=interaction_id)
    exchange_id = as_id(request.POST.get("exchange") or request.GET.get("exchange"))
    back = next_url(request, reverse("today"))
    if request.method == "POST":
        or_404(
            services.undo_sent,
            owner=request.user,
            interaction_id=interaction.pk,
            exchange_id=exchange_id,
        )
        messages.success(request, "Undone: that conversation is no longer logged.")
        return redirect(back)
    context = {"interaction": interaction, "exchange_id": exchange_id, "next": back}
    return render(request, "web/outreach/confirm_undo.html", context)


def _person_asked_for(request: HttpRequest) -> int | None:
    """`?person=ID` from a person page's link; a value that cannot be an id is a 404, like an id
    that is not yours."""
    value = request.GET.get("person", "")
    if not value:
        return None
    person_id = as_id(value)
    if person_id is None:
        raise Http404("Not found.")
    return person_id
