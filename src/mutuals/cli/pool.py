"""`mutuals pool search|request|status|answer|thank`: a member's side of a group's pool —
how many members could introduce you (never who), asking for an introduction, and the
requests on each side. Groups are named by their name or #ID."""

from __future__ import annotations

from typing import Annotated

import typer
from django.utils import timezone

from mutuals.cli import group_lookup
from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.group_lookup import GroupArgument, JsonOption
from mutuals.cli.output import emit_json, plain, say, show, table
from mutuals.cli.resolve import acting_user
from mutuals.core import pool
from mutuals.groups import requests, selectors, serialize, services

pool_app = typer.Typer(
    help="Search your groups' pools: how many members could introduce you, never who.",
    no_args_is_help=True,
)


@pool_app.command("search")
def search(
    ctx: typer.Context,
    group: GroupArgument,
    person: Annotated[str | None, typer.Option("--person", help="A person's full name.")] = None,
    organisation: Annotated[
        str | None, typer.Option("--org", help="An organisation's name.")
    ] = None,
    words: Annotated[
        str | None, typer.Option("--words", help="At least two words, like 'product manager'.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """How many members of a group know someone matching, and how warmly; never who."""
    user = acting_user(ctx)
    membership = group_lookup.membership(user, group)
    try:
        answer, sentence = services.search(
            user=user,
            group_id=membership.group_id,
            person=person,
            organisation=organisation,
            words=words,
        )
    except services.SearchLimitReached as limit:
        raise CliError(str(limit), ExitCode.ERROR) from None
    if as_json:
        emit_json(serialize.answer_to_dict(answer, sentence))
        return
    say(sentence)
    if 0 < answer.members < pool.THRESHOLD:
        say(f"Counts under {pool.THRESHOLD} read 'a few', so no one can be told apart.")


TargetPerson = Annotated[str | None, typer.Option("--person", help="A person's full name.")]
TargetOrg = Annotated[str | None, typer.Option("--org", help="An organisation's name.")]
TargetWords = Annotated[
    str | None, typer.Option("--words", help="At least two words, like 'product manager'.")
]


@pool_app.command("request")
def request(
    ctx: typer.Context,
    group: GroupArgument,
    person: TargetPerson = None,
    organisation: TargetOrg = None,
    words: TargetWords = None,
    note: Annotated[
        str,
        typer.Option(
            "--note", help="Your note to the member asked (drafted for you when left out)."
        ),
    ] = "",
    as_json: JsonOption = False,
) -> None:
    """Ask the pool for an introduction to someone you searched in the last day (the same
    --person, --org or --words). The member who knows them best is asked; you learn who only
    if they accept."""
    user = acting_user(ctx)
    membership = group_lookup.membership(user, group)
    try:
        made = requests.request_introduction(
            user=user,
            group_id=membership.group_id,
            person=person,
            organisation=organisation,
            words=words,
            note=note,
        )
    except requests.RequestLimitReached as limit:
        raise CliError(str(limit), ExitCode.ERROR) from None
    data = serialize.my_request_to_dict(made, timezone.now())
    if as_json:
        emit_json(data)
        return
    say(
        f"Request {data['id']} sent: a member of {data['group']['name']} who knows "
        f"{data['target']} is asked, with your note. You learn who only if they accept."
    )
    say("See where it stands with `mutuals pool status`.")


@pool_app.command("status")
def status(
    ctx: typer.Context,
    group: Annotated[
        str | None,
        typer.Argument(metavar="[GROUP]", help="One group (name or #ID); all unless given."),
    ] = None,
    asked: Annotated[
        bool, typer.Option("--asked", help="Requests asked of you, instead of yours.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Your introduction requests and their state (waiting, accepted with the member's name,
    or no introduction this time), and the requests asked of you."""
    user = acting_user(ctx)
    group_ids = (
        [group_lookup.membership(user, group).group_id]
        if group
        else [m.group_id for m in selectors.groups_of(user=user)]
    )
    now = timezone.now()
    mine = [
        serialize.my_request_to_dict(found, now)
        for group_id in group_ids
        for found in selectors.requests_of(user=user, group_id=group_id)
    ]
    theirs = [
        serialize.asked_request_to_dict(found)
        for group_id in group_ids
        for found in selectors.asked_of(user=user, group_id=group_id)
    ]
    if as_json:
        items = theirs if asked else mine
        emit_json({"count": len(items), "items": items})
        return
    if not asked:
        if not mine:
            say(
                "You have asked for no introductions: search with `mutuals pool search`, then "
                "ask with `mutuals pool request`."
            )
        else:
            grid = table("Request", "Group", "For", "State", "Introducer", title="Your requests")
            for item in mine:
                grid.add_row(
                    str(item["id"]),
                    plain(item["group"]["name"]),
                    plain(item["target"]),
                    item["state_words"],
                    plain(item["introducer"] or ""),
                )
            show(grid)
            if any(i["state"] == pool.INTRODUCED and not i["thanked_at"] for i in mine):
                say("Thank who introduced you with `mutuals pool thank REQUEST`.")
    if not theirs:
        if asked:
            say("No one has asked you for an introduction.")
        return
    grid = table("Request", "Group", "From", "For", "Status", title="Asked of you")
    for item in theirs:
        grid.add_row(
            str(item["id"]),
            plain(item["group"]["name"]),
            plain(item["requester"]),
            plain(item["person"] or "(no longer in your records)"),
            item["status"],
        )
    show(grid)
    open_ones = [item for item in theirs if item["status"] == pool.OPEN]
    for item in open_ones:
        show(plain(f"\nRequest {item['id']} from {item['requester']}:\n{item['note']}"))
    if open_ones:
        say("Answer with `mutuals pool answer REQUEST accept` (or `decline`).")


@pool_app.command("answer")
def answer(
    ctx: typer.Context,
    request_id: Annotated[int, typer.Argument(metavar="REQUEST", help="The request's number.")],
    choice: Annotated[str, typer.Argument(metavar="accept|decline", help="accept or decline.")],
    as_json: JsonOption = False,
) -> None:
    """Accept or decline a request asked of you. Accepting adds the requester to your people
    and starts an introduction to your person (`mutuals intro …`): ask them both first.
    Declining tells the requester nothing."""
    if choice not in ("accept", "decline"):
        raise CliError(f"'{choice}' is not an answer: say accept or decline.", ExitCode.USAGE)
    user = acting_user(ctx)
    requests.answer_request(user=user, request_id=request_id, accept=choice == "accept")
    found = selectors.asked_request(user=user, request_id=request_id)
    data = serialize.asked_request_to_dict(found)
    if as_json:
        emit_json(data)
        return
    if choice == "decline":
        say(f"Declined. {data['requester']} is not told.")
        return
    say(
        f"Accepted: {data['requester']} now knows your name, and you theirs. Introduction "
        f"{data['introduction_id']} is started: ask {data['person']} and "
        f"{data['requester']} whether they want it, then move it on with `mutuals intro`."
    )


@pool_app.command("thank")
def thank(
    ctx: typer.Context,
    request_id: Annotated[int, typer.Argument(metavar="REQUEST", help="Your request's number.")],
    as_json: JsonOption = False,
) -> None:
    """Thank the member who accepted your request, once: they join your people (when not there
    yet) and the introduction is recorded as received from them, thanked, on your ledger."""
    thanked = requests.thank(user=acting_user(ctx), request_id=request_id)
    data = serialize.my_request_to_dict(thanked, timezone.now())
    if as_json:
        emit_json(data)
        return
    say(
        f"You thanked {data['introducer']}: they are in your people, with the introduction to "
        f"{data['target']} received from them on your ledger."
    )
