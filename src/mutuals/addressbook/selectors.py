"""Reads for the address book: the owner's devices, and the cards their devices read.

Every read is filtered by owner. A card is one person who is not archived, written as vCard 3.0
by `core.formats.vcard3` with what a phone needs (names, organisation, title, e-mails, phones,
birthday, newest photo) and never their notes or circles. Its href is `person-<id>.vcf`, its
UID the one every export gives that person (`exports.selectors.person_uid`).

The cards are built once per owner and kept (`changes.kept`, shelf `CARDS`) until the owner's
records change: a phone asks for the address book's tag every few minutes, and the tag is
computed from every card.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone

from mutuals.addressbook.models import AppPassword
from mutuals.changes.kept import Kept, Shelf
from mutuals.core.formats.records import Contact, Labelled, PartialDate
from mutuals.core.formats.vcard3 import write_vcard3
from mutuals.exports.selectors import person_uid
from mutuals.people.models import ImportantDate, Person, Photo

CARDS = Shelf("address book cards", 32)
HREF_PREFIX = "person-"
HREF_SUFFIX = ".vcf"


@dataclass(frozen=True)
class Card:
    """One person's card: its href, text, ETag (a hash of the text), UID and last change."""

    href: str
    text: str
    etag: str
    uid: str
    changed_at: dt.datetime


def devices(*, owner: AbstractBaseUser) -> list[AppPassword]:
    """The owner's devices, oldest first."""
    return list(AppPassword.objects.filter(owner=owner).order_by("created_at", "id"))


def device(*, owner: AbstractBaseUser, device_id: int) -> AppPassword:
    """One of the owner's devices; AppPassword.DoesNotExist for anyone else's."""
    return AppPassword.objects.get(owner=owner, pk=device_id)


def href_for(person_id: int) -> str:
    return f"{HREF_PREFIX}{person_id}{HREF_SUFFIX}"


def cards(*, owner: AbstractBaseUser) -> dict[str, Card]:
    """The owner's address book: each card by its href, in name order; kept until their
    records change."""
    kept = Kept(owner, timezone.localdate())
    return kept.get("carddav", lambda: _build(owner), shelf=CARDS)


def _build(owner: AbstractBaseUser) -> dict[str, Card]:
    people = (
        Person.objects.filter(owner=owner, archived_at__isnull=True)
        .select_related("organization")
        .prefetch_related("emails", "phones", _birthdays(), _newest_photo())
        .order_by("search_name", "id")
    )
    return {href_for(person.pk): _card(owner, person) for person in people}


def _card(owner: AbstractBaseUser, person: Person) -> Card:
    uid = person_uid(owner, person.pk)
    text = write_vcard3(_contact(person), uid)
    etag = hashlib.sha256(text.encode()).hexdigest()
    return Card(
        href=href_for(person.pk), text=text, etag=f'"{etag}"', uid=uid, changed_at=person.updated_at
    )


def _birthdays() -> Prefetch[Any]:
    return Prefetch(
        "important_dates",
        queryset=ImportantDate.objects.filter(kind=ImportantDate.BIRTHDAY).order_by("id"),
        to_attr="birthdays",
    )


def _newest_photo() -> Prefetch[Any]:
    newest = (
        Photo.objects.filter(person_id=OuterRef("person_id"))
        .order_by("-created_at", "-id")
        .values("pk")[:1]
    )
    return Prefetch(
        "photos",
        queryset=Photo.objects.filter(pk=Subquery(newest)).only(
            "person_id", "image", "content_type"
        ),
        to_attr="newest_photos",
    )


def _birthday(person: Person) -> PartialDate | None:
    for date in person.birthdays:  # type: ignore[attr-defined]
        try:
            return PartialDate(date.year, date.month, date.day)
        except ValueError:  # the services never store such a day; a card is no place to fail
            return None
    return None


def _contact(person: Person) -> Contact:
    photos = person.newest_photos  # type: ignore[attr-defined]
    photo = photos[0] if photos else None
    return Contact(
        line=0,
        full_name=person.full_name,
        first_name=person.first_name,
        middle_name=person.middle_name,
        last_name=person.last_name,
        emails=tuple(Labelled(e.address, e.label) for e in person.emails.all()),
        phones=tuple(Labelled(p.number, p.label) for p in person.phones.all()),
        organization=person.organization.name if person.organization else "",
        title=person.title,
        birthday=_birthday(person),
        photo=bytes(photo.image) if photo is not None else None,
        photo_type=photo.content_type if photo is not None else "",
        prefix=person.name_prefix,
        suffix=person.name_suffix,
    )
