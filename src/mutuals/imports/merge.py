"""Writes for duplicates: record a possible pair, scan for pairs, keep two people apart, and
merge one person into another so that the merge can be undone.

A merge moves every record of the merged person (conversations, promises, needs, gives and
receives, asks, who-knows-whom edges, introductions, people they introduced, possible pairs,
emails, phones, circles, important dates and photos, and what the owner's groups say of them:
see `merge_groups`) to the kept person, fills the kept person's blank fields, then deletes the
merged person. `Merge.snapshot` remembers what undoing needs: the merged person's own fields,
the ids of every row that moved (per model and field), the rows that had to go (an edge the two
already shared with someone, an address both had, a second birthday: see `merge_extras`) and
the kept person's fields that changed, so `undo_merge` can put back exactly what moved and
nothing else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from mutuals.core.cadence import Tier
from mutuals.core.formats.dedupe import find_duplicates, normalize_email, normalize_phone
from mutuals.emails.models import Correspondent
from mutuals.feedback.models import DraftReview
from mutuals.imports.duplicates import candidates
from mutuals.imports.merge_events import move_attendance, move_back_attendance
from mutuals.imports.merge_extras import move_back_dates_and_photos, move_dates_and_photos
from mutuals.imports.merge_groups import move_back_group_references, move_group_references
from mutuals.imports.models import Merge, PossibleDuplicate, SourceRecord
from mutuals.imports.row_merge import is_row_merge, undo_row_merge
from mutuals.interactions.models import Interaction
from mutuals.interactions.services import refresh_contact_stats
from mutuals.leads.models import LeadEvent, LeadPerson
from mutuals.ledger.models import Ask, Exchange
from mutuals.needs.models import Need
from mutuals.network.models import Introduction, Knows
from mutuals.people.models import (
    Circle,
    EmailAddress,
    Organization,
    Person,
    PhoneNumber,
    Position,
)
from mutuals.people.services import owned_person, refresh_balances, update_person
from mutuals.promises.models import Promise

CERTAINTIES = ("certain", "likely")
NOTES_SEPARATOR = "\n\n---\n"
# The person's own fields, restored as they were when a merge is undone (contact statistics
# and balances are recomputed from the records instead).
OWN_FIELDS = (
    "is_demo",
    "first_name",
    "middle_name",
    "last_name",
    "nickname",
    "display_name",
    "name_prefix",
    "name_suffix",
    "phonetic_name",
    "full_name",
    "search_name",
    "linkedin_url",
    "organization_id",
    "title",
    "location",
    "interests",
    "how_met",
    "introduced_by_id",
    "notes",
    "tier",
    "cadence_override_days",
    "cadence_days",
    "known_since",
    "snoozed_until",
    "archived_at",
    "created_at",
)
# Blank on the kept person: taken from the merged one.
FILLED_FIELDS = (
    "first_name",
    "middle_name",
    "last_name",
    "nickname",
    "linkedin_url",
    "organization_id",
    "title",
    "location",
    "interests",
    "how_met",
    "cadence_override_days",
)
# Plain foreign keys to a person that move to the kept one: (model, field).
REPOINTED: tuple[tuple[type[models.Model], str], ...] = (
    (Promise, "person"),
    (Need, "person"),
    (Need, "helped_by"),
    (Exchange, "person"),
    (Exchange, "introduced_to"),
    (Ask, "person"),
    (Introduction, "introducer"),
    (Introduction, "seeker"),
    (Introduction, "target"),
    (Person, "introduced_by"),
    (Merge, "kept"),
    (SourceRecord, "person"),
    (Position, "person"),
    (LeadPerson, "person"),
    (LeadEvent, "person"),
    (DraftReview, "recipient"),
    # Someone you wrote with, added from the e-mail suggestions: the merged record's address
    # now belongs to the kept one.
    (Correspondent, "person"),
)
# Whose row it is, where the model does not call it `owner`.
OWNER_FIELD: dict[type[models.Model], str] = {DraftReview: "client"}
_TIER_ORDER = {tier.value: rank for rank, tier in enumerate(Tier)}
_KNOWS_VALUES = ("person_id", "knows_id", "strength", "source", "note", "is_demo", "created_at")
_PAIR_VALUES = (
    "person_id",
    "other_id",
    "certainty",
    "reasons",
    "score",
    "status",
    "created_at",
    "decided_at",
)


# ---- possible pairs ---------------------------------------------------------------------------


def record_possible_duplicate(
    *,
    owner: AbstractBaseUser,
    person_id: int,
    other_id: int,
    certainty: str,
    reasons: Sequence[str],
    score: float,
) -> PossibleDuplicate | None:
    """Remember two of the owner's people as a pair to review; None when the pair is already
    known in any status (a pair the user kept apart is never opened again)."""
    if person_id == other_id:
        raise ValidationError({"other": ["A person cannot be a duplicate of themselves."]})
    if certainty not in CERTAINTIES:
        raise ValidationError({"certainty": ["Say 'certain' or 'likely'."]})
    low, high = sorted((person_id, other_id))
    if Person.objects.filter(owner=owner, pk__in=(low, high)).count() != 2:
        raise ValidationError({"person": ["That person is not in your network."]})
    with transaction.atomic():
        if PossibleDuplicate.objects.filter(owner=owner, person_id=low, other_id=high).exists():
            return None
        return PossibleDuplicate.objects.create(
            owner=owner,
            person_id=low,
            other_id=high,
            certainty=certainty,
            reasons="; ".join(reasons)[:300],
            score=round(float(score), 4),
        )


@transaction.atomic
def keep_apart(*, owner: AbstractBaseUser, duplicate_id: int) -> PossibleDuplicate:
    """These two are different people: the pair leaves the review and later scans skip it.

    Someone else's pair (or none) is PossibleDuplicate.DoesNotExist."""
    pair = PossibleDuplicate.objects.select_for_update().get(owner=owner, pk=duplicate_id)
    pair.status = "apart"
    pair.decided_at = timezone.now()
    pair.save(update_fields=["status", "decided_at"])
    return pair


@transaction.atomic
def scan_for_duplicates(*, owner: AbstractBaseUser, auto_merge: bool = False) -> dict[str, int]:
    """Look for duplicates among the owner's people who are not archived.

    Every pair found is recorded for review, unless it is already known (pairs kept apart stay
    apart). With `auto_merge`, pairs that are certainly one person (a shared email, phone or
    LinkedIn profile) are merged at once instead, keeping the one with more conversations;
    each of those merges can be undone. Returns counts: `found` pairs, `merged`, and the pairs
    now waiting `to_review`.
    """
    matches = find_duplicates(candidates(owner=owner))
    known = {
        (pair.person_id, pair.other_id): pair
        for pair in PossibleDuplicate.objects.filter(owner=owner)
    }
    merged_into: dict[int, int] = {}
    merged = 0
    new: list[PossibleDuplicate] = []
    for match in matches:
        existing = known.get((match.a, match.b))
        if existing is not None and existing.status == "apart":
            continue
        if auto_merge and match.certainty == "certain":
            a, b = _current(merged_into, match.a), _current(merged_into, match.b)
            if a == b:
                continue
            keep_id, merge_id = _which_to_keep(owner, a, b)
            merge_people(owner=owner, keep_id=keep_id, merge_id=merge_id)
            merged_into[merge_id] = keep_id
            merged += 1
        elif existing is None:
            new.append(
                PossibleDuplicate(
                    owner=owner,
                    person_id=match.a,
                    other_id=match.b,
                    certainty=match.certainty,
                    reasons="; ".join(match.reasons)[:300],
                    score=round(match.score, 4),
                )
            )
    # Ids of merged people can no longer be recorded (those pairs were merged too).
    gone = set(merged_into)
    PossibleDuplicate.objects.bulk_create(
        pair for pair in new if not {pair.person_id, pair.other_id} & gone
    )
    to_review = PossibleDuplicate.objects.filter(owner=owner, status="open").count()
    return {"found": len(matches), "merged": merged, "to_review": to_review}


def _current(merged_into: dict[int, int], person_id: int) -> int:
    while person_id in merged_into:
        person_id = merged_into[person_id]
    return person_id


def _which_to_keep(owner: AbstractBaseUser, a: int, b: int) -> tuple[int, int]:
    """(keep, merge): the one with more conversations, else the one added first."""
    counts = dict(
        Person.objects.filter(owner=owner, pk__in=(a, b)).values_list("pk", "interaction_count")
    )
    first, second = sorted((a, b), key=lambda pk: (-counts.get(pk, 0), pk))
    return first, second


@transaction.atomic
def merge_duplicate(*, owner: AbstractBaseUser, duplicate_id: int, keep_id: int) -> Merge:
    """Merge a pair under review, keeping `keep_id` (one of the two).

    Someone else's pair (or none) is PossibleDuplicate.DoesNotExist."""
    pair = PossibleDuplicate.objects.get(owner=owner, pk=duplicate_id)
    if keep_id not in (pair.person_id, pair.other_id):
        raise ValidationError({"keep": ["Keep one of the two people of this pair."]})
    merge_id = pair.other_id if keep_id == pair.person_id else pair.person_id
    return merge_people(owner=owner, keep_id=keep_id, merge_id=merge_id)


# ---- merging ----------------------------------------------------------------------------------


@transaction.atomic
def merge_people(*, owner: AbstractBaseUser, keep_id: int, merge_id: int) -> Merge:
    """Fold `merge_id` into `keep_id`: everything of theirs moves, blanks are filled, and the
    merged person is deleted. Returns the Merge, which `undo_merge` can reverse."""
    if keep_id == merge_id:
        raise ValidationError({"merge": ["Choose two different people to merge."]})
    kept = owned_person(owner=owner, person_id=keep_id, field="keep")
    gone = owned_person(owner=owner, person_id=merge_id, field="merge")
    snapshot: dict[str, Any] = {
        "merged_id": gone.pk,
        "merged": _own_values(gone),
        "moved": {},
        "knows_deleted": [],
        "knows_moved": [],
        "pairs_deleted": [],
        "pairs_moved": [],
    }
    _move_interactions(kept, gone, snapshot)
    for model, field in REPOINTED:
        rows = model.objects.filter(**{OWNER_FIELD.get(model, "owner"): owner, field: gone})
        if model is Person:
            rows = rows.exclude(pk=kept.pk)
        ids = sorted(rows.values_list("pk", flat=True))
        model.objects.filter(pk__in=ids).update(**{field: kept})
        snapshot["moved"][_key(model, field)] = ids
    _move_pairs(Knows, "knows", kept, gone, snapshot, prefer=_stronger)
    _move_pairs(PossibleDuplicate, "other", kept, gone, snapshot, prefer=_existing)
    _move_contacts(kept, gone, snapshot)
    move_dates_and_photos(kept, gone, snapshot)
    move_attendance(kept, gone, snapshot)
    move_group_references(kept, gone, snapshot)
    snapshot["kept_changes"] = _fill_kept(owner, kept, gone)
    merge = Merge.objects.create(
        owner=owner, kept=kept, merged_name=gone.full_name, snapshot=snapshot
    )
    gone.delete()
    _refresh(owner, [kept.pk])
    return merge


def _key(model: type[models.Model], field: str) -> str:
    return f"{model._meta.label_lower}.{field}"


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def _own_values(person: Person) -> dict[str, Any]:
    return {name: _json(getattr(person, name)) for name in OWN_FIELDS}


def _from_json(name: str, value: Any) -> Any:
    field = Person._meta.get_field(name.removesuffix("_id"))
    return field.to_python(value) if isinstance(value, str) and value and _is_date(field) else value


def _is_date(field: Any) -> bool:
    return isinstance(field, models.DateField)  # DateTimeField is a DateField too


def _move_interactions(kept: Person, gone: Person, snapshot: dict[str, Any]) -> None:
    """Conversations with the merged person become the kept one's; one with both keeps one."""
    through = Interaction.people.through
    theirs = set(through.objects.filter(person_id=gone.pk).values_list("interaction_id", flat=True))
    shared = set(
        through.objects.filter(person_id=kept.pk, interaction_id__in=theirs).values_list(
            "interaction_id", flat=True
        )
    )
    through.objects.filter(person_id=gone.pk, interaction_id__in=shared).delete()
    through.objects.filter(person_id=gone.pk).update(person_id=kept.pk)
    snapshot["moved"]["interactions.interaction.people"] = sorted(theirs - shared)
    snapshot["interactions_shared"] = sorted(shared)


def _stronger(kept_row: Knows, their_row: Knows) -> bool:
    """Whether the merged person's edge wins over the kept person's edge to the same person."""
    return their_row.strength > kept_row.strength


def _existing(kept_row: PossibleDuplicate, their_row: PossibleDuplicate) -> bool:
    return False


def _move_pairs(
    model: type[Knows] | type[PossibleDuplicate],
    far: str,
    kept: Person,
    gone: Person,
    snapshot: dict[str, Any],
    *,
    prefer: Any,
) -> None:
    """Move the merged person's ordered pairs (person < `far`) to the kept person.

    A pair of the two with each other goes; when both have a pair with the same third person,
    `prefer(kept_row, their_row)` says whether theirs replaces the kept one's. Whatever goes is
    stored whole in the snapshot, and the moved ids too, so undo can put both back."""
    name = "knows" if model is Knows else "pairs"
    values = _KNOWS_VALUES if model is Knows else _PAIR_VALUES
    owner_rows = model.objects.filter(owner_id=kept.owner_id)
    mine = {
        _far_end(row, far, kept.pk): row
        for row in owner_rows.filter(Q(person_id=kept.pk) | Q(**{far: kept.pk}))
    }
    theirs = list(owner_rows.filter(Q(person_id=gone.pk) | Q(**{far: gone.pk})))
    moving: list[tuple[Any, int]] = []
    for row in theirs:
        third = _far_end(row, far, gone.pk)
        if third == kept.pk or (third in mine and not prefer(mine[third], row)):
            _drop(row, values, snapshot[f"{name}_deleted"])
        else:
            if third in mine:
                _drop(mine[third], values, snapshot[f"{name}_deleted"])
            moving.append((row, third))
    for row, third in moving:
        low, high = sorted((kept.pk, third))
        model.objects.filter(pk=row.pk).update(person_id=low, **{f"{far}_id": high})
        snapshot[f"{name}_moved"].append(row.pk)


def _far_end(row: Any, far: str, person_id: int) -> int:
    far_id = getattr(row, f"{far}_id")
    return far_id if row.person_id == person_id else row.person_id


def _drop(row: Any, values: Sequence[str], into: list[dict[str, Any]]) -> None:
    into.append({name: _json(getattr(row, name)) for name in values})
    row.delete()


def _move_contacts(kept: Person, gone: Person, snapshot: dict[str, Any]) -> None:
    """Emails and phones the kept person lacks move; circles are added."""
    have_emails = {normalize_email(e.address) for e in kept.emails.all()}
    have_phones = {normalize_phone(p.number) or p.number for p in kept.phones.all()}
    emails, phones = [], []
    for email in gone.emails.all():
        moved = normalize_email(email.address) not in have_emails
        have_emails.add(normalize_email(email.address))
        emails.append({"id": email.pk, "address": email.address, "label": email.label})
        emails[-1]["moved"] = moved
    for phone in gone.phones.all():
        key = normalize_phone(phone.number) or phone.number
        phones.append({"id": phone.pk, "number": phone.number, "label": phone.label})
        phones[-1]["moved"] = key not in have_phones
        have_phones.add(key)
    EmailAddress.objects.filter(pk__in=[e["id"] for e in emails if e["moved"]]).update(person=kept)
    PhoneNumber.objects.filter(pk__in=[p["id"] for p in phones if p["moved"]]).update(person=kept)
    circles = sorted(gone.circles.values_list("pk", flat=True))
    added = sorted(set(circles) - set(kept.circles.values_list("pk", flat=True)))
    kept.circles.add(*added)
    snapshot.update(emails=emails, phones=phones, circles=circles, circles_added=added)


def _fill_kept(owner: AbstractBaseUser, kept: Person, gone: Person) -> dict[str, list[Any]]:
    """Fill the kept person's blanks from the merged one; returns {field: [before, after]}."""
    wanted: dict[str, Any] = {}
    for name in FILLED_FIELDS:
        if getattr(kept, name) in ("", None) and getattr(gone, name) not in ("", None):
            wanted[name] = getattr(gone, name)
    if gone.known_since is not None and (
        kept.known_since is None or gone.known_since < kept.known_since
    ):
        wanted["known_since"] = gone.known_since
    if gone.tier and (not kept.tier or _TIER_ORDER[gone.tier] < _TIER_ORDER[kept.tier]):
        wanted["tier"] = gone.tier
    if gone.notes.strip() and gone.notes.strip() not in kept.notes:
        wanted["notes"] = (
            f"{kept.notes}{NOTES_SEPARATOR}{gone.notes}" if kept.notes.strip() else gone.notes
        )
    if kept.introduced_by_id == gone.pk:
        wanted["introduced_by_id"] = (
            gone.introduced_by_id if gone.introduced_by_id != kept.pk else None
        )
    elif kept.introduced_by_id is None and gone.introduced_by_id not in (None, kept.pk):
        wanted["introduced_by_id"] = gone.introduced_by_id
    before = _own_values(kept)
    Person.objects.filter(pk=kept.pk).update(**wanted)
    # An update with nothing new recomputes the name keys, cadence and strength.
    refreshed = update_person(owner=owner, person_id=kept.pk)
    after = _own_values(refreshed)
    return {name: [before[name], after[name]] for name in OWN_FIELDS if before[name] != after[name]}


def _refresh(owner: AbstractBaseUser, person_ids: list[int]) -> None:
    refresh_contact_stats(owner=owner, person_ids=person_ids)
    refresh_balances(owner=owner, today=timezone.localdate(), person_ids=person_ids)


# ---- undoing ----------------------------------------------------------------------------------


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
    _move_back_interactions(kept, back, snapshot)
    for model, field in REPOINTED:
        moved = snapshot["moved"].get(_key(model, field), [])
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
    _refresh(owner, [kept.pk, back.pk])
    return Person.objects.get(pk=back.pk)


def _mapped(value: int | None, ids: dict[int, int]) -> int | None:
    """A person id as it is now: the merged person's old id becomes the recreated one's."""
    return None if value is None else ids.get(value, value)


def _recreate(owner: AbstractBaseUser, snapshot: dict[str, Any]) -> Person:
    values = {name: _from_json(name, value) for name, value in snapshot["merged"].items()}
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
    current = _own_values(kept)
    restore = {
        name: _from_json(name, before)
        for name, (before, after) in changes.items()
        if current[name] == after
    }
    if "introduced_by_id" in restore:
        restore["introduced_by_id"] = _mapped(restore["introduced_by_id"], ids)
    if restore:
        Person.objects.filter(pk=kept.pk).update(updated_at=timezone.now(), **restore)


def _move_back_interactions(kept: Person, back: Person, snapshot: dict[str, Any]) -> None:
    through = Interaction.people.through
    moved = snapshot["moved"].get("interactions.interaction.people", [])
    through.objects.filter(person_id=kept.pk, interaction_id__in=moved).update(person_id=back.pk)
    shared = Interaction.objects.filter(
        owner_id=kept.owner_id, pk__in=snapshot["interactions_shared"]
    ).values_list("pk", flat=True)
    through.objects.bulk_create(through(interaction_id=pk, person_id=back.pk) for pk in shared)


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
        low, high = sorted((back.pk, _far_end(row, far, kept.pk)))
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
