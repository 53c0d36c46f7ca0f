"""Radicale's authentication plugin: the user name and a device's app password, throttled like
sign-ins (accounts.throttle: a few free failures per user name and address, then growing
waits; while a source waits, even the right password is refused without being checked).

Radicale gives the plugin only the login, the password and the connection's address; the
client's address behind a TLS proxy is read from the WSGI environment by `remember_address`,
which `app.py` calls for each request on the thread that serves it.
"""

from __future__ import annotations

import threading

from django.core.handlers.wsgi import WSGIRequest
from radicale import auth

from mutuals.accounts import throttle
from mutuals.accounts.addresses import UNKNOWN, client_address
from mutuals.addressbook.dav import principal_for
from mutuals.addressbook.services import check_app_password

_request = threading.local()


def remember_address(environ: dict) -> None:
    _request.address = client_address(WSGIRequest(environ))


class Auth(auth.BaseAuth):
    def _login_ext(self, login: str, password: str, context: auth.AuthContext) -> str:
        address = getattr(_request, "address", None) or context.remote_addr or UNKNOWN
        if throttle.sign_in_wait(username=login, address=address) is not None:
            return ""
        user = check_app_password(username=login, password=password)
        if user is None:
            throttle.record_sign_in_failure(username=login, address=address)
            return ""
        return principal_for(int(user.pk))
