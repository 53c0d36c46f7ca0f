"""Undoing a merge (`merge_moves`) from its snapshot: the merged person comes back (a new id,
the same fields and `created_at`), exactly the records that moved go back to them, what was
dropped is put back, and the kept person's fields the merge changed are restored unless changed
again since. A row merge made by an import (`row_merge`) is split off instead.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mutuals.imports.merge_events import move_back_attendance
from mutuals.imports.merge_extras import move_back_dates_and_photos
from mutuals.imports.merge_groups import move_back_group_references
from mutuals.imports.merge_moves import (
    LINKED,
    OWNER_FIELD,
    REPOINTED,
    far_end,
    from_json,
    link_columns,
    moved_key,
    own_values,
    refresh_people,
)
from mutuals.imports.models import Merge, PossibleDuplicate
from mutuals.imports.row_merge import is_row_merge, undo_row_merge
from mutuals.network.models import Knows
from mutuals.people.models import Circle, EmailAddress, Organization, Person, PhoneNumber


@transaction.atomic
def undo_merge(*, owner: AbstractBaseUser, merge_id: int) -> Person:
    """Bring the merged person back (a new id, the same fields and `created_at`), move back
    exactly the records that moved, put back what was dropped and the kept person's fields.

    Someone else's merge (or none) is Merge.DoesNotExist; undoing twice is a ValidationError.
    """
    merge = Merge.objects.select_for_update().get(owner=owner, pk=merge_id)
    if merge.undone_at is not None:
        raise ValidationError({"merge": ["This merge was already undone."]})
    if is_row_merge(merge):
        return undo_row_merge(owner=owner, merge=merge)
    snapshot = merge.snapshot
    kept = Person.objects.get(owner=owner, pk=merge.kept_id)
    back = _recreate(owner, snapshot)
    ids = {snapshot["merged_id"]: back.pk}
    _restore_kept(kept, snapshot["kept_changes"], ids)
    _move_back_links(kept, back, snapshot)
    for model, field in REPOINTED:
        moved = snapshot["moved"].get(moved_key(model, field), [])
        model.objects.filter(
            **{OWNER_FIELD.get(model, "owner"): owner, field: kept}, pk__in=moved
        ).update(**{field: back})
    _move_back_pairs(Knows, "knows", kept, back, snapshot, ids)
    _move_back_pairs(PossibleDuplicate, "other", kept, back, snapshot, ids)
    _move_back_contacts(kept, back, snapshot)
    move_back_dates_and_photos(kept, back, snapshot)
    move_back_attendance(kept, back, snapshot)
    move_back_group_references(kept, back, snapshot)
    merge.undone_at = timezone.now()
    merge.save(update_fields=["undone_at"])
    refresh_people(owner, [kept.pk, back.pk])
    return Person.objects.get(pk=back.pk)


def _mapped(value: int | None, ids: dict[int, int]) -> int | None:
    """A person id as it is now: the merged person's old id becomes the recreated one's."""
    return None if value is None else ids.get(value, value)


def _recreate(owner: AbstractBaseUser, snapshot: dict[str, Any]) -> Person:
    values = {name: from_json(name, value) for name, value in snapshot["merged"].items()}
    created_at = values.pop("created_at")
    # Whoever introduced them, or their organisation, may have been deleted since.
    if not Person.objects.filter(owner=owner, pk=values["introduced_by_id"]).exists():
        values["introduced_by_id"] = None
    if not Organization.objects.filter(owner=owner, pk=values["organization_id"]).exists():
        values["organization_id"] = None
    person = Person.objects.create(owner=owner, **values)
    Person.objects.filter(pk=person.pk).update(created_at=created_at)
    return person


def _restore_kept(kept: Person, changes: dict[str, list[Any]], ids: dict[int, int]) -> None:
    """Put back each field the merge changed, unless it was changed again since."""
    current = own_values(kept)
    restore = {
        name: from_json(name, before)
        for name, (before, after) in changes.items()
        if current[name] == after
    }
    if "introduced_by_id" in restore:
        restore["introduced_by_id"] = _mapped(restore["introduced_by_id"], ids)
    if restore:
        Person.objects.filter(pk=kept.pk).update(updated_at=timezone.now(), **restore)


def _move_back_links(kept: Person, back: Person, snapshot: dict[str, Any]) -> None:
    """The conversations and calendar meetings that moved go back; those both people were on
    get the merged person back. A snapshot from before calendars has no meetings' keys."""
    for model, shared_key in LINKED:
        through, column = link_columns(model)
        moved = snapshot["moved"].get(moved_key(model, "people"), [])
        through.objects.filter(person_id=kept.pk, **{f"{column}__in": moved}).update(
            person_id=back.pk
        )
        shared = model.objects.filter(
            owner_id=kept.owner_id, pk__in=snapshot.get(shared_key, [])
        ).values_list("pk", flat=True)
        through.objects.bulk_create(through(**{column: pk, "person_id": back.pk}) for pk in shared)


def _move_back_pairs(
    model: type[Knows] | type[PossibleDuplicate],
    far: str,
    kept: Person,
    back: Person,
    snapshot: dict[str, Any],
    ids: dict[int, int],
) -> None:
    name = "knows" if model is Knows else "pairs"
    rows = model.objects.filter(owner_id=kept.owner_id, pk__in=snapshot[f"{name}_moved"])
    for row in rows.filter(Q(person_id=kept.pk) | Q(**{far: kept.pk})):
        low, high = sorted((back.pk, far_end(row, far, kept.pk)))
        model.objects.filter(pk=row.pk).update(person_id=low, **{f"{far}_id": high})
    people = set(Person.objects.filter(owner_id=kept.owner_id).values_list("pk", flat=True))
    for stored in snapshot[f"{name}_deleted"]:
        values = dict(stored)
        ends = (values.pop("person_id"), values.pop(f"{far}_id"))
        low, high = sorted(ids.get(end, end) for end in ends)
        pair = {"person_id": low, f"{far}_id": high}
        if not {low, high} <= people:
            continue
        if model.objects.filter(owner_id=kept.owner_id, **pair).exists():
            continue
        for key in ("created_at", "decided_at"):
            if isinstance(values.get(key), str):
                values[key] = dt.datetime.fromisoformat(values[key])
        created_at = values.pop("created_at")
        row = model.objects.create(owner_id=kept.owner_id, **pair, **values)
        model.objects.filter(pk=row.pk).update(created_at=created_at)


def _move_back_contacts(kept: Person, back: Person, snapshot: dict[str, Any]) -> None:
    """The merged person's emails and phones come back in their order; circles likewise."""
    EmailAddress.objects.filter(
        person=kept, pk__in=[e["id"] for e in snapshot["emails"] if e["moved"]]
    ).delete()
    PhoneNumber.objects.filter(
        person=kept, pk__in=[p["id"] for p in snapshot["phones"] if p["moved"]]
    ).delete()
    EmailAddress.objects.bulk_create(
        EmailAddress(person=back, address=e["address"], label=e["label"])
        for e in snapshot["emails"]
    )
    PhoneNumber.objects.bulk_create(
        PhoneNumber(person=back, number=p["number"], label=p["label"]) for p in snapshot["phones"]
    )
    kept.circles.remove(*snapshot["circles_added"])
    back.circles.set(Circle.objects.filter(owner_id=kept.owner_id, pk__in=snapshot["circles"]))
