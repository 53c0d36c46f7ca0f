"""Django's password check with throttling (accounts.throttle) for every sign-in form: the
sign-in page and the admin's.

While a user name from an address (or the address) must wait, the password is not checked at
all and the attempt fails; the wait is left on the request as `request.sign_in_wait` so the
sign-in page can say when to try again. Callers without a request (the CLI, tests' `login`)
are not throttled: they already run on the server.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from mutuals.accounts import throttle
from mutuals.accounts.addresses import client_address


class ThrottledModelBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> AbstractBaseUser | None:
        if request is None or username is None:
            return super().authenticate(request, username=username, password=password, **kwargs)
        address = client_address(request)
        wait = throttle.sign_in_wait(username=username, address=address)
        if wait is not None:
            request.sign_in_wait = wait  # type: ignore[attr-defined]
            raise PermissionDenied  # stops authenticate() before any other backend
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            wait = throttle.record_sign_in_failure(username=username, address=address)
            if wait is not None:
                request.sign_in_wait = wait  # type: ignore[attr-defined]
        else:
            throttle.record_sign_in_success(username=username, address=address)
        return user
