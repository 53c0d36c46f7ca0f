"""`mutuals match`: paste or pipe any text and see whose open needs it serves."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import emit_json, say, show
from mutuals.cli.resolve import acting_user
from mutuals.core.matching import Match
from mutuals.needs import selectors as need_selectors
from mutuals.needs.selectors import MATCH_TEXT_MAX as MAX_TEXT
from mutuals.needs.serialize import match_to_dict


def match(
    ctx: typer.Context,
    text: Annotated[
        str | None,
        typer.Argument(
            metavar="TEXT",
            help="The text to match, or - to read it from stdin.",
            show_default=False,
        ),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option("--file", metavar="FILE", help="Read the text from a file instead."),
    ] = None,
    k: Annotated[int, typer.Option("-k", min=1, max=100, help="How many matches to show.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")] = False,
) -> None:
    """Whose open needs a job posting, article, event or note serves, best first."""
    owner = acting_user(ctx)
    body = _read(text, file)
    matches = need_selectors.match_needs(owner=owner, text=body, k=k)
    if as_json:
        emit_json({"matches": [match_to_dict(found, need) for found, need in matches]})
        return
    if not matches:
        say("No open need matches that text. Note needs with `mutuals need add NAME TEXT`.")
        return
    for rank, (found, need) in enumerate(matches, 1):
        show(_line(rank, found, need))


def _read(text: str | None, file: Path | None) -> str:
    if file is not None and text is not None:
        raise CliError("Give the text or --file, not both.", ExitCode.USAGE)
    if file is not None:
        try:
            body = file.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            raise CliError(f"Cannot read {file}: {error.strerror}.", ExitCode.INVALID) from None
    elif text == "-" or (text is None and not sys.stdin.isatty()):
        body = sys.stdin.read(MAX_TEXT + 1)
    else:
        body = text or ""
    if not body.strip():
        raise CliError(
            'Give some text to match: `mutuals match "..."`, --file FILE, or pipe it in.',
            ExitCode.USAGE,
        )
    if len(body) > MAX_TEXT:
        raise CliError(
            f"That text is too long; keep it under {MAX_TEXT:,} characters.", ExitCode.INVALID
        )
    return body


def _line(rank: int, found: Match, need_text: str) -> Text:
    line = Text(f"{rank}. ")
    line.append(f"{found.person_name or 'You'}", style="bold")
    line.append(f" #{found.need_id}: ", style="dim")
    highlighted = Text(need_text)
    for start, end in found.need_spans:
        highlighted.stylize("bold yellow", start, end)
    line.append_text(highlighted)
    line.append(f"  → {found.action}", style="green")
    return line
