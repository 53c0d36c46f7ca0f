"""The weekly needs review: `mutuals review`, and `mutuals reviewed` to record it."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from mutuals.agenda.serialize import review_to_dict
from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import day, emit_json, plain, say, show, table
from mutuals.cli.resolve import acting_user, local_today
from mutuals.core.review import GROUPS
from mutuals.needs import selectors as need_selectors
from mutuals.needs import services as need_services
from mutuals.needs.models import Need


def review(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")] = False,
) -> None:
    """Every open need, oldest first, grouped by age, with what you could do about each."""
    owner = acting_user(ctx)
    today = local_today()
    entries = need_selectors.needs_for_review(owner=owner, today=today)
    if as_json:
        emit_json(review_to_dict(entries, today))
        return
    if not entries:
        say("No open needs to review. Note one with `mutuals need add NAME TEXT` or `need mine`.")
        return
    for group in GROUPS:
        rows = [entry for entry in entries if entry.group == group]
        if not rows:
            continue
        grid = table("#", "Age", "Whose", "Need", "Last review", "What you could do")
        for entry in rows:
            reviewed = day(entry.reviewed_on, today) if entry.reviewed_on else "never"
            grid.add_row(
                str(entry.need_id),
                f"{entry.age_days} d",
                plain(entry.whose),
                plain(entry.text),
                Text(reviewed, style="bold" if entry.due else ""),
                plain(entry.action),
            )
        show(Text(f"\nNoted {group} ({len(rows)})", style="bold"), grid)
    due = sum(entry.due for entry in entries)
    say(
        f"\n{len(entries)} open, {due} not reviewed for a month or more. When you have read "
        "them: `mutuals reviewed --all` (or give the numbers)."
    )


def reviewed(
    ctx: typer.Context,
    need_ids: Annotated[
        list[int] | None,
        typer.Argument(
            metavar="NEED_ID...", help="The needs you reviewed, as `mutuals review` numbers them."
        ),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="Every open need (what `mutuals review` lists).")
    ] = False,
) -> None:
    """Record that you reviewed needs today: they leave the agenda for a month."""
    owner = acting_user(ctx)
    if every == bool(need_ids):
        raise CliError(
            "Give the numbers of the needs you reviewed, or --all for every open need.",
            ExitCode.USAGE,
        )
    if every:
        entries = need_selectors.needs_for_review(owner=owner, today=local_today())
        need_ids = [entry.need_id for entry in entries]
    for need_id in need_ids or []:
        _check_need(owner, need_id)  # all or nothing: a typo marks none
    marked = need_services.mark_reviewed(owner=owner, need_ids=need_ids or [])
    say(f"Marked {marked} need{'s' if marked != 1 else ''} reviewed today.", style="green")


def _check_need(owner, need_id: int) -> None:
    try:
        need_selectors.get_need(owner=owner, need_id=need_id)
    except Need.DoesNotExist:
        raise CliError(
            f"There is no need #{need_id}; nothing was marked. List them with `mutuals review`.",
            ExitCode.NOT_FOUND,
        ) from None
