"""Assignments from a coach: the client's `mutuals assignments` and `mutuals assignment
done|undo ID`; the coach's `mutuals coach assign CLIENT TEMPLATE`, `coach assignments` and
`coach unassign ID` (registered in cli/coach.py)."""

from __future__ import annotations

from typing import Annotated

import typer
from django.core.exceptions import ValidationError

from mutuals.assignments import selectors, services
from mutuals.assignments.models import Assignment
from mutuals.assignments.serialize import for_client, for_coach
from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import emit_json, plain, say, show, table
from mutuals.cli.resolve import acting_user, day_from
from mutuals.coaching.access import clients_of
from mutuals.coaching.models import CoachLink
from mutuals.core.assignments import TEMPLATES

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")]
AssignmentId = Annotated[
    int,
    typer.Argument(
        metavar="ID", help="The assignment's number, as `mutuals assignments` lists it."
    ),
]

assignment_app = typer.Typer(
    help="Mark an assignment from your coach done, or not done after all.",
    no_args_is_help=True,
)


def _day(value: object) -> str:
    return f"{value:%-d %b %Y}" if value else ""


def assignments(
    ctx: typer.Context,
    as_json: JsonOption = False,
    show_all: Annotated[bool, typer.Option("--all", help="Include the ones already done.")] = False,
) -> None:
    """List the assignments your coaches set you (on `mutuals today` until done)."""
    owner = acting_user(ctx)
    found = list(selectors.of_client(owner=owner, done=None if show_all else False))
    if as_json:
        emit_json({"assignments": [for_client(a) for a in found]})
        return
    if not found:
        say("No assignments to do. A coach you share your progress with can set you some.")
        return
    grid = table("#", "Assignment", "From", "Due", "Done")
    for assignment in found:
        coach = selectors.user_name(assignment.coach)
        grid.add_row(
            str(assignment.pk),
            plain(assignment.title),
            plain(coach if assignment.linked else f"{coach} (former coach)"),
            _day(assignment.due_on),
            _day(assignment.done_at),
        )
    show(grid)


def _not_yours(assignment_id: int) -> CliError:
    return CliError(
        f"You have no assignment #{assignment_id}. List them with `mutuals assignments`.",
        ExitCode.NOT_FOUND,
    )


@assignment_app.command("done")
def done(
    ctx: typer.Context,
    assignment_id: AssignmentId,
    note: Annotated[
        str, typer.Option(metavar="TEXT", help="How it went, in a line: your coach sees it.")
    ] = "",
) -> None:
    """Mark an assignment done (it leaves Today); your coach sees it."""
    owner = acting_user(ctx)
    try:
        made = services.mark_done(owner=owner, assignment_id=assignment_id, note=note)
    except Assignment.DoesNotExist:
        raise _not_yours(assignment_id) from None
    except ValidationError as error:
        raise CliError("--note: " + " ".join(error.messages), ExitCode.INVALID) from None
    say(f"Done: {made.title}. Undo with `mutuals assignment undo {made.pk}`.", style="green")


@assignment_app.command("undo")
def undo(ctx: typer.Context, assignment_id: AssignmentId) -> None:
    """Not done after all: the assignment comes back on Today."""
    owner = acting_user(ctx)
    try:
        made = services.undo_done(owner=owner, assignment_id=assignment_id)
    except Assignment.DoesNotExist:
        raise _not_yours(assignment_id) from None
    say(f"Not done yet: {made.title}.")


def _client_id(coach: object, name: str) -> int:
    wanted = name.strip().lstrip("@").casefold()
    for link in clients_of(coach=coach):  # type: ignore[arg-type]
        if link.client.get_username().casefold() == wanted:
            return int(link.client.pk)
    raise CliError(
        f"You coach nobody called '{name}'. See your clients with `mutuals coach clients`.",
        ExitCode.NOT_FOUND,
    )


def coach_assign(
    ctx: typer.Context,
    client: Annotated[str, typer.Argument(metavar="CLIENT", help="The client's user name.")] = "",
    template: Annotated[
        str,
        typer.Argument(
            metavar="TEMPLATE",
            help="An exercise from the list (`mutuals coach assign --list`), or none with --title.",
        ),
    ] = "",
    title: Annotated[
        str, typer.Option(metavar="TEXT", help="Your own title (or a template's, changed).")
    ] = "",
    details: Annotated[str, typer.Option(metavar="TEXT", help="What to do, in a sentence.")] = "",
    due: Annotated[
        str,
        typer.Option(metavar="DATE", help="When it is due; a template suggests its own date."),
    ] = "",
    list_templates: Annotated[
        bool, typer.Option("--list", help="List the exercises to choose from, and stop.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Also print the assignment as JSON.")
    ] = False,
) -> None:
    """Set a client an assignment, from a template or in your own words."""
    if list_templates:
        for item in TEMPLATES:
            show(plain(f"{item.key:<26} {item.title} ({item.days} days)"))
        return
    if not client.strip():
        raise CliError(
            "Name the client to set it for: mutuals coach assign CLIENT TEMPLATE.",
            ExitCode.USAGE,
        )
    coach = acting_user(ctx)
    client_id = _client_id(coach, client)
    try:
        (made,) = services.assign(
            coach=coach,
            client_ids=[client_id],
            template_key=template.strip(),
            title=title,
            details=details,
            due_on=day_from(due, "--due") if due else None,
        )
    except CoachLink.DoesNotExist:
        raise CliError(f"You coach nobody called '{client}'.", ExitCode.NOT_FOUND) from None
    except ValidationError as error:
        option = {"title": "--title: ", "details": "--details: ", "due_on": "--due: "}
        field = next(iter(error.message_dict), "")
        raise CliError(option.get(field, "") + " ".join(error.messages), ExitCode.INVALID) from None
    if as_json:
        emit_json(for_coach(made))
    due_words = f", due {_day(made.due_on)}" if made.due_on else ""
    say(f"Assignment #{made.pk} for {client}: {made.title}{due_words}.", style="green")


def coach_assignments(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the assignments you set your clients, and which are done."""
    coach = acting_user(ctx)
    found = selectors.set_by(coach=coach)
    if as_json:
        emit_json({"assignments": [for_coach(a) for a in found]})
        return
    if not found:
        say("You have set no assignments. Set one with `mutuals coach assign CLIENT TEMPLATE`.")
        return
    grid = table("#", "Client", "Assignment", "Due", "Done", "Their note")
    for assignment in found:
        grid.add_row(
            str(assignment.pk),
            plain(selectors.user_name(assignment.client)),
            plain(assignment.title),
            _day(assignment.due_on),
            _day(assignment.done_at),
            plain(assignment.done_note),
        )
    show(grid)


def coach_unassign(ctx: typer.Context, assignment_id: AssignmentId) -> None:
    """Cancel an assignment you set that is not done yet (it leaves your client's Today)."""
    coach = acting_user(ctx)
    try:
        made = services.cancel(coach=coach, assignment_id=assignment_id)
    except (Assignment.DoesNotExist, CoachLink.DoesNotExist):
        raise CliError(
            f"You have no assignment #{assignment_id} for a client you coach.",
            ExitCode.NOT_FOUND,
        ) from None
    except ValidationError as error:
        raise CliError(" ".join(error.messages), ExitCode.INVALID) from None
    say(f"Cancelled: {made.title}.")
