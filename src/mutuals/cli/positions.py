"""Work histories: `mutuals position list|add|remove`, for someone you know or (without a
name) for you."""

from __future__ import annotations

from typing import Annotated

import typer
from django.core.exceptions import ValidationError

from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import emit_json, plain, say, show, table
from mutuals.cli.resolve import acting_user, person_named
from mutuals.people import selectors
from mutuals.people.models import Position
from mutuals.people.positions import DATE_HINT, add_position, remove_position
from mutuals.people.serialize import position_to_dict

position_app = typer.Typer(
    help="Where someone (or you) worked: organisations before the current one, with years.",
    no_args_is_help=True,
)
NameArgument = Annotated[
    str,
    typer.Argument(
        metavar="[NAME]", help="Whose history (a forgiving name); leave it out for your own."
    ),
]


@position_app.command("list")
def list_positions(
    ctx: typer.Context,
    name: NameArgument = "",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")] = False,
) -> None:
    """Where someone worked besides their current organisation, or where you worked."""
    owner = acting_user(ctx)
    person = person_named(owner, name) if name.strip() else None
    found = list(selectors.positions_of(owner=owner, person_id=person.pk if person else None))
    if as_json:
        emit_json(
            {
                "person": person.pk if person else None,
                "count": len(found),
                "items": [position_to_dict(p) for p in found],
            }
        )
        return
    whose = person.full_name if person else "You"
    if not found:
        add = f'mutuals position add "{person.full_name}"' if person else "mutuals position add"
        say(f"{whose}: no positions yet. Add one with `{add} --org NAME --from 2019`.")
        return
    title = f"Where {person.full_name if person else 'you'} worked"
    grid = table("#", "Organisation", "Role", "Years", title=title)
    for position in found:
        grid.add_row(
            str(position.pk),
            plain(position.organization.name),
            plain(position.title),
            position.years or "-",
        )
    show(grid)


@position_app.command("add")
def add(
    ctx: typer.Context,
    name: NameArgument = "",
    organization: Annotated[
        str, typer.Option("--org", metavar="NAME", help="Where they worked.")
    ] = "",
    title: Annotated[str, typer.Option("--title", metavar="TEXT", help="As what.")] = "",
    started: Annotated[
        str, typer.Option("--from", metavar="MONTH", help=f"Since when. {DATE_HINT}")
    ] = "",
    ended: Annotated[
        str,
        typer.Option("--until", metavar="MONTH", help="Until when; leave it out if still there."),
    ] = "",
) -> None:
    """Add a position to someone's history (or, without a name, to yours)."""
    owner = acting_user(ctx)
    person = person_named(owner, name) if name.strip() else None
    try:
        position = add_position(
            owner=owner,
            person_id=person.pk if person else None,
            organization=organization,
            title=title,
            started_on=started,
            ended_on=ended,
        )
    except ValidationError as error:
        raise CliError(" ".join(error.messages), ExitCode.INVALID) from None
    whose = f"{person.full_name}'s" if person else "your"
    years = f" ({position.years})" if position.years else ""
    say(
        f"Added {position.organization.name}{years} to {whose} history (#{position.pk}).",
        style="green",
    )


@position_app.command("remove")
def remove(
    ctx: typer.Context,
    position_id: Annotated[
        int,
        typer.Argument(
            metavar="ID", help="The position's number, as `mutuals position list` shows."
        ),
    ],
) -> None:
    """Forget a position."""
    owner = acting_user(ctx)
    try:
        removed = remove_position(owner=owner, position_id=position_id)
    except Position.DoesNotExist:
        raise CliError(
            f"There is no position #{position_id}. See them with `mutuals position list [NAME]`.",
            ExitCode.NOT_FOUND,
        ) from None
    say(f"Removed {removed.organization.name} (#{position_id}).", style="green")
