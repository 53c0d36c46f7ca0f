"""Which requests and commands changed records, and the version that says so.

Every database connection runs its statements through `watch`, which notes any INSERT,
UPDATE or DELETE (bulk ones included: they are statements too) on a table that holds records
(not sessions, the task queue, sign-in throttling, tokens or this app's own table). Inside a
request or a CLI command (`scope`) the write is remembered and, when it ends, the owner's
version gets a new random token in the database (`bump`), which every process reads. The
owner is the signed-in user of a request, the acting user (`--user`) of a command; EVERYONE for
the admin site and the commands that act on others (cli/acting.py `ACTS_ON_OTHERS`). A write
outside any scope (tests, a shell, a background thread) moves this process's `generation`
instead. A cached result is fresh while both the tokens it was computed under and the
generation are unchanged (`stamp`).

Anything that writes records outside a request or a command and must be seen by other processes
(a future sync task, say) calls `bump(owner_id)` itself. Copies derived from an owner's records
and kept in the database (a group's pooled rows) listen to `records_changed`, which `bump`
sends in its transaction, and mark themselves stale.
"""

from __future__ import annotations

import logging
import re
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.dispatch import Signal

EVERYONE = 0  # mutuals.changes.models.EVERYONE; the models load only when Django is ready

# Tables whose writes change no records: sessions, migrations and the task queue (django_*),
# sign-in throttling and set-up codes, API tokens (their last use), the digest's sent marks, a
# coach's looks (kept answers never show them) and this app's own versions.
IGNORED_PREFIXES = (
    "django_",
    "changes_",
    "digest_",
    "accounts_failedattempts",
    "accounts_setupcode",
    "accounts_apitoken",
    "coaching_accessrecord",
    # Groups and their pools: derived copies and counters; no kept answer reads them.
    "groups_",
    # A mail account's bookkeeping (its claim, last sync, folders' UIDs): what a sync adds is
    # written to interactions and people, which count.
    "connections_",
)
_WRITE = re.compile(
    r"\s*(?:(?:INSERT|REPLACE)(?:\s+OR\s+\w+)?\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)"
    r"""\s+["`]?(\w+)""",
    re.IGNORECASE,
)
_MAYBE_WRITE = ("INSERT", "UPDATE", "DELETE", "REPLACE", "WITH", "TRUNCATE")

logger = logging.getLogger(__name__)
# Sent by `bump` with `owner_id` (EVERYONE: anyone's records may have changed), inside its
# transaction: a receiver's write (marking a derived copy stale) commits with the new token.
records_changed = Signal()
_local = threading.local()
_generation_lock = threading.Lock()
_generation = 0


def generation() -> int:
    """How many times this process wrote records outside any request or command."""
    return _generation


def writes_records(sql: str) -> bool:
    """Whether a statement may change records (a read, or a write to an ignored table, not)."""
    head = sql.lstrip()[:8].upper()
    if not head.startswith(_MAYBE_WRITE):
        return False
    found = _WRITE.match(sql)
    if found is None:
        return True  # a write we cannot read the table of: count it
    return not found.group(1).lower().startswith(IGNORED_PREFIXES)


def _wrote() -> None:
    active = getattr(_local, "scope", None)
    if active is not None:
        active["wrote"] = True
        return
    _forget_here()


def watch(
    execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]
) -> Any:
    if writes_records(sql):
        _wrote()
    return execute(sql, params, many, context)


def watch_connection(sender: Any, connection: Any, **kwargs: Any) -> None:
    """connection_created: watch this connection's statements (once, however often it
    reconnects)."""
    if watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch)


@contextmanager
def scope() -> Iterator[dict[str, bool]]:
    """A request or a command: writes inside it are remembered, not counted one by one."""
    previous = getattr(_local, "scope", None)
    state = {"wrote": False}
    _local.scope = state
    try:
        yield state
    finally:
        _local.scope = previous
        if previous is not None and state["wrote"]:
            previous["wrote"] = True


def wrote_here() -> bool:
    """Whether the request or command running on this thread has written records so far."""
    active = getattr(_local, "scope", None)
    return bool(active is not None and active["wrote"])


def bump(owner_id: int = EVERYONE) -> None:
    """Give an owner's version (EVERYONE: every owner's) a new token, in its own transaction."""
    from mutuals.changes.models import Version

    token = secrets.token_hex(16)
    with transaction.atomic():
        updated = Version.objects.filter(owner_id=owner_id).update(token=token)
        if not updated:
            Version.objects.update_or_create(owner_id=owner_id, defaults={"token": token})
        records_changed.send(sender=Version, owner_id=owner_id)


def bump_quietly(owner_id: int = EVERYONE) -> None:
    """`bump`, after a request or command that may have failed: a database that cannot take the
    write now (busy, gone) must not hide its own answer. Its writes, if any, were rolled back
    with it, or the next change bumps the version anyway; this process forgets at once."""
    from django.db import DatabaseError

    try:
        bump(owner_id)
    except DatabaseError:
        _forget_here()
        # Info, not a warning: a CLI user whose command failed (busy) must read only why.
        logger.info("could not mark records changed; other processes may lag one change")


def _forget_here() -> None:
    """This process's cached results are stale: move its generation."""
    global _generation
    with _generation_lock:
        _generation += 1


def stamp(owner_id: int) -> tuple[object, ...]:
    """What a result computed now from an owner's records depends on: their token and
    everyone's (one query) and this process's generation. Read it BEFORE computing."""
    from mutuals.changes.models import Version

    tokens = dict(
        Version.objects.filter(owner_id__in=(EVERYONE, owner_id)).values_list("owner_id", "token")
    )
    return tokens.get(owner_id), tokens.get(EVERYONE), _generation
