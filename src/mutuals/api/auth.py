"""Who is calling: a personal access token (`Authorization: Bearer mut_…`) for every request,
or, for reading only, a signed-in browser session so the docs page at /api/docs works.

Sessions never authorise a write: a cross-site form could ride on the cookie (CSRF), a token
cannot. Tokens are checked by accounts.services.authenticate_token, which stores only hashes.

Bad tokens are throttled per address (accounts.throttle): after ten, that address waits 15
seconds, doubling up to an hour, and its bad tokens answer 429 with Retry-After. A valid token
is never refused: it cannot be guessed (256 bits), and a script sharing an address with
someone guessing keeps working.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.security import HttpBearer, SessionAuth

from mutuals.accounts import throttle
from mutuals.accounts.addresses import client_address
from mutuals.accounts.services import authenticate_token

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class TooManyBadTokens(Exception):
    def __init__(self, wait: throttle.Wait) -> None:
        super().__init__("too many bad tokens")
        self.wait = wait


class PersonalAccessToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> AbstractBaseUser | None:
        user = authenticate_token(token.strip())
        if user is not None:
            return user
        address = client_address(request)
        wait = throttle.token_wait(address=address) or throttle.record_token_failure(
            address=address
        )
        if wait is not None:
            raise TooManyBadTokens(wait)
        return None


def install_throttling(api: NinjaAPI) -> None:
    """Answer too many bad tokens from one address with 429 and Retry-After."""

    @api.exception_handler(TooManyBadTokens)
    def too_many(request: HttpRequest, exc: TooManyBadTokens) -> HttpResponse:
        detail = (
            f"Too many invalid tokens from your address. Try again in {exc.wait.in_words}, "
            "with a token from the settings page or `mutuals token create`."
        )
        response = api.create_response(request, {"detail": detail}, status=429)
        response["Retry-After"] = str(exc.wait.seconds)
        return response


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
