"""Writes for people: the only place that creates, changes or removes Person records.

Every function takes the acting user as `owner` and only ever touches that owner's rows.
Invalid input raises django.core.exceptions.ValidationError with a message per field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from mutuals.core.cadence import Tier, effective_cadence, keep_in_touch_due_on
from mutuals.core.names import fold
from mutuals.core.reciprocity import Balance
from mutuals.core.strength import ContactStats, TieInputs, tie_score
from mutuals.ledger.selectors import balances as exchange_balances
from mutuals.people.models import (
    Circle,
    EmailAddress,
    Organization,
    Person,
    PhoneNumber,
    Position,
)

PERSON_FIELDS = (
    "first_name",
    "middle_name",
    "last_name",
    "nickname",
    "display_name",
    "name_prefix",
    "name_suffix",
    "phonetic_name",
    "linkedin_url",
    "title",
    "location",
    "interests",
    "how_met",
    "notes",
    "tier",
    "cadence_override_days",
    "known_since",
)
# Built once: each new validator compiles its regular expressions again on first use.
_URL = URLValidator()
_LINKEDIN_PROFILE = re.compile(r"https://(?:www\.)?linkedin\.com/in/[A-Za-z0-9%_.-]{1,100}/?")
EMAIL = EmailValidator()
_TEXT_LIMITS = {
    "first_name": 100,
    "middle_name": 100,
    "last_name": 100,
    "nickname": 100,
    "display_name": 320,
    "name_prefix": 40,
    "name_suffix": 40,
    "phonetic_name": 200,
    "title": 200,
    "location": 200,
    "how_met": 300,
    "organization": 200,
}
# Notes and interests are free text, but not a place for a whole file (a 10 MB vCard NOTE was
# once stored whole); the imports cut what they bring in to this many characters.
NOTES_LIMIT = 20_000
_LONG_TEXT = ("interests", "notes")
NAME_PARTS = ("first_name", "middle_name", "last_name")
# NUL and the other C0 control characters, but not tab or newline: PostgreSQL refuses NUL, and
# none of the others means anything in a name or a note.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def strip_controls(text: str) -> str:
    """The text without NUL and other control characters (tab and newline are kept)."""
    return _CONTROL.sub("", text)


def split_full_name(name: str) -> dict[str, str]:
    """ "Rosa María Núñez" -> first Rosa, middle María, last Núñez."""
    parts = name.split()
    if not parts:
        return {"first_name": "", "middle_name": "", "last_name": ""}
    if len(parts) == 1:
        return {"first_name": parts[0], "middle_name": "", "last_name": ""}
    return {
        "first_name": parts[0],
        "middle_name": " ".join(parts[1:-1]),
        "last_name": parts[-1],
    }


_TIERS = frozenset(t.value for t in Tier)
# The closeness of someone added by hand (the web form, `mutuals add`, POST /api/people): an
# acquaintance has a yearly cadence, so whoever you add comes back on Today when due and counts
# as a warm path. Imports leave closeness unset instead (500 connections would flood Today);
# they are sorted on the sorting page (people/triage.py) or in bulk (people/bulk_changes.py).
DEFAULT_CLOSENESS = Tier.ACQUAINTANCE.value


def _typed_name(name: str, fields: dict[str, Any]) -> dict[str, Any]:
    """A typed name as fields: the display name exactly as written (only trimmed and without
    control characters), and its parts when the caller gave none."""
    typed = strip_controls(name).strip()
    if not typed:
        return {}
    found: dict[str, Any] = {"display_name": typed}
    if not any(fields.get(k) for k in NAME_PARTS):
        found.update(split_full_name(typed))
    return found


def _clean(fields: dict[str, Any], today: dt.date | None = None) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    cleaned = dict(fields)
    for key, limit in _TEXT_LIMITS.items():
        if key in cleaned and cleaned[key] is not None:
            cleaned[key] = strip_controls(str(cleaned[key])).strip()
            if len(cleaned[key]) > limit:
                errors[key] = [f"Keep this under {limit} characters."]
    for key in _LONG_TEXT:
        if key in cleaned and cleaned[key] is not None:
            cleaned[key] = strip_controls(str(cleaned[key])).strip()
            if len(cleaned[key]) > NOTES_LIMIT:
                errors[key] = [f"Keep {key} under {NOTES_LIMIT:,} characters."]
    if "tier" in cleaned:
        tier = cleaned["tier"] or None
        if tier is not None and tier not in _TIERS:
            choices = ", ".join(t.value for t in Tier)
            errors["tier"] = [f"Unknown closeness '{tier}'. Choose one of: {choices}."]
        cleaned["tier"] = tier
    if cleaned.get("cadence_override_days") is not None:
        days = cleaned["cadence_override_days"]
        if not isinstance(days, int) or not 1 <= days <= 3650:
            errors["cadence_override_days"] = ["Choose a number of days from 1 to 3650."]
    if cleaned.get("linkedin_url"):
        url = strip_controls(cleaned["linkedin_url"]).strip()
        if not url.startswith(("http://", "https://")):
            url = "https://" + url
        try:
            if not _LINKEDIN_PROFILE.fullmatch(url):  # the common case, valid by its shape
                _URL(url)
        except ValidationError:
            errors["linkedin_url"] = [
                "Enter a full web address, like https://linkedin.com/in/name."
            ]
        if len(url) > 300:
            errors["linkedin_url"] = ["Keep the web address under 300 characters."]
        cleaned["linkedin_url"] = url
    known_since = cleaned.get("known_since")
    latest = today or timezone.localdate()
    if known_since is not None and not dt.date(1900, 1, 1) <= known_since <= latest:
        errors["known_since"] = ["Give a date between 1900 and today."]
    if errors:
        raise ValidationError(errors)
    return cleaned


def _clean_emails(emails: Iterable[str]) -> list[str]:
    cleaned: list[str] = []
    for raw in emails:
        address = raw.strip()
        if not address:
            continue
        if len(address) > 254:
            raise ValidationError({"emails": ["Keep each email address under 254 characters."]})
        try:
            EMAIL(address)
        except ValidationError:
            raise ValidationError({"emails": [f"'{address}' is not an email address."]}) from None
        if address.lower() not in {e.lower() for e in cleaned}:
            cleaned.append(address)
    return cleaned


def _clean_phones(phones: Iterable[str]) -> list[str]:
    cleaned: list[str] = []
    for raw in phones:
        number = raw.strip()
        if not number:
            continue
        digits = sum(ch.isdigit() for ch in number)
        if digits < 3 or len(number) > 40:
            raise ValidationError({"phones": [f"'{number}' does not look like a phone number."]})
        cleaned.append(number)
    return cleaned


def organization_for(owner: AbstractBaseUser, name: str | None) -> Organization | None:
    """The owner's organisation called `name`, folded (case and accents do not count), added
    when new; None for no name. The one rule for a person's organisation and an org page's."""
    if not name:
        return None
    organization, _ = Organization.objects.get_or_create(
        owner=owner, search_name=fold(name)[:200], defaults={"name": name}
    )
    return organization


def _circles(owner: AbstractBaseUser, names: Iterable[str]) -> list[Circle]:
    circles = []
    for raw in names:
        name = raw.strip()
        if not name:
            continue
        if len(name) > 60:
            raise ValidationError(
                {"circles": [f"Circle names stay under 60 characters: '{name}'."]}
            )
        circle, _ = Circle.objects.get_or_create(
            owner=owner, search_name=fold(name)[:60], defaults={"name": name}
        )
        circles.append(circle)
    return circles


def owned_person(*, owner: AbstractBaseUser, person_id: int, field: str = "person") -> Person:
    """The owner's person with this id; anyone else's (or no one's) is an error on `field`."""
    try:
        return Person.objects.get(owner=owner, pk=person_id)
    except Person.DoesNotExist:
        raise ValidationError({field: ["That person is not in your network."]}) from None


def _introducer(owner: AbstractBaseUser, person_id: int | None) -> Person | None:
    if person_id is None:
        return None
    return owned_person(owner=owner, person_id=person_id, field="introduced_by")


def joined_name(person: Person) -> str:
    """The name parts joined, as shown when no display name is kept: "Rosa María Núñez"."""
    names = [person.first_name, person.middle_name, person.last_name]
    return " ".join(n for n in names if n) or person.nickname


def derive_names_and_cadence(person: Person) -> None:
    """The shown name, its search key and the cadence, from the person's own fields (what a
    restore sets before the statistics are recomputed).

    The shown name is the display name when there is one, else the parts joined. The search
    key starts with the shown name (lists sort by it) and goes on with the parts and the
    phonetic name it does not already contain, so "小明", "Wang" or "Okafor" find them too."""
    person.full_name = person.display_name or joined_name(person)
    key = fold(person.full_name)
    words = set(key.split())
    extra = []
    for name in (*(getattr(person, p) for p in NAME_PARTS), person.nickname, person.phonetic_name):
        for word in fold(name).split() if name else ():
            if word not in words:
                words.add(word)
                extra.append(word)
    # Folding can lengthen text ("ﬃ" -> "ffi"); the key only serves comparison, so cut it.
    person.search_name = " ".join([key, *extra]).strip()[:320]
    tier = Tier(person.tier) if person.tier else None
    person.cadence_days = effective_cadence(tier, person.cadence_override_days)


def _refresh_derived(
    person: Person, today: dt.date, score: Callable[[Person, dt.date], float] | None = None
) -> None:
    """Recompute the name keys, cadence, due date and strength from the person's own fields.

    `score(person, today)` gives the strength when creating many people at once (it can
    remember the score of identical inputs); by default it is computed here."""
    derive_names_and_cadence(person)
    since = person.known_since or timezone.localdate(person.created_at or timezone.now())
    person.keep_in_touch_due_on = keep_in_touch_due_on(
        last_contact_on=person.last_contact_on, since=since, cadence_days=person.cadence_days
    )
    person.strength = (
        tie_score(tie_inputs(person), today) if score is None else score(person, today)
    )
    person.strength_on = today


def stats_of(person: Person) -> ContactStats:
    return ContactStats(
        first_contact_on=person.first_contact_on,
        last_contact_on=person.last_contact_on,
        interaction_count=person.interaction_count,
        intensity=person.intensity,
        intensity_on=person.intensity_on,
        peak_intensity=person.peak_intensity,
        peak_on=person.peak_on,
        initiated_by_me=person.initiated_by_me,
        initiated_by_them=person.initiated_by_them,
    )


def tie_inputs(person: Person) -> TieInputs:
    return TieInputs(
        tier=Tier(person.tier) if person.tier else None,
        cadence_days=person.cadence_days,
        known_since=person.known_since,
        stats=stats_of(person),
    )


@transaction.atomic
def create_person(
    *,
    owner: AbstractBaseUser,
    name: str = "",
    organization: str = "",
    emails: Sequence[str] = (),
    phones: Sequence[str] = (),
    circles: Sequence[str] = (),
    introduced_by_id: int | None = None,
    **fields: Any,
) -> Person:
    """Add someone. A typed `name` is kept as their display name exactly as written, and split
    into parts (for search) when the parts are not given."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown person fields: {sorted(unknown)}")
    fields.update(_typed_name(name, fields))
    cleaned = _clean({**fields, "organization": organization})
    if not any(cleaned.get(k) for k in ("first_name", "last_name", "nickname", "display_name")):
        raise ValidationError({"name": ["Give at least a first or last name."]})
    email_list, phone_list = _clean_emails(emails), _clean_phones(phones)
    org_name = cleaned.pop("organization")
    person = Person(owner=owner, **cleaned)
    person.organization = organization_for(owner, org_name)
    person.introduced_by = _introducer(owner, introduced_by_id)
    person.created_at = timezone.now()
    _refresh_derived(person, timezone.localdate())
    person.save()
    person.circles.set(_circles(owner, circles))
    EmailAddress.objects.bulk_create(EmailAddress(person=person, address=e) for e in email_list)
    PhoneNumber.objects.bulk_create(PhoneNumber(person=person, number=p) for p in phone_list)
    return person


@transaction.atomic
def update_person(
    *,
    owner: AbstractBaseUser,
    person_id: int,
    organization: str | None = None,
    emails: Sequence[str] | None = None,
    phones: Sequence[str] | None = None,
    circles: Sequence[str] | None = None,
    introduced_by_id: int | None = None,
    clear_introduced_by: bool = False,
    name: str | None = None,
    **fields: Any,
) -> Person:
    """Change the given fields; arguments left as None keep their current value.

    A typed `name` becomes the display name as written (and the parts, unless given). Parts
    changed without a display name replace a display name that only repeated the old parts."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown person fields: {sorted(unknown)}")
    person = Person.objects.select_for_update().get(owner=owner, pk=person_id)
    if name is not None:
        if not strip_controls(name).strip():
            raise ValidationError({"name": ["Give at least a first or last name."]})
        fields.update(_typed_name(name, fields))
    cleaned = _clean(fields if organization is None else {**fields, "organization": organization})
    if "organization" in cleaned:
        organization = organization_for(owner, cleaned.pop("organization"))
        left_organization(person, organization, timezone.localdate())
        person.organization = organization
    _set_fields(person, cleaned)
    if not any((person.first_name, person.last_name, person.nickname, person.display_name)):
        raise ValidationError({"name": ["Give at least a first or last name."]})
    if introduced_by_id is not None:
        if introduced_by_id == person.pk:
            raise ValidationError({"introduced_by": ["Someone cannot introduce themselves."]})
        person.introduced_by = _introducer(owner, introduced_by_id)
    elif clear_introduced_by:
        person.introduced_by = None
    _refresh_derived(person, timezone.localdate())
    person.save()
    if circles is not None:
        person.circles.set(_circles(owner, circles))
    if emails is not None:
        person.emails.all().delete()
        EmailAddress.objects.bulk_create(
            EmailAddress(person=person, address=e) for e in _clean_emails(emails)
        )
    if phones is not None:
        person.phones.all().delete()
        PhoneNumber.objects.bulk_create(
            PhoneNumber(person=person, number=p) for p in _clean_phones(phones)
        )
    return person


def left_organization(person: Person, new: Organization | None, today: dt.date) -> None:
    """The one rule for a change of organisation: the one they leave becomes a past position
    (with the title they had there, ended today). Call it before setting the new one; it does
    nothing when the organisation stays or there was none. Setting one where there was none
    (what an import's fill-in does) keeps no history: there is nothing they left."""
    old_id = person.organization_id
    if old_id is None or (new is not None and new.pk == old_id):
        return
    Position.objects.get_or_create(
        owner_id=person.owner_id,
        person=person,
        organization_id=old_id,
        ended_on=today,
        defaults={"title": person.title, "source": Position.CHANGED, "is_demo": person.is_demo},
    )


def _set_fields(person: Person, cleaned: dict[str, Any]) -> None:
    """Set the cleaned fields; a display name that only repeated the old parts follows the new
    parts (the page sends the display name back unchanged when only a part was edited)."""
    follows_parts = fold(person.display_name) == fold(joined_name(person))
    renamed = cleaned.get("display_name", person.display_name) != person.display_name
    parts_changed = any(
        key in cleaned and cleaned[key] != getattr(person, key) for key in (*NAME_PARTS, "nickname")
    )
    for key, value in cleaned.items():
        setattr(person, key, value)
    if follows_parts and parts_changed and not renamed:
        person.display_name = ""


def archive_person(*, owner: AbstractBaseUser, person_id: int) -> None:
    # updated_at too: the warm-path graph (network.paths) sees changes by it
    now = timezone.now()
    Person.objects.filter(owner=owner, pk=person_id).update(archived_at=now, updated_at=now)


def unarchive_person(*, owner: AbstractBaseUser, person_id: int) -> None:
    Person.objects.filter(owner=owner, pk=person_id).update(
        archived_at=None, updated_at=timezone.now()
    )


@transaction.atomic
def delete_person(*, owner: AbstractBaseUser, person_id: int) -> None:
    """Delete someone with their promises; conversations with others keep the others."""
    person = Person.objects.get(owner=owner, pk=person_id)
    # Interactions with only this person go too; group conversations keep the rest.
    for interaction in person.interactions.all():
        if interaction.people.count() == 1:
            interaction.delete()
    person.delete()


def snooze_person(*, owner: AbstractBaseUser, person_id: int, until: dt.date) -> None:
    """Hide someone from the agenda until a date (keep-in-touch, new and dormant items)."""
    if until <= timezone.localdate():
        raise ValidationError({"until": ["Snooze until a date after today."]})
    updated = Person.objects.filter(owner=owner, pk=person_id).update(snoozed_until=until)
    if not updated:
        raise Person.DoesNotExist


def unsnooze_person(*, owner: AbstractBaseUser, person_id: int) -> None:
    """Put someone back on the agenda (when due) before their snooze ends."""
    updated = Person.objects.filter(owner=owner, pk=person_id).update(snoozed_until=None)
    if not updated:
        raise Person.DoesNotExist


def apply_contact_stats(
    *, owner: AbstractBaseUser, stats_by_person: dict[int, ContactStats], today: dt.date
) -> None:
    """Store freshly computed interaction statistics and what derives from them."""
    people = list(Person.objects.filter(owner=owner, pk__in=stats_by_person))
    for person in people:
        stats = stats_by_person[person.pk]
        person.first_contact_on = stats.first_contact_on
        person.last_contact_on = stats.last_contact_on
        person.interaction_count = stats.interaction_count
        person.intensity = stats.intensity
        person.intensity_on = stats.intensity_on
        person.peak_intensity = stats.peak_intensity
        person.peak_on = stats.peak_on
        person.initiated_by_me = stats.initiated_by_me
        person.initiated_by_them = stats.initiated_by_them
        _refresh_derived(person, today)
    _save_fields(people, STATS_FIELDS)


STATS_FIELDS = [
    "first_contact_on",
    "last_contact_on",
    "interaction_count",
    "intensity",
    "intensity_on",
    "peak_intensity",
    "peak_on",
    "initiated_by_me",
    "initiated_by_them",
    "keep_in_touch_due_on",
    "strength",
    "strength_on",
]


BALANCE_FIELDS = ["balance", "balance_label", "balance_on"]
# Above this many people, reading every exchange of the owner beats a long `IN (...)` list.
_BALANCE_IDS_AT_ONCE = 500


@transaction.atomic
def refresh_balances(*, owner: AbstractBaseUser, today: dt.date, person_ids: Iterable[int]) -> None:
    """Recompute these people's give/receive balances from all their exchanges, as of `today`.

    The ledger services call this whenever someone's exchanges change, so the stored balance is
    always core.reciprocity's balance of their exchanges on `balance_on`.
    """
    mine = Person.objects.filter(owner=owner, pk__in=list(person_ids))
    _store_balances(owner, list(mine.values_list("pk", flat=True)), today)


def refresh_scores(*, owner: AbstractBaseUser, today: dt.date) -> int:
    """Bring stored strengths and balances up to `today`, as both fade a little every day.

    One query when everything is already fresh (pages call this before every list); returns
    how many people changed.
    """
    balance_stale = Q(balance_on__isnull=False) & ~Q(balance_on=today)
    stale = list(
        Person.objects.filter(owner=owner)
        .filter(~Q(strength_on=today) | balance_stale)
        .only(*STATS_FIELDS, "tier", "cadence_days", "known_since", "balance_on")
    )
    fading = [person for person in stale if person.strength_on != today]
    for person in fading:
        person.strength = tie_score(tie_inputs(person), today)
        person.strength_on = today
    _save_fields(fading, ["strength", "strength_on"])
    ids = [p.pk for p in stale if p.balance_on is not None and p.balance_on != today]
    _store_balances(owner, ids, today)
    return len(stale)


def _store_balances(owner: AbstractBaseUser, ids: list[int], today: dt.date) -> None:
    """Write the balances of these people (already checked to be the owner's)."""
    if not ids:
        return
    found = exchange_balances(
        owner=owner, today=today, person_ids=ids if len(ids) <= _BALANCE_IDS_AT_ONCE else None
    )
    _save_fields([_with_balance(pk, found.get(pk), today) for pk in ids], BALANCE_FIELDS)


def _with_balance(person_id: int, found: Balance | None, today: dt.date) -> Person:
    """A stand-in Person carrying only what _save_fields writes: the balance fields."""
    if found is None:  # nothing exchanged (any more): the model's defaults
        return Person(pk=person_id)
    return Person(pk=person_id, balance=found.score, balance_label=found.label, balance_on=today)


def _save_fields(people: list[Person], fields: list[str]) -> None:
    """Write these fields of each person: one UPDATE statement, run once per row.

    Django's bulk_update builds a CASE expression per field whose cost grows with the batch
    (1.2 s for the 250 demo people on SQLite); executemany stays linear (0.05 s).
    """
    if not people:
        return
    columns = [Person._meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(column.column)} = %s" for column in columns)
    sql = f"UPDATE {quote(Person._meta.db_table)} SET {assignments} WHERE {quote('id')} = %s"
    rows = [
        [column.get_db_prep_save(getattr(person, column.attname), connection) for column in columns]
        + [person.pk]
        for person in people
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
