"""A merge's important dates and photos: they move to the kept person, and back on undo.

Every date of the merged person moves, except one the kept person already has: a second
birthday (a person has one; the kept person's stays) or the very same day with the same kind
and label. Those are deleted and kept whole in the merge's snapshot, so undo recreates them as
they were. Photos all move (the newest is the one shown) and move back by id.

The snapshot keys are `dates_moved` and `photos_moved` (ids) and `dates_deleted` (rows);
merges made before dates and photos existed have none of them and undo as before.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mutuals.people.models import ImportantDate, Person, Photo

_DATE_VALUES = ("kind", "label", "year", "month", "day", "is_demo")


def _same_day(date: ImportantDate) -> tuple[object, ...]:
    return (date.kind, date.label, date.year, date.month, date.day)


def move_dates_and_photos(kept: Person, gone: Person, snapshot: dict[str, Any]) -> None:
    """Give the merged person's dates and photos to the kept person, noting in `snapshot`
    what moved and, whole, what had to go."""
    owned = ImportantDate.objects.filter(owner_id=kept.owner_id)
    have = {_same_day(date) for date in owned.filter(person=kept)}
    has_birthday = any(kind == ImportantDate.BIRTHDAY for kind, *_ in have)
    moved: list[int] = []
    dropped: list[ImportantDate] = []
    for date in owned.filter(person=gone).order_by("id"):
        second_birthday = date.kind == ImportantDate.BIRTHDAY and has_birthday
        if second_birthday or _same_day(date) in have:
            dropped.append(date)
        else:
            moved.append(date.pk)
            have.add(_same_day(date))
    owned.filter(pk__in=[date.pk for date in dropped]).delete()
    owned.filter(pk__in=moved).update(person=kept)
    photos = Photo.objects.filter(owner_id=kept.owner_id, person=gone)
    photo_ids = sorted(photos.values_list("pk", flat=True))
    Photo.objects.filter(pk__in=photo_ids).update(person=kept)
    snapshot.update(
        dates_moved=moved,
        dates_deleted=[_stored(date) for date in dropped],
        photos_moved=photo_ids,
    )


def _stored(date: ImportantDate) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(date, name) for name in _DATE_VALUES}
    return values | {"created_at": date.created_at.isoformat()}


def move_back_dates_and_photos(kept: Person, back: Person, snapshot: dict[str, Any]) -> None:
    """Undo `move_dates_and_photos`: what moved and is still the kept person's goes to `back`
    (the recreated person), and what was deleted is recreated on `back` as it was."""
    owned = ImportantDate.objects.filter(owner_id=kept.owner_id)
    owned.filter(person=kept, pk__in=snapshot.get("dates_moved", [])).update(person=back)
    Photo.objects.filter(
        owner_id=kept.owner_id, person=kept, pk__in=snapshot.get("photos_moved", [])
    ).update(person=back)
    for stored in snapshot.get("dates_deleted", []):
        values = dict(stored)
        created_at = dt.datetime.fromisoformat(values.pop("created_at"))
        date = ImportantDate.objects.create(owner_id=kept.owner_id, person=back, **values)
        ImportantDate.objects.filter(pk=date.pk).update(created_at=created_at)
