"""Today's plan: `mutuals today`, and `mutuals thanked` for its thank-yous."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from django.core.exceptions import ValidationError

from mutuals.agenda.selectors import today_plan
from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.fast_path import ALL, JSON, MORE
from mutuals.cli.output import say, show
from mutuals.cli.resolve import acting_user, day_from, local_today
from mutuals.cli.today_json import print_today_json
from mutuals.core.agenda import AgendaItem, ItemKind

if TYPE_CHECKING:
    from rich.text import Text

# What each kind of item is, said after the person's name.
HEADINGS = {
    ItemKind.PROMISE: "promise",
    ItemKind.ASSIGNMENT: "from your coach",
    ItemKind.OCCASION: "occasion",
    ItemKind.INTRODUCTION: "introduction",
    ItemKind.THANK_YOU: "thank-you owed",
    ItemKind.NEW_ACQUAINTANCE: "new acquaintance",
    ItemKind.KEEP_IN_TOUCH: "keep in touch",
    ItemKind.ASK_UNANSWERED: "ask unanswered",
    ItemKind.NEED_REVIEW: "need to review",
    ItemKind.DORMANT: "dormant tie",
    ItemKind.INTERVIEW: "interview prep",
    ItemKind.REFERRAL_THANKS: "thank for a referral",
    ItemKind.APPLICATION: "application follow-up",
    ItemKind.EVENT_FOLLOW_UP: "event follow-up",
}
# The command that clears an item of each give-and-take kind, shown after its reason.
NEXT_STEPS = {
    ItemKind.INTRODUCTION: "mutuals intro status {item.introduction_id}",
    ItemKind.THANK_YOU: "mutuals thanked {item.exchange_id}",
    ItemKind.ASK_UNANSWERED: "mutuals answered {item.ask_id}",
    ItemKind.NEED_REVIEW: "mutuals reviewed {item.need_id}",
    ItemKind.INTERVIEW: "mutuals lead show {item.lead_id}",
    ItemKind.REFERRAL_THANKS: "mutuals lead thanked {item.lead_id} {item.person_id}",
    ItemKind.APPLICATION: "mutuals lead followed-up {item.lead_id}",
    ItemKind.ASSIGNMENT: "mutuals assignment done {item.assignment_id}",
}


def _coming_meetings(owner: Any) -> None:
    """The coming meetings with your people (agenda.meetings), before the plan."""
    from mutuals.agenda.meetings import upcoming_meetings

    meetings = upcoming_meetings(owner=owner)
    if not meetings:
        return
    from rich.text import Text

    show(Text("Coming up:", style="bold"))
    for meeting in meetings:
        line = Text(f"  {meeting.words}")
        if meeting.last_time:
            line.append(f" · last time: {meeting.last_time}", style="dim")
        show(line)
    show(Text(""))


# The options are defined in cli/fast_path.py, which runs `today --json` without Typer.
def today(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option(JSON.name, help=JSON.help)] = False,
    show_all: Annotated[bool, typer.Option(ALL.name, help=ALL.help)] = False,
    more: Annotated[
        int,
        typer.Option(MORE.name, min=MORE.low, max=MORE.high, metavar=MORE.metavar, help=MORE.help),
    ] = 0,
) -> None:
    """Today's plan: a few people to reach out to, and why (the rest on the coming days)."""
    owner = acting_user(ctx)
    if as_json:
        print_today_json(owner, show_all=show_all, more=more)
        return
    plan = today_plan(owner, local_today(), extra=more)
    _coming_meetings(owner)
    if not plan.total_due:
        done = f"You did {plan.done_today} things today. " if plan.done_today else ""
        say(
            f"{done}Nothing due today. Log conversations with `mutuals log`, and people come "
            "back here when it is time to keep in touch."
        )
        return
    from rich.text import Text  # only for people at a terminal: --json never loads Rich

    show(Text(f"Today's plan: {plan.done_today} of {plan.goal} done", style="bold"))
    for number, item in enumerate(plan.items, start=plan.done_today + 1):
        show(_line(item, f"{number}."))
    if plan.is_done:
        show(Text("  Plan done. One more? mutuals today --more 1", style="green"))
    if not plan.later:
        return
    if not show_all:
        days = len(plan.later)
        show(
            Text(
                f"\n{plan.later_count} more over the next {days} days (mutuals today --all)",
                style="dim",
            )
        )
        return
    for day, items in plan.later:
        show(Text(f"\n{day:%A %-d %B}", style="bold"))
        for item in items:
            show(_line(item, "•"))


def _line(item: AgendaItem, mark: str) -> Text:
    from rich.text import Text

    line = Text(f"  {mark} ")
    if item.kind == ItemKind.PROMISE:
        line.append(f"#{item.promise_id} ", style="dim")
        line.append(item.text, style="bold")
        if item.person_name:
            line.append(f" · promised to {item.person_name}")
    elif item.person_id is None and item.about:
        line.append(item.about, style="bold")
        if item.lead_id is not None:
            line.append(f" #{item.lead_id}", style="dim")
    elif item.person_id is None:
        line.append("You", style="bold")
    else:
        line.append(item.person_name or "", style="bold")
        line.append(f" #{item.person_id}", style="dim")
    line.append(f" ({HEADINGS[item.kind]})", style="dim")
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
    # Here, not at the top: the ledger's services bring the needs and matching modules, which
    # `mutuals today` never uses.
    from mutuals.ledger import services as ledger_services
    from mutuals.ledger.models import Exchange

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
