"""`mutuals email …`: your e-mail history's settings and offers — the addresses that are you,
the people you wrote with who are not in your records (add or dismiss each), and the sources
messages came from (forget one with what it alone brought). Importing is `mutuals import mbox`;
mail accounts are `mutuals connect`."""

from __future__ import annotations

from typing import Annotated

import typer

from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import emit_json, plain, say, show, table
from mutuals.cli.resolve import acting_user
from mutuals.core.cadence import Tier
from mutuals.emails import selectors, services
from mutuals.emails.report import counted

email_app = typer.Typer(
    help="E-mail history: your addresses, people you wrote with to add, where mail came from.",
    no_args_is_help=True,
)
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")]
Who = Annotated[
    str, typer.Argument(metavar="ADDRESS", help="Their address, or the number `suggestions` shows.")
]


@email_app.command("addresses")
def addresses(
    ctx: typer.Context,
    add: Annotated[
        list[str] | None,
        typer.Option("--add", metavar="ADDRESS", help="Another address that is you (repeat)."),
    ] = None,
    remove: Annotated[
        list[str] | None,
        typer.Option("--remove", metavar="ADDRESS", help="An address that is not you after all."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """The addresses that are you (your account's e-mail and those you add): mail from them is
    yours, which says who wrote first. Changing them reads the kept messages again."""
    owner = acting_user(ctx)
    if add:
        services.add_my_addresses(owner=owner, addresses=add)
    for address in remove or ():
        services.remove_my_address(owner=owner, address=address)
    found = selectors.my_addresses(owner)
    account = selectors.account_address(owner)
    if as_json:
        emit_json({"addresses": found, "account": account or None})
        return
    if not found:
        say("No address is known as yours. Add one: `mutuals email addresses --add ADDRESS`.")
        return
    for address in found:
        show(plain(address + (" (your account's e-mail)" if address == account else "")))


@email_app.command("suggestions")
def suggestions(
    ctx: typer.Context,
    dismissed: Annotated[
        bool, typer.Option("--dismissed", help="The ones you dismissed instead.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """People you exchanged several messages with, both ways, who are not in your records:
    add them with `mutuals email add ADDRESS`, or `dismiss` them. None is added for you."""
    owner = acting_user(ctx)
    found = selectors.dismissed(owner) if dismissed else selectors.offered(owner)
    items = [selectors.correspondent_as_dict(c) for c in found]
    if as_json:
        emit_json({"count": len(items), "items": items})
        return
    if not items:
        say(
            "No one dismissed."
            if dismissed
            else "No one to suggest: import mail with `mutuals import mbox PATH` or sync an "
            "account; people you write with both ways who are not in your records appear here."
        )
        return
    grid = table("#", "Name", "Address", "You wrote", "They wrote", "Last")
    for item in items:
        grid.add_row(
            str(item["id"]),
            plain(item["name"] or "—"),
            plain(item["address"]),
            str(item["sent"]),
            str(item["received"]),
            item["last_on"] or "",
        )
    show(grid)


def _named(ctx: typer.Context, who: str):  # type: ignore[no-untyped-def]
    owner = acting_user(ctx)
    found = selectors.correspondent_named(owner, who)
    if found is None:
        raise CliError(
            f"No one called {who} was suggested; see `mutuals email suggestions`.",
            ExitCode.NOT_FOUND,
        )
    return owner, found


@email_app.command("add")
def add(
    ctx: typer.Context,
    who: Who,
    name: Annotated[
        str, typer.Option("--name", help="Their name (default: as their mail gave it).")
    ] = "",
    tier: Annotated[
        Tier | None,
        typer.Option("--tier", help="How close you are (default: someone you know of)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Add someone you wrote with as a person; your messages with them become conversations."""
    owner, found = _named(ctx, who)
    person = services.add_correspondent(
        owner=owner, correspondent_id=found.pk, name=name, tier=tier.value if tier else None
    )
    if as_json:
        emit_json({"person_id": person.pk, "name": person.full_name, "address": found.address})
        return
    say(f"Added {person.full_name} (#{person.pk}) with their e-mail conversations.")


@email_app.command("dismiss")
def dismiss(
    ctx: typer.Context,
    who: Who,
    undo: Annotated[bool, typer.Option("--undo", help="Suggest them again.")] = False,
) -> None:
    """Stop suggesting someone you wrote with (`--undo` to suggest them again)."""
    owner, found = _named(ctx, who)
    services.dismiss_correspondent(owner=owner, correspondent_id=found.pk, undo=undo)
    if undo:
        say(f"{found.address} is suggested again.")
    else:
        say(f"{found.address} is no longer suggested (undo: `mutuals email dismiss --undo`).")


@email_app.command("sources")
def sources(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Where your kept messages came from (mbox files, mail accounts), with how many."""
    found = selectors.sources(acting_user(ctx))
    if as_json:
        emit_json(
            {
                "count": len(found),
                "items": [{**s, "since": s["since"].isoformat()} for s in found],
            }
        )
        return
    if not found:
        say("No mail yet: `mutuals import mbox PATH`, or `mutuals connect imap`.")
        return
    grid = table("Source", "Messages")
    for source in found:
        grid.add_row(plain(source["name"]), f"{source['messages']:,}")
    show(grid)


@email_app.command("forget")
def forget(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="SOURCE", help="As `sources` names it.")],
    yes: Annotated[
        bool, typer.Option("--yes", help="Do it: without, only say what it would.")
    ] = False,
) -> None:
    """Remove a source's messages that no other source carried, and the conversations they
    alone made. Conversations you logged yourself are never touched."""
    owner = acting_user(ctx)
    known = {s["name"]: s["messages"] for s in selectors.sources(owner)}
    if source not in known:
        raise CliError(
            f"No source is called {source}; see `mutuals email sources`.", ExitCode.NOT_FOUND
        )
    if not yes:
        say(
            f"This removes what only {source} brought (up to "
            f"{counted(known[source], 'message')} and their conversations). Run again with "
            "--yes to do it."
        )
        return
    removed = services.forget_source(owner=owner, source=source)
    say(f"Forgot {source}: {counted(removed, 'message')} and the conversations they alone made.")
