"""`mutuals outreach check|draft`: honest feedback on a message before it is sent, and drafts
written from what you know about the person.

`check` exits 0 whatever the review finds (the findings are its result, not a failure); it exits
non-zero only when it cannot read the message or the recipient (see docs/cli.md).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from django.core.exceptions import ValidationError
from rich.text import Text

from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import emit_json, say, show
from mutuals.cli.resolve import acting_user, local_today, person_named
from mutuals.core.drafts import Purpose

if TYPE_CHECKING:
    from mutuals.core.outreach import Finding, Review

# The review's rules compile hundreds of phrases: imported by the commands that use them, so
# every other command starts without paying for them.

outreach_app = typer.Typer(
    help="The outreach coach: review a message before you send it, or draft one.",
    no_args_is_help=True,
)

STYLES = {"problem": "bold red", "warn": "yellow", "info": "cyan"}  # by core.outreach.Severity
CONTEXT = 40  # characters shown either side of a finding's span
LONG_SPAN = 120  # a longer span is shown by its start only
# The draft's fields as the options that set them.
OPTIONS = {
    "to": "--to",
    "purpose": "--purpose",
    "target": "--target",
    "ask": "--ask",
    "share": "--share",
    "need": "--need",
    "occasion": "--occasion",
    "received": "--for",
}

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")]
ToOption = Annotated[
    str | None,
    typer.Option(
        "--to",
        metavar="NAME",
        help="Who it is for: the review then knows your history with them.",
    ),
]


@outreach_app.command("check")
def check(
    ctx: typer.Context,
    source: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="The message: a text file, or - to read it from stdin."
        ),
    ],
    to: ToOption = None,
    as_json: JsonOption = False,
) -> None:
    """Review a draft message: what will land badly, why, and what to write instead."""
    from mutuals.outreach import selectors
    from mutuals.outreach.serialize import review_to_dict

    owner = acting_user(ctx)
    text = _read(source)
    person_id = person_named(owner, to).pk if to else None
    found, recipient = selectors.review_message(
        owner=owner, text=text, today=local_today(), person_id=person_id
    )
    if as_json:
        emit_json(review_to_dict(found, recipient.person if recipient else None))
        return
    show(*_review_lines(text, found))


@outreach_app.command("draft")
def draft(
    ctx: typer.Context,
    to: Annotated[str, typer.Option("--to", metavar="NAME", help="Who the message is for.")],
    purpose: Annotated[
        Purpose, typer.Option("--purpose", help="What the message is for.", show_default=False)
    ],
    target: Annotated[
        str | None,
        typer.Option("--target", metavar="NAME", help="intro-request: who you would like to meet."),
    ] = None,
    ask: Annotated[
        str,
        typer.Option(
            "--ask",
            metavar="TEXT",
            help="The small thing you would like: their take on something, or what you hope "
            "to hear about from the person you would like to meet.",
        ),
    ] = "",
    share: Annotated[
        str, typer.Option("--share", metavar="TEXT", help="share: what you are sending.")
    ] = "",
    need: Annotated[
        int | None,
        typer.Option(
            "--need",
            metavar="NEED_ID",
            help="share: which of their open needs it serves (default their oldest).",
        ),
    ] = None,
    occasion: Annotated[
        str, typer.Option("--occasion", metavar="TEXT", help="congratulate: their news.")
    ] = "",
    thanks_for: Annotated[
        str,
        typer.Option(
            "--for",
            metavar="TEXT",
            help="thanks: what they did (default the latest thing you received from them).",
        ),
    ] = "",
    variant: Annotated[
        int, typer.Option("--variant", min=0, help="Another wording of the same draft.")
    ] = 0,
    as_json: JsonOption = False,
) -> None:
    """Draft a message from what you know about someone; its review is printed with it."""
    from mutuals.outreach import selectors
    from mutuals.outreach.serialize import draft_to_dict

    owner = acting_user(ctx)
    person = person_named(owner, to)
    request = selectors.DraftRequest(
        target_id=person_named(owner, target).pk if target else None,
        ask=ask,
        share=share,
        need_id=need,
        occasion=occasion,
        received=thanks_for,
        variant=variant,
    )
    try:
        written, found, recipient = selectors.draft_message(
            owner=owner,
            person_id=person.pk,
            purpose=purpose.value,
            today=local_today(),
            request=request,
        )
    except ValidationError as error:
        raise CliError(_as_options(error), ExitCode.INVALID) from None
    if as_json:
        emit_json(draft_to_dict(written, found, recipient.person))
        return
    show(Text(f"Subject: {written.subject}\n\n{written.text}"))
    if written.uses:
        say(f"Drafted from {', '.join(written.uses)}: make it yours before you send it.")
    say(_verdict(found))
    for finding in found.findings:
        say(_finding_line(finding))


def _as_options(error: ValidationError) -> str:
    """The draft's field errors named as the options a user typed."""
    return "\n".join(
        f"{OPTIONS.get(field, field)}: {' '.join(messages)}"
        for field, messages in error.message_dict.items()
    )


def _read(source: str) -> str:
    from mutuals.outreach.selectors import MESSAGE_MAX

    if source == "-":
        text = sys.stdin.read(MESSAGE_MAX + 1)
    else:
        try:
            text = Path(source).read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            raise CliError(f"Cannot read {source}: {error.strerror}.", ExitCode.INVALID) from None
    if not text.strip():
        raise CliError("Give a message to review: a file, or - and pipe it in.", ExitCode.USAGE)
    if len(text) > MESSAGE_MAX:
        raise CliError(
            f"That message is too long; keep it under {MESSAGE_MAX:,} characters.",
            ExitCode.INVALID,
        )
    return text


def _verdict(found: Review) -> Text:
    line = Text("Review: ")
    line.append(found.verdict, style="bold")
    line.append(f" (score {found.score}/100)")
    if not found.findings:
        line.append(": nothing to change.", style="green")
    return line


def _review_lines(text: str, found: Review) -> list[Text]:
    lines = [_verdict(found)]
    for number, finding in enumerate(found.findings, 1):
        lines.append(Text(""))
        lines.append(_finding_line(finding, number))
        lines.append(_in_context(text, finding))
        lines.append(Text(f"   Why: {finding.principle}", style="dim"))
        lines.append(Text(f"   Try: {finding.suggestion}"))
        if finding.replacement is not None:
            lines.append(Text(f"   Replace with: {finding.replacement!r}", style="green"))
    return lines


def _finding_line(finding: Finding, number: int | None = None) -> Text:
    line = Text(f"{number}. " if number else "")
    line.append(f"[{finding.severity}]", style=STYLES.get(finding.severity, ""))
    line.append(f" {finding.message}")
    line.append(f" ({finding.code})", style="dim")
    return line


def _in_context(text: str, finding: Finding) -> Text:
    """The span with a little text either side, on one line, the span highlighted."""
    start, end = max(0, finding.start), min(len(text), finding.end)
    if end - start > LONG_SPAN:
        end = start + LONG_SPAN
    begin, finish = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    excerpt = Text("   ")
    excerpt.append("…" if begin > 0 else "")
    excerpt.append(_one_line(text[begin:start]))
    excerpt.append(_one_line(text[start:end]) or "^", style=STYLES.get(finding.severity, "bold"))
    excerpt.append(_one_line(text[end:finish]))
    excerpt.append("…" if finish < len(text) else "")
    return excerpt


def _one_line(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ")
