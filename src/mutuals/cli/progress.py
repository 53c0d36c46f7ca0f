"""Weekly goals and progress: `mutuals progress` and `mutuals goals [set KIND N]`."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from django.core.exceptions import ValidationError

from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import emit_json, plain, say, show, table
from mutuals.cli.resolve import acting_user, day_from, local_today
from mutuals.core.progress import COUNTS_WORDS, GOAL_KINDS, GOAL_WORDS, count_words
from mutuals.progress import selectors, services
from mutuals.progress.serialize import goals_to_dict, progress_to_dict

GoalKind = StrEnum("GoalKind", {kind.upper(): kind for kind in GOAL_KINDS})
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")]
OnOption = Annotated[
    str,
    typer.Option("--on", metavar="DAY", help="Show the week holding this day instead of this one."),
]
STATE_WORDS = {"kept": "kept", "missed": "missed", "none": "no goals", "open": "under way"}


def progress(ctx: typer.Context, on: OnOption = "", as_json: JsonOption = False) -> None:
    """This week against your weekly goals, the streak, and the last 12 weeks."""
    owner = acting_user(ctx)
    today = day_from(on, "--on") if on else local_today()
    result = selectors.progress(owner=owner, today=today)
    if as_json:
        emit_json(progress_to_dict(result))
        return
    show(plain(result.summary))
    if not result.has_goals:
        say("Choose weekly goals with `mutuals goals set KIND N` (see `mutuals goals`).")
    else:
        weeks = "week" if result.streak == 1 else "weeks"
        more = " or more" if result.streak_or_more else ""
        show(plain(f"Streak: {result.streak} {weeks}{more} (one missed week is forgiven)."))
    grid = table("Goal", "This week", "Target", "Last 12 weeks, oldest first")
    for goal in result.goals:
        now = goal.this_week
        grid.add_row(
            goal.words,
            str(now.count),
            "—" if now.target is None else f"{now.target}{' ✓' if now.met else ''}",
            " ".join(str(w.count) for w in goal.weeks),
        )
    show(grid)


goals_app = typer.Typer(
    help="Your weekly goals: list them, or set one with `mutuals goals set KIND N`.",
    invoke_without_command=True,
)


@goals_app.callback()
def list_goals(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Your weekly goals: list them, or set one with `mutuals goals set KIND N`."""
    if ctx.invoked_subcommand is not None:
        return
    owner = acting_user(ctx)
    data = goals_to_dict(selectors.goal_settings(owner=owner))
    if as_json:
        emit_json(data)
        return
    grid = table("Kind", "Goal", "A week", "Chosen")
    for item in data["items"]:
        grid.add_row(
            item["kind"],
            item["name"],
            str(item["weekly_target"]),
            f"since {item['since']}" if item["active"] else "no",
        )
    show(grid)
    if not any(item["active"] for item in data["items"]):
        say("None chosen yet; the targets shown are the suggested ones.")


@goals_app.command("set")
def set_goal(
    ctx: typer.Context,
    kind: Annotated[GoalKind, typer.Argument(metavar="KIND", help="Which goal.")],
    target: Annotated[int, typer.Argument(metavar="N", help="How many a week; 0 stops this goal.")],
) -> None:
    """Set one weekly goal from this week; earlier weeks keep the target they had."""
    owner = acting_user(ctx)
    try:
        services.set_goal(owner=owner, kind=kind.value, target=target or None, today=local_today())
    except ValidationError as error:
        raise CliError(" ".join(error.messages), ExitCode.INVALID) from None
    name = GOAL_WORDS[kind.value]
    if target:
        say(f"{name}: {count_words(kind.value, target)} a week, from this week.")
        say(COUNTS_WORDS[kind.value], style="dim")
    else:
        say(f"{name}: stopped from this week.")
