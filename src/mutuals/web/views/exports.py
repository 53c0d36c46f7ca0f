"""Exports: vCard, CSV and calendar downloads, and the calendar feed calendar apps subscribe to.

The feed (`/feed/<secret>.ics`) is the one page without sign-in: calendar apps cannot sign in,
so the secret in the address is the key. It answers 404 for any address that does not open a
feed, never saying whether one existed, and logs nothing about whose it was.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from mutuals.exports import CALENDAR, CSV, VCARD, attachment, export_filename, selectors, services
from mutuals.people.selectors import circles_for
from mutuals.web.views.common import first_message, next_url

FEED_CACHE = "private, max-age=900"


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _render(request: HttpRequest, *, feed_url: str | None = None) -> HttpResponse:
    context = {
        "circles": circles_for(owner=request.user),
        "feed": selectors.active_feed(owner=request.user),
        "feed_url": feed_url,
        "circle": request.GET.get("circle", ""),
    }
    return render(request, "web/exports/exports.html", context)


@login_required
@require_safe
def exports(request: HttpRequest) -> HttpResponse:
    return _render(request)


def _download(
    request: HttpRequest,
    build: Callable[..., str],
    kind: str,
    extension: str,
    content_type: str,
) -> HttpResponse:
    circle = request.GET.get("circle", "").strip() or None
    try:
        body = build(owner=request.user, circle=circle)
    except ValidationError as error:
        messages.error(request, first_message(error))
        return redirect("exports")
    return attachment(body, content_type, export_filename(kind, extension, circle))


@login_required
@require_safe
def export_vcard(request: HttpRequest) -> HttpResponse:
    return _download(request, selectors.vcard_export, "contacts", "vcf", VCARD)


@login_required
@require_safe
def export_csv(request: HttpRequest) -> HttpResponse:
    return _download(request, selectors.csv_export, "contacts", "csv", CSV)


@login_required
@require_safe
def export_ics(request: HttpRequest) -> HttpResponse:
    body = selectors.ics_export(owner=request.user, now=timezone.now(), base_url=_base_url(request))
    return attachment(body, CALENDAR, export_filename("calendar", "ics"))


@login_required
@require_POST
def feed_create(request: HttpRequest) -> HttpResponse:
    """Make (or remake) the feed's address and show it, once: only its hash is kept."""
    secret = services.create_feed(owner=request.user)
    messages.success(request, "Your calendar feed has a new address; any older one is off.")
    return _render(request, feed_url=request.build_absolute_uri(selectors.feed_path(secret)))


@login_required
@require_POST
def feed_revoke(request: HttpRequest) -> HttpResponse:
    if services.revoke_feed(owner=request.user):
        messages.success(request, "Your calendar feed is off: its address no longer works.")
    return redirect(next_url(request, "exports"))


@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    owner = selectors.feed_owner(token)
    if owner is None:
        raise Http404("Not found.")
    body = selectors.ics_export(owner=owner, now=timezone.now(), base_url=_base_url(request))
    response = HttpResponse(body.encode("utf-8"), content_type=CALENDAR)
    response["Cache-Control"] = FEED_CACHE
    response["X-Robots-Tag"] = "noindex"
    return response
