"""Promises, the follow-ups you owe: `mutuals promise`, `promises`, `done` and `snooze`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import day, emit_json, plain, say, show, table
from mutuals.cli.resolve import acting_user, day_from, local_today, person_named
from mutuals.promises import selectors as promise_selectors
from mutuals.promises import services as promise_services
from mutuals.promises.models import Promise
from mutuals.promises.serialize import promise_to_dict

PromiseId = Annotated[
    int,
    typer.Argument(metavar="PROMISE_ID", help="The promise's number, as `mutuals promises` lists."),
]


def promise(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="Who you promised (a forgiving name).")
    ],
    text: Annotated[
        str, typer.Argument(metavar="TEXT", help='What you promised, e.g. "send the article".')
    ],
    due: Annotated[
        str,
        typer.Option(
            metavar="DATE", help="When it is due: YYYY-MM-DD, tomorrow, friday, 'in 3 days'…"
        ),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Also print the promise as JSON on stdout.")
    ] = False,
) -> None:
    """Record a follow-up you owe someone."""
    owner = acting_user(ctx)
    person = person_named(owner, name)
    made = promise_services.create_promise(
        owner=owner, person_id=person.pk, text=text, due_on=day_from(due, "--due")
    )
    if as_json:
        emit_json(promise_to_dict(made))
    say(f"Promise #{made.pk} to {person.full_name}, due {made.due_on}.", style="green")


def list_promises(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")] = False,
    show_all: Annotated[bool, typer.Option("--all", help="Include the ones already done.")] = False,
) -> None:
    """List your open promises, soonest first."""
    owner = acting_user(ctx)
    promises = list(promise_selectors.promises_for(owner=owner, open_only=not show_all))
    if as_json:
        emit_json({"promises": [promise_to_dict(p) for p in promises]})
        return
    if not promises:
        say("No open promises. Record one with `mutuals promise NAME TEXT --due DATE`.")
        return
    today = local_today()
    grid = table("#", "Due", "To", "Promise", "Status")
    for item in promises:
        grid.add_row(
            str(item.pk),
            day(item.due_on, today),
            plain(item.person.full_name if item.person else ""),
            plain(item.text),
            _status(item, today),
        )
    show(grid)


def _status(item: Promise, today: dt.date) -> str:
    if not item.is_open:
        return "done"
    if item.snoozed_until and item.snoozed_until > today:
        return f"snoozed until {item.snoozed_until}"
    if item.due_on < today:
        return "overdue"
    return "due today" if item.due_on == today else "open"


def _promise(owner, promise_id: int) -> Promise:
    try:
        return promise_selectors.get_promise(owner=owner, promise_id=promise_id)
    except Promise.DoesNotExist:
        raise CliError(
            f"There is no promise #{promise_id}. List yours with `mutuals promises`.",
            ExitCode.NOT_FOUND,
        ) from None


def done(ctx: typer.Context, promise_id: PromiseId) -> None:
    """Mark a promise as kept."""
    owner = acting_user(ctx)
    kept = _promise(owner, promise_id)
    promise_services.complete_promise(owner=owner, promise_id=kept.pk)
    say(f"Done: {kept.text}", style="green")


def snooze(
    ctx: typer.Context,
    promise_id: PromiseId,
    until: Annotated[
        str,
        typer.Option(
            metavar="DATE", help="Hide it until this day: YYYY-MM-DD, monday, 'in 2 weeks'…"
        ),
    ],
) -> None:
    """Put a promise off until a later day."""
    owner = acting_user(ctx)
    later = _promise(owner, promise_id)
    snoozed = promise_services.snooze_promise(
        owner=owner, promise_id=later.pk, until=day_from(until, "--until")
    )
    say(f"Snoozed #{snoozed.pk} until {snoozed.snoozed_until}: {snoozed.text}", style="green")
