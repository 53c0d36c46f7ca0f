"""The Connections page: your mail accounts (last sync, what it added, errors in words); add
one, sync it now, pause or resume it, remove it with or without what it added (confirmed)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from mutuals.connections import selectors, services
from mutuals.connections.models import PLAIN, SECURITY_CHOICES, SSL, Connection
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


def _connection(request: HttpRequest, connection_id: int) -> Connection:
    found = selectors.connection_of(owner=request.user, connection_id=connection_id)
    if found is None:
        raise Http404("No such account.")
    return found


def _with_state(account: Connection) -> Connection:
    account.syncing = selectors.syncing(account)  # type: ignore[attr-defined]
    return account


def _page(request: HttpRequest, form: ImapForm, status: int = 200) -> HttpResponse:
    context: dict[str, Any] = {
        "accounts": [_with_state(a) for a in selectors.connections_of(owner=request.user)],
        "form": form,
        "plain": PLAIN,
        "every": services.SYNC_EVERY.seconds // 60,
    }
    return render(request, "web/connections/connections.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def connections(request: HttpRequest) -> HttpResponse:
    """GET: the accounts and the form to add one; POST: add one."""
    if request.method != "POST":
        return _page(request, ImapForm())
    form = ImapForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    data = form.cleaned_data
    if selectors.connection_named(owner=request.user, name=data["name"]) is not None:
        form.add_error("name", f"You have an account named {data['name'].strip()} already.")
        return _page(request, form, status=400)
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
        if forget:
            messages.success(
                request,
                f"Removed {connection.name} and {removed} message{'s' if removed != 1 else ''} "
                "only it brought, with their conversations.",
            )
        else:
            messages.success(request, f"Removed {connection.name}; its conversations stay.")
        return redirect("connections")
    return render(request, "web/connections/remove.html", {"account": connection})
