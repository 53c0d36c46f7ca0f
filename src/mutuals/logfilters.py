"""Secrets never reach a log: invitation codes, reset tokens and feed tokens travel in paths.

Django's request logger writes the path of every 4xx/5xx answer ("Not Found: /invite/…/"),
`runserver` (django.server) writes every request line, and waitress (`mutuals serve`) writes
the path of a request that failed or whose client went away. A code in such a line is as good
as the code itself to whoever reads the logs, so `RedactSecrets` (a logging filter, installed
on every handler by settings.LOGGING) replaces each secret part of a path with `[hidden]`:

- /invite/CODE/                     an account invitation (accounts.invitations)
- /coaching/join/CODE               a coaching invitation (coaching.services.join_path)
- /groups/join/CODE                 a group's join code (groups.services.join_path)
- /password-reset/UID/TOKEN/        a password reset link
- /feed/TOKEN.ics                   the private calendar feed
- ?code=… / ?token=… (and &…)       the same secrets in a query string
- the same paths inside a query, as /login/?next=/coaching/join/CODE (or %2F-encoded)

The record's message is rewritten in place (its arguments folded in), and so is the text of
its traceback, so every handler after this one sees the redacted record too.
"""

from __future__ import annotations

import logging
import re
import sys

HIDDEN = "[hidden]"
# A secret runs to the next slash (or %2F: a path inside a query, as in /login/?next=…), space,
# quote, query or fragment.
_SEGMENT = r"(?:(?!%2[Ff])[^/\s?#&\"'<>])+"
_SLASH = r"(?:/|%2[Ff])"
SECRET_PATHS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"({_SLASH}invite{_SLASH}){_SEGMENT}"),
    re.compile(rf"({_SLASH}coaching{_SLASH}join{_SLASH}){_SEGMENT}"),
    re.compile(rf"({_SLASH}groups{_SLASH}join{_SLASH}){_SEGMENT}"),
    # /password-reset/UID/TOKEN/ (not the pages /password-reset/sent and /password-reset/done)
    re.compile(
        rf"({_SLASH}password-reset{_SLASH})(?!(?:sent|done)(?:[/%\s\"'?#]|$))"
        rf"{_SEGMENT}(?:{_SLASH}{_SEGMENT})?"
    ),
    re.compile(rf"({_SLASH}feed{_SLASH}){_SEGMENT}"),
    re.compile(r"([?&](?:code|token)=)[^\s&#\"'<>]+", re.IGNORECASE),
)


def redact(text: str) -> str:
    """The text with every secret part of a path or query replaced by [hidden]."""
    for pattern in SECRET_PATHS:
        text = pattern.sub(lambda match: match.group(1) + HIDDEN, text)
    return text


class RedactSecrets(logging.Filter):
    """Hides invitation codes and tokens in a record's message and traceback; keeps the record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken record is the formatter's to report, as without us
            return True
        hidden = redact(message)
        if hidden != message:
            record.msg, record.args = hidden, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class Console(logging.StreamHandler):  # type: ignore[type-arg]
    """A handler that writes to whatever `sys.stderr` is when a record is written, as logging's
    own last resort does, not to the one there was when logging was configured: a command run
    inside another program (a test runner, an embedding script) may have replaced and closed
    that one since, and a warning then became a "Logging error" traceback on the user's screen.
    A stream set explicitly (`handler.stream = …`) is kept until set back to `sys.stderr`."""

    def __init__(self) -> None:
        self._own: object | None = None
        super().__init__()

    @property  # type: ignore[override]
    def stream(self):  # the stream logging writes to
        return self._own if self._own is not None else sys.stderr

    @stream.setter
    def stream(self, value: object) -> None:
        self._own = None if value is sys.stderr else value
