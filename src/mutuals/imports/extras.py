"""What a row carries beyond the person's own fields: birthdays, anniversaries and a photo.

Each becomes the person's important date or photo (`people.bulk`); a person who has a
birthday keeps theirs, a person who has a photo keeps theirs. Photos are re-encoded here,
during planning, so the write lock is not held while pictures are decoded; a picture mutuals
cannot show (too big, not a raster image) is left out with a note on its line. A year a
person cannot have been born in (before 1900 or after today) is dropped, keeping the day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from mutuals.core.formats.records import Contact, PartialDate
from mutuals.people.models import ImportantDate, Photo
from mutuals.people.photos import PreparedPhoto, prepare_photo

DateRow = tuple[str, str, int | None, int, int]  # kind, label, year, month, day
FIRST_YEAR = 1900


@dataclass
class Extras:
    dates: list[DateRow] = field(default_factory=list)
    photo: PreparedPhoto | None = None

    def __bool__(self) -> bool:
        return bool(self.dates) or self.photo is not None


def _row(kind: str, value: PartialDate | None, today: dt.date) -> DateRow | None:
    if value is None:
        return None
    year = value.year if value.year is not None and FIRST_YEAR <= value.year <= today.year else None
    return (kind, "", year, value.month, value.day)


def extras_of(
    contact: Contact, today: dt.date, skip: Callable[[int, str], None], *, photo: bool = True
) -> Extras:
    """The dates and (unless `photo` is false: the person has one) the re-encoded photo a row
    carries."""
    extras = Extras()
    for kind, value in (
        (ImportantDate.BIRTHDAY, contact.birthday),
        (ImportantDate.ANNIVERSARY, getattr(contact, "anniversary", None)),
    ):
        row = _row(kind, value, today)
        if row is not None:
            extras.dates.append(row)
    if contact.photo and photo:
        try:
            extras.photo = prepare_photo(contact.photo)
        except ValidationError as error:
            reasons = " ".join(m for ms in error.message_dict.values() for m in ms)
            skip(contact.line, f"photo left out: {reasons}")
    return extras


@dataclass
class Held:
    """What the owner's people already have: (kind, month, day) per person, who has a
    birthday, who has a photo. Read once (two queries) for a whole file."""

    dates: dict[int, set[tuple[str, int, int]]]
    birthdays: set[int]
    photos: set[int]

    @classmethod
    def read(cls, owner: Any) -> Held:
        dates: dict[int, set[tuple[str, int, int]]] = {}
        birthdays: set[int] = set()
        for pid, kind, month, day in ImportantDate.objects.filter(owner=owner).values_list(
            "person_id", "kind", "month", "day"
        ):
            dates.setdefault(pid, set()).add((kind, month, day))
            if kind == ImportantDate.BIRTHDAY:
                birthdays.add(pid)
        photos = set(Photo.objects.filter(owner=owner).values_list("person_id", flat=True))
        return cls(dates, birthdays, photos)

    def has_photo(self, pid: int) -> bool:
        return pid in self.photos

    def take(self, pid: int, extras: Extras) -> Extras:
        """What of `extras` the person lacks, now counted as theirs."""
        taken = Extras()
        have = self.dates.setdefault(pid, set())
        for row in extras.dates:
            kind, _, _, month, day = row
            if (kind, month, day) in have:
                continue
            if kind == ImportantDate.BIRTHDAY and pid in self.birthdays:
                continue
            have.add((kind, month, day))
            if kind == ImportantDate.BIRTHDAY:
                self.birthdays.add(pid)
            taken.dates.append(row)
        if extras.photo is not None and pid not in self.photos:
            self.photos.add(pid)
            taken.photo = extras.photo
        return taken
