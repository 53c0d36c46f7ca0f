"""Needs, theirs and yours: `mutuals need add|mine|list|done|helped`."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import day, emit_json, plain, say, show, table
from mutuals.cli.resolve import acting_user, local_today, person_named
from mutuals.needs import selectors as need_selectors
from mutuals.needs import services as need_services
from mutuals.needs.models import DIRECTION_CHOICES, KIND_CHOICES, Need
from mutuals.needs.serialize import need_to_dict

NeedKind = StrEnum("NeedKind", {value.upper(): value for value, _ in KIND_CHOICES})
NeedDirection = StrEnum("NeedDirection", {value.upper(): value for value, _ in DIRECTION_CHOICES})
DIRECTION_WORDS = dict(DIRECTION_CHOICES)

need_app = typer.Typer(
    help="Write down what your people need, and what you need; mark it helped or done.",
    no_args_is_help=True,
)

NeedId = Annotated[
    int, typer.Argument(metavar="NEED_ID", help="The need's number, as `mutuals need list` shows.")
]
KindOption = Annotated[NeedKind, typer.Option(help="What kind of need it is.")]
DirectionOption = Annotated[
    NeedDirection | None,
    typer.Option(
        help="looking (they look for it) or offering (hiring or offering it); "
        "left out, mutuals reads it from the words.",
        show_default=False,
    ),
]
NewJsonOption = Annotated[
    bool, typer.Option("--json", help="Also print what was recorded as JSON on stdout.")
]


def _added(need: Need, as_json: bool) -> None:
    if as_json:
        emit_json(need_to_dict(need))
    whose = f"{need.person.full_name}'s" if need.person else "Your"
    said = f"{need.kind}, {DIRECTION_WORDS[need.direction].lower()}"
    say(f"{whose} need #{need.pk} ({said}): {need.text}", style="green")


@need_app.command("add")
def add_need(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="Whose need it is (a forgiving name).")
    ],
    text: Annotated[
        str, typer.Argument(metavar="TEXT", help='What they need, e.g. "an intro to a data lead".')
    ],
    kind: KindOption = NeedKind.OTHER,
    direction: DirectionOption = None,
    as_json: NewJsonOption = False,
) -> None:
    """Note what someone in your network needs (or is hiring for: --direction offering)."""
    owner = acting_user(ctx)
    person = person_named(owner, name)
    need = need_services.add_need(
        owner=owner,
        text=text,
        kind=kind.value,
        person_id=person.pk,
        direction=direction.value if direction else None,
    )
    _added(need, as_json)


@need_app.command("mine")
def add_my_need(
    ctx: typer.Context,
    text: Annotated[
        str, typer.Argument(metavar="TEXT", help='What you need, e.g. "advice on a pay offer".')
    ],
    kind: KindOption = NeedKind.OTHER,
    direction: DirectionOption = None,
    as_json: NewJsonOption = False,
) -> None:
    """Note something you need: your own asks plan."""
    owner = acting_user(ctx)
    need = need_services.add_need(
        owner=owner, text=text, kind=kind.value, direction=direction.value if direction else None
    )
    _added(need, as_json)


@need_app.command("list")
def list_needs(
    ctx: typer.Context,
    open_only: Annotated[
        bool, typer.Option("--open/--all", help="Only open needs (default), or every need.")
    ] = True,
    mine: Annotated[bool, typer.Option("--mine", help="Only your own needs.")] = False,
    person: Annotated[
        str, typer.Option("--person", metavar="NAME", help="Only this person's needs.")
    ] = "",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")] = False,
) -> None:
    """List needs, oldest first: what has waited longest comes first."""
    owner = acting_user(ctx)
    person_id = person_named(owner, person).pk if person else None
    needs = list(
        need_selectors.needs_for(
            owner=owner, person_id=person_id, mine=mine, status="open" if open_only else "all"
        )
    )
    if as_json:
        emit_json({"needs": [need_to_dict(n) for n in needs]})
        return
    if not needs:
        say("No needs to show. Note one with `mutuals need add NAME TEXT` or `need mine TEXT`.")
        return
    today = local_today()
    grid = table("#", "Noted", "Whose", "Kind", "Need", "Status")
    for need in needs:
        grid.add_row(
            str(need.pk),
            day(need.noted_on, today),
            plain(need.person.full_name if need.person else "mine"),
            need.kind + (" (offering)" if need.direction == "offering" else ""),
            plain(need.text),
            need.status,
        )
    show(grid)


def _need(owner, need_id: int) -> Need:
    try:
        return need_selectors.get_need(owner=owner, need_id=need_id)
    except Need.DoesNotExist:
        raise CliError(
            f"There is no need #{need_id}. List them with `mutuals need list --all`.",
            ExitCode.NOT_FOUND,
        ) from None


NoteOption = Annotated[
    str, typer.Option("--note", metavar="TEXT", help="How it turned out, in a few words.")
]


@need_app.command("done")
def close_need(
    ctx: typer.Context,
    need_id: NeedId,
    note: NoteOption = "",
    dropped: Annotated[
        bool, typer.Option("--dropped", help="It is no longer needed, rather than met.")
    ] = False,
) -> None:
    """Close a need: met (done) or no longer needed (--dropped)."""
    owner = acting_user(ctx)
    need = _need(owner, need_id)
    status = "dropped" if dropped else "done"
    need_services.close_need(owner=owner, need_id=need.pk, status=status, note=note)
    say(f"Need #{need.pk} {status}: {need.text}", style="green")


@need_app.command("helped")
def helped(
    ctx: typer.Context,
    need_id: NeedId,
    by: Annotated[
        str,
        typer.Option("--by", metavar="NAME", help="Who helped (default: you did)."),
    ] = "",
    note: NoteOption = "",
) -> None:
    """Mark that someone helped with a need (you, unless --by says who)."""
    owner = acting_user(ctx)
    need = _need(owner, need_id)
    helper = person_named(owner, by) if by else None
    need_services.mark_helped(
        owner=owner, need_id=need.pk, helped_by_id=helper.pk if helper else None, note=note
    )
    who = helper.full_name if helper else "you"
    say(f"Need #{need.pk} helped by {who}: {need.text}", style="green")
