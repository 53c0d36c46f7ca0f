"""How the CLI fails: exit codes, and one sentence on stderr instead of a traceback.

Every command runs inside `MutualsGroup.invoke`, which turns the errors services raise into a
message and an exit code. A database busy with another write (a large import in the server)
exits with BUSY and says to try again. Set MUTUALS_DEBUG=1 to see the traceback of an
unexpected error.

Django is imported only once a command fails, so listing the commands (`mutuals --help`)
does not load it.
"""

from __future__ import annotations

import os
from enum import IntEnum
from typing import Any

import typer
from typer.core import TyperGroup

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


def _debugging() -> bool:
    return os.environ.get("MUTUALS_DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}


def _fail(message: str, code: ExitCode) -> typer.Exit:
    say(message, style="red")
    return typer.Exit(int(code))


def _unexpected(error: Exception) -> typer.Exit:
    detail = " ".join(str(error).split()) or "no details"
    message = (
        f"Something went wrong ({type(error).__name__}: {detail}). "
        "Run it again with MUTUALS_DEBUG=1 to see where."
    )
    return _fail(message, ExitCode.ERROR)


class MutualsGroup(TyperGroup):
    """The top-level command group: every command's errors end here as a sentence."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException, KeyboardInterrupt):
            raise  # Typer reports usage errors and exits itself
        except CliError as error:
            raise _fail(error.message, error.code) from None
        except Exception as error:
            raise _exit_for(error) from None


def _exit_for(error: Exception) -> typer.Exit:
    """The message and exit code for an error a service raised (or an unexpected one)."""
    from django.core.exceptions import ObjectDoesNotExist, ValidationError
    from django.db import DatabaseError

    from mutuals.busy import BUSY, is_busy

    if isinstance(error, ValidationError):
        return _fail(describe_validation_error(error), ExitCode.INVALID)
    if isinstance(error, ObjectDoesNotExist):
        return _fail("That record does not exist, or it is not yours.", ExitCode.NOT_FOUND)
    if is_busy(error):
        return _fail(BUSY, ExitCode.BUSY)
    if _debugging():
        raise error
    if isinstance(error, DatabaseError) and _is_missing_schema(error):
        message = "The database is not set up yet: run `mutuals init`, then try again."
        return _fail(message, ExitCode.ERROR)
    return _unexpected(error)
