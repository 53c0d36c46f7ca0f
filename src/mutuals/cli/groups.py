"""`mutuals group …`: groups for their members — create one (install administrators), list
yours, join by code, choose what you pool, leave — with the administrators' commands
(cli/group_admin.py) registered on the same Typer group. The pool's search and requests are
`mutuals pool …` (cli/pool.py). Groups are named by their name or #ID."""

from __future__ import annotations

from typing import Annotated

import typer
from django.core.exceptions import PermissionDenied

from mutuals.cli import group_admin, group_lookup
from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.group_lookup import GroupArgument, JsonOption
from mutuals.cli.output import emit_json, plain, say, show, table
from mutuals.cli.resolve import acting_user
from mutuals.core import pool
from mutuals.groups import selectors, serialize, services
from mutuals.groups.models import Membership

group_app = typer.Typer(
    help="Groups: create one, invite, join, choose what you pool, see the members.",
    no_args_is_help=True,
)


def create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The group's name.")],
    daily_searches: Annotated[
        int | None,
        typer.Option(
            "--daily-searches",
            min=1,
            max=1000,
            help="Pooled searches a member may make each day (30 unless you say).",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Create a group (administrators of the install); you become its administrator."""
    user = acting_user(ctx)
    try:
        group = services.create_group(by=user, name=name, daily_searches=daily_searches)
    except PermissionDenied as error:
        raise group_lookup.refused(error) from None
    membership = services.membership_of(user=user, group_id=group.pk)
    if as_json:
        emit_json(serialize.membership_to_dict(membership))
        return
    say(f"Created {group.name} (#{group.pk}). Invite people with `mutuals group invite`.")


def list_groups(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Your groups, your role and what you pool to each."""
    found = selectors.groups_of(user=acting_user(ctx))
    items = [serialize.membership_to_dict(m) for m in found]
    if as_json:
        emit_json({"count": len(items), "items": items})
        return
    if not items:
        say("You belong to no group yet. Join one with `mutuals group join CODE`.")
        return
    grid = table("#", "Group", "Role", "You pool", "People pooled")
    for item in items:
        grid.add_row(
            str(item["id"]),
            plain(item["name"]),
            item["role_words"],
            item["pooling_words"],
            str(item["pooled_people"]),
        )
    show(grid)


def join(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="CODE", help="The code you were given.")],
) -> None:
    """Join a group with its code; you pool nothing until you choose to."""
    membership = services.join(user=acting_user(ctx), code=code)
    say(
        f"You joined {membership.group.name}. You pool nothing yet: choose with "
        f'`mutuals group pool "{membership.group.name}" --all` (or --circle, --person).'
    )


def leave(ctx: typer.Context, group: GroupArgument) -> None:
    """Leave a group: everything you pooled to it goes at once."""
    user = acting_user(ctx)
    membership = group_lookup.membership(user, group)
    services.leave(user=user, group_id=membership.group_id)
    say(f"You left {membership.group.name}; nothing of yours is in its pool now.")


def set_pool(
    ctx: typer.Context,
    group: GroupArgument,
    everyone: Annotated[bool, typer.Option("--all", help="Pool everyone you know.")] = False,
    circles: Annotated[
        list[str] | None,
        typer.Option("--circle", help="Pool the people in this circle (again for more)."),
    ] = None,
    people: Annotated[
        list[int] | None, typer.Option("--person", help="Pool this person, by id (again for more).")
    ] = None,
    withdraw: Annotated[
        bool, typer.Option("--withdraw", help="Pool nothing: withdraw everything, at once.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Choose what you pool to a group (--all, --circle, --person), or --withdraw."""
    user = acting_user(ctx)
    membership = group_lookup.membership(user, group)
    chosen = [everyone, bool(circles), bool(people), withdraw]
    if sum(chosen) != 1:
        raise CliError(
            "Choose one of --all, --circle NAME, --person ID or --withdraw.", ExitCode.USAGE
        )
    scope = (
        Membership.ALL
        if everyone
        else Membership.CIRCLES
        if circles
        else Membership.PEOPLE
        if people
        else Membership.NONE
    )
    services.set_pooling(
        user=user,
        group_id=membership.group_id,
        scope=scope,
        circles=circles or [],
        people=people or [],
    )
    updated = services.membership_of(user=user, group_id=membership.group_id)
    data = serialize.membership_to_dict(updated)
    if as_json:
        emit_json(data)
        return
    if scope == Membership.NONE:
        say(f"You pool nothing to {data['name']} now; every row of yours is gone.")
        return
    say(f"You pool {data['pooling_words']} to {data['name']}: {data['pooled_people']} people.")
    say(pool.POOLING_WORDS)


# In the order `mutuals group --help` lists them.
group_app.command("create")(create)
group_app.command("list")(list_groups)
group_app.command("invite")(group_admin.invite)
group_app.command("invitations")(group_admin.invitations_command)
group_app.command("join")(join)
group_app.command("leave")(leave)
group_app.command("members")(group_admin.members)
group_app.command("pool")(set_pool)
group_app.command("report")(group_admin.report)
group_app.command("admin")(group_admin.admin)
