"""What a client shares with their coaches: `mutuals share list|level|end|invite-coach|accept|
activity`. The coach's side is `mutuals coach …` (cli/coach.py)."""

from __future__ import annotations

from typing import Annotated

import typer
from django.utils import timezone

from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import emit_json, plain, say, show, table
from mutuals.cli.resolve import acting_user
from mutuals.coaching import links, services
from mutuals.coaching.models import CoachLink
from mutuals.core.coaching import LEVEL_NAMES, LEVEL_WORDS, LEVELS, NEVER_SHARED, Level

share_app = typer.Typer(
    help="Your coaches: what each one sees, invite or accept one, end a link, see their activity.",
    no_args_is_help=True,
)
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")]
LEVEL_HELP = "What the coach sees: " + "; ".join(
    f"{level.value} ({LEVEL_WORDS[level]})" for level in LEVELS
)
NEVER_LINE = "Never shared, at any level: " + ", ".join(NEVER_SHARED) + "."


def _when(value) -> str:
    if value is None:
        return "—"
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def _state_words(link: CoachLink, viewer) -> str:
    if link.state == CoachLink.ACTIVE:
        return "active"
    if link.invited_by == "coach":
        return "your invitation, waiting for someone to accept it"
    mine = links.side(link, viewer) == "client"
    return "waiting for the coach to accept" if mine else "waiting for you to accept"


def _client_link(client, coach_name: str) -> CoachLink:
    try:
        return links.client_link_with(client=client, coach_name=coach_name)
    except CoachLink.DoesNotExist:
        raise CliError(
            f"You have no coach called '{coach_name.strip()}'. "
            "List your coaches with `mutuals share list`.",
            ExitCode.NOT_FOUND,
        ) from None


@share_app.command("list")
def list_links(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Your coaches and what each one sees (and, if you coach, your clients)."""
    user = acting_user(ctx)
    found = links.mine(user=user)
    if as_json:
        emit_json({"items": [links.link_to_dict(link, viewer=user) for link in found]})
        return
    if not found:
        say(
            "No coaches yet. Invite one with `mutuals share invite-coach NAME`, "
            "or accept a coach's code with `mutuals share accept CODE`."
        )
        return
    grid = table("#", "Coach", "Client", "Sees", "State")
    for link in found:
        grid.add_row(
            str(link.pk),
            plain(link.coach.username),
            plain(link.client.username if link.client is not None else "—"),
            LEVEL_NAMES[Level(link.level)],
            _state_words(link, user),
        )
    show(grid)
    say(NEVER_LINE)


@share_app.command("level")
def level(
    ctx: typer.Context,
    coach: Annotated[str, typer.Argument(metavar="COACH", help="The coach's user name.")],
    new_level: Annotated[str, typer.Argument(metavar="LEVEL", help=LEVEL_HELP)],
) -> None:
    """Choose what one coach sees: progress, plan or network."""
    client = acting_user(ctx)
    link = _client_link(client, coach)
    link = services.set_level(client=client, link_id=link.pk, level=new_level)
    chosen = Level(link.level)
    say(f"{link.coach.username} now sees {LEVEL_NAMES[chosen]}: {LEVEL_WORDS[chosen]}.")


@share_app.command("end")
def end(
    ctx: typer.Context,
    coach: Annotated[str, typer.Argument(metavar="COACH", help="The coach's user name.")],
) -> None:
    """End the link with a coach (or cancel your invitation), at once."""
    client = acting_user(ctx)
    link = _client_link(client, coach)
    services.end(user=client, link_id=link.pk)
    say(f"{link.coach.username} no longer sees anything of yours.")


@share_app.command("invite-coach")
def invite_coach(
    ctx: typer.Context,
    coach: Annotated[str, typer.Argument(metavar="COACH", help="The coach's user name.")],
    level_: Annotated[str, typer.Option("--level", metavar="LEVEL", help=LEVEL_HELP)] = "progress",
    as_json: JsonOption = False,
) -> None:
    """Ask someone on this install to coach you; they see what LEVEL shares once they accept."""
    client = acting_user(ctx)
    link, code = services.invite_coach(client=client, coach_username=coach, level=level_)
    if as_json:
        data = links.link_to_dict(link, viewer=client)
        emit_json({**data, "code": code, "path": services.join_path(code)})
        return
    chosen = Level(link.level)
    show(plain(code))
    say(
        f"Invited {link.coach.username} to coach you at {LEVEL_NAMES[chosen]} "
        f"({LEVEL_WORDS[chosen]}). They accept it from their coaching page, or with "
        f"`mutuals coach accept {code}`."
    )


@share_app.command("accept")
def accept(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="CODE", help="The code your coach gave you.")],
    level_: Annotated[
        str, typer.Option("--level", metavar="LEVEL", help=LEVEL_HELP)
    ] = Level.PROGRESS.value,
) -> None:
    """Accept a coach's invitation; they see only what LEVEL shares (progress unless you say)."""
    client = acting_user(ctx)
    link = services.accept(user=client, code=code, level=level_)
    chosen = Level(link.level)
    say(
        f"{link.coach.username} is now your coach and sees {LEVEL_NAMES[chosen]}: "
        f"{LEVEL_WORDS[chosen]}. {NEVER_LINE} Change it with "
        f"`mutuals share level {link.coach.username} LEVEL`."
    )


@share_app.command("activity")
def activity(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Show at most this many.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """Every time a coach opened your data: who, what and when, newest first."""
    client = acting_user(ctx)
    records = links.activity(client=client)
    rows = list(records[:limit])
    if as_json:
        emit_json({"count": records.count(), "items": [links.record_to_dict(r) for r in rows]})
        return
    if not rows:
        say("No coach has opened your data yet.")
        return
    grid = table("When", "Coach", "What they opened")
    for record in rows:
        grid.add_row(_when(record.at), plain(record.coach.username), plain(record.what))
    show(grid)
