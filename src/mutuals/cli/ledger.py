"""The give/ask ledger: `mutuals give`, `received`, `introduce`, `ask`, `answered`, `balance`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import balance_words, emit_json, plain, say, show, table
from mutuals.cli.resolve import acting_user, day_from, local_today, person_named
from mutuals.core.reciprocity import AskWarning, Direction, ExchangeKind
from mutuals.core.words import balance_level
from mutuals.ledger import selectors as ledger_selectors
from mutuals.ledger import services as ledger_services
from mutuals.ledger.models import Ask, Exchange
from mutuals.ledger.serialize import (
    ask_to_dict,
    balance_row,
    balance_to_dict,
    exchange_to_dict,
    warning_to_dict,
)
from mutuals.people.serialize import person_ref

RECENT = 10

KindOption = Annotated[
    ExchangeKind, typer.Option(help="What it was; it sets how much it weighs in the balance.")
]
DateOption = Annotated[
    str,
    typer.Option(metavar="DATE", help="When: YYYY-MM-DD, today, yesterday, '3 days ago'…"),
]
NewJsonOption = Annotated[
    bool, typer.Option("--json", help="Also print what was recorded as JSON on stdout.")
]


def _exchange(
    ctx: typer.Context, name: str, text: str, direction: Direction, kind: ExchangeKind, **extra
) -> Exchange:
    owner = acting_user(ctx)
    person = person_named(owner, name)
    return ledger_services.record_exchange(
        owner=owner,
        person_id=person.pk,
        direction=direction.value,
        kind=kind.value,
        text=text,
        **extra,
    )


def give(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Who you gave it to.")],
    text: Annotated[
        str, typer.Argument(metavar="TEXT", help='What you gave, e.g. "sent the Acme posting".')
    ],
    kind: KindOption = ExchangeKind.INFORMATION,
    need: Annotated[
        int | None,
        typer.Option("--need", metavar="NEED_ID", help="The need it helps (marks it helped)."),
    ] = None,
    date: DateOption = "today",
    as_json: NewJsonOption = False,
) -> None:
    """Record something you gave someone: information, advice, an introduction…"""
    made = _exchange(
        ctx,
        name,
        text,
        Direction.GAVE,
        kind,
        occurred_on=day_from(date, "--date"),
        need_id=need,
    )
    if as_json:
        emit_json(exchange_to_dict(made))
    helped = f", helping need #{need}" if need is not None else ""
    say(f"Gave {made.person.full_name} {made.kind} (#{made.pk}){helped}.", style="green")


def received(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Who gave it to you.")],
    text: Annotated[
        str, typer.Argument(metavar="TEXT", help='What you received, e.g. "advice on my CV".')
    ],
    kind: KindOption = ExchangeKind.INFORMATION,
    date: DateOption = "today",
    as_json: NewJsonOption = False,
) -> None:
    """Record something someone gave you."""
    made = _exchange(
        ctx, name, text, Direction.RECEIVED, kind, occurred_on=day_from(date, "--date")
    )
    if as_json:
        emit_json(exchange_to_dict(made))
    say(f"Received {made.kind} from {made.person.full_name} (#{made.pk}).", style="green")


def introduce(
    ctx: typer.Context,
    first: Annotated[
        str, typer.Argument(metavar="A", help="One of the two people you introduced.")
    ],
    second: Annotated[str, typer.Argument(metavar="B", help="The other one.")],
    note: Annotated[
        str, typer.Option("--note", metavar="TEXT", help="Why, or what came of it.")
    ] = "",
    as_json: NewJsonOption = False,
) -> None:
    """Record an introduction you made: a give to each of the two people."""
    owner = acting_user(ctx)
    a, b = person_named(owner, first), person_named(owner, second)
    made = ledger_services.record_introduction(
        owner=owner, person_id=a.pk, other_id=b.pk, text=note
    )
    if as_json:
        emit_json({"exchanges": [exchange_to_dict(e) for e in made]})
    say(f"Introduced {a.full_name} to {b.full_name}.", style="green")


def _say_warning(warning: AskWarning) -> None:
    style = "red" if warning.severity == "warn" else "yellow"
    say(f"{warning.severity.capitalize()}: {warning.message}", style=style)
    for need in warning.give_first:
        say(Text(f"  • need #{need.id} ({need.kind}): {need.text}"))


def ask(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Who you asked.")],
    text: Annotated[
        str, typer.Argument(metavar="TEXT", help='What you asked, e.g. "an intro to Acme".')
    ],
    date: DateOption = "today",
    as_json: NewJsonOption = False,
) -> None:
    """Record something you asked of someone; warns first when the balance is against you."""
    owner = acting_user(ctx)
    person = person_named(owner, name)
    today = local_today()
    warning = ledger_selectors.ask_warning_for(owner=owner, person_id=person.pk, today=today)
    made = ledger_services.record_ask(
        owner=owner, person_id=person.pk, text=text, asked_on=day_from(date, "--date")
    )
    if warning is not None:
        _say_warning(warning)
    if as_json:
        emit_json({"ask": ask_to_dict(made), "warning": warning_to_dict(warning)})
    say(f"Ask #{made.pk} of {person.full_name} recorded.", style="green")


def answered(
    ctx: typer.Context,
    ask_id: Annotated[
        int, typer.Argument(metavar="ASK_ID", help="The ask's number, as `mutuals balance` shows.")
    ],
    note: Annotated[str, typer.Option("--note", metavar="TEXT", help="What the answer was.")] = "",
) -> None:
    """Mark an ask as answered."""
    owner = acting_user(ctx)
    try:
        done = ledger_services.answer_ask(owner=owner, ask_id=ask_id, note=note)
    except Ask.DoesNotExist:
        raise CliError(
            f"There is no ask #{ask_id}. See them with `mutuals balance NAME`.",
            ExitCode.NOT_FOUND,
        ) from None
    say(f"Ask #{done.pk} answered: {done.text}", style="green")


def balance(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(metavar="NAME", help="One person (leave out to list everyone)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")] = False,
) -> None:
    """Show the give/receive balance with one person, or with everyone you exchanged with."""
    owner = acting_user(ctx)
    if name is None:
        _everyone(owner, as_json)
    else:
        _one(owner, name, as_json)


def _everyone(owner, as_json: bool) -> None:
    rows = ledger_selectors.balance_table(owner=owner, today=local_today())
    if as_json:
        emit_json({"balances": [balance_row(person, b) for person, b in rows]})
        return
    if not rows:
        say("Nothing given or received yet. Record it with `mutuals give` or `mutuals received`.")
        return
    grid = table("#", "Name", "Give and take", "In short")
    for person, b in rows:
        grid.add_row(str(person.pk), plain(person.full_name), balance_words(b.score), b.label)
    show(grid)


def _one(owner, name: str, as_json: bool) -> None:
    person = person_named(owner, name)
    today = local_today()
    b = ledger_selectors.balance_for(owner=owner, person_id=person.pk, today=today)
    warning = ledger_selectors.ask_warning_for(owner=owner, person_id=person.pk, today=today)
    exchanges = list(ledger_selectors.exchanges_for(owner=owner, person_id=person.pk)[:RECENT])
    asks = list(ledger_selectors.asks_for(owner=owner, person_id=person.pk)[:RECENT])
    if as_json:
        emit_json(
            {
                "person": person_ref(person),
                **balance_to_dict(b),
                "warning": warning_to_dict(warning),
                "exchanges": [exchange_to_dict(e) for e in exchanges],
                "asks": [ask_to_dict(a) for a in asks],
            }
        )
        return
    show(Text(f"{person.full_name}: {b.label}", style="bold"))
    show(plain(f"Give and take: {balance_level(b.score).word}."))
    for reason in b.reasons:
        show(plain(f"  • {reason}"))
    if exchanges:
        grid = table("#", "Date", "Direction", "Kind", "What", title="\nRecent gives and receives")
        for e in exchanges:
            grid.add_row(str(e.pk), str(e.occurred_on), e.direction, e.kind, plain(e.text))
        show(grid)
    if asks:
        grid = table("#", "Asked", "What", "Answered", title="\nRecent asks")
        for a in asks:
            grid.add_row(str(a.pk), str(a.asked_on), plain(a.text), str(a.answered_on or "no"))
        show(grid)
    if warning is not None:
        _say_warning(warning)
