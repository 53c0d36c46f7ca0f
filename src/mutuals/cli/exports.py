"""Exports: `mutuals export vcard|csv|ics` write files, `mutuals export feed` the calendar feed."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import emit_json, say
from mutuals.cli.resolve import acting_user
from mutuals.exports import selectors, services

export_app = typer.Typer(
    help="Export your people and calendar in open formats, or manage the calendar feed.",
    no_args_is_help=True,
)

PathArgument = Annotated[
    Path | None,
    typer.Argument(
        metavar="PATH",
        help="The file to write; leave it out (or give -) to print to stdout.",
        show_default=False,
    ),
]
CircleOption = Annotated[
    str | None,
    typer.Option(
        "--circle",
        metavar="NAME",
        help="Export only the people in this circle.",
        show_default=False,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace PATH when it already exists.")]


def _write(text: str, path: Path | None, force: bool) -> None:
    """The file's text to PATH (never over an existing file unless `force`), or to stdout."""
    if path is None or str(path) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        with path.open("wb" if force else "xb") as file:
            file.write(text.encode("utf-8"))
    except FileExistsError:
        raise CliError(
            f"{path} already exists. Choose another name, or add --force to replace it.",
            ExitCode.ERROR,
        ) from None
    except IsADirectoryError:
        raise CliError(f"{path} is a folder; give a file name inside it.") from None
    except OSError as error:
        raise CliError(f"Cannot write {path}: {error.strerror}.") from None
    say(f"Wrote {path}.", style="green")


def _people_file(build: Callable[..., str], owner: AbstractBaseUser, circle: str | None) -> str:
    try:
        return build(owner=owner, circle=circle)
    except ValidationError as error:
        messages = error.message_dict.get("circle") if hasattr(error, "error_dict") else None
        if not messages:
            raise
        raise CliError(f"--circle: {messages[0]}", ExitCode.INVALID) from None


@export_app.command("vcard")
def export_vcard(
    ctx: typer.Context,
    path: PathArgument = None,
    circle: CircleOption = None,
    force: ForceOption = False,
) -> None:
    """Write your people (not the archived ones) as a vCard 4.0 address book (.vcf)."""
    _write(_people_file(selectors.vcard_export, acting_user(ctx), circle), path, force)


@export_app.command("csv")
def export_csv(
    ctx: typer.Context,
    path: PathArgument = None,
    circle: CircleOption = None,
    force: ForceOption = False,
) -> None:
    """Write your people (not the archived ones) as CSV, one row per person."""
    _write(_people_file(selectors.csv_export, acting_user(ctx), circle), path, force)


@export_app.command("ics")
def export_ics(ctx: typer.Context, path: PathArgument = None, force: ForceOption = False) -> None:
    """Write open promises and keep-in-touch dates of the coming year as a calendar (.ics)."""
    text = selectors.ics_export(owner=acting_user(ctx), now=timezone.now())
    _write(text, path, force)


@export_app.command("feed")
def feed(
    ctx: typer.Context,
    revoke: Annotated[
        bool, typer.Option("--revoke", help="Turn the feed off: its address stops working.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the feed's path (or that it is off) as JSON.")
    ] = False,
) -> None:
    """Make a new secret address for your calendar feed and print its path (old ones stop)."""
    owner = acting_user(ctx)
    if revoke:
        was_on = services.revoke_feed(owner=owner)
        if as_json:
            emit_json({"path": None, "revoked": was_on})
        say("The calendar feed is off." if was_on else "There was no calendar feed to turn off.")
        return
    path = selectors.feed_path(services.create_feed(owner=owner))
    if as_json:
        emit_json({"path": path, "revoked": False})
    else:
        sys.stdout.write(path + "\n")
    say(
        "Put your server's address in front of this path (e.g. http://127.0.0.1:8000) and "
        "subscribe to it in your calendar app. It is shown only once; any older address "
        "stopped working. Turn it off with `mutuals export feed --revoke`."
    )
