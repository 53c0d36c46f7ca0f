"""The coach's side of links: `mutuals coach invite|accept CODE|end CLIENT` (registered in
cli/coach.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import emit_json, plain, say, show
from mutuals.cli.resolve import acting_user
from mutuals.coaching import links, services
from mutuals.coaching.models import CoachLink
from mutuals.core.coaching import LEVEL_NAMES, Level

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")]


def invite(
    ctx: typer.Context,
    days: Annotated[
        int,
        typer.Option(
            "--days",
            min=1,
            max=services.MAX_INVITATION_DAYS,
            help="How many days the code works for.",
        ),
    ] = services.INVITATION_DAYS,
    as_json: JsonOption = False,
) -> None:
    """Invite a client: prints a single-use code and the link to send them."""
    coach = acting_user(ctx)
    link, code = services.invite_client(coach=coach, days=days)
    if as_json:
        emit_json(
            {
                "id": link.pk,
                "code": code,
                "path": services.join_path(code),
                "expires_at": link.expires_at.isoformat() if link.expires_at else None,
            }
        )
        return
    show(plain(code))
    say(f"Send your client this code, or the link {services.join_path(code)} on this install.")
    say(
        f"It works once, for {days} days. Your client accepts it with "
        f"`mutuals share accept {code}` or on the web, and chooses what you see."
    )


def accept(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="CODE", help="The code the client sent you.")],
) -> None:
    """Accept a client's invitation to coach them, with the code they sent you."""
    coach = acting_user(ctx)
    link = services.accept(user=coach, code=code)
    client = link.client.get_username() if link.client is not None else ""
    level = LEVEL_NAMES[Level(link.level)]
    say(f"You now coach {client}. They share: {level}. See them with `mutuals coach clients`.")


def end(
    ctx: typer.Context,
    client: Annotated[
        str, typer.Argument(metavar="CLIENT", help="The client's user name, or #ID of the link.")
    ],
) -> None:
    """Stop coaching a client (or cancel an invitation), at once."""
    coach = acting_user(ctx)
    text = client.strip()
    try:
        if text.startswith("#") and text[1:].isdigit():
            link = links.link_of(user=coach, link_id=int(text[1:]))
            if links.side(link, coach) != "coach":
                raise CoachLink.DoesNotExist
        else:
            link = links.coach_link_with(coach=coach, client_name=text)
    except CoachLink.DoesNotExist:
        raise CliError(
            f"You have no link with a client called '{text}'. "
            "List your links with `mutuals share list`.",
            ExitCode.NOT_FOUND,
        ) from None
    services.end(user=coach, link_id=link.pk)
    if link.client is not None and link.state == CoachLink.ACTIVE:
        say(f"You no longer coach {link.client.get_username()}; you see nothing of theirs now.")
    else:
        say("Invitation cancelled: its code no longer works.")
