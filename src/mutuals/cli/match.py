"""`mutuals match`: paste or pipe any text and see whose open needs it serves, in groups (leads,
things to share, your own), and who you know at the organisations it names."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import emit_json, say, show
from mutuals.cli.resolve import acting_user
from mutuals.core.matching import GROUP_HEADINGS, GROUPS
from mutuals.needs.match import MatchedNeed, OrganisationFound, match_text
from mutuals.needs.selectors import MATCH_TEXT_MAX as MAX_TEXT
from mutuals.needs.serialize import closeness, match_result_to_dict


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
    k: Annotated[
        int, typer.Option("-k", min=1, max=100, help="How many matches to show in each group.")
    ] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")] = False,
) -> None:
    """Whose open needs a job posting, article, event or note serves, in groups: leads (people
    hiring or offering), things to share (people looking), your own; and who you know at the
    organisations it names, with the best warm paths."""
    owner = acting_user(ctx)
    body = _read(text, file)
    result = match_text(owner=owner, text=body, per_group=k)
    if as_json:
        emit_json(match_result_to_dict(result))
        return
    for organisation in result.organisations:
        _show_organisation(organisation)
    if not result.needs:
        say("No open need matches that text. Note needs with `mutuals need add NAME TEXT`.")
        return
    for group in GROUPS:
        members = result.group(group)
        if members:
            show(Text(GROUP_HEADINGS[group], style="bold underline"))
            for rank, found in enumerate(members, 1):
                show(_line(rank, found))


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


def _line(rank: int, item: MatchedNeed) -> Text:
    found = item.match
    line = Text(f"{rank}. ")
    line.append(f"{found.person_name or 'You'}", style="bold")
    line.append(f" #{found.need_id}: ", style="dim")
    highlighted = Text(item.need_text)
    for start, end in found.need_spans:
        highlighted.stylize("bold yellow", start, end)
    line.append_text(highlighted)
    line.append(f"  → {found.action}", style="green")
    line.append(f"  ({item.relevance.words})", style="dim")
    return line


def _show_organisation(found: OrganisationFound) -> None:
    from mutuals.core.words import path_level

    show(Text(found.summary, style="bold underline"))
    for person in found.people:
        line = Text(f"  {person.full_name}", style="bold")
        line.append(f" #{person.pk} · {closeness(person)}", style="dim")
        show(line)
    if found.people_count > len(found.people):
        show(Text(f"  and {found.people_count - len(found.people)} more", style="dim"))
    if not found.paths:
        show(Text("  No warm path there yet.", style="dim"))
    for path in found.paths:
        names = " → ".join(step.name for step in path.steps)
        line = Text(f"  Path: {names}")
        line.append(f"  ({path_level(path.score).word}, {_kind_words(path.kind)})", style="dim")
        show(line)
    show(Text(""))


def _kind_words(kind: str) -> str:
    return {
        "direct": "you know them already",
        "introduction": "an introduction to ask for",
    }.get(kind, "ask what they know first")
