"""Writes that change many people at once: closeness, a circle, a keep-in-touch cadence, archive.

The People page's multi-select, `mutuals set` and POST /api/people/bulk all call
`change_people`; the sorting page calls it for one person at a time. Every change keeps the
derived fields (cadence, due date, strength) as `people.services.update_person` would, in a
few statements however many people: the ids are read in chunks (SQLite binds at most 32,766
values per statement) and each chunk is written with one executemany.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Final

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mutuals.core.cadence import TIER_LABELS, Tier, effective_cadence, keep_in_touch_due_on
from mutuals.core.names import fold
from mutuals.core.strength import tie_score
from mutuals.people.models import Circle, Person
from mutuals.people.services import STATS_FIELDS, _save_fields, tie_inputs


class _Keep(Enum):
    KEEP = "keep"


KEEP: Final = _Keep.KEEP
"""Leave this field as each person has it (None means "clear it")."""

CHUNK = 2_000
MAX_CADENCE_DAYS = 3650
CIRCLE_LIMIT = 60
_TIERS = frozenset(t.value for t in Tier)
_READ = (*STATS_FIELDS, "tier", "cadence_override_days", "cadence_days", "known_since")
_READ += ("created_at", "archived_at")
_WRITE = [
    "tier",
    "cadence_override_days",
    "cadence_days",
    "keep_in_touch_due_on",
    "strength",
    "strength_on",
    "updated_at",
]


@dataclass(frozen=True)
class BulkResult:
    """How many people changed, and the moment archived ones were archived (for the undo)."""

    count: int
    archived: int = 0
    archived_at: dt.datetime | None = None
    circle: str = ""


def check_ids(*, owner: AbstractBaseUser, person_ids: Sequence[int]) -> list[int]:
    """The distinct ids, all the owner's; otherwise a ValidationError on `ids` naming them."""
    wanted = sorted(set(person_ids))
    if not wanted:
        raise ValidationError({"ids": ["Choose at least one person."]})
    found: set[int] = set()
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        found.update(Person.objects.filter(owner=owner, pk__in=chunk).values_list("pk", flat=True))
    missing = [pk for pk in wanted if pk not in found]
    if missing:
        shown = ", ".join(str(pk) for pk in missing[:5]) + (", …" if len(missing) > 5 else "")
        raise ValidationError(
            {"ids": [f"{len(missing)} of these are not in your network: {shown}."]}
        )
    return wanted


def _check_changes(
    tier: str | _Keep | None, circle: str, cadence_days: int | _Keep | None, archive: bool
) -> str:
    errors: dict[str, list[str]] = {}
    if tier is not KEEP and tier is not None and tier not in _TIERS:
        choices = ", ".join(t.value for t in Tier)
        errors["closeness"] = [f"Unknown closeness '{tier}'. Choose one of: {choices}."]
    name = circle.strip()
    if len(name) > CIRCLE_LIMIT:
        errors["circle"] = [f"Circle names stay under {CIRCLE_LIMIT} characters."]
    giving_days = cadence_days is not KEEP and cadence_days is not None
    if giving_days and not (
        isinstance(cadence_days, int) and 1 <= cadence_days <= MAX_CADENCE_DAYS
    ):
        errors["cadence_days"] = [f"Choose a number of days from 1 to {MAX_CADENCE_DAYS}."]
    if not errors and tier is KEEP and cadence_days is KEEP and not name and not archive:
        errors["change"] = ["Choose what to change: closeness, a circle, a cadence or archive."]
    if errors:
        raise ValidationError(errors)
    return name


@transaction.atomic
def change_people(
    *,
    owner: AbstractBaseUser,
    person_ids: Sequence[int],
    tier: str | _Keep | None = KEEP,
    circle: str = "",
    cadence_days: int | _Keep | None = KEEP,
    archive: bool = False,
    today: dt.date | None = None,
) -> BulkResult:
    """Change these people of the owner's: closeness (`tier`, None: someone you only know of),
    add them to a `circle` (made when new), set their cadence (`cadence_days`, None: the
    closeness's default) and/or archive them. All or nothing: an id that is not the owner's,
    or a bad value, changes no one and names the field."""
    name = _check_changes(tier, circle, cadence_days, archive)
    ids = check_ids(owner=owner, person_ids=person_ids)
    today = today or timezone.localdate()
    now = timezone.now()
    if tier is not KEEP or cadence_days is not KEEP:
        _set_relationship(owner, ids, tier, cadence_days, today, now)
    circle_name = _add_to_circle(owner, ids, name) if name else ""
    archived = _archive(owner, ids, now) if archive else 0
    return BulkResult(
        count=len(ids),
        archived=archived,
        archived_at=now if archived else None,
        circle=circle_name,
    )


def _set_relationship(
    owner: AbstractBaseUser,
    ids: list[int],
    tier: str | _Keep | None,
    cadence_days: int | _Keep | None,
    today: dt.date,
    now: dt.datetime,
) -> None:
    for start in range(0, len(ids), CHUNK):
        people = list(
            Person.objects.filter(owner=owner, pk__in=ids[start : start + CHUNK]).only(*_READ)
        )
        for person in people:
            if tier is not KEEP:
                person.tier = tier
            if cadence_days is not KEEP:
                person.cadence_override_days = cadence_days
            _refresh_relationship(person, today)
            person.updated_at = now
        _save_fields(people, _WRITE)


def _refresh_relationship(person: Person, today: dt.date) -> None:
    """Cadence, due date and strength after a change of closeness or cadence."""
    person.cadence_days = effective_cadence(
        Tier(person.tier) if person.tier else None, person.cadence_override_days
    )
    since = person.known_since or timezone.localdate(person.created_at or timezone.now())
    person.keep_in_touch_due_on = keep_in_touch_due_on(
        last_contact_on=person.last_contact_on, since=since, cadence_days=person.cadence_days
    )
    person.strength = tie_score(tie_inputs(person), today)
    person.strength_on = today


def _add_to_circle(owner: AbstractBaseUser, ids: list[int], name: str) -> str:
    circle, _ = Circle.objects.get_or_create(
        owner=owner, search_name=fold(name)[:CIRCLE_LIMIT], defaults={"name": name}
    )
    through = Person.circles.through
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        there = set(
            through.objects.filter(circle=circle, person_id__in=chunk).values_list(
                "person_id", flat=True
            )
        )
        through.objects.bulk_create(
            [through(person_id=pk, circle_id=circle.pk) for pk in chunk if pk not in there],
            batch_size=500,
        )
    return circle.name


def _archive(owner: AbstractBaseUser, ids: list[int], now: dt.datetime) -> int:
    """Archive those not archived yet, all at the same moment (what the undo looks for)."""
    archived = 0
    for start in range(0, len(ids), CHUNK):
        archived += Person.objects.filter(
            owner=owner, pk__in=ids[start : start + CHUNK], archived_at__isnull=True
        ).update(archived_at=now, updated_at=now)
    return archived


def unarchive_batch(*, owner: AbstractBaseUser, archived_at: dt.datetime) -> int:
    """Bring back everyone archived together at `archived_at` (a bulk archive's undo)."""
    return Person.objects.filter(owner=owner, archived_at=archived_at).update(
        archived_at=None, updated_at=timezone.now()
    )


def remove_from_circle(*, owner: AbstractBaseUser, person_id: int, circle: str) -> None:
    """Take one of the owner's people out of a circle (the circle itself stays)."""
    through = Person.circles.through
    through.objects.filter(
        person__owner=owner,
        person_id=person_id,
        circle__owner=owner,
        circle__search_name=fold(circle)[:CIRCLE_LIMIT],
    ).delete()


def describe_change(
    result: BulkResult, *, tier: str | _Keep | None, cadence_days: int | _Keep | None
) -> str:
    """What was done, as one sentence for the page and the CLI."""
    people = "1 person" if result.count == 1 else f"{result.count} people"
    done: list[str] = []
    if tier is not KEEP:
        done.append(
            "set closeness to " + TIER_LABELS[Tier(tier)].lower()
            if tier
            else "marked as people you only know of"
        )
    if cadence_days is not KEEP:
        done.append(
            f"keep in touch every {cadence_days} days"
            if cadence_days
            else "keep in touch as their closeness says"
        )
    if result.circle:
        done.append(f"added to {result.circle}")
    if result.archived_at is not None or (result.count and not done):
        already = result.count - result.archived
        done.append("archived" + (f" ({already} already were)" if already else ""))
    return f"{people}: " + "; ".join(done) + "."
