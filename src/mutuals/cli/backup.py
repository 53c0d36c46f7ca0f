"""A whole account as one JSON file: `mutuals backup [FILE]`, `mutuals restore FILE`."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from mutuals.backup import selectors, services
from mutuals.backup.words import summary
from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import emit_json, say
from mutuals.cli.resolve import acting_user, read_file


def backup(
    ctx: typer.Context,
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="FILE", help="Where to write the backup; without it, it goes to stdout."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace FILE when it already exists.")
    ] = False,
) -> None:
    """Write every record you have (people, conversations, promises, needs, the ledger and who
    knows whom) to one JSON file that `mutuals restore` reads back."""
    owner = acting_user(ctx)
    data = services.backup(owner=owner)
    text = services.dumps(data)
    if file is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    if file.exists() and not force:
        raise CliError(
            f"{file} already exists. Choose another name, or add --force to replace it.",
            ExitCode.INVALID,
        )
    _write(file, text)
    say(f"Backed up {summary(_counts(data))} to {file}.", style="green")


def restore(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A backup written by `mutuals backup`.")
    ],
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print how many records of each kind as JSON, whose drafts and which groups' "
            "pooling choices were left out.",
        ),
    ] = False,
) -> None:
    """Restore a backup into your account, which must be empty; all or nothing."""
    owner = acting_user(ctx)
    counts = services.restore(owner=owner, data=read_file(file))
    if as_json:
        emit_json(counts.as_dict())
    say(f"Restored {summary(counts)}.", style="green")
    if counts.coaches_not_here:
        names = ", ".join(counts.coaches_not_here)
        say(
            f"Left out the drafts sent for review and the assignments from {names}: no one "
            "of that user name is on this install."
        )
    if counts.groups_not_here:
        names = ", ".join(counts.groups_not_here)
        say(
            f"What you pooled in {names} did not come back: you are not a member of a group of "
            "that name on this install. Once you join (with a code from its administrators), "
            "choose again with `mutuals group pool`."
        )


def _counts(data: dict[str, object]) -> dict[str, int]:
    return {name: len(data[name]) for name in selectors.DOCUMENT_KINDS}  # type: ignore[arg-type]


def _write(file: Path, text: str) -> None:
    """Write the whole file or nothing: a backup cut short by a full disk is worse than none."""
    try:
        handle, temporary = tempfile.mkstemp(
            dir=file.parent, prefix=f".{file.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise CliError(
            f"Cannot write to {file.parent} ({error.strerror}); check the folder exists.",
            ExitCode.NOT_FOUND,
        ) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, file)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise CliError(f"Cannot write {file} ({error.strerror}).", ExitCode.ERROR) from None
