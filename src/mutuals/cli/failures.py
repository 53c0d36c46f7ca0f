"""How a command fails, without Typer: exit codes, the error a command raises to say what to do
next, and the sentence and exit code for any error (`explain`).

Typer's top-level group (cli/errors.py) and the JSON read that runs without Typer
(cli/fast_path.py) both turn errors into a sentence on stderr with `explain`, so the two cannot
differ. Django is imported only once a command fails.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import IntEnum
from typing import Any

from mutuals.cli.output import say

# Service field names as the options a user typed them with.
FIELD_NAMES = {
    "name": "NAME",
    "summary": "TEXT",
    "text": "TEXT",
    "people": "--with",
    "occurred_on": "--date",
    "due_on": "--due",
    "until": "--until",
    "kind": "--kind",
    "initiated_by": "--started-by",
    "emails": "--email",
    "phones": "--phone",
    "circles": "--circle",
    "tier": "--tier",
    "cadence_override_days": "--cadence",
    "linkedin_url": "--linkedin",
    "how_met": "--how-met",
    "organization": "--org",
    "title": "--title",
    "notes": "--note",
    "label": "--label",
    "username": "USERNAME",
    "password": "password",
    "need": "--need",
    "helped_by": "--by",
    "asked_on": "--date",
    "answered_on": "--date",
    "noted_on": "--date",
    "unanswered": "--unanswered",
    "days_since_you_wrote": "--days-since-you-wrote",
    "needs": "--their-need",
    "mutual_contacts": "--mutual",
}


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1
    USAGE = 2
    NOT_FOUND = 3
    AMBIGUOUS = 4
    INVALID = 5
    NO_USER = 6
    BUSY = 7


class CliError(Exception):
    """A failure the user can act on: its message says what to do next."""

    def __init__(self, message: str, code: ExitCode = ExitCode.ERROR) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def describe_validation_error(error: Any) -> str:
    """One line per field, named as the user typed it: --email: 'x' is not an email address."""
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    lines = []
    for field, messages in error.message_dict.items():
        name = FIELD_NAMES.get(field, field)
        lines.append(f"{name}: {' '.join(messages)}")
    return "\n".join(lines)


def _is_missing_schema(error: Exception) -> bool:
    text = str(error).lower()
    return "no such table" in text or ("relation" in text and "does not exist" in text)


def debugging(environ: Mapping[str, str] = os.environ) -> bool:
    """MUTUALS_DEBUG: show the traceback of an unexpected error instead of a sentence."""
    return environ.get("MUTUALS_DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}


def explain(error: Exception) -> tuple[str, ExitCode]:
    """The sentence and exit code for an error a command raised: a CliError's own, a service's
    (a ValidationError, a record not found, a busy database, no tables yet), else "Something
    went wrong". With MUTUALS_DEBUG set, an unexpected error is raised again instead."""
    if isinstance(error, CliError):
        return error.message, error.code
    from django.core.exceptions import ObjectDoesNotExist, ValidationError
    from django.db import DatabaseError

    from mutuals.busy import BUSY, is_busy

    if isinstance(error, ValidationError):
        return describe_validation_error(error), ExitCode.INVALID
    if isinstance(error, ObjectDoesNotExist):
        return "That record does not exist, or it is not yours.", ExitCode.NOT_FOUND
    if is_busy(error):
        return BUSY, ExitCode.BUSY
    if debugging():
        raise error
    if isinstance(error, DatabaseError) and _is_missing_schema(error):
        return (
            "The database is not set up yet: run `mutuals init`, then try again.",
            ExitCode.ERROR,
        )
    detail = " ".join(str(error).split()) or "no details"
    return (
        f"Something went wrong ({type(error).__name__}: {detail}). "
        "Run it again with MUTUALS_DEBUG=1 to see where.",
        ExitCode.ERROR,
    )


def report(error: Exception) -> int:
    """Say what went wrong (stderr, in red on a terminal) and give the exit code."""
    message, code = explain(error)
    say(message, style="red")
    return int(code)
