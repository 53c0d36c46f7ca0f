"""Turn what a user typed into records: who is acting, which person a name means, which day."""

from __future__ import annotations

import datetime as dt
import getpass
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from mutuals.accounts import selectors as account_selectors
from mutuals.cli.failures import CliError, ExitCode
from mutuals.cli.output import person_label, say
from mutuals.cli.setup import prepare_database
from mutuals.core.dates import DateParseError, parse_date
from mutuals.people.models import Person

if TYPE_CHECKING:
    import typer

CREATE_USER_HINT = "See who there is with `mutuals user list`, or create one with "
CREATE_USER_HINT += "`mutuals user create NAME`."


@dataclass
class CliState:
    """What the global options said; stored on the Typer context as `ctx.obj`."""

    username: str | None = None


def acting_user(ctx: typer.Context) -> AbstractBaseUser:
    """The user this command acts for: `--user`/MUTUALS_USER, else the only user there is
    (`user_named`)."""
    state = ctx.find_object(CliState) or CliState()
    return user_named(state.username)


def user_named(username: str | None) -> AbstractBaseUser:
    """The user named `username` (`--user`/MUTUALS_USER), else the only user there is.

    On a fresh install it first creates the database, then the owner: the one named by
    `--user`, else named after whoever is signed in to this computer (first_owner)."""
    prepare_database()
    user = account_selectors.local_user(username)
    if user is None and not account_selectors.has_any_user():
        user = first_owner(username)
    if user is not None:
        return user
    if username:
        raise CliError(
            f"There is no active user called '{username}'. {CREATE_USER_HINT}",
            ExitCode.NO_USER,
        )
    raise CliError(_which_user_message(), ExitCode.NO_USER)


def first_owner(username: str | None = None) -> AbstractBaseUser | None:
    """Make the owner of an install that has no user yet, named `username` or after the
    computer's login, and say so in one line; None when someone made a user meanwhile."""
    from mutuals.accounts import services as account_services  # only ever needed once

    owner = account_services.create_local_owner(login=username or _login_name())
    if owner is not None:
        name = owner.get_username()
        say(
            f"Created your account '{name}' on this computer. To use the web app too, "
            f"set a password with `mutuals user passwd {name}`."
        )
    return owner


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in the environment nor the password database
        return ""


def _which_user_message() -> str:
    return (
        "This install has more than one user. Say which one you are with "
        "`mutuals --user NAME …` or the MUTUALS_USER environment variable."
    )


def person_named(owner: AbstractBaseUser, name: str) -> Person:
    """The one person `name` means ("rosa", "ro nu", "#12"), or a CliError with suggestions."""
    # Here, not at the top: people.selectors brings the ledger, needs and matching modules,
    # which commands that name nobody (`mutuals today`) never use.
    from mutuals.people import selectors as people_selectors

    if name.strip().startswith("#") and name.strip()[1:].isdigit():
        try:
            return people_selectors.get_person(owner=owner, person_id=int(name.strip()[1:]))
        except Person.DoesNotExist:
            raise CliError(
                f"There is no person {name.strip()} in your network. "
                "List everyone with `mutuals people`.",
                ExitCode.NOT_FOUND,
            ) from None
    match = people_selectors.resolve_person(owner=owner, query=name)
    if match.status == "found" and match.person_id is not None:
        return people_selectors.get_person(owner=owner, person_id=match.person_id)
    suggestions = ", ".join(person_label(n, pid) for pid, n in match.suggestions)
    if match.status == "ambiguous":
        raise CliError(
            f"'{name}' could be several people. Did you mean: {suggestions}? "
            f"Type more of the name, or the number, like #{match.suggestions[0][0]}.",
            ExitCode.AMBIGUOUS,
        )
    if suggestions:
        raise CliError(
            f"No one called '{name}' in your network. Did you mean: {suggestions}?",
            ExitCode.NOT_FOUND,
        )
    raise CliError(
        f"No one called '{name}' in your network. Add them with `mutuals add \"{name}\"`, "
        "or list everyone with `mutuals people`.",
        ExitCode.NOT_FOUND,
    )


def local_today() -> dt.date:
    return timezone.localdate()


def day_from(text: str, option: str) -> dt.date:
    """A forgiving date ("yesterday", "friday", "2025-03-14"); the error names the option."""
    try:
        return parse_date(text, local_today())
    except DateParseError as error:
        raise CliError(f"{option}: {error}", ExitCode.INVALID) from None


def read_file(path: Path, *, max_bytes: int | None = None) -> bytes:
    """The bytes of a file the user named, or a CliError that says what to check."""
    try:
        if max_bytes is not None and path.stat().st_size > max_bytes:
            limit = f"{max_bytes // (1024 * 1024)} MB"
            raise CliError(f"{path} is over {limit}; export a smaller file.", ExitCode.INVALID)
        return path.read_bytes()
    except OSError:
        raise CliError(f"Cannot read {path}; check the path.", ExitCode.NOT_FOUND) from None
