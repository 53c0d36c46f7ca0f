"""The coach's reads: `mutuals coach clients [--json] [--flagged] [--sort …]` (every client, as on
/coach/) and `mutuals coach show CLIENT [--json]` (what one client shares), registered in
cli/coach.py. The same rows and views as the web and /api/coach/clients…, through the gate."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import day, emit_json, plain, say, show, table
from mutuals.cli.resolve import acting_user, local_today
from mutuals.coaching import dashboard, shared
from mutuals.coaching.access import clients_of
from mutuals.coaching.models import CoachLink
from mutuals.coaching.serialize import row_to_dict, view_to_dict
from mutuals.core.coaching import LEVEL_NAMES, LEVEL_WORDS, NEVER_SHARED

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")]
SortBy = StrEnum("SortBy", {name.upper(): name for name in dashboard.SORTS})
NOT_A_CLIENT = "{name} is not one of your clients: `mutuals coach clients` lists them."


def clients(
    ctx: typer.Context,
    flagged: Annotated[
        bool, typer.Option("--flagged", help="Only the clients with a flag.")
    ] = False,
    sort: Annotated[
        SortBy,
        typer.Option("--sort", help="name, flags (most first) or activity (the quietest first)."),
    ] = SortBy.NAME,  # type: ignore[attr-defined]
    as_json: JsonOption = False,
) -> None:
    """Your clients: this week against their goals, promises kept, leads and flags."""
    coach = acting_user(ctx)
    rows = dashboard.dashboard(
        coach=coach, today=local_today(), sort=sort.value, flagged_only=flagged
    )
    if as_json:
        emit_json({"items": [row_to_dict(row) for row in rows]})
        return
    if not rows:
        if flagged:
            say("No client is flagged.")
        else:
            say("No clients yet: invite one with `mutuals coach invite`.")
        return
    grid = table("Client", "Shares", "Goals met", "Gave / asked", "Promises kept", "Flags")
    for row in rows:
        progress = row.progress
        goals = (
            f"{progress.met_this_week} of {progress.goals_this_week}"
            if progress.goals_this_week
            else "no goals"
        )
        grid.add_row(
            row.name,
            LEVEL_NAMES[row.level],
            goals,
            f"{progress.gave_this_week} / {progress.asked_this_week}",
            f"{row.promises.kept} of {row.promises.due}" if row.promises.due else "none due",
            "; ".join(flag.words for flag in row.flags) or "—",
        )
    show(grid)


def show_client(
    ctx: typer.Context,
    client: Annotated[
        str, typer.Argument(metavar="CLIENT", help="The client's user name, or #ID.")
    ],
    as_json: JsonOption = False,
) -> None:
    """What one client shares with you, at the level they chose (recorded for them)."""
    coach = acting_user(ctx)
    client_id = _client_id(coach, client.strip())
    try:
        view = shared.coach_view(coach=coach, client_id=client_id, today=local_today())
    except CoachLink.DoesNotExist:
        raise CliError(NOT_A_CLIENT.format(name=client), ExitCode.NOT_FOUND) from None
    if as_json:
        emit_json(view_to_dict(view))
        return
    row = view.row
    show(plain(f"{view.name} shares {LEVEL_NAMES[view.level]}: {LEVEL_WORDS[view.level]}."))
    say(f"Never shared: {', '.join(NEVER_SHARED)}.")
    for flag in row.flags:
        show(plain(f"Flag: {flag.words}"))
    goals = table("Goal", "This week", "Target")
    for goal in row.progress.goals:
        now = goal.this_week
        goals.add_row(goal.words, str(now.count), "—" if now.target is None else str(now.target))
    show(goals)
    weeks = table("Week of", "Conversations", "Gives", "Asks")
    for week in reversed(row.weeks):
        weeks.add_row(
            week.week.isoformat(), str(week.conversations), str(week.gives), str(week.asks)
        )
    show(weeks)
    stages = ", ".join(f"{s.words} {s.count}" for s in row.stages if s.count) or "none"
    show(plain(f"Leads by stage: {stages}."))
    show(plain(f"Last activity: {day(row.last_activity)}."))
    if view.plan is not None:
        plan = table("Today's plan", "Who", "About")
        for item in view.plan:
            plan.add_row(item.what, item.person_name or "—", item.about or "—")
        show(plan)
    if view.leads is not None:
        leads = table("Lead", "Organisation", "Stage", "People")
        for lead in view.leads:
            people = ", ".join(f"{p.name} ({p.role_words})" for p in lead.people)
            leads.add_row(lead.title or "—", lead.organization or "—", lead.stage_words, people)
        show(leads)
    if view.people is not None:
        people = table("Person", "Organisation", "Closeness", title=f"{view.people_total} people")
        for person in view.people:
            people.add_row(person.name, person.organization or "—", person.closeness_words)
        show(people)


def _client_id(coach: object, text: str) -> int:
    """The id of the client named `text` (a user name, or #ID), among the coach's clients;
    an id is passed on as it is, for the gate to judge."""
    if text.startswith("#") and text[1:].isdigit():
        return int(text[1:])
    for linked in clients_of(coach=coach):  # type: ignore[arg-type]
        if linked.client.get_username().casefold() == text.casefold():
            return int(linked.client.pk)
    raise CliError(NOT_A_CLIENT.format(name=text), ExitCode.NOT_FOUND)
