"""A person's important dates and photo: `mutuals date add|list|remove` and
`mutuals photo set|remove`."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from django.core.exceptions import ValidationError

from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import emit_json, say, show, table
from mutuals.cli.resolve import acting_user, person_named, read_file
from mutuals.people import selectors as people_selectors
from mutuals.people.important_dates import add_important_date, remove_important_date
from mutuals.people.models import ImportantDate
from mutuals.people.photos import MAX_BYTES, remove_photo, set_photo
from mutuals.people.serialize import date_to_dict

date_app = typer.Typer(
    help="Birthdays, anniversaries and other dates: on your agenda three days ahead.",
    no_args_is_help=True,
)
photo_app = typer.Typer(help="Give someone a photo, or remove it.", no_args_is_help=True)

_MONTH_DAY = re.compile(r"(?:--)?(\d{1,2})-(\d{1,2})")


class DateKind(StrEnum):
    BIRTHDAY = "birthday"
    ANNIVERSARY = "anniversary"
    OTHER = "other"


def _invalid(error: ValidationError) -> CliError:
    return CliError(" ".join(error.messages), ExitCode.INVALID)


@date_app.command("add")
def add_date(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Whose date (a forgiving name).")],
    kind: Annotated[DateKind, typer.Argument(help="birthday, anniversary or other.")],
    month_day: Annotated[
        str, typer.Argument(metavar="MM-DD", help="The month and day, e.g. 04-15.")
    ],
    year: Annotated[
        int | None, typer.Option(metavar="YEAR", help="The year, when you know it.")
    ] = None,
    label: Annotated[
        str, typer.Option(metavar="TEXT", help='What it is, e.g. "Work anniversary".')
    ] = "",
) -> None:
    """Remember someone's birthday, anniversary or other date."""
    owner = acting_user(ctx)
    person = person_named(owner, name)
    found = _MONTH_DAY.fullmatch(month_day.strip())
    if found is None:
        raise CliError(
            f"'{month_day}' is not a month and day; write it like 04-15.", ExitCode.INVALID
        )
    try:
        added = add_important_date(
            owner=owner,
            person_id=person.pk,
            kind=kind.value,
            month=int(found[1]),
            day=int(found[2]),
            year=year,
            label=label,
        )
    except ValidationError as error:
        raise _invalid(error) from None
    say(f"Added {added.what.lower()} {added.when} for {person.full_name} (#{added.pk}).", "green")


@date_app.command("list")
def list_dates(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")] = False,
) -> None:
    """Everyone's dates, in calendar order."""
    owner = acting_user(ctx)
    dates = list(people_selectors.all_dates(owner=owner))
    if as_json:
        emit_json({"count": len(dates), "items": [date_to_dict(d) for d in dates]})
        return
    if not dates:
        say("No dates yet. Add one with `mutuals date add NAME birthday 04-15`.")
        return
    grid = table("#", "Who", "What", "When")
    for date in dates:
        grid.add_row(str(date.pk), date.person.full_name, date.what, date.when)
    show(grid)


@date_app.command("remove")
def remove_date(
    ctx: typer.Context,
    date_id: Annotated[
        int, typer.Argument(metavar="ID", help="The date's number, as `mutuals date list` shows.")
    ],
) -> None:
    """Forget a date."""
    owner = acting_user(ctx)
    try:
        remove_important_date(owner=owner, date_id=date_id)
    except ImportantDate.DoesNotExist:
        raise CliError(
            f"There is no date #{date_id}. See them with `mutuals date list`.", ExitCode.NOT_FOUND
        ) from None
    say(f"Removed date #{date_id}.", style="green")


@photo_app.command("set")
def photo_set(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Whose photo (a forgiving name).")],
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A JPEG, PNG, GIF or WebP under 10 MB.")
    ],
) -> None:
    """Give someone a photo (stored re-encoded, at most 512 x 512)."""
    owner = acting_user(ctx)
    person = person_named(owner, name)
    data = read_file(file, max_bytes=MAX_BYTES)
    try:
        photo = set_photo(owner=owner, person_id=person.pk, data=data)
    except ValidationError as error:
        raise _invalid(error) from None
    say(f"Saved a {photo.width} x {photo.height} photo of {person.full_name}.", style="green")


@photo_app.command("remove")
def photo_remove(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Whose photo (a forgiving name).")],
) -> None:
    """Remove someone's photo (their initials are shown instead)."""
    owner = acting_user(ctx)
    person = person_named(owner, name)
    if remove_photo(owner=owner, person_id=person.pk):
        say(f"Removed the photo of {person.full_name}.", style="green")
    else:
        say(f"{person.full_name} has no photo.")
