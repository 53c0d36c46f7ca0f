"""What every `mutuals group …` and `mutuals pool …` command shares: the GROUP argument (a
group's name or #ID), `--json`, and finding the group the acting user belongs to or
administers, with the sentence to say when there is none."""

from __future__ import annotations

from typing import Annotated

import typer
from django.core.exceptions import PermissionDenied

from mutuals.accounts.roles import is_admin
from mutuals.cli.errors import CliError, ExitCode
from mutuals.groups import selectors, services
from mutuals.groups.models import Group, Membership

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")]
GroupArgument = Annotated[str, typer.Argument(metavar="GROUP", help="The group's name, or #ID.")]


def membership(user, name: str) -> Membership:  # type: ignore[no-untyped-def]
    """The user's membership of the group named; a CliError (not found) otherwise."""
    try:
        return selectors.membership_named(user=user, name=name)
    except Membership.DoesNotExist:
        raise CliError(
            f"You belong to no group called '{name.strip()}'. "
            "List yours with `mutuals group list`.",
            ExitCode.NOT_FOUND,
        ) from None


def refused(error: PermissionDenied) -> CliError:
    return CliError(str(error) or "You may not do that.", ExitCode.ERROR)


def managed(user, name: str) -> Group:  # type: ignore[no-untyped-def]
    """A group the user administers (or any group, for an install administrator)."""
    try:
        group_id = selectors.membership_named(user=user, name=name).group_id
    except Membership.DoesNotExist:
        try:
            if not is_admin(user):
                raise Group.DoesNotExist
            group_id = selectors.group_named(name=name).pk
        except Group.DoesNotExist:
            raise CliError(
                f"You administer no group called '{name.strip()}'. "
                "List yours with `mutuals group list`.",
                ExitCode.NOT_FOUND,
            ) from None
    try:
        return services.group_for_admin(by=user, group_id=group_id)
    except PermissionDenied as error:
        raise refused(error) from None
