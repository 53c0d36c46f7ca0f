"""After a request that changed records, give its owner's version a new token (`tracking`)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from mutuals.changes.tracking import EVERYONE, bump_quietly, scope


class ChangesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with scope() as state:
            response = self.get_response(request)
        if state["wrote"]:
            bump_quietly(_owner_id(request))
        return response


def _owner_id(request: HttpRequest) -> int:
    """Whose records a request changed: the API token's or the session's user; a request of
    the admin site, or of nobody signed in (setting up an install), may change anyone's."""
    if request.path.startswith("/admin/"):
        return EVERYONE
    for user in (getattr(request, "auth", None), getattr(request, "user", None)):
        if user is not None and getattr(user, "is_authenticated", False):
            return int(user.pk)
    return EVERYONE
