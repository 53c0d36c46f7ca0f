"""Radicale's WSGI application with our plugins, mounted beside Django.

`mount(django_app)` answers `/dav/…` with Radicale and `/.well-known/carddav` with a redirect to
`/dav/` (how iOS, macOS and DAVx5 find an address book from the server's name alone); every
other path goes to Django. Radicale sees no cookies (a session never opens the address book:
only a device's app password does), no X-Script-Name (a client may not choose the paths in
its answers) and no body over `MAX_BODY` bytes; a request without a user name and password
is answered 401 before Radicale sees it. CSRF does not arise: nothing can be written.

Radicale logs only errors: its notices name the login and the address of each request, and
mutuals' logs carry no personal data.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any

from django.db import close_old_connections

PREFIX = "/dav"
WELL_KNOWN = "/.well-known/carddav"
MAX_BODY = 1_000_000
REALM = "mutuals address book"

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

_built: WSGIApp | None = None
_build_lock = threading.Lock()


def radicale_application() -> WSGIApp:
    """Radicale with our auth, storage and rights plugins; built once per process."""
    global _built
    with _build_lock:
        if _built is None:
            from radicale import config
            from radicale.app import Application

            from mutuals.addressbook.dav.auth import Auth
            from mutuals.addressbook.dav.rights import Rights
            from mutuals.addressbook.dav.storage import Storage

            logging.getLogger("radicale").setLevel(logging.ERROR)
            configuration = config.load()
            configuration.update(
                {
                    "auth": {"type": Auth, "realm": REALM, "delay": "0"},
                    "rights": {"type": Rights},
                    "storage": {"type": Storage, "predefined_collections": "{}"},
                    "web": {"type": "none"},
                    "sharing": {"type": "none"},
                    "server": {"validate_user_value": "minimal"},
                },
                "mutuals",
            )
            _built = Application(configuration)
        return _built


def mount(django_app: WSGIApp) -> WSGIApp:
    """The one WSGI application `mutuals serve` and `mutuals.wsgi` serve."""

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path.rstrip("/") == WELL_KNOWN:
            location = environ.get("SCRIPT_NAME", "").rstrip("/") + PREFIX + "/"
            start_response(
                "301 Moved Permanently", [("Location", location), ("Content-Length", "0")]
            )
            return [b""]
        if path == PREFIX or path.startswith(PREFIX + "/"):
            return _serve_dav(environ, start_response)
        return django_app(environ, start_response)

    return application


def _serve_dav(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = MAX_BODY + 1
    if length > MAX_BODY:
        start_response("413 Request Entity Too Large", [("Content-Length", "0")])
        return [b""]
    if not environ.get("HTTP_AUTHORIZATION", "").startswith("Basic "):
        # Radicale answers a few paths (its greeting at /) to anyone; we answer nothing.
        start_response(
            "401 Unauthorized",
            [("WWW-Authenticate", f'Basic realm="{REALM}"'), ("Content-Length", "0")],
        )
        return [b""]
    dav_environ = {
        key: value
        for key, value in environ.items()
        if key not in {"HTTP_COOKIE", "HTTP_X_SCRIPT_NAME"}
    }
    dav_environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "").rstrip("/") + PREFIX
    dav_environ["PATH_INFO"] = environ.get("PATH_INFO", "")[len(PREFIX) :]
    from mutuals.addressbook.dav.auth import remember_address

    close_old_connections()
    try:
        remember_address(dav_environ)
        return list(radicale_application()(dav_environ, start_response))
    finally:
        close_old_connections()
