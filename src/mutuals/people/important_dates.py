"""Writes for important dates (birthdays, anniversaries, other days that come back each year).

Every function takes the acting user as `owner` and only touches that owner's rows; invalid
input raises ValidationError with a sentence per field. A person has at most one birthday.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mutuals.core.occasions import EARLIEST_YEAR, KINDS, is_valid_date
from mutuals.people.models import ImportantDate
from mutuals.people.services import owned_person, strip_controls

LABEL_LIMIT = 100


def clean_date(kind: str, label: str, year: int | None, month: int, day: int) -> str:
    """The cleaned label; ValidationError when the kind or the day is not one we can keep."""
    errors: dict[str, list[str]] = {}
    if kind not in KINDS:
        errors["kind"] = [f"Choose birthday, anniversary or other, not '{kind}'."]
    label = strip_controls(label).strip()
    if len(label) > LABEL_LIMIT:
        errors["label"] = [f"Keep the label under {LABEL_LIMIT} characters."]
    this_year = timezone.localdate().year
    if year is not None and not EARLIEST_YEAR <= year <= this_year:
        errors["year"] = [f"Give a year from {EARLIEST_YEAR} to {this_year}, or none."]
    elif not is_valid_date(month, day, year):
        errors["day"] = ["That day is not on the calendar; give a month and a day, like 04-15."]
    if errors:
        raise ValidationError(errors)
    return label


@transaction.atomic
def add_important_date(
    *,
    owner: AbstractBaseUser,
    person_id: int,
    kind: str,
    month: int,
    day: int,
    year: int | None = None,
    label: str = "",
) -> ImportantDate:
    """Remember a date of one of the owner's people; a second birthday is refused."""
    person = owned_person(owner=owner, person_id=person_id)
    label = clean_date(kind, label, year, month, day)
    has_birthday = ImportantDate.objects.filter(person=person, kind=ImportantDate.BIRTHDAY)
    if kind == ImportantDate.BIRTHDAY and has_birthday.exists():
        raise ValidationError(
            {"kind": [f"{person.full_name} already has a birthday; remove it first to change it."]}
        )
    return ImportantDate.objects.create(
        owner=owner, person=person, kind=kind, label=label, year=year, month=month, day=day
    )


def remove_important_date(*, owner: AbstractBaseUser, date_id: int) -> None:
    """Forget one of the owner's dates; raises ImportantDate.DoesNotExist for anyone else's."""
    deleted, _ = ImportantDate.objects.filter(owner=owner, pk=date_id).delete()
    if not deleted:
        raise ImportantDate.DoesNotExist
