"""Undoing an import's merge: a row that joined someone (by a certain match, or as the same
person as an earlier row of the file) is split off into a person of its own again.

The Merge's snapshot (written by `imports.writing`) keeps what the row added to the person
(blank fields it filled, its organisation, emails, phones, circles) and the row itself. Undo
takes back what the row added — each field only while it still holds the row's value, so
anything you changed since stays — creates the row's person, moves the row's source key to
them (a later re-import then finds them, not the person they were merged into) and marks the
two as kept apart, so duplicate scans do not suggest the pair again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mutuals.core.names import fold
from mutuals.imports.models import Merge, PossibleDuplicate, SourceRecord
from mutuals.people import bulk
from mutuals.people.models import EmailAddress, ImportantDate, Person, PhoneNumber, Photo

ROW_MERGE = "import-row"
_DATE_FIELDS = ("known_since",)


def is_row_merge(merge: Merge) -> bool:
    return isinstance(merge.snapshot, dict) and merge.snapshot.get("kind") == ROW_MERGE


def _value(name: str, value: Any) -> Any:
    if name in _DATE_FIELDS and isinstance(value, str) and value:
        return dt.date.fromisoformat(value)
    if isinstance(value, list):
        return tuple(tuple(v) if isinstance(v, list) else v for v in value)
    return value


def _draft(row: dict[str, Any]) -> bulk.PersonDraft:
    fields = set(vars(bulk.PersonDraft()))
    return bulk.PersonDraft(**{k: _value(k, v) for k, v in row.items() if k in fields})


@transaction.atomic
def undo_row_merge(*, owner: AbstractBaseUser, merge: Merge) -> Person:
    """Split the merged row off again; returns the row's own person (newly created)."""
    if merge.undone_at is not None:
        raise ValidationError({"merge": ["This merge was already undone."]})
    snapshot = merge.snapshot
    kept = Person.objects.select_for_update().get(owner=owner, pk=merge.kept_id)
    untouched_since = kept.updated_at <= merge.created_at
    _take_back(owner, kept, snapshot.get("added", {}))
    if untouched_since:
        # Nothing changed them after the import: they are as they were, to the microsecond.
        before = snapshot.get("kept_updated_at")
        Person.objects.filter(pk=kept.pk).update(
            updated_at=dt.datetime.fromisoformat(before) if before else kept.created_at
        )
    draft = _draft(snapshot["row"])
    cleaned = bulk.clean_draft(draft)
    (new_id,) = bulk.create_people(owner=owner, drafts=[(draft, cleaned)])
    SourceRecord.objects.filter(
        owner=owner, kind=snapshot.get("source", ""), key=snapshot.get("source_key", "")
    ).update(person_id=new_id)
    _move_extras(kept, new_id, snapshot.get("added", {}))
    low, high = sorted((kept.pk, new_id))
    PossibleDuplicate.objects.get_or_create(
        owner=owner,
        person_id=low,
        other_id=high,
        defaults={
            "certainty": "likely",
            "reasons": f"split off after an import ({snapshot.get('why', '')})"[:300],
            "status": "apart",
            "decided_at": timezone.now(),
        },
    )
    merge.undone_at = timezone.now()
    merge.save(update_fields=["undone_at"])
    return Person.objects.get(pk=new_id)


def _move_extras(kept: Person, new_id: int, added: dict[str, Any]) -> None:
    """The dates and photo the row brought go with the row's own person."""
    for kind, _label, _year, month, day in added.get("dates", ()):
        ImportantDate.objects.filter(person=kept, kind=kind, month=month, day=day).update(
            person_id=new_id
        )
    if added.get("photo"):
        Photo.objects.filter(person=kept, sha256=added["photo"]).update(person_id=new_id)


def _take_back(owner: AbstractBaseUser, kept: Person, added: dict[str, Any]) -> None:
    """Remove what the row added to `kept`, where it is still as the row left it."""
    changed = False
    for name, value in added.items():
        if name in ("emails", "phones", "circles", "organization", "dates", "photo"):
            continue
        if getattr(kept, name, None) == _value(name, value):
            setattr(kept, name, None if name in _DATE_FIELDS else "")
            changed = True
    organization = added.get("organization")
    if organization and kept.organization and fold(kept.organization.name) == fold(organization):
        kept.organization = None
        changed = True
    if changed:
        kept.save()
    addresses = {a.lower() for a, _ in added.get("emails", ())}
    for email in EmailAddress.objects.filter(person=kept):
        if email.address.lower() in addresses:
            addresses.discard(email.address.lower())
            email.delete()
    numbers = [n for n, _ in added.get("phones", ())]
    for phone in PhoneNumber.objects.filter(person=kept):
        if phone.number in numbers:
            numbers.remove(phone.number)
            phone.delete()
    circles = {fold(c)[:60] for c in added.get("circles", ())}
    if circles:
        kept.circles.remove(*kept.circles.filter(search_name__in=circles))
    # Nothing new: recomputes the shown name, cadence and strength from the fields (without
    # update_person's checks: an imported card may name no one, only a phone).
    kept.refresh_from_db()
    bulk.fill_in(owner=owner, updates=[(kept, {})])
