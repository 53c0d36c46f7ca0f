"""The Connections page: your mail and calendar accounts (last sync, what it added, errors in
words); add one (IMAP, CalDAV, an iCalendar address), sync it now, pause or resume it, remove it
with or without what it added (confirmed)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from mutuals.connections import calendar_sync, selectors, services
from mutuals.connections.models import CALDAV, ICS_URL, PLAIN, SECURITY_CHOICES, SSL, Connection
from mutuals.web.forms import Form


class ImapForm(Form):
    name = forms.CharField(
        max_length=services.NAME_MAX, help_text="Yours to choose, such as Work or Personal."
    )
    host = forms.CharField(
        label="IMAP server", max_length=255, help_text="Such as imap.example.org."
    )
    security = forms.ChoiceField(label="Encryption", choices=SECURITY_CHOICES, initial=SSL)
    port = forms.IntegerField(
        min_value=1,
        max_value=65535,
        required=False,
        help_text="Leave empty for the usual one: 993 with TLS, else 143.",
    )
    username = forms.CharField(label="User name", max_length=255)
    password = forms.CharField(
        widget=forms.PasswordInput(render_value=False),
        help_text="Stored encrypted; it is never shown again. An app password works too.",
    )
    sent_folder = forms.CharField(
        label="Sent folder",
        max_length=255,
        required=False,
        help_text="Only if your server does not mark its sent folder; mutuals finds it otherwise.",
    )


class CalDavForm(Form):
    name = forms.CharField(
        max_length=services.NAME_MAX, help_text="Yours to choose, such as Work calendar."
    )
    url = forms.CharField(
        label="CalDAV address",
        max_length=calendar_sync.URL_MAX,
        help_text="Such as https://cloud.example.org/remote.php/dav (Nextcloud) or your "
        "Radicale address.",
    )
    username = forms.CharField(label="User name", max_length=255)
    password = forms.CharField(
        label="App password",
        widget=forms.PasswordInput(render_value=False),
        help_text="Stored encrypted; it is never shown again.",
    )
    calendars = forms.CharField(
        label="Calendars",
        max_length=2000,
        required=False,
        help_text="The calendars to read, by name, separated by commas; all of them when empty.",
    )


class IcsUrlForm(Form):
    name = forms.CharField(
        max_length=services.NAME_MAX, help_text="Yours to choose, such as Google calendar."
    )
    address = forms.CharField(
        label="Secret address",
        max_length=calendar_sync.URL_MAX,
        widget=forms.PasswordInput(render_value=False),
        help_text="The calendar's secret address in iCal format (Google: Settings, Integrate "
        "calendar; Outlook: Publish a calendar, ICS link). It works like a password: stored "
        "encrypted, only its server shown.",
    )


FORMS = {"imap": ImapForm, CALDAV: CalDavForm, ICS_URL: IcsUrlForm}
# The calendar forms' fields are prefixed, so the three forms on one page keep distinct ids.
PREFIXES = {"imap": None, CALDAV: "caldav", ICS_URL: "ics"}


def _connection(request: HttpRequest, connection_id: int) -> Connection:
    found = selectors.connection_of(owner=request.user, connection_id=connection_id)
    if found is None:
        raise Http404("No such account.")
    return found


def _with_state(account: Connection) -> Connection:
    state = selectors.sync_state(account)
    account.syncing = state.syncing  # type: ignore[attr-defined]
    account.waiting_for_worker = state.waiting_for_worker  # type: ignore[attr-defined]
    if account.is_calendar:
        account.shown_address = calendar_sync.shown_address(account)  # type: ignore[attr-defined]
    return account


def _page(
    request: HttpRequest, form: Form | None = None, status: int = 200, kind: str = "imap"
) -> HttpResponse:
    forms_shown = {key: FORMS[key](prefix=PREFIXES[key]) for key in FORMS}
    if form is not None:
        forms_shown[kind] = form
    context: dict[str, Any] = {
        "accounts": [_with_state(a) for a in selectors.connections_of(owner=request.user)],
        "form": forms_shown["imap"],
        "caldav_form": forms_shown[CALDAV],
        "ics_form": forms_shown[ICS_URL],
        "open_kind": kind if form is not None else "",
        "plain": PLAIN,
        "every": services.SYNC_EVERY.seconds // 60,
    }
    return render(request, "web/connections/connections.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def connections(request: HttpRequest) -> HttpResponse:
    """GET: the accounts and the forms to add one; POST: add one (`kind`: imap, the default,
    caldav or ics-url)."""
    if request.method != "POST":
        return _page(request)
    kind = request.POST.get("kind", "imap")
    if kind not in FORMS:
        kind = "imap"
    form = FORMS[kind](request.POST, prefix=PREFIXES[kind])
    if not form.is_valid():
        return _page(request, form, status=400, kind=kind)
    data = form.cleaned_data
    if selectors.connection_named(owner=request.user, name=data["name"]) is not None:
        form.add_error("name", f"You have an account named {data['name'].strip()} already.")
        return _page(request, form, status=400, kind=kind)
    if kind != "imap":
        return _add_calendar(request, form, kind)
    try:
        connection, _ = services.connect_imap(
            owner=request.user,
            name=data["name"],
            host=data["host"],
            port=data["port"],
            username=data["username"],
            password=data["password"],
            security=data["security"],
            sent_folder=data["sent_folder"],
        )
    except services.ConnectionInvalid as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return _page(request, form, status=400)
    messages.success(request, f"Added {connection.name}. Sync it now to read your messages.")
    return redirect("connections")


def _add_calendar(request: HttpRequest, form: Form, kind: str) -> HttpResponse:
    data = form.cleaned_data
    try:
        if kind == CALDAV:
            connection, _ = calendar_sync.connect_caldav(
                owner=request.user,
                name=data["name"],
                url=data["url"],
                username=data["username"],
                password=data["password"],
                calendars=[c for c in data["calendars"].split(",") if c.strip()],
            )
        else:
            connection, _ = calendar_sync.connect_ics_url(
                owner=request.user, name=data["name"], address=data["address"]
            )
    except services.ConnectionInvalid as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return _page(request, form, status=400, kind=kind)
    messages.success(
        request, f"Added {connection.name}. Sync it now to read your meetings with your people."
    )
    return redirect("connections")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def connection_sync(request: HttpRequest, connection_id: int) -> HttpResponse:
    """POST: queue the account's sync (the worker runs it) and go back to the page, which follows
    it; GET with htmx: the account's card, asked for again while its sync waits or runs."""
    connection = _connection(request, connection_id)
    if request.method != "POST":
        if not request.htmx:  # type: ignore[attr-defined]
            return redirect("connections")
        context = {"account": _with_state(connection), "every": services.SYNC_EVERY.seconds // 60}
        return render(request, "web/connections/account.html", context)
    outcome = services.request_sync(owner=request.user, connection=connection)
    if outcome.status == services.QUEUED:
        messages.info(request, f"{outcome.message[:-1]}: this page follows along.")
    else:
        messages.info(request, outcome.message)
    return redirect("connections")


@login_required
@require_POST
def connection_pause(request: HttpRequest, connection_id: int) -> HttpResponse:
    connection = _connection(request, connection_id)
    paused = request.POST.get("paused") != "0"
    services.set_paused(owner=request.user, connection=connection, paused=paused)
    if paused:
        messages.success(request, f"Paused {connection.name}: it is synced only when you ask.")
    else:
        messages.success(request, f"Resumed {connection.name}.")
    return redirect("connections")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def connection_remove(request: HttpRequest, connection_id: int) -> HttpResponse:
    """GET: what removing would do, and the choice to keep or remove what it added; POST: do it."""
    connection = _connection(request, connection_id)
    if request.method == "POST":
        forget = request.POST.get("added") == "remove"
        removed = services.remove(owner=request.user, connection=connection, forget_added=forget)
        if forget and connection.is_calendar:
            messages.success(
                request,
                f"Removed {connection.name} and {removed} conversation"
                f"{'s' if removed != 1 else ''} its meetings became.",
            )
        elif forget:
            messages.success(
                request,
                f"Removed {connection.name} and {removed} message{'s' if removed != 1 else ''} "
                "only it brought, with their conversations.",
            )
        else:
            messages.success(request, f"Removed {connection.name}; its conversations stay.")
        return redirect("connections")
    return render(request, "web/connections/remove.html", {"account": connection})
