"""Writes for work histories: past (and other) positions of your people, and your own.

A person's current organisation stays `Person.organization`; a `Position` records anywhere
else they worked. When their organisation changes, `people.services.left_organization` (the
one rule, called wherever the organisation is set) keeps the old one here. Your own history
(`person` None) comes from LinkedIn's Positions.csv (`import_positions`) or by hand.

Every function takes the acting user as `owner` and touches only that owner's rows; bad input
raises ValidationError naming the field and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mutuals.core import positions as rules
from mutuals.core.names import fold
from mutuals.people.models import Organization, Position
from mutuals.people.services import NOTES_LIMIT, organization_for, owned_person, strip_controls

MAX_TITLE = 200
MAX_ORGANIZATION = 200
DATE_HINT = "Give a year or a month, like 2019 or Mar 2019."


def month_of(value: str | dt.date | None, field: str) -> dt.date | None:
    """A typed month ("2019", "Mar 2019", "2019-03") or a date, as the first of its month;
    None for nothing typed; ValidationError on `field` for anything else."""
    if value is None or isinstance(value, dt.date):
        return value.replace(day=1) if value else None
    if not value.strip():
        return None
    found = rules.read_month(value)
    if found is None:
        raise ValidationError({field: [f"'{value[:40]}' is not a month or a year. {DATE_HINT}"]})
    return found


def _checked(
    organization: str, title: str, started_on: dt.date | None, ended_on: dt.date | None
) -> tuple[str, str]:
    name = " ".join(strip_controls(organization).split())
    title = " ".join(strip_controls(title).split())
    errors: dict[str, list[str]] = {}
    if not name:
        errors["organization"] = ["Name the organisation."]
    elif len(name) > MAX_ORGANIZATION:
        errors["organization"] = [f"Keep the name under {MAX_ORGANIZATION} characters."]
    if len(title) > MAX_TITLE:
        errors["title"] = [f"Keep the title under {MAX_TITLE} characters."]
    wrong = rules.wrong_date(started_on, ended_on, timezone.localdate())
    if wrong == "started":
        errors["started_on"] = ["The start is in the future: give a month up to this one."]
    elif wrong == "ended":
        errors["ended_on"] = ["The end is before the start."]
    if errors:
        raise ValidationError(errors)
    return name, title


@transaction.atomic
def add_position(
    *,
    owner: AbstractBaseUser,
    person_id: int | None,
    organization: str,
    title: str = "",
    started_on: str | dt.date | None = None,
    ended_on: str | dt.date | None = None,
) -> Position:
    """Record that someone (you, when `person_id` is None) worked at `organization`, from
    `started_on` until `ended_on` (None: still there). Months as typed or dates."""
    start, end = month_of(started_on, "started_on"), month_of(ended_on, "ended_on")
    name, title = _checked(organization, title, start, end)
    person = None if person_id is None else owned_person(owner=owner, person_id=person_id)
    return Position.objects.create(
        owner=owner,
        person=person,
        organization=organization_for(owner, name),
        title=title,
        started_on=start,
        ended_on=end,
        source=Position.HAND,
    )


def remove_position(*, owner: AbstractBaseUser, position_id: int) -> Position:
    """Forget one position; returns it (unsaved now) so a page can say what went.
    Position.DoesNotExist for anyone else's."""
    position = Position.objects.select_related("organization").get(owner=owner, pk=position_id)
    position.delete()
    return position


@dataclass(frozen=True)
class IncomingPosition:
    """A position of yours a file describes, with the key its source knows it by."""

    line: int
    key: str
    organization: str
    title: str = ""
    location: str = ""
    notes: str = ""
    started_on: dt.date | None = None
    ended_on: dt.date | None = None


@dataclass(frozen=True)
class PositionsImported:
    added: int = 0
    ended: int = 0  # known positions the file now gives an end (you left since)
    unchanged: int = 0


def import_positions(
    *, owner: AbstractBaseUser, rows: Sequence[IncomingPosition]
) -> PositionsImported:
    """Add your positions from a file; one imported before (by its key) only gains an end it
    lacked, nothing else you may have edited. A row repeated in the file counts once. Runs
    inside the caller's transaction."""
    unique = {row.key: row for row in reversed(rows)}  # the first of repeated rows wins
    known = {
        position.source_key: position
        for position in Position.objects.filter(owner=owner, source_key__in=list(unique))
    }
    ended = [
        known[key]
        for key, row in unique.items()
        if key in known and row.ended_on is not None and known[key].ended_on is None
    ]
    for position in ended:
        position.ended_on = unique[position.source_key].ended_on
    Position.objects.bulk_update(ended, ["ended_on"])
    new = [row for key, row in unique.items() if key not in known]
    organizations = _organizations(owner, [row.organization for row in new])
    Position.objects.bulk_create(
        Position(
            owner=owner,
            organization=organizations[fold(row.organization[:MAX_ORGANIZATION])],
            title=row.title[:MAX_TITLE],
            location=row.location[:MAX_TITLE],
            notes=row.notes[:NOTES_LIMIT],
            started_on=row.started_on,
            ended_on=row.ended_on,
            source=Position.LINKEDIN,
            source_key=row.key,
        )
        for row in sorted(new, key=lambda row: row.line)
    )
    return PositionsImported(len(new), len(ended), len(unique) - len(new) - len(ended))


def _organizations(owner: AbstractBaseUser, names: list[str]) -> dict[str, Organization]:
    """The owner's organisations by folded name, those not there yet added."""
    found: dict[str, Organization] = {}
    for name in names:
        key = fold(name[:MAX_ORGANIZATION])
        if key not in found:
            organization = organization_for(owner, name[:MAX_ORGANIZATION])
            assert organization is not None
            found[key] = organization
    return found
