"""A database busy with another write: recognise it, say so in words, log it without data.

SQLite lets one write happen at a time; a write that waits longer than MUTUALS_DB_BUSY_TIMEOUT
for the lock fails with "database is locked". PostgreSQL fails a wait longer than its
lock_timeout (LockNotAvailable) and a transaction that lost a race with another
(SerializationFailure, a deadlock). None of them is a bug and none loses data: the refused
write changed nothing and can simply be sent again. So the web and the API answer 503 with
Retry-After, and the CLI exits with ExitCode.BUSY, each with the sentence BUSY.
"""

from __future__ import annotations

import logging
import sqlite3

from django.db import OperationalError
from django.http import HttpRequest

logger = logging.getLogger("mutuals.busy")

RETRY_AFTER_SECONDS = 5
BUSY = (
    "mutuals is busy finishing another change, such as a large import. "
    "Try again in a few seconds; nothing was lost."
)
# PostgreSQL's error codes for "waited too long for a lock" and "lost a race: run it again".
_SQLSTATES = {
    "55P03": "lock timeout",
    "40001": "serialization failure",
    "40P01": "deadlock",
}
_SQLITE_CODES = ("SQLITE_BUSY", "SQLITE_LOCKED")
_MESSAGES = ("database is locked", "database table is locked", "deadlock detected")


def busy_reason(error: BaseException) -> str | None:
    """Why the database refused the write, as a short label for logs ("lock timeout",
    "SQLITE_BUSY"), or None when `error` is not a busy database.

    Django wraps the driver's exception; the driver's own (its `__cause__`) carries the
    PostgreSQL SQLSTATE or the SQLite error name, and the message is the last resort.
    """
    for candidate in (error, error.__cause__):
        sqlstate = getattr(candidate, "sqlstate", None)
        if sqlstate in _SQLSTATES:
            return _SQLSTATES[sqlstate]
        name = getattr(candidate, "sqlite_errorname", None)
        if isinstance(name, str) and name.startswith(_SQLITE_CODES):
            return name
    if isinstance(error, (OperationalError, sqlite3.OperationalError)):
        text = str(error).lower()
        for message in _MESSAGES:
            if message in text:
                return message
    return None


def is_busy(error: BaseException) -> bool:
    return busy_reason(error) is not None


def log_busy(reason: str, request: HttpRequest) -> None:
    """One warning line: the reason, the method and the address's pattern ("PATCH
    api/people/<person_id>"): no ids, no values, never a secret such as a feed's token."""
    route = getattr(request.resolver_match, "route", None) or "an unknown address"
    logger.warning(
        "Database busy (%s) during %s %s; answered 'try again'.", reason, request.method, route
    )
