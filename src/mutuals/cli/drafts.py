"""`mutuals drafts list|show|send|accept|ignore|reply|close` (the client) and `mutuals coach
drafts|comment` (the coach, registered in cli/coach.py): drafts sent to a coach for comments.

Comments are numbered within their draft, in the order they were made, as `show` prints them:
`mutuals drafts accept 12 2` accepts draft 12's second comment.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import emit_json, say, show, table
from mutuals.cli.resolve import acting_user, local_today, person_named, read_file
from mutuals.feedback import selectors, services
from mutuals.feedback.models import TEXT_MAX
from mutuals.feedback.serialize import review_to_dict

if TYPE_CHECKING:
    from mutuals.feedback.models import DraftComment, DraftReview

drafts_app = typer.Typer(
    help="Drafts you send to your coach: send one, read the comments, accept or ignore each.",
    no_args_is_help=True,
)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")]
DraftId = Annotated[int, typer.Argument(metavar="ID", help="The draft's number.", min=1)]
NOT_A_COMMENT = "Draft {draft} has no comment {number}: `mutuals drafts show {draft}` lists them."


def _name(user: object) -> str:
    full = getattr(user, "get_full_name", lambda: "")().strip()
    return str(full or user.get_username())  # type: ignore[attr-defined]


def _numbered(review: DraftReview) -> list[DraftComment]:
    return [c for c in selectors.thread(review) if c.on_span]


def _lines(review: DraftReview, *, for_coach: bool) -> list[Text]:
    to = f" to {review.recipient.full_name}" if review.recipient else ""
    who = f"from {_name(review.client)}" if for_coach else f"sent to {_name(review.coach)}"
    head = Text(f"Draft {review.pk}: {review.subject or 'no subject'}{to}, {who}", style="bold")
    lines = [head]
    if review.state == review.CLOSED:
        lines.append(Text("Closed: nothing more can be added.", style="dim"))
    lines += [Text(""), Text(review.text), Text("")]
    for number, found in enumerate(_numbered(review), start=1):
        lines.append(Text(f"Comment {number} ({found.state}) on “{found.quote}”:", style="bold"))
        lines.append(Text(f"  {found.comment}"))
        if found.suggestion:
            lines.append(Text(f"  Suggested: {found.suggestion}"))
    thread = [c for c in selectors.thread(review) if not c.on_span]
    if thread:
        lines.append(Text("Thread:", style="bold"))
        for message in thread:
            author = _name(review.coach) if message.author == "coach" else _name(review.client)
            lines.append(Text(f"  {author}: {message.comment}"))
    return lines


@drafts_app.command("list")
def list_drafts(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """The drafts you sent for review, newest first."""
    client = acting_user(ctx)
    reviews = list(selectors.reviews_for_client(client=client).prefetch_related("comments"))
    if as_json:
        emit_json({"items": [review_to_dict(review) for review in reviews]})
        return
    if not reviews:
        say("No drafts sent yet. Send one with `mutuals drafts send FILE --coach NAME`.")
        return
    rows = table("ID", "Subject", "Coach", "To answer", "State")
    for review in reviews:
        waiting = sum(1 for c in review.comments.all() if c.on_span and c.state == c.OPEN)
        rows.add_row(
            str(review.pk), review.subject or "—", _name(review.coach), str(waiting), review.state
        )
    show(rows)


@drafts_app.command("show")
def show_draft(ctx: typer.Context, draft: DraftId, as_json: JsonOption = False) -> None:
    """One draft: its text, your coach's comments (numbered) and the thread."""
    review = selectors.review_for_client(client=acting_user(ctx), review_id=draft)
    if as_json:
        data = review_to_dict(review)
        found = selectors.outreach_review(review=review, today=local_today())
        data["outreach"] = {"verdict": found.verdict, "score": found.score}
        emit_json(data)
        return
    show(*_lines(review, for_coach=False))


@drafts_app.command("send")
def send(
    ctx: typer.Context,
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="The draft: a text file's path, or - for stdin.")
    ],
    coach: Annotated[str, typer.Option("--coach", metavar="NAME", help="Your coach's user name.")],
    to: Annotated[
        str | None, typer.Option("--to", metavar="NAME", help="Who the message is for.")
    ] = None,
    subject: Annotated[str, typer.Option("--subject", help="The message's subject.")] = "",
    as_json: JsonOption = False,
) -> None:
    """Send a draft to your coach (linked at Plan level) for comments."""
    client = acting_user(ctx)
    text = _read(file)
    found = selectors.coach_named(client=client, name=coach)
    if found is None:
        raise CliError(f"--coach: {services.NOT_LINKED}", ExitCode.NOT_FOUND)
    recipient_id = person_named(client, to).pk if to else None
    review = services.send_for_review(
        client=client, coach_id=found.pk, text=text, subject=subject, recipient_id=recipient_id
    )
    if as_json:
        emit_json(review_to_dict(review))
        return
    say(
        f"Sent draft {review.pk} to {_name(review.coach)}. See the comments with "
        f"`mutuals drafts show {review.pk}`."
    )


def _read(file: str) -> str:
    if file == "-":
        import sys

        text = sys.stdin.read(TEXT_MAX + 1)
    else:
        raw = read_file(Path(file), max_bytes=4 * TEXT_MAX)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise CliError(f"{file} is not UTF-8 text.", ExitCode.INVALID) from None
    return text


def _comment(ctx: typer.Context, draft: int, number: int) -> DraftComment:
    review = selectors.review_for_client(client=acting_user(ctx), review_id=draft)
    numbered = _numbered(review)
    if not 1 <= number <= len(numbered):
        raise CliError(NOT_A_COMMENT.format(draft=draft, number=number), ExitCode.NOT_FOUND)
    return numbered[number - 1]


CommentNumber = Annotated[
    int, typer.Argument(metavar="COMMENT", help="The comment's number, as `show` prints it.")
]


@drafts_app.command("accept")
def accept(ctx: typer.Context, draft: DraftId, comment: CommentNumber) -> None:
    """Accept a comment: its suggested wording replaces the passage in your draft."""
    chosen = services.accept(client=acting_user(ctx), comment_id=_comment(ctx, draft, comment).pk)
    what = "the draft now reads as suggested" if chosen.suggestion else "the draft is unchanged"
    say(f"Accepted comment {comment}: {what}.")


@drafts_app.command("ignore")
def ignore(ctx: typer.Context, draft: DraftId, comment: CommentNumber) -> None:
    """Ignore a comment: the draft stays as it is."""
    services.ignore(client=acting_user(ctx), comment_id=_comment(ctx, draft, comment).pk)
    say(f"Ignored comment {comment}.")


@drafts_app.command("undo")
def undo(ctx: typer.Context, draft: DraftId, comment: CommentNumber) -> None:
    """Undo accepting a comment: the draft reads as it did before."""
    services.undo_accept(client=acting_user(ctx), comment_id=_comment(ctx, draft, comment).pk)
    say(f"Undone: draft {draft} reads as it did before comment {comment} was accepted.")


MessageArgument = Annotated[str, typer.Argument(metavar="MESSAGE", help="What you want to say.")]


@drafts_app.command("reply")
def reply(ctx: typer.Context, draft: DraftId, message: MessageArgument) -> None:
    """Write in a draft's thread."""
    client = acting_user(ctx)
    selectors.review_for_client(client=client, review_id=draft)
    services.reply(user=client, review_id=draft, text=message)
    say("Added to the thread.")


@drafts_app.command("close")
def close(ctx: typer.Context, draft: DraftId) -> None:
    """Close a review: your coach can no longer comment (it stays readable)."""
    services.close(client=acting_user(ctx), review_id=draft)
    say(f"Closed draft {draft}.")


# The coach's side (registered in cli/coach.py) --------------------------------------------


def coach_drafts(
    ctx: typer.Context,
    draft: Annotated[
        int | None, typer.Argument(metavar="[ID]", help="Show this draft.", min=1)
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """The drafts your clients sent you, or one of them with its comments and thread."""
    coach = acting_user(ctx)
    if draft is not None:
        review = selectors.review_for_coach(coach=coach, review_id=draft)
        if as_json:
            emit_json(review_to_dict(review, for_coach=True))
        else:
            show(*_lines(review, for_coach=True))
        return
    reviews = selectors.reviews_for_coach(coach=coach)
    if as_json:
        emit_json({"items": [review_to_dict(r, for_coach=True) for r in reviews]})
        return
    if not reviews:
        say("No drafts to review. Clients who share at Plan level can send you theirs.")
        return
    rows = table("ID", "From", "Subject", "State")
    for review in reviews:
        rows.add_row(str(review.pk), _name(review.client), review.subject or "—", review.state)
    show(rows)


def coach_comment(
    ctx: typer.Context,
    draft: Annotated[int, typer.Argument(metavar="DRAFT", help="The draft's number.", min=1)],
    on: Annotated[
        str, typer.Option("--on", metavar="TEXT", help="The exact passage you comment on.")
    ],
    words: Annotated[str, typer.Option("--say", metavar="TEXT", help="Your comment.")],
    suggest: Annotated[
        str, typer.Option("--suggest", metavar="TEXT", help="Wording to replace the passage.")
    ] = "",
    as_json: JsonOption = False,
) -> None:
    """Comment on a passage of a client's draft, and suggest other wording."""
    from mutuals.feedback.serialize import comment_to_dict

    made = services.comment_on_passage(
        coach=acting_user(ctx), review_id=draft, passage=on, comment=words, suggestion=suggest
    )
    if as_json:
        emit_json(comment_to_dict(made))
        return
    say(f"Comment added on “{made.quote}”: your client sees it beside the draft.")
