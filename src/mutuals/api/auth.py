"""Who is calling: a personal access token (`Authorization: Bearer mut_…`) for every request,
or, for reading only, a signed-in browser session so the docs page at /api/docs works.

Sessions never authorise a write: a cross-site form could ride on the cookie (CSRF), a token
cannot. Tokens are checked by accounts.services.authenticate_token, which stores only hashes.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from mutuals.accounts.services import authenticate_token

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class PersonalAccessToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> AbstractBaseUser | None:
        return authenticate_token(token.strip())


class ReadOnlySession(SessionAuth):
    def __init__(self) -> None:
        # No CSRF check needed: it only ever authorises safe methods, which change nothing.
        super().__init__(csrf=False)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if request.method not in SAFE_METHODS:
            return None
        return super().authenticate(request, key)


API_AUTH = [PersonalAccessToken(), ReadOnlySession()]


def owner(request: HttpRequest) -> AbstractBaseUser:
    """The user the request acts for; every read and write is scoped to them."""
    return request.auth  # type: ignore[attr-defined,no-any-return]
