"""E-mail history on the web: an mbox upload on the Import page (its report on a page of its
own) and the E-mail page: the addresses that are you, the people you wrote with who are not in
your records (add or dismiss, with undo), where mail came from (forget one, confirmed)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mutuals.core.cadence import TIER_LABELS, Tier
from mutuals.emails import selectors, services
from mutuals.emails.mbox import import_mbox
from mutuals.emails.report import counted
from mutuals.uploads import file_too_big, in_words, max_upload_bytes
from mutuals.web.forms import Form, add_service_errors
from mutuals.web.views.common import action_done, action_failed, first_message, or_404

TIER_CHOICES = [("", "Someone you know of (recommended)")] + [
    (tier.value, TIER_LABELS[tier]) for tier in Tier if tier is not Tier.DORMANT
]


class MboxForm(Form):
    mbox = forms.FileField(label="mbox file")
    me = forms.CharField(
        label="Your addresses (optional)",
        required=False,
        max_length=500,
        help_text="Separate several with commas. Your account's e-mail is always one.",
    )
    dry_run = forms.BooleanField(
        label="Dry run: show what would happen, change nothing", required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = in_words(max_upload_bytes())
        self.fields[
            "mbox"
        ].help_text = (
            f"Gmail Takeout, Thunderbird or Apple Mail; up to {limit}. Only headers are read."
        )

    def clean_mbox(self) -> Any:
        upload = self.cleaned_data["mbox"]
        if upload.size > max_upload_bytes():
            raise ValidationError(file_too_big(), code="too_big")
        return upload


class AddressForm(Form):
    address = forms.CharField(label="Another address that is you", max_length=254)


class AddForm(Form):
    name = forms.CharField(label="Name", required=False, max_length=200)
    tier = forms.ChoiceField(label="Closeness", choices=TIER_CHOICES, required=False)


def mbox_upload(request: HttpRequest) -> HttpResponse | None:
    """The Import page's mbox form, when it is the one posted: the report's page, or None to
    let the page show the form with its errors (`mbox_form` in the context)."""
    form = MboxForm(request.POST, request.FILES)
    request.mbox_form = form  # type: ignore[attr-defined]
    if not form.is_valid():
        return None
    data = form.cleaned_data
    upload = data["mbox"]
    try:
        report = import_mbox(
            owner=request.user,
            stream=upload.open("rb"),
            filename=upload.name or "",
            dry_run=data["dry_run"],
            me=[a for a in data["me"].split(",") if a.strip()],
        )
    except ValidationError as error:
        add_service_errors(form, error, aliases={"addresses": "me"})
        return None
    return redirect("import_mbox_report", report["id"])


def mbox_form_for(request: HttpRequest) -> MboxForm:
    return getattr(request, "mbox_form", None) or MboxForm()


def recent_mbox_imports(request: HttpRequest) -> list[Any]:
    return selectors.recent_imports(request.user, limit=5)


@login_required
def mbox_report(request: HttpRequest, run_id: int) -> HttpResponse:
    run = or_404(selectors.get_import, owner=request.user, run_id=run_id)
    context = {"run": run, "report": run.report, "offered": selectors.offered_count(request.user)}
    return render(request, "web/emails/report.html", context)


@login_required
def email_page(request: HttpRequest) -> HttpResponse:
    owner = request.user
    context = {
        "addresses": selectors.my_addresses(owner),
        "account": selectors.account_address(owner),
        "address_form": AddressForm(),
        "offers": selectors.offered(owner),
        "dismissed": selectors.dismissed(owner, limit=20),
        "sources": selectors.sources(owner),
        "add_form": AddForm(),
        "runs": selectors.recent_imports(owner, limit=10),
    }
    return render(request, "web/emails/email.html", context)


@login_required
@require_POST
def add_address(request: HttpRequest) -> HttpResponse:
    form = AddressForm(request.POST)
    back = reverse("import_email")
    if not form.is_valid():
        return action_failed(request, "Give an e-mail address.", default_next=back)
    try:
        services.add_my_addresses(owner=request.user, addresses=[form.cleaned_data["address"]])
    except ValidationError as error:
        return action_failed(request, first_message(error), default_next=back)
    messages.success(request, "Added; your mail was read again with it.")
    return redirect(back)


@login_required
@require_POST
def remove_address(request: HttpRequest) -> HttpResponse:
    address = request.POST.get("address", "")[:254]
    back = reverse("import_email")
    if address not in selectors.my_addresses(request.user, own=True):
        return action_failed(request, "That address is not in your list.", default_next=back)
    services.remove_my_address(owner=request.user, address=address)
    messages.success(request, f"{address} is no longer taken as yours.")
    return redirect(back)


@login_required
@require_POST
def add_suggestion(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    form = AddForm(request.POST)
    back = reverse("import_email")
    found = selectors.correspondent_named(request.user, str(suggestion_id))
    if found is None:
        raise Http404("Not found.")
    if not form.is_valid():
        return action_failed(request, "Choose a closeness from the list.", default_next=back)
    try:
        person = services.add_correspondent(
            owner=request.user,
            correspondent_id=found.pk,
            name=form.cleaned_data["name"],
            tier=form.cleaned_data["tier"] or None,
        )
    except ValidationError as error:
        return action_failed(request, first_message(error), default_next=back)
    messages.success(request, f"Added {person.full_name} with your e-mail conversations.")
    return redirect("person_detail", person_id=person.pk)


@login_required
@require_POST
def dismiss_suggestion(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    return _dismiss(request, suggestion_id, undo=False)


@login_required
@require_POST
def restore_suggestion(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    return _dismiss(request, suggestion_id, undo=True)


def _dismiss(request: HttpRequest, suggestion_id: int, *, undo: bool) -> HttpResponse:
    back = reverse("import_email")
    found = selectors.correspondent_named(request.user, str(suggestion_id))
    if found is None:
        raise Http404("Not found.")
    try:
        services.dismiss_correspondent(owner=request.user, correspondent_id=found.pk, undo=undo)
    except ValidationError as error:
        return action_failed(request, first_message(error), default_next=back)
    if undo:
        return action_done(request, f"{found.address} is suggested again.", default_next=back)
    return action_done(
        request,
        f"{found.address} is no longer suggested.",
        default_next=back,
        undo_url=reverse("import_email_restore", args=[found.pk]),
        undo_label=f"Undo (suggest {found.address} again)",
    )


@login_required
def forget_source(request: HttpRequest) -> HttpResponse:
    """Confirm, then forget what one source alone brought."""
    name = (request.POST.get("name") or request.GET.get("name") or "")[:200]
    known = {s["name"]: s for s in selectors.sources(request.user)}
    if name not in known:
        messages.error(request, "That source is not among yours any more.")
        return redirect("import_email")
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        removed = services.forget_source(owner=request.user, source=name)
        messages.success(
            request,
            f"Forgot {name}: {counted(removed, 'message')} and the conversations they alone made.",
        )
        return redirect("import_email")
    return render(request, "web/emails/forget.html", {"source": known[name]})
