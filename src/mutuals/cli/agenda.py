"""Today's agenda: `mutuals today`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.text import Text

from mutuals.agenda.selectors import today_agenda
from mutuals.agenda.serialize import agenda_to_dict
from mutuals.cli.output import emit_json, say, show
from mutuals.cli.resolve import acting_user, local_today
from mutuals.core.agenda import KIND_ORDER, AgendaItem, AgendaLimits, ItemKind

HEADINGS = {
    ItemKind.PROMISE: "Promises due",
    ItemKind.NEW_ACQUAINTANCE: "New acquaintances to follow up",
    ItemKind.KEEP_IN_TOUCH: "Due to keep in touch",
    ItemKind.DORMANT: "Dormant ties worth reviving",
}
NO_LIMITS = AgendaLimits(
    keep_in_touch=sys.maxsize, new_acquaintance=sys.maxsize, dormant=sys.maxsize
)


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
    line = Text("  • ")
    if item.kind == ItemKind.PROMISE:
        line.append(f"#{item.promise_id} ", style="dim")
        line.append(item.text, style="bold")
        if item.person_name:
            line.append(f" for {item.person_name}")
    else:
        line.append(item.person_name or "", style="bold")
        line.append(f" #{item.person_id}", style="dim")
    line.append(f" — {item.reason}")
    return line
