"""`mutuals init`: set mutuals up on this computer, explicitly.

Every command does the same on its own when it first runs (cli/resolve.acting_user); `init`
is the step a guide can name, safe to run again: it changes nothing once everything is there.
"""

from __future__ import annotations

from typing import Annotated

import typer
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser

from mutuals.accounts import selectors as account_selectors
from mutuals.cli.output import emit_json, say
from mutuals.cli.resolve import CliState, first_owner
from mutuals.cli.setup import database_description, prepare_database

NEXT_STEPS = (
    (
        "mutuals import linkedin ~/Downloads/Basic_LinkedInDataExport.zip",
        "bring in your LinkedIn connections",
    ),
    ("mutuals today", "who to reach out to today, and why"),
    ("mutuals serve", "the same in your browser"),
)


def init(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print what is set up as JSON on stdout.")
    ] = False,
) -> None:
    """Set up mutuals on this computer: the database and your account. Safe to run again."""
    migrated = prepare_database()
    state = ctx.find_object(CliState) or CliState()
    created = None
    if not account_selectors.has_any_user():
        created = first_owner(state.username)
    owner = created or account_selectors.local_user(state.username)
    users = account_selectors.users().count()
    if as_json:
        emit_json(_as_dict(migrated, owner, created is not None, users))
        return
    fresh = migrated or created is not None
    say("mutuals is ready." if fresh else "mutuals was already set up; nothing changed.")
    say(f"Your data lives in {settings.MUTUALS_HOME} ({database_description()}).")
    _say_account(owner, created is not None, users)
    say("Next steps:")
    width = max(len(command) for command, _ in NEXT_STEPS)
    for command, what in NEXT_STEPS:
        say(f"  {command.ljust(width)}  {what}")


def _say_account(owner: AbstractBaseUser | None, created: bool, users: int) -> None:
    if owner is None:
        say(
            f"This install has {users} users: act as one of them with "
            "`mutuals --user NAME …` or the MUTUALS_USER environment variable."
        )
        return
    if created:
        return  # first_owner said so, with how to set the password
    name = owner.get_username()
    if owner.has_usable_password():
        say(f"Your account: {name}.")
    else:
        say(
            f"Your account: {name}. For the web app, set a password with "
            f"`mutuals user passwd {name}`."
        )


def _as_dict(
    migrated: bool, owner: AbstractBaseUser | None, created: bool, users: int
) -> dict[str, object]:
    database = settings.DATABASES["default"]
    sqlite = str(database["ENGINE"]).endswith("sqlite3")
    return {
        "home": str(settings.MUTUALS_HOME),
        "database": {"engine": "sqlite" if sqlite else "postgresql", "name": str(database["NAME"])},
        "migrated": migrated,
        "users": users,
        "account": None
        if owner is None
        else {
            "username": owner.get_username(),
            "created": created,
            "has_password": owner.has_usable_password(),
        },
        "next_steps": [command for command, _ in NEXT_STEPS],
    }
