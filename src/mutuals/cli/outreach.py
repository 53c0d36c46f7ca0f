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
    message: Annotated[
        str | None,
        typer.Argument(
            metavar="MESSAGE",
            help="The message itself (in quotes), a text file's path, or - (or nothing) to "
            "read it from stdin.",
            show_default=False,
        ),
    ] = None,
    file: Annotated[
        str | None,
        typer.Option("--file", metavar="PATH", help="Read the message from this text file."),
    ] = None,
    to: ToOption = None,
    unanswered: Annotated[
        int | None,
        typer.Option(
            "--unanswered",
            metavar="N",
            min=0,
            help="How many of your messages to them in a row have had no reply (default: from "
            "your log with --to, else 0).",
            show_default=False,
        ),
    ] = None,
    days_since_you_wrote: Annotated[
        int | None,
        typer.Option(
            "--days-since-you-wrote",
            metavar="DAYS",
            min=0,
            help="Days since your last message to them (default: from your log with --to).",
            show_default=False,
        ),
    ] = None,
    their_needs: Annotated[
        list[str] | None,
        typer.Option(
            "--their-need",
            metavar="TEXT",
            help="One of their open needs (repeat for more): a sentence that answers one is a "
            "give (default: from your records with --to).",
            show_default=False,
        ),
    ] = None,
    mutual: Annotated[
        list[str] | None,
        typer.Option(
            "--mutual",
            metavar="NAME",
            help="Someone you both know (repeat for more): naming them says who sent you "
            "(default: from who knows whom with --to).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Review a draft message: what will land badly, why, and what to write instead."""
    from mutuals.outreach import selectors
    from mutuals.outreach.serialize import review_to_dict

    owner = acting_user(ctx)
    text = _read(message, file)
    person_id = person_named(owner, to).pk if to else None
    found, recipient = selectors.review_message(
        owner=owner,
        text=text,
        today=local_today(),
        person_id=person_id,
        unanswered=unanswered,
        days_since_you_wrote=days_since_you_wrote,
        needs=their_needs,
        mutual=mutual,
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


@outreach_app.command("sent")
def sent(
    ctx: typer.Context,
    person_name: Annotated[str, typer.Argument(metavar="PERSON", help="Who you sent it to.")],
    purpose: Annotated[
        Purpose | None,
        typer.Option(
            "--purpose",
            help="What it was for; without --text or --file, the message is this purpose's "
            "draft (what `outreach draft` printed).",
            show_default=False,
        ),
    ] = None,
    via: Annotated[
        str, typer.Option("--via", metavar="email|linkedin", help="How you sent it.")
    ] = "email",
    text: Annotated[
        str | None, typer.Option("--text", metavar="TEXT", help="The message as you sent it.")
    ] = None,
    file: Annotated[
        str | None,
        typer.Option("--file", metavar="PATH", help="Read the message from a file (- for stdin)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Log a message you sent as a conversation today; a thank-you also marks what it thanks
    for as thanked. `outreach undo-sent` takes it back."""
    from mutuals.interactions.selectors import get_interaction
    from mutuals.interactions.serialize import interaction_to_dict
    from mutuals.outreach import selectors, services

    owner = acting_user(ctx)
    person = person_named(owner, person_name)
    message = _sent_text(text, file)
    if message is None:
        if purpose is None:
            raise CliError(
                "Give the message (--text or --file), or --purpose to log that draft.",
                ExitCode.USAGE,
            )
        message = selectors.draft_message(
            owner=owner, person_id=person.pk, purpose=purpose.value, today=local_today()
        )[0].text
    try:
        done = services.record_sent(
            owner=owner,
            person_id=person.pk,
            text=message,
            purpose=purpose.value if purpose else "",
            channel=via,
        )
    except ValidationError as error:
        names = {"channel": "--via", "text": "--text", "purpose": "--purpose"}
        raise CliError(
            "\n".join(
                f"{names.get(field, field)}: {' '.join(texts)}"
                for field, texts in error.message_dict.items()
            ),
            ExitCode.INVALID,
        ) from None
    if as_json:
        interaction = get_interaction(owner=owner, interaction_id=done.interaction.pk)
        thanked = done.thanked.pk if done.thanked else None
        emit_json({"interaction": interaction_to_dict(interaction), "thanked": thanked})
        return
    summary = done.interaction.summary
    say(f"Logged conversation #{done.interaction.pk} with {person.full_name}: {summary}")
    undo = f"mutuals outreach undo-sent {done.interaction.pk}"
    if done.thanked is not None:
        say(f"Marked thanked: {done.thanked.text}")
        undo += f" --exchange {done.thanked.pk}"
    say(f"To undo: {undo}")


@outreach_app.command("undo-sent")
def undo_sent(
    ctx: typer.Context,
    conversation: Annotated[
        int, typer.Argument(metavar="CONVERSATION_ID", help="The number `outreach sent` printed.")
    ],
    exchange: Annotated[
        int | None,
        typer.Option("--exchange", metavar="EXCHANGE_ID", help="The receive it marked thanked."),
    ] = None,
) -> None:
    """Take back `outreach sent`: delete that conversation and unmark its thanks."""
    from django.core.exceptions import ObjectDoesNotExist

    from mutuals.outreach import services

    owner = acting_user(ctx)
    try:
        services.undo_sent(owner=owner, interaction_id=conversation, exchange_id=exchange)
    except ObjectDoesNotExist:
        raise CliError(
            f"No conversation #{conversation} (or receive #{exchange}) in your records.",
            ExitCode.NOT_FOUND,
        ) from None
    say(f"Deleted conversation #{conversation}.")


def _sent_text(text: str | None, file: str | None) -> str | None:
    """The message from --text or --file (- reads stdin); None when neither was given."""
    if text is not None and file is not None:
        raise CliError("Give the message once: --text or --file, not both.", ExitCode.USAGE)
    if file == "-":
        return sys.stdin.read()
    if file is not None:
        try:
            return Path(file).read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            raise CliError(f"Cannot read {file}: {error.strerror}.", ExitCode.INVALID) from None
    return text


def _as_options(error: ValidationError) -> str:
    """The draft's field errors named as the options a user typed."""
    return "\n".join(
        f"{OPTIONS.get(field, field)}: {' '.join(messages)}"
        for field, messages in error.message_dict.items()
    )


GIVE_A_MESSAGE = (
    "Give a message to review: its text in quotes, a file (`--file draft.txt`), "
    "or pipe it in (`pbpaste | mutuals outreach check`)."
)


def _read(message: str | None, file: str | None) -> str:
    """The message to review, from the first that applies: --file; stdin for - or nothing;
    an existing file; a word that looks like a path (a mistyped one is an error, never
    reviewed as the message); otherwise the argument is the message itself."""
    from mutuals.outreach.selectors import MESSAGE_MAX

    if file is not None and message is not None:
        raise CliError("Give the message once: as text, or with --file, not both.", ExitCode.USAGE)
    if file is not None:
        text = _read_file(file, MESSAGE_MAX)
    elif message is None or message == "-":
        if message is None and sys.stdin.isatty():
            raise CliError(GIVE_A_MESSAGE, ExitCode.USAGE)
        text = sys.stdin.read(MESSAGE_MAX + 1)
    elif _is_file(message) or _looks_like_a_path(message):
        text = _read_file(message, MESSAGE_MAX)
    else:
        text = message
    if not text.strip():
        raise CliError(GIVE_A_MESSAGE, ExitCode.USAGE)
    if len(text) > MESSAGE_MAX:
        raise CliError(
            f"That message is too long; keep it under {MESSAGE_MAX:,} characters.",
            ExitCode.INVALID,
        )
    return text


def _is_file(text: str) -> bool:
    try:
        return "\n" not in text and Path(text).expanduser().is_file()
    except (OSError, ValueError):  # a message too long for a file name, or with a NUL in it
        return False


def _looks_like_a_path(text: str) -> bool:
    """One word naming a folder or a file with an extension: "draft.txt", "~/notes/rosa"."""
    if not text or any(ch.isspace() for ch in text):
        return False
    name = text.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, extension = name.rpartition(".")
    return "/" in text or "\\" in text or bool(dot and stem and extension.isalnum())


def _read_file(path: str, limit: int) -> str:
    try:
        with Path(path).expanduser().open(encoding="utf-8", errors="replace") as opened:
            return opened.read(limit + 1)
    except OSError as error:
        raise CliError(f"Cannot read {path}: {error.strerror}.", ExitCode.INVALID) from None


def _verdict(found: Review) -> Text:
    line = Text("Review: ")
    line.append(found.verdict, style="bold")
    line.append(f" (score {found.score}/100)")
    if not found.findings:
        line.append(": nothing to change.", style="green")
    return line


def _review_lines(text: str, found: Review) -> list[Text]:
    from mutuals.core.outreach.wording import principle_in_words

    lines = [_verdict(found)]
    for number, finding in enumerate(found.findings, 1):
        lines.append(Text(""))
        lines.append(_finding_line(finding, number))
        lines.append(_in_context(text, finding))
        # Rule ids and principle codes stay in --json; people read words.
        lines.append(Text(f"   Why: {principle_in_words(finding.principle)}", style="dim"))
        lines.append(Text(f"   Try: {finding.suggestion}"))
        if finding.replacement is not None:
            lines.append(Text(f"   Replace with: {finding.replacement!r}", style="green"))
    return lines


def _finding_line(finding: Finding, number: int | None = None) -> Text:
    line = Text(f"{number}. " if number else "")
    line.append(f"[{finding.severity}]", style=STYLES.get(finding.severity, ""))
    line.append(f" {finding.message}")
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
