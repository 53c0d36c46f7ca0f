"""Who knows whom: `mutuals knows A B`, `mutuals known NAME`, `mutuals import knows FILE`."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from django.contrib.auth.models import AbstractBaseUser

from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import emit_json, plain, say, show, table
from mutuals.cli.resolve import acting_user, person_named, read_file
from mutuals.network import selectors, services
from mutuals.network.models import SOURCE_CHOICES
from mutuals.network.serialize import knows_to_dict
from mutuals.people import selectors as people_selectors
from mutuals.people.models import Person
from mutuals.people.serialize import person_ref

Source = Enum("Source", {value: value for value, _ in SOURCE_CHOICES}, type=str)  # type: ignore[misc]

import_app = typer.Typer(
    help="Bring records in from files.", no_args_is_help=True, add_completion=False
)


def knows(
    ctx: typer.Context,
    first: Annotated[str, typer.Argument(metavar="A", help="One of your people.")],
    second: Annotated[
        str,
        typer.Argument(
            metavar="B",
            help="Someone they know: one of your people, or a new name (added as someone you "
            "know of).",
        ),
    ],
    strength: Annotated[
        float | None,
        typer.Option("--strength", metavar="S", help="How well, above 0 and at most 1 (0.5)."),
    ] = None,
    note: Annotated[
        str, typer.Option("--note", metavar="TEXT", help='How, e.g. "worked together at Orion".')
    ] = "",
    source: Annotated[
        Source, typer.Option("--source", help="How you know they know each other.")
    ] = Source["told"],
    new: Annotated[
        bool,
        typer.Option(
            "--new",
            help="Add B as a new person even when someone in your records has a similar name.",
        ),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Also print what was recorded as JSON on stdout.")
    ] = False,
) -> None:
    """Record that A knows B (it goes both ways); run again to change strength or note."""
    owner = acting_user(ctx)
    a = person_named(owner, first)
    b = _existing_person(owner, a, second, new=new)
    edge = None
    if b is None:  # someone not in your records yet: added as on the person page
        edge, b = services.knows_someone(
            owner=owner, person_id=a.pk, name=second, strength=strength, note=note
        )
        say(f"Added {b.full_name} as someone you know of.")
    if edge is None or edge.source != source.value:
        edge = services.record_knows(
            owner=owner,
            person_id=a.pk,
            knows_id=b.pk,
            strength=strength,
            source=source.value,
            note=note,
        )
    if as_json:
        emit_json(knows_to_dict(edge))
    say(f"{a.full_name} knows {b.full_name} (strength {edge.strength:g}).", style="green")


def _existing_person(owner: AbstractBaseUser, a: Person, name: str, *, new: bool) -> Person | None:
    """The one person `name` means, or None for a name nobody has (to be added). A name close
    to someone's is refused with that suggestion unless `new`; several matches are refused."""
    if not name.strip().startswith("#"):
        match = people_selectors.resolve_person(owner=owner, query=name)
        if match.status == "missing" and (new or not match.suggestions):
            return None
        if match.status == "missing":
            close = " or ".join(f"'{n}'" for _, n in match.suggestions[:3])
            raise CliError(
                f"No one called '{name}' in your records. Did you mean {close}? "
                f"Use --new to add '{' '.join(name.split())}' as someone {a.full_name} knows.",
                ExitCode.NOT_FOUND,
            )
    return person_named(owner, name)


def known(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="One of your people.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Who NAME knows, strongest first."""
    owner = acting_user(ctx)
    person = person_named(owner, name)
    edges = selectors.knows_of(owner=owner, person_id=person.pk)
    if as_json:
        emit_json({"person": person_ref(person), "knows": [knows_to_dict(e, o) for e, o in edges]})
        return
    if not edges:
        say(f"You have not recorded anyone {person.full_name} knows. Add one with `mutuals knows`.")
        return
    grid = table("#", "Knows", "Strength", "Source", "Note", title=f"{person.full_name} knows")
    for edge, other in edges:
        grid.add_row(
            str(edge.pk),
            plain(other.full_name),
            f"{edge.strength:g}",
            edge.source,
            plain(edge.note),
        )
    show(grid)


@import_app.command("knows")
def import_knows(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="CSV with a header person,knows[,strength,note].")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check the file and count, but write nothing.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Import who knows whom from a CSV of names or emails; all or nothing."""
    owner = acting_user(ctx)
    try:
        text = read_file(file).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CliError(
            f"{file} is not UTF-8 text; save it as UTF-8 CSV.", ExitCode.INVALID
        ) from None
    report = services.import_knows_csv(owner=owner, text=text, dry_run=dry_run)
    if as_json:
        emit_json(report)
    if report["errors"]:
        for error in report["errors"]:
            say(error["message"], style="red")
        raise CliError("Nothing was imported: fix those lines and run it again.", ExitCode.INVALID)
    verb = "Would import" if dry_run else "Imported"
    say(
        f"{verb}: {report['created']} new, {report['updated']} updated, "
        f"{report['skipped']} skipped, {report['people_created']} new people.",
        style="green",
    )
