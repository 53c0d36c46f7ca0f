"""`mutuals path` (warm paths to a person, an organisation or anyone matching words) and
`mutuals intro request|make|status` (introductions with double opt-in).

The path search and the message drafts load numpy and the outreach rules: they are imported
inside the commands, so every other command starts without paying for them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from django.contrib.auth.models import AbstractBaseUser
from rich.text import Text

from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import emit_json, say, show
from mutuals.cli.resolve import acting_user, day_from, local_today, person_named
from mutuals.core.reciprocity import AskWarning
from mutuals.core.words import path_level
from mutuals.network import introductions as intro_services
from mutuals.network import selectors
from mutuals.network.models import Introduction
from mutuals.network.serialize import introduction_to_dict

intro_app = typer.Typer(
    help="Introductions with double opt-in: ask for one, offer one, move it on.",
    no_args_is_help=True,
)


class Mode(StrEnum):
    intro = "intro"
    info = "info"


class Status(StrEnum):
    requested = "requested"
    asked = "asked"
    accepted = "accepted"
    declined = "declined"
    made = "made"
    thanked = "thanked"


JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")]
ReasonOption = Annotated[
    str, typer.Option("--reason", metavar="TEXT", help="Why: what you hope to learn or offer.")
]
OnOption = Annotated[
    str | None, typer.Option("--on", metavar="DAY", help="When, if not today (e.g. yesterday).")
]


def path(
    ctx: typer.Context,
    to: Annotated[str | None, typer.Option("--to", metavar="NAME", help="A person.")] = None,
    company: Annotated[
        str | None, typer.Option("--company", metavar="ORG", help="Anyone at an organisation.")
    ] = None,
    match: Annotated[
        str | None,
        typer.Option("--match", metavar="WORDS", help="Anyone whose title or notes match."),
    ] = None,
    mode: Annotated[
        Mode, typer.Option("--mode", help="intro: strongest ties; info: moderately weak first.")
    ] = Mode.intro,
    k: Annotated[int, typer.Option("-k", min=1, max=50, help="How many paths.")] = 5,
    as_json: JsonOption = False,
) -> None:
    """Warm paths (at most 3 hops) to a person, an organisation, or anyone matching words."""
    from mutuals.network import paths
    from mutuals.network.serialize import paths_to_dict

    chosen = [
        (name, value)
        for name, value in (("--to", to), ("--company", company), ("--match", match))
        if value
    ]
    if len(chosen) != 1:
        raise CliError("Give exactly one of --to, --company or --match.", ExitCode.USAGE)
    owner = acting_user(ctx)
    option, value = chosen[0]
    targets = paths.targets(owner=owner, kind=option.removeprefix("--"), value=value)
    found = paths.warm_paths(owner=owner, targets=targets, mode=mode.value, k=k)
    if as_json:
        emit_json(paths_to_dict(targets, found, mode.value))
        return
    if targets.note:
        say(targets.note, style="yellow")
    if not found:
        say(
            f"No warm path to {targets.label} within 3 hops. Record who knows whom with "
            "`mutuals knows A B` or `mutuals import knows FILE`."
        )
        return
    show(Text(f"Paths to {targets.label}", style="bold"))
    show(Text(paths.MODE_NOTES[mode.value], style="dim"))
    for rank, found_path in enumerate(found, start=1):
        names = " → ".join(step.name for step in found_path.steps)
        line = Text(f"\n{rank}. ", style="bold")
        line.append(names, style="bold")
        warmth = path_level(found_path.score).word
        line.append(f"  {warmth} · {found_path.kind}", style="dim")
        show(line)
        for why in found_path.why:
            show(Text(f"   · {why}"))
        if found_path.kind == "introduction":
            show(
                Text(
                    f'   Ask: mutuals intro request "{found_path.steps[1].name}" '
                    f'"{found_path.steps[-1].name}"',
                    style="cyan",
                )
            )


@intro_app.command("request")
def request(
    ctx: typer.Context,
    introducer: Annotated[str, typer.Argument(metavar="INTRODUCER", help="Who to ask.")],
    target: Annotated[str, typer.Argument(metavar="TARGET", help="Who you would like to meet.")],
    reason: ReasonOption = "",
    on: OnOption = None,
    as_json: JsonOption = False,
) -> None:
    """Ask INTRODUCER to introduce you to TARGET; prints the message to send them."""
    owner = acting_user(ctx)
    a, b = person_named(owner, introducer), person_named(owner, target)
    preview = selectors.request_preview(
        owner=owner, introducer_id=a.pk, target_id=b.pk, reason=reason, today=local_today()
    )
    created = intro_services.request_introduction(
        owner=owner,
        introducer_id=a.pk,
        target_id=b.pk,
        reason=reason,
        on=day_from(on, "--on") if on else None,
    )
    _report(owner, created, as_json, warning=preview.warning)


@intro_app.command("make")
def make(
    ctx: typer.Context,
    first: Annotated[str, typer.Argument(metavar="A", help="Who you would introduce.")],
    second: Annotated[str, typer.Argument(metavar="B", help="Who they would meet.")],
    reason: ReasonOption = "",
    status: Annotated[
        Status,
        typer.Option(
            "--status", help="Where it stands: requested (ask A first) ... made (done already)."
        ),
    ] = Status.requested,
    on: OnOption = None,
    as_json: JsonOption = False,
) -> None:
    """Introduce A to B, asking A first (double opt-in); making it is a give to both."""
    owner = acting_user(ctx)
    a, b = person_named(owner, first), person_named(owner, second)
    day = day_from(on, "--on") if on else None
    created = intro_services.offer_introduction(
        owner=owner, seeker_id=a.pk, target_id=b.pk, reason=reason, on=day
    )
    if status is not Status.requested:
        created = intro_services.move_introduction(
            owner=owner, introduction_id=created.pk, status=status.value, on=day
        )
    _report(owner, created, as_json)


@intro_app.command("status")
def status(
    ctx: typer.Context,
    number: Annotated[
        int | None, typer.Argument(metavar="[ID]", help="An introduction's number.")
    ] = None,
    new_status: Annotated[
        Status | None, typer.Argument(metavar="[STATUS]", help="Move it to this step.")
    ] = None,
    on: OnOption = None,
    as_json: JsonOption = False,
) -> None:
    """List your introductions; with ID, show its next step; with ID STATUS, move it on."""
    owner = acting_user(ctx)
    if number is None:
        _list(owner, as_json)
        return
    if new_status is not None:
        moved = intro_services.move_introduction(
            owner=owner,
            introduction_id=number,
            status=new_status.value,
            on=day_from(on, "--on") if on else None,
        )
        _report(owner, moved, as_json)
        return
    _report(owner, selectors.get_introduction(owner=owner, introduction_id=number), as_json)


def _list(owner: AbstractBaseUser, as_json: bool) -> None:
    from mutuals.cli.output import plain, table

    found = selectors.introductions(owner=owner)
    if as_json:
        emit_json({"count": len(found), "items": [introduction_to_dict(i) for i in found]})
        return
    if not found:
        say(
            "No introductions yet. Find a warm path with `mutuals path --company ORG`, then "
            "`mutuals intro request INTRODUCER TARGET`."
        )
        return
    grid = table("#", "Introduction", "Status", "Since", title="Introductions")
    for intro in found:
        grid.add_row(str(intro.pk), plain(_title(intro)), intro.status, str(intro.requested_on))
    show(grid)


def _title(intro: Introduction) -> str:
    if intro.introducer is None:
        seeker = intro.seeker.full_name if intro.seeker else "?"
        return f"You introduce {seeker} to {intro.target.full_name}"
    return f"{intro.introducer.full_name} introduces you to {intro.target.full_name}"


def _report(
    owner: AbstractBaseUser, intro: Introduction, as_json: bool, warning: AskWarning | None = None
) -> None:
    step = selectors.next_step(owner=owner, intro=intro, today=local_today())
    if as_json:
        emit_json(introduction_to_dict(intro, step))
        return
    say(f"#{intro.pk} {_title(intro)}: {intro.status}.", style="green")
    shown_warning = warning or step.warning
    if shown_warning is not None:
        say(shown_warning.message, style="yellow")
    show(Text(f"Next: {step.says}.", style="bold"))
    if step.draft is not None and step.recipient is not None:
        show(Text(f"\nMessage to {step.recipient.full_name} — {step.draft.subject}", style="bold"))
        show(Text(step.draft.text))
    if step.moves:
        moves = "|".join(step.moves)
        show(Text(f"\nMove it on: mutuals intro status {intro.pk} {moves}", style="dim"))
