"""Whose records a command that wrote may have changed: one rule for the Typer path
(cli/dispatch.py) and the fast JSON path (cli/fast_path.py), with no Typer import.

A write renews that owner's version (changes.tracking), which also marks their pooling
memberships stale; renewing everyone's (`tracking.EVERYONE`) marks every member of every group
stale, so it is kept for the commands that act on others and for when the user cannot be told.
"""

from __future__ import annotations

# Commands that may write records of users other than the acting one (`--user`): setting up,
# managing users, the demo (its coach and clients), a coach's commands (their clients' drafts
# and assignments), the server and the worker (anyone's).
ACTS_ON_OTHERS = frozenset({"init", "serve", "demo", "user", "coach", "worker"})


def changed_owner(command: str | None, username: str | None) -> int:
    """The acting user's id (`--user`, or the only user), or `tracking.EVERYONE` for a command
    in `ACTS_ON_OTHERS` or when the acting user cannot be told."""
    from django.db import DatabaseError

    from mutuals.accounts.selectors import local_user
    from mutuals.changes.tracking import EVERYONE

    if command in ACTS_ON_OTHERS:
        return EVERYONE
    try:
        user = local_user(username)
    except DatabaseError:
        return EVERYONE
    return EVERYONE if user is None else int(user.pk)
