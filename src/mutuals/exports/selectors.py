"""Reads that build the export files and find whose calendar a feed address opens.

Every read is filtered by owner. The files are written by the pure writers in `core.formats`:
vCard 4.0 (`vcard.write_vcards`), CSV neutralised against formula injection
(`safe_csv.write_csv`) and an iCalendar feed of all-day events (`ical.write_feed`).

A person goes out under the name mutuals shows (their display name when they have one), with
prefix, suffix and the reading of their name, their birthday and anniversary (a day without a
year as "--04-15") and, in vCards, their newest photo. Both files carry the person's UID
(`person_uid`), so importing an export back into the same account finds the same people.

The calendar carries as little personal data as it can, because subscribed calendars are
fetched by other companies' servers: a promise's first few words, and a contact's first name
and last initial.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from mutuals.accounts.models import CalendarFeed
from mutuals.accounts.services import hash_token
from mutuals.core.cadence import TIER_LABELS, Tier
from mutuals.core.formats.ical import FeedEvent, write_feed
from mutuals.core.formats.records import Contact, Labelled, PartialDate
from mutuals.core.formats.safe_csv import write_csv
from mutuals.core.formats.vcard import write_vcards
from mutuals.core.names import fold
from mutuals.people.models import Circle, ImportantDate, Person, Photo
from mutuals.promises.models import Promise

FEED_NAME = "mutuals"
FEED_DAYS = 365
SHORT_PROMISE = 40
MAX_TOKEN_LENGTH = 100
# UIDs are made from ids under this namespace: stable, and they say nothing about the person.
_UID_NAMESPACE = uuid.UUID("6f1d8a52-3c7e-4f0b-9a61-2d5e8c4b7a90")
CSV_HEADER = (
    "Name",
    "First name",
    "Last name",
    "Emails",
    "Phones",
    "Organization",
    "Title",
    "Location",
    "Circles",
    "Closeness",
    "Last contact",
    "LinkedIn",
    "Notes",
    # Added at the end: readers of older exports find their columns by name or by place.
    "ID",
    "Birthday",
)
PROMISE_NOTE = "Open mutuals to mark it done or snooze it."
KEEP_IN_TOUCH_NOTE = "A message, a call or a coffee: log it in mutuals when you have talked."


# ---- contacts ---------------------------------------------------------------------------------


def _people(
    owner: AbstractBaseUser, circle: str | None, include_archived: bool, *, with_photos: bool
) -> QuerySet[Person]:
    people = Person.objects.filter(owner=owner)
    if not include_archived:
        people = people.filter(archived_at__isnull=True)
    if circle and circle.strip():
        name = circle.strip()
        found = Circle.objects.filter(owner=owner, search_name=fold(name)[:60]).first()
        if found is None:
            raise ValidationError(
                {
                    "circle": [
                        f"You have no circle called '{name}'; leave it out to export everyone."
                    ]
                }
            )
        people = people.filter(circles=found)
    related: list[str | Prefetch[Any]] = ["circles", "emails", "phones", _dates()]
    if with_photos:
        related.append(_newest_photo())
    return (
        people.select_related("organization")
        .prefetch_related(*related)
        .order_by("search_name", "id")
    )


def _dates() -> Prefetch[Any]:
    """Birthdays and anniversaries, the dates a contact file has a place for."""
    kinds = (ImportantDate.BIRTHDAY, ImportantDate.ANNIVERSARY)
    return Prefetch(
        "important_dates",
        queryset=ImportantDate.objects.filter(kind__in=kinds).order_by("id"),
        to_attr="exported_dates",
    )


def _newest_photo() -> Prefetch[Any]:
    """Only the photo mutuals shows (the newest), so older ones' bytes are never read."""
    newest = (
        Photo.objects.filter(person_id=OuterRef("person_id"))
        .order_by("-created_at", "-id")
        .values("pk")[:1]
    )
    return Prefetch(
        "photos",
        queryset=Photo.objects.filter(pk=Subquery(newest)).only("person_id", "image"),
        to_attr="newest_photos",
    )


def _partial(date: ImportantDate | None) -> PartialDate | None:
    if date is None:
        return None
    try:
        return PartialDate(date.year, date.month, date.day)
    except ValueError:  # the services never store such a day; a file is no place to fail
        return None


def _birthday(person: Person) -> PartialDate | None:
    """The person's birthday from the prefetched dates (a person has at most one)."""
    dates = person.exported_dates  # type: ignore[attr-defined]
    return _partial(next((d for d in dates if d.kind == ImportantDate.BIRTHDAY), None))


def _anniversary(person: Person) -> PartialDate | None:
    """The one anniversary a vCard holds: an unlabelled one first, else the first added."""
    dates = person.exported_dates  # type: ignore[attr-defined]
    found = [d for d in dates if d.kind == ImportantDate.ANNIVERSARY]
    return _partial(min(found, key=lambda d: (bool(d.label), d.pk), default=None))


def _photo(person: Person) -> bytes | None:
    photos = getattr(person, "newest_photos", ())
    return bytes(photos[0].image) if photos else None


def _contact(line: int, person: Person) -> Contact:
    photo = _photo(person)
    return Contact(
        line=line,
        full_name=person.full_name,
        first_name=person.first_name,
        middle_name=person.middle_name,
        last_name=person.last_name,
        nickname=person.nickname,
        emails=tuple(Labelled(e.address, e.label) for e in person.emails.all()),
        phones=tuple(Labelled(p.number, p.label) for p in person.phones.all()),
        linkedin_url=person.linkedin_url,
        organization=person.organization.name if person.organization else "",
        title=person.title,
        location=person.location,
        notes=person.notes,
        circles=tuple(c.name for c in person.circles.all()),
        birthday=_birthday(person),
        photo=photo,
        photo_type="image/jpeg" if photo is not None else "",
        prefix=person.name_prefix,
        suffix=person.name_suffix,
        phonetic_name=person.phonetic_name,
        anniversary=_anniversary(person),
    )


def contacts_for_export(
    *, owner: AbstractBaseUser, circle: str | None = None, include_archived: bool = False
) -> list[Contact]:
    """The owner's people as contact records, by name; only one circle's when `circle` is given.

    An unknown circle is a ValidationError on `circle`; archived people are left out unless
    `include_archived`. Each record carries what the vCard export writes: the shown name,
    prefix, suffix, reading, birthday, anniversary and newest photo.
    """
    people = _people(owner, circle, include_archived, with_photos=True)
    return [_contact(line, person) for line, person in enumerate(people, start=1)]


def person_uid(owner: AbstractBaseUser, person_id: int) -> str:
    """The vCard UID of one person: the same in every export, made only from ids."""
    return f"urn:uuid:{uuid.uuid5(_UID_NAMESPACE, f'{owner.pk}:{person_id}')}"


def vcard_export(*, owner: AbstractBaseUser, circle: str | None = None) -> str:
    """The owner's people (one circle's when given) as a vCard 4.0 address book."""
    people = list(_people(owner, circle, include_archived=False, with_photos=True))
    contacts = [_contact(line, person) for line, person in enumerate(people, start=1)]
    return write_vcards(contacts, uids=[person_uid(owner, person.pk) for person in people])


def _csv_row(owner: AbstractBaseUser, person: Person) -> tuple[object, ...]:
    birthday = _birthday(person)
    tier = TIER_LABELS[Tier(person.tier)] if person.tier else ""
    return (
        person.full_name,
        person.first_name,
        person.last_name,
        "; ".join(e.address for e in person.emails.all()),
        "; ".join(p.number for p in person.phones.all()),
        person.organization.name if person.organization else "",
        person.title,
        person.location,
        "; ".join(c.name for c in person.circles.all()),
        tier,
        person.last_contact_on.isoformat() if person.last_contact_on else "",
        person.linkedin_url,
        person.notes,
        person_uid(owner, person.pk),
        birthday.isoformat() if birthday else "",
    )


def csv_export(*, owner: AbstractBaseUser, circle: str | None = None) -> str:
    """The owner's people (one circle's when given) as CSV, one row per person.

    "Name" is the shown name, "ID" the person's UID (as in the vCard export) and "Birthday"
    "1985-04-15", or "--04-15" without a year. Cells that a spreadsheet could run as a formula
    start with a `'` (core.formats.safe_csv), which our own import takes off again.
    """
    people = _people(owner, circle, include_archived=False, with_photos=False)
    return write_csv(CSV_HEADER, (_csv_row(owner, person) for person in people))


# ---- calendar ---------------------------------------------------------------------------------


def short_name(person: Person) -> str:
    """ "Rosa N.": the first name (or nickname) and the last initial, as little as recognises."""
    given = person.first_name or person.nickname
    if given and person.last_name:
        return f"{given} {person.last_name[0]}."
    return given or person.last_name


def short_text(text: str, limit: int = SHORT_PROMISE) -> str:
    """The text on one line, cut at a word before `limit` characters, with an ellipsis."""
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    cut = words[: limit - 1].rsplit(" ", 1)[0] or words[: limit - 1]
    return cut.rstrip(" ,.;:") + "…"


def _shown_on(due: dt.date, snoozed_until: dt.date | None, today: dt.date) -> dt.date:
    """Overdue reminders move to today; snoozed ones wait for the end of the snooze."""
    return max(due, snoozed_until or due, today)


def _link(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path if base_url else ""


def _promise_events(
    owner: AbstractBaseUser, today: dt.date, horizon: dt.date, base_url: str
) -> Iterable[FeedEvent]:
    promises = Promise.objects.filter(owner=owner, done_at__isnull=True, due_on__lte=horizon)
    for promise in promises.order_by("due_on", "id"):
        day = _shown_on(promise.due_on, promise.snoozed_until, today)
        if day > horizon:
            continue
        path = (
            reverse("person_detail", args=[promise.person_id])
            if promise.person_id
            else reverse("promises")
        )
        yield FeedEvent(
            uid=f"promise-{promise.pk}@mutuals",
            day=day,
            summary=f"Promise due: {short_text(promise.text)}",
            description=PROMISE_NOTE,
            url=_link(base_url, path),
        )


def _keep_in_touch_events(
    owner: AbstractBaseUser, today: dt.date, horizon: dt.date, base_url: str
) -> Iterable[FeedEvent]:
    people = Person.objects.filter(
        owner=owner,
        archived_at__isnull=True,
        keep_in_touch_due_on__isnull=False,
        keep_in_touch_due_on__lte=horizon,
    ).only("first_name", "nickname", "last_name", "keep_in_touch_due_on", "snoozed_until")
    for person in people.order_by("keep_in_touch_due_on", "id"):
        due = person.keep_in_touch_due_on
        if due is None:  # the query leaves these out; this tells the type checker
            continue
        day = _shown_on(due, person.snoozed_until, today)
        if day > horizon:
            continue
        yield FeedEvent(
            uid=f"keep-in-touch-{person.pk}@mutuals",
            day=day,
            summary=f"Keep in touch: {short_name(person)}",
            description=KEEP_IN_TOUCH_NOTE,
            url=_link(base_url, reverse("person_detail", args=[person.pk])),
        )


def calendar_events(
    *, owner: AbstractBaseUser, today: dt.date, base_url: str = ""
) -> list[FeedEvent]:
    """Open promises and keep-in-touch dates of the next year as all-day events, by day.

    Overdue ones are shown today, snoozed ones on the day the snooze ends. With `base_url`
    ("https://example.org"), each event links to the person (or the promises page).
    """
    horizon = today + dt.timedelta(days=FEED_DAYS)
    events = [
        *_promise_events(owner, today, horizon, base_url),
        *_keep_in_touch_events(owner, today, horizon, base_url),
    ]
    return sorted(events, key=lambda event: event.day)


def ics_export(*, owner: AbstractBaseUser, now: dt.datetime, base_url: str = "") -> str:
    """The owner's calendar (calendar_events as of `now`'s local day) as iCalendar text."""
    today = timezone.localdate(now)
    events = calendar_events(owner=owner, today=today, base_url=base_url)
    return write_feed(events, name=FEED_NAME, now=now)


# ---- the feed's secret address ----------------------------------------------------------------


def feed_owner(token: str) -> AbstractBaseUser | None:
    """The active user whose feed this secret opens, or None (unknown, revoked, or inactive).

    Only hashes are stored, so the lookup compares hashes: the time it takes says nothing
    about how much of a secret was right.
    """
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    feed = (
        CalendarFeed.objects.select_related("owner")
        .filter(token_hash=hash_token(token), revoked_at__isnull=True)
        .first()
    )
    if feed is None or not feed.owner.is_active:
        return None
    return feed.owner


def active_feed(*, owner: AbstractBaseUser) -> CalendarFeed | None:
    """The owner's feed while its address works, else None."""
    return CalendarFeed.objects.filter(owner=owner, revoked_at__isnull=True).first()


def feed_path(token: str) -> str:
    """The feed's address on this site, without the host: /feed/<token>.ics."""
    return reverse("calendar_feed", kwargs={"token": token})
