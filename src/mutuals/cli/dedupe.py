"""Finding the same person twice: `mutuals dedupe` scans, lists the pairs to review and the
merges that can be undone; its options merge, keep apart or undo."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.text import Text

from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import emit_json, say, show
from mutuals.cli.resolve import acting_user, person_named
from mutuals.imports import duplicates, merge
from mutuals.imports.models import Merge, PossibleDuplicate
from mutuals.people.serialize import person_ref


def dedupe(
    ctx: typer.Context,
    auto: Annotated[
        bool,
        typer.Option(
            "--auto",
            help="Merge pairs that are certainly one person (a shared email, phone or "
            "LinkedIn profile) while scanning; each merge can be undone.",
        ),
    ] = False,
    merge_pair: Annotated[
        tuple[str, str] | None,
        typer.Option(
            "--merge",
            metavar="A B",
            help='Merge B into A (names or numbers like "#12"); A is kept.',
        ),
    ] = None,
    keep_apart: Annotated[
        int | None,
        typer.Option(
            "--keep-apart",
            metavar="ID",
            help="The pair with this number is two different people; never ask again.",
        ),
    ] = None,
    undo: Annotated[
        int | None,
        typer.Option("--undo", metavar="MERGE_ID", help="Undo the merge with this number."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")] = False,
) -> None:
    """Find people you have twice: scan, then list the pairs to review and the merges you can
    undo. With an option, merge two people, keep a pair apart or undo a merge instead."""
    owner = acting_user(ctx)
    actions = [option is not None for option in (merge_pair, keep_apart, undo)]
    if sum(actions) > 1 or (auto and any(actions)):
        raise CliError(
            "Give one of --merge, --keep-apart or --undo at a time (and --auto only to scan).",
            ExitCode.USAGE,
        )
    if merge_pair is not None:
        _merge(owner, merge_pair, as_json)
    elif keep_apart is not None:
        _keep_apart(owner, keep_apart, as_json)
    elif undo is not None:
        _undo(owner, undo, as_json)
    else:
        _scan(owner, auto, as_json)


def _merge(owner: Any, names: tuple[str, str], as_json: bool) -> None:
    kept, gone = person_named(owner, names[0]), person_named(owner, names[1])
    done = merge.merge_people(owner=owner, keep_id=kept.pk, merge_id=gone.pk)
    if as_json:
        emit_json(duplicates.merge_to_dict(done))
    say(
        f"Merged {gone.full_name} (#{gone.pk}) into {kept.full_name} (#{kept.pk}). "
        f"Changed your mind? `mutuals dedupe --undo {done.pk}`.",
        style="green",
    )


def _keep_apart(owner: Any, duplicate_id: int, as_json: bool) -> None:
    try:
        pair = merge.keep_apart(owner=owner, duplicate_id=duplicate_id)
    except PossibleDuplicate.DoesNotExist:
        raise CliError(
            f"There is no pair {duplicate_id} to review. List them with `mutuals dedupe`.",
            ExitCode.NOT_FOUND,
        ) from None
    if as_json:
        emit_json(duplicates.duplicate_to_dict(pair))
    say(
        f"Kept apart: {pair.person.full_name} and {pair.other.full_name} are two people.",
        style="green",
    )


def _undo(owner: Any, merge_id: int, as_json: bool) -> None:
    try:
        back = merge.undo_merge(owner=owner, merge_id=merge_id)
    except Merge.DoesNotExist:
        raise CliError(
            f"There is no merge {merge_id}. List the merges with `mutuals dedupe`.",
            ExitCode.NOT_FOUND,
        ) from None
    if as_json:
        emit_json({"merge": merge_id, "person": person_ref(back)})
    say(f"Undone: {back.full_name} is back (now #{back.pk}).", style="green")


def _scan(owner: Any, auto: bool, as_json: bool) -> None:
    counts = merge.scan_for_duplicates(owner=owner, auto_merge=auto)
    pairs = duplicates.possible_duplicates(owner=owner)
    done = duplicates.merges(owner=owner)
    if as_json:
        emit_json(
            {
                "scan": counts,
                "duplicates": [duplicates.duplicate_to_dict(pair) for pair in pairs],
                "merges": [duplicates.merge_to_dict(m) for m in done],
            }
        )
        return
    merged = f", merged {counts['merged']}" if auto else ""
    found = counts["found"]
    say(f"Scanned your people: {found} possible pair{'' if found == 1 else 's'} found{merged}.")
    if pairs:
        show(Text(f"Pairs to review ({len(pairs)})", style="bold"))
        for pair in pairs:
            show(*_pair_lines(pair))
        say(
            'Merge one into the other with `mutuals dedupe --merge "#KEEP" "#MERGE"`, or '
            "say they are two people with `mutuals dedupe --keep-apart ID`."
        )
    else:
        say("No pairs to review.", style="green")
    if done:
        show(Text("\nMerges you can undo", style="bold"))
        for m in done:
            when = m.created_at.date().isoformat()
            show(Text(f"  {m.pk}. {m.merged_name} into {m.kept.full_name} (#{m.kept_id}), {when}"))
        say("Undo one with `mutuals dedupe --undo MERGE_ID`.")


def _pair_lines(pair: PossibleDuplicate) -> list[Text]:
    reasons = pair.reasons or "similar"
    lines = [Text(f"\n{pair.pk}. {pair.certainty}: {reasons}")]
    for person in (pair.person, pair.other):
        side = duplicates.side_to_dict(person)
        facts = [
            f"#{side['id']} {side['name']}",
            ", ".join(part for part in (side["title"], side["organization"]) if part),
            ", ".join(side["emails"]),
            ", ".join(side["phones"]),
            f"{side['conversations']} conversations",
        ]
        lines.append(Text("   " + " · ".join(fact for fact in facts if fact)))
    return lines
