"""Request handling around every view: the first-run redirect, and the two answers in words
for requests that cannot be served — a body over the size limit (413) and a database busy with
another write (503) — as JSON under /api/, a small fragment for htmx, a page otherwise."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from mutuals import busy, uploads
from mutuals.accounts.selectors import has_any_user

EXEMPT_PREFIXES = ("/setup/", "/static/", "/api/")
API_PREFIX = "/api/"

GetResponse = Callable[[HttpRequest], HttpResponse]


class FirstRunMiddleware:
    """Send a fresh install's first visitor to the page where the owner sets a password."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response
        self.set_up = False

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.set_up:
            self.set_up = has_any_user()
            if not self.set_up and not request.path.startswith(EXEMPT_PREFIXES):
                return redirect("setup")
        return self.get_response(request)


def refusal(request: HttpRequest, message: str, *, status: int, page: str) -> HttpResponse:
    """`message` as the API's JSON, an htmx alert added at the top of the page, or `page`."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": message}, status=status)
    if getattr(request, "htmx", False):
        response = render(request, "web/partials/alert.html", {"message": message}, status=status)
        # Whatever the request meant to replace, the sentence goes above the page's content.
        response["HX-Retarget"] = "#main"
        response["HX-Reswap"] = "afterbegin"
        return response
    return render(request, page, {"message": message}, status=status)


def too_big(request: HttpRequest, message: str) -> HttpResponse:
    return refusal(request, message, status=413, page="web/too_big.html")


class BodySizeMiddleware:
    """Refuse a body over its limit (uploads.body_limit) from its declared length, before
    anything reads it; a body found too big while being read (no length declared, or a
    multipart file over the limit) is refused the same way."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if uploads.declared_length(request) > uploads.body_limit(request):
            return too_big(request, uploads.too_big_message(request))
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, uploads.UploadTooBig):
            return too_big(request, exception.message)
        if isinstance(exception, RequestDataTooBig):
            return too_big(request, uploads.too_big_message(request))
        return None


def busy_database(request: HttpRequest) -> HttpResponse:
    response = refusal(request, busy.BUSY, status=503, page="web/busy.html")
    response["Retry-After"] = str(busy.RETRY_AFTER_SECONDS)
    return response


class BusyDatabaseMiddleware:
    """A view whose write could not get the database's lock answers 503 with Retry-After and
    a sentence instead of a server error; the write changed nothing."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        reason = busy.busy_reason(exception)
        if reason is None:
            return None
        busy.log_busy(reason, request)
        return busy_database(request)
