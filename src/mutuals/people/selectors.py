"""Reads for people. Every query is filtered by owner: nobody sees another user's records."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Literal

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.db.models import Exists, F, Model, OuterRef, Q, QuerySet
from django.db.models.lookups import IsNull

from mutuals.core.names import NameMatch, fold, resolve_name
from mutuals.core.occasions import OccasionState, upcoming_days
from mutuals.core.reciprocity_words import balance_label
from mutuals.core.strength import Strength, tie_strength
from mutuals.people.models import Circle, ImportantDate, Organization, Person, Photo, Position

PeopleSort = Literal["name", "strength", "last_contact", "recent", "owe", "owed"]
# At equal balance, people you exchanged with come before people you never did.
_NEVER_EXCHANGED = IsNull(F("balance_on"), True)
SORTS: dict[str, list[object]] = {
    "name": ["search_name", "id"],
    "strength": ["-strength", "search_name", "id"],
    "last_contact": [F("last_contact_on").desc(nulls_last=True), "search_name", "id"],
    "recent": ["-created_at", "-id"],
    # You owe them most: they have given you the most, for their sake first.
    "owe": ["balance", _NEVER_EXCHANGED.asc(), "search_name", "id"],
    # They owe you most: you have given them the most.
    "owed": ["-balance", _NEVER_EXCHANGED.asc(), "search_name", "id"],
}
# The balance filters, in core.reciprocity's own words (the label stored on each person).
BALANCES: dict[str, str] = {
    "owe": balance_label(-1.0, anything=True),
    "even": balance_label(0.0, anything=True),
    "owed": balance_label(1.0, anything=True),
    "none": balance_label(0.0, anything=False),
}


def people_list(
    *,
    owner: AbstractBaseUser,
    today: dt.date,
    search: str = "",
    circle: str = "",
    tier: str = "",
    organization: str = "",
    overdue: bool = False,
    archived: bool = False,
    contacts_only: bool = False,
    unsorted: bool = False,
    balance: str = "",
    sort: str = "name",
) -> QuerySet[Person]:
    """People matching the filters; search looks at name, organisation, title and emails.

    `balance` keeps those you owe ("owe": they gave more), are even with ("even"), who owe you
    ("owed": you gave more) or you never exchanged with ("none"), as of their stored balance:
    call people.services.refresh_scores first to bring it to today.
    """
    people = Person.objects.filter(owner=owner, archived_at__isnull=not archived)
    if search:
        term = fold(search)
        people = people.filter(
            Q(search_name__contains=term)
            | Q(organization__search_name__contains=term)
            | Q(title__icontains=search)
            | Q(emails__address__icontains=search)
        ).distinct()
    if circle:
        people = people.filter(circles__search_name=fold(circle))
    if tier:
        people = people.filter(tier=tier)
    if organization:
        people = people.filter(organization__search_name=fold(organization))
    if overdue:
        people = people.filter(keep_in_touch_due_on__lte=today)
    if contacts_only:
        people = people.filter(tier__isnull=False)
    if unsorted:  # no closeness yet: what the sorting page shows one at a time
        people = people.filter(tier__isnull=True)
    if balance in BALANCES:
        people = people.filter(balance_label=BALANCES[balance])
    return people.select_related("organization").order_by(*SORTS.get(sort, SORTS["name"]))


def people_by_ids(*, owner: AbstractBaseUser, person_ids: list[int]) -> QuerySet[Person]:
    """The owner's people among these ids (anyone else's are left out), by id."""
    return Person.objects.filter(owner=owner, pk__in=person_ids).order_by("id")


def get_person(
    *, owner: AbstractBaseUser, person_id: int, photo_flag: bool = False, related: bool = True
) -> Person:
    """One of the owner's people; raises Person.DoesNotExist for anyone else's. With
    `photo_flag`, the person carries `has_photo` (in the same query); with `related`, their
    circles, emails and phones are read too (three queries)."""
    people = Person.objects.select_related("organization", "introduced_by")
    if related:
        people = people.prefetch_related("circles", "emails", "phones")
    if photo_flag:
        people = with_photo_flags(people)
    return people.get(owner=owner, pk=person_id)


def kinds_held(
    *,
    owner: AbstractBaseUser,
    person_id: int,
    kinds: Mapping[str, tuple[type[Model], Sequence[str]]],
) -> frozenset[str]:
    """Which `kinds` of records (name: the model and the fields that point at a person) hold
    anything of this person, in one query: a page skips reading the kinds that hold nothing
    (most people have no leads, dates or needs). A model with an `owner` field is read for the
    owner's rows only; one without (emails, circles) belongs to the person, whom the caller
    has already found among the owner's."""
    if not kinds:
        return frozenset()
    names = list(kinds)
    quote = connection.ops.quote_name
    parts, params = [], []
    for name in names:
        model, fields = kinds[name]
        meta = model._meta
        where = " OR ".join(f"{quote(meta.get_field(f).column)} = %s" for f in fields)
        params += [person_id] * len(fields)
        if any(field.name == "owner" for field in meta.concrete_fields):
            where = f"{quote(meta.get_field('owner').column)} = %s AND ({where})"
            params.insert(len(params) - len(fields), owner.pk)
        parts.append(f"EXISTS (SELECT 1 FROM {quote(meta.db_table)} WHERE {where})")
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return frozenset(name for name, held in zip(names, row, strict=True) if held)


def others_in(
    *, owner: AbstractBaseUser, person_id: int, interaction_ids: Sequence[int]
) -> dict[int, list[tuple[int, str]]]:
    """Everyone but `person_id` who took part in each of these conversations, as (id, name)
    in name order, by conversation; conversations with nobody else are left out. One query
    and no model instances: a person's page shows only the names (reading each one's whole
    record, 44 columns, cost more than the rest of its timeline)."""
    found: dict[int, list[tuple[int, str]]] = {}
    rows = (
        Person.interactions.through.objects.filter(
            interaction_id__in=interaction_ids, person__owner=owner
        )
        .exclude(person_id=person_id)
        .order_by("person__search_name", "person_id")
        .values_list("interaction_id", "person_id", "person__full_name")
    )
    for interaction_id, other_id, name in rows:
        found.setdefault(interaction_id, []).append((other_id, name))
    return found


def resolve_person(*, owner: AbstractBaseUser, query: str) -> NameMatch:
    """Find one person by a forgiving name: case, accents and unique prefixes all work."""
    term = fold(query)
    first_word = term.split(" ")[0] if term else ""
    names = Person.objects.filter(owner=owner, archived_at__isnull=True)
    narrowed = names.filter(
        Q(search_name__startswith=first_word) | Q(search_name__contains=" " + first_word)
    ).values_list("id", "full_name")
    match = resolve_name(query, narrowed)
    if match.status == "missing":
        match = resolve_name(query, names.values_list("id", "full_name"))
    return match


def strength_of(person: Person, today: dt.date) -> Strength:
    # Here, not at the top: people.services brings the ledger, needs and matching modules,
    # which Today's reads (upcoming_dates) never use.
    from mutuals.people.services import tie_inputs

    return tie_strength(tie_inputs(person), today)


def circles_for(*, owner: AbstractBaseUser) -> QuerySet[Circle]:
    return Circle.objects.filter(owner=owner)


def organizations_for(*, owner: AbstractBaseUser) -> QuerySet[Organization]:
    return Organization.objects.filter(owner=owner)


def count_people(*, owner: AbstractBaseUser) -> int:
    return Person.objects.filter(owner=owner).count()


def dates_for(*, owner: AbstractBaseUser, person_id: int) -> QuerySet[ImportantDate]:
    """One person's important dates, in calendar order."""
    return (
        ImportantDate.objects.filter(owner=owner, person_id=person_id)
        .select_related("person")
        .order_by("month", "day", "id")
    )


def get_date(*, owner: AbstractBaseUser, date_id: int) -> ImportantDate:
    """One of the owner's dates with its person; ImportantDate.DoesNotExist for anyone else's."""
    return ImportantDate.objects.select_related("person").get(owner=owner, pk=date_id)


def all_dates(*, owner: AbstractBaseUser) -> QuerySet[ImportantDate]:
    """Every important date of the owner's current people, in calendar order, with the person."""
    return (
        ImportantDate.objects.filter(owner=owner, person__archived_at__isnull=True)
        .select_related("person")
        .order_by("month", "day", "person__search_name", "id")
    )


def upcoming_dates(*, owner: AbstractBaseUser, today: dt.date) -> list[OccasionState]:
    """The dates of the owner's contacts (closeness set, not archived) that fall today or in
    the next few days (core.occasions), as core states: one query."""
    days = upcoming_days(today)
    on_days = Q()
    for day in days:
        on_days |= Q(month=day.month, day=day.day)
        if (day.month, day.day) == (2, 28) and not calendar.isleap(day.year):
            on_days |= Q(month=2, day=29)  # celebrated on the 28th in common years
    rows = (
        ImportantDate.objects.filter(
            on_days, owner=owner, person__tier__isnull=False, person__archived_at__isnull=True
        )
        .order_by()
        .values_list(
            "id", "person_id", "person__full_name", "kind", "label", "year", "month", "day"
        )
    )
    return [OccasionState(*row) for row in rows]


def with_photo_flags(people: QuerySet[Person]) -> QuerySet[Person]:
    """The same people, each with `has_photo` (no extra query: a subquery per row)."""
    return people.annotate(has_photo=Exists(Photo.objects.filter(person_id=OuterRef("pk"))))


def photo_of(*, owner: AbstractBaseUser, person_id: int, image: bool = True) -> Photo | None:
    """The owner's newest photo of this person, or None (anyone else's person has none);
    `image=False` leaves the picture's bytes unread (to know only whether there is one)."""
    photos = Photo.objects.filter(owner=owner, person_id=person_id)
    if not image:
        photos = photos.defer("image")
    return photos.order_by("-created_at", "-id").first()


def people_with_photos(*, owner: AbstractBaseUser, person_ids: list[int]) -> set[int]:
    """Which of these people have a photo: one query for a page of avatars."""
    return set(
        Photo.objects.filter(owner=owner, person_id__in=person_ids).values_list(
            "person_id", flat=True
        )
    )


def positions_of(*, owner: AbstractBaseUser, person_id: int | None) -> QuerySet[Position]:
    """Where one person worked besides their current organisation (yours when `person_id` is
    None): still there first, then the latest ended first, each with its organisation."""
    return Position.objects.filter(owner=owner, person_id=person_id).select_related("organization")


def positions_at(*, owner: AbstractBaseUser, organization_id: int) -> QuerySet[Position]:
    """Everyone's positions at one organisation (yours too: `person` None), with the person and
    where they are now."""
    return Position.objects.filter(owner=owner, organization_id=organization_id).select_related(
        "person__organization"
    )


def get_position(*, owner: AbstractBaseUser, position_id: int) -> Position:
    """One of the owner's positions with its person and organisation; Position.DoesNotExist
    for anyone else's."""
    return Position.objects.select_related("person", "organization").get(
        owner=owner, pk=position_id
    )
