"""Merging one person into another, so that the merge can be undone (`merge_undo`).

A merge moves every record of the merged person (conversations, calendar meetings, promises,
needs, gives and receives, asks, who-knows-whom edges, introductions, people they introduced,
possible pairs, emails, phones, circles, important dates and photos, and what the owner's groups
say of them: see `merge_groups`) to the kept person, fills the kept person's blank fields, then
deletes the merged person. `Merge.snapshot` remembers what undoing needs: the merged person's
own fields, the ids of every row that moved (per model and field), the rows that had to go (an
edge the two already shared with someone, an address both had, a second birthday: see
`merge_extras`) and the kept person's fields that changed. The snapshot's shape (`OWN_FIELDS`,
`REPOINTED`, `LINKED`, `moved_key`, `own_values`, `from_json`) is shared with `merge_undo`.
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

from mutuals.calendars.models import Occurrence
from mutuals.core.cadence import Tier
from mutuals.core.formats.dedupe import normalize_email, normalize_phone
from mutuals.emails.models import Correspondent
from mutuals.feedback.models import DraftReview
from mutuals.imports.merge_events import move_attendance
from mutuals.imports.merge_extras import move_dates_and_photos
from mutuals.imports.merge_groups import move_group_references
from mutuals.imports.models import Merge, PossibleDuplicate, SourceRecord
from mutuals.interactions.models import Interaction
from mutuals.interactions.services import refresh_contact_stats
from mutuals.leads.models import LeadEvent, LeadPerson
from mutuals.ledger.models import Ask, Exchange
from mutuals.needs.models import Need
from mutuals.network.models import Introduction, Knows
from mutuals.people.models import EmailAddress, Person, PhoneNumber, Position
from mutuals.people.services import owned_person, refresh_balances, update_person
from mutuals.promises.models import Promise

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
        "merged": own_values(gone),
        "moved": {},
        "knows_deleted": [],
        "knows_moved": [],
        "pairs_deleted": [],
        "pairs_moved": [],
    }
    _move_links(kept, gone, snapshot)
    for model, field in REPOINTED:
        rows = model.objects.filter(**{OWNER_FIELD.get(model, "owner"): owner, field: gone})
        if model is Person:
            rows = rows.exclude(pk=kept.pk)
        ids = sorted(rows.values_list("pk", flat=True))
        model.objects.filter(pk__in=ids).update(**{field: kept})
        snapshot["moved"][moved_key(model, field)] = ids
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
    refresh_people(owner, [kept.pk])
    return merge


def moved_key(model: type[models.Model], field: str) -> str:
    return f"{model._meta.label_lower}.{field}"


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def own_values(person: Person) -> dict[str, Any]:
    return {name: _json(getattr(person, name)) for name in OWN_FIELDS}


def from_json(name: str, value: Any) -> Any:
    field = Person._meta.get_field(name.removesuffix("_id"))
    return field.to_python(value) if isinstance(value, str) and value and _is_date(field) else value


def _is_date(field: Any) -> bool:
    return isinstance(field, models.DateField)  # DateTimeField is a DateField too


# Many-to-many links to people that move like conversations: (model, snapshot key of the rows
# both people were on). A row with both keeps the kept person once.
LINKED: tuple[tuple[type[models.Model], str], ...] = (
    (Interaction, "interactions_shared"),
    # A calendar meeting with both people (calendars.Occurrence) lists the kept one once.
    (Occurrence, "occurrences_shared"),
)


def link_columns(model: type[models.Model]) -> tuple[Any, str]:
    """The `people` link's through model and its column naming the linked row."""
    through = model._meta.get_field("people").remote_field.through
    return through, f"{model._meta.model_name}_id"


def _move_links(kept: Person, gone: Person, snapshot: dict[str, Any]) -> None:
    """Conversations and calendar meetings with the merged person become the kept one's; one
    with both keeps the kept person once."""
    for model, shared_key in LINKED:
        through, column = link_columns(model)
        links = through.objects
        theirs = set(links.filter(person_id=gone.pk).values_list(column, flat=True))
        shared = set(
            links.filter(person_id=kept.pk, **{f"{column}__in": theirs}).values_list(
                column, flat=True
            )
        )
        links.filter(person_id=gone.pk, **{f"{column}__in": shared}).delete()
        links.filter(person_id=gone.pk).update(person_id=kept.pk)
        snapshot["moved"][moved_key(model, "people")] = sorted(theirs - shared)
        snapshot[shared_key] = sorted(shared)


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
        far_end(row, far, kept.pk): row
        for row in owner_rows.filter(Q(person_id=kept.pk) | Q(**{far: kept.pk}))
    }
    theirs = list(owner_rows.filter(Q(person_id=gone.pk) | Q(**{far: gone.pk})))
    moving: list[tuple[Any, int]] = []
    for row in theirs:
        third = far_end(row, far, gone.pk)
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


def far_end(row: Any, far: str, person_id: int) -> int:
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
    before = own_values(kept)
    Person.objects.filter(pk=kept.pk).update(**wanted)
    # An update with nothing new recomputes the name keys, cadence and strength.
    refreshed = update_person(owner=owner, person_id=kept.pk)
    after = own_values(refreshed)
    return {name: [before[name], after[name]] for name in OWN_FIELDS if before[name] != after[name]}


def refresh_people(owner: AbstractBaseUser, person_ids: list[int]) -> None:
    refresh_contact_stats(owner=owner, person_ids=person_ids)
    refresh_balances(owner=owner, today=timezone.localdate(), person_ids=person_ids)
