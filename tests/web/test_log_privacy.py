"""Invitation codes and tokens never reach the logs (mutuals.logfilters, settings.LOGGING):
what the configured handlers write for a wrong code's 404, runserver's request lines and
waitress's errors (`mutuals serve` keeps no access log of its own) shows `[hidden]` instead."""

from __future__ import annotations

import io
import logging
import re
import sys
from collections.abc import Iterator

import pytest
from django.core.servers.basehttp import WSGIRequestHandler
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from mutuals.logfilters import HIDDEN, Console, RedactSecrets

CODE = "QWER-TYUP-ASDF"  # shaped like a real code; never a known one


@pytest.fixture
def written() -> Iterator[io.StringIO]:
    """What every handler that settings.LOGGING installed writes, during the test."""
    out = io.StringIO()
    handlers = [
        handler
        for logger in (logging.getLogger(), logging.getLogger("django.server"))
        for handler in logger.handlers
        if any(isinstance(f, RedactSecrets) for f in handler.filters)
    ]
    assert len(handlers) == 2  # the console and django.server's own
    # Swapped without setStream, which would flush the stream of the moment first.
    before = [handler.stream for handler in handlers]  # type: ignore[attr-defined]
    for handler in handlers:
        handler.stream = out  # type: ignore[attr-defined]
    yield out
    for handler, stream in zip(handlers, before, strict=True):
        handler.stream = stream  # type: ignore[attr-defined]


def test_a_wrong_invitation_code_is_logged_without_the_code(jordan, client, written):
    response = client.get(f"/invite/{CODE}/")
    assert response.status_code == 404
    log = written.getvalue()
    assert f"Not Found: /invite/{HIDDEN}/" in log
    assert CODE not in log


def test_a_wrong_coaching_code_is_logged_without_the_code(jordan_client, written):
    response = jordan_client.get(f"/coaching/join/{CODE}")
    assert response.status_code == 404
    log = written.getvalue()
    assert f"Not Found: /coaching/join/{HIDDEN}\n" in log
    assert CODE not in log


def test_runserver_request_lines_hide_codes_and_tokens(written):
    handler = WSGIRequestHandler.__new__(WSGIRequestHandler)
    handler.request = None
    handler.client_address = ("127.0.0.1", 0)
    handler.log_message('"%s" %s %s', f"GET /coaching/join/{CODE} HTTP/1.1", "404", "120")
    handler.log_message('"%s" %s %s', "GET /feed/mut_feed_secret.ics HTTP/1.1", "200", "9")
    handler.log_message('"%s" %s %s', f"GET /coaching/?code={CODE}&x=1 HTTP/1.1", "200", "9")
    log = written.getvalue()
    assert f'"GET /coaching/join/{HIDDEN} HTTP/1.1" 404 120' in log
    assert f"/feed/{HIDDEN} HTTP/1.1" in log
    assert f"/coaching/?code={HIDDEN}&x=1 HTTP/1.1" in log
    assert CODE not in log
    assert "mut_feed_secret" not in log


def test_waitress_errors_and_tracebacks_hide_the_code(written):
    try:
        raise RuntimeError(f"while serving /invite/{CODE}/")
    except RuntimeError:
        # as waitress.channel logs an application's exception
        logging.getLogger("waitress").exception(f"Exception while serving /invite/{CODE}/")
    log = written.getvalue()
    assert f"Exception while serving /invite/{HIDDEN}/" in log
    assert f"RuntimeError: while serving /invite/{HIDDEN}/" in log
    assert CODE not in log


def test_other_lines_are_written_as_they_were(written):
    logging.getLogger("mutuals.test").warning("Not Found: %s", "/people/12/")
    assert "Not Found: /people/12/\n" in written.getvalue()


def _routes(patterns, prefix: str = "") -> Iterator[tuple[str, str]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + str(entry.pattern), entry.name


SECRET_PARAMETERS = re.compile(r"<(?:\w+:)?(code|token|uidb64)>")


def test_every_route_with_a_code_or_token_in_its_path_is_hidden():
    """A route added later with a secret in its path must be covered by the filter too."""
    found = [
        (route, name)
        for route, name in _routes(get_resolver().url_patterns)
        if SECRET_PARAMETERS.search(route)
    ]
    assert {name for _, name in found} >= {
        "invitation_accept",
        "coaching_join",
        "group_join",
        "password_reset_confirm",
        "calendar_feed",
    }
    for route, name in found:
        values = {key: f"SECRET{n}x" for n, key in enumerate(SECRET_PARAMETERS.findall(route))}
        path = reverse(name, kwargs=values)
        line = RedactSecrets()
        record = logging.LogRecord(
            "django.request", logging.WARNING, "", 0, "Not Found: %s", (path,), None
        )
        line.filter(record)
        assert "SECRET" not in record.getMessage(), (route, record.getMessage())


def test_a_warning_goes_to_the_stderr_of_the_moment_even_after_the_old_one_closed(monkeypatch):
    """A command run inside another program (a test runner) may find the stderr logging was
    configured with replaced and closed: the warning must reach the current one, not become a
    "--- Logging error ---" traceback."""
    closed = io.StringIO()
    closed.close()
    console = next(h for h in logging.getLogger().handlers if isinstance(h, Console))
    monkeypatch.setattr(sys, "stderr", closed)
    now = io.StringIO()
    monkeypatch.setattr(sys, "stderr", now)
    logging.getLogger("mutuals.test").warning("a warning")
    assert now.getvalue() == "a warning\n"
    assert console.stream is now
