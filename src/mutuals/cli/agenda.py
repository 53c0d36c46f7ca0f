"""Today's agenda: `mutuals today`, and `mutuals thanked` for its thank-yous."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from django.core.exceptions import ValidationError

from mutuals.agenda.selectors import today_agenda
from mutuals.agenda.serialize import agenda_to_dict
from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import emit_json, say, show
from mutuals.cli.resolve import acting_user, day_from, local_today
from mutuals.core.agenda import KIND_ORDER, NO_LIMITS, AgendaItem, ItemKind
from mutuals.ledger import services as ledger_services
from mutuals.ledger.models import Exchange

if TYPE_CHECKING:
    from rich.text import Text

HEADINGS = {
    ItemKind.PROMISE: "Promises due",
    ItemKind.OCCASION: "Birthdays and other occasions",
    ItemKind.INTRODUCTION: "Introductions",
    ItemKind.THANK_YOU: "Thank-yous owed",
    ItemKind.NEW_ACQUAINTANCE: "New acquaintances to follow up",
    ItemKind.KEEP_IN_TOUCH: "Due to keep in touch",
    ItemKind.ASK_UNANSWERED: "Asks still unanswered",
    ItemKind.NEED_REVIEW: "Needs to review",
    ItemKind.DORMANT: "Dormant ties worth reviving",
}
# The command that clears an item of each give-and-take kind, shown after its reason.
NEXT_STEPS = {
    ItemKind.INTRODUCTION: "mutuals intro status {item.introduction_id}",
    ItemKind.THANK_YOU: "mutuals thanked {item.exchange_id}",
    ItemKind.ASK_UNANSWERED: "mutuals answered {item.ask_id}",
    ItemKind.NEED_REVIEW: "mutuals reviewed {item.need_id}",
}


def today(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")] = False,
    show_all: Annotated[
        bool, typer.Option("--all", help="List every item, not only the top of each group.")
    ] = False,
) -> None:
    """Who to reach out to today, and why."""
    owner = acting_user(ctx)
    day = local_today()
    agenda = today_agenda(owner=owner, today=day, limits=NO_LIMITS if show_all else None)
    if as_json:
        emit_json(agenda_to_dict(agenda, day))
        return
    if not agenda.items:
        say(
            "Nothing due today. Log conversations with `mutuals log`, and people come back "
            "here when it is time to keep in touch."
        )
        return
    from rich.text import Text  # only for people at a terminal: --json never loads Rich

    for kind in KIND_ORDER:
        items = [item for item in agenda.items if item.kind == kind]
        if not items:
            continue
        show(Text(f"\n{HEADINGS[kind]} ({agenda.totals[kind]})", style="bold"))
        for item in items:
            show(_line(item))
        hidden = agenda.totals[kind] - len(items)
        if hidden:
            show(Text(f"  … and {hidden} more (mutuals today --all)", style="dim"))


def _line(item: AgendaItem) -> Text:
    from rich.text import Text

    line = Text("  • ")
    if item.kind == ItemKind.PROMISE:
        line.append(f"#{item.promise_id} ", style="dim")
        line.append(item.text, style="bold")
        if item.person_name:
            line.append(f" for {item.person_name}")
    elif item.person_id is None:
        line.append("You", style="bold")
    else:
        line.append(item.person_name or "", style="bold")
        line.append(f" #{item.person_id}", style="dim")
    line.append(f" — {item.reason}")
    if item.kind in NEXT_STEPS:
        line.append(f"  ({NEXT_STEPS[item.kind].format(item=item)})", style="dim")
    return line


def thanked(
    ctx: typer.Context,
    exchange_id: Annotated[
        int,
        typer.Argument(
            metavar="EXCHANGE_ID",
            help="What you received, by number, as `mutuals today` or `mutuals balance` shows.",
        ),
    ],
    date: Annotated[
        str,
        typer.Option(metavar="DATE", help="When you said thank you: YYYY-MM-DD, yesterday…"),
    ] = "today",
) -> None:
    """Record that you said thank you for something you received (it leaves the agenda)."""
    owner = acting_user(ctx)
    try:
        done = ledger_services.mark_thanked(
            owner=owner, exchange_id=exchange_id, on=day_from(date, "--date")
        )
    except Exchange.DoesNotExist:
        raise CliError(
            f"There is nothing received with number #{exchange_id}. "
            "See them with `mutuals balance NAME`.",
            ExitCode.NOT_FOUND,
        ) from None
    except ValidationError as error:
        option = "--date: " if "thanked_on" in error.message_dict else ""
        raise CliError(option + " ".join(error.messages), ExitCode.INVALID) from None
    say(f"Thanked {done.person.full_name} for #{done.pk}: {done.text}", style="green")
