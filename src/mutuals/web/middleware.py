"""Send a fresh install's first visitor to the page where the owner sets a password."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from mutuals.accounts.selectors import has_any_user

EXEMPT_PREFIXES = ("/setup/", "/static/", "/api/")


class FirstRunMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.set_up = False

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.set_up:
            self.set_up = has_any_user()
            if not self.set_up and not request.path.startswith(EXEMPT_PREFIXES):
                return redirect("setup")
        return self.get_response(request)
