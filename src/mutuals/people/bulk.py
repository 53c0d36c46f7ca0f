"""Writes for many people at once (imports): create in bulk, or fill in what an existing
record lacks. The same cleaning and derived fields as `people.services.create_person`, in a
handful of queries however many people: organisations and circles are found or made in one
pass, people, emails, phones and circle links are bulk-inserted.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from types import SimpleNamespace
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from mutuals.core.names import fold
from mutuals.core.strength import tie_score
from mutuals.people.important_dates import LABEL_LIMIT, clean_date
from mutuals.people.models import (
    Circle,
    EmailAddress,
    ImportantDate,
    Organization,
    Person,
    PhoneNumber,
    Photo,
)
from mutuals.people.photos import PreparedPhoto
from mutuals.people.services import _clean, _refresh_derived, tie_inputs

FILLABLE = (
    "linkedin_url",
    "title",
    "location",
    "how_met",
    "known_since",
    "nickname",
    "display_name",
    "name_prefix",
    "name_suffix",
    "phonetic_name",
)


@dataclass
class PersonDraft:
    """A person to create or fill in; `emails` and `phones` are (value, label) pairs."""

    first_name: str = ""
    middle_name: str = ""
    last_name: str = ""
    nickname: str = ""
    # The name as the file writes it (vCard FN, Google's "Name"): shown as it is, never rebuilt.
    display_name: str = ""
    name_prefix: str = ""
    name_suffix: str = ""
    phonetic_name: str = ""
    linkedin_url: str = ""
    organization: str = ""
    title: str = ""
    location: str = ""
    notes: str = ""
    how_met: str = ""
    tier: str | None = None
    known_since: Any = None
    circles: tuple[str, ...] = ()
    emails: tuple[tuple[str, str], ...] = ()
    phones: tuple[tuple[str, str], ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def fields(self) -> dict[str, Any]:
        return {
            "first_name": self.first_name,
            "middle_name": self.middle_name,
            "last_name": self.last_name,
            "nickname": self.nickname,
            "display_name": self.display_name,
            "name_prefix": self.name_prefix,
            "name_suffix": self.name_suffix,
            "phonetic_name": self.phonetic_name,
            "linkedin_url": self.linkedin_url,
            "title": self.title,
            "location": self.location,
            "notes": self.notes,
            "how_met": self.how_met,
            "tier": self.tier,
            "known_since": self.known_since,
        }


def clean_draft(draft: PersonDraft, today: Any = None) -> dict[str, Any]:
    """The draft's fields as `create_person` would store them; ValidationError when invalid."""
    return _clean(draft.fields(), today)


def _named(owner: AbstractBaseUser, model: Any, names: Iterable[str], limit: int) -> dict[str, Any]:
    """Rows of `model` (Organization or Circle) by folded name, made when missing."""
    wanted = {fold(n)[:limit]: n.strip()[:limit] for n in names if n and n.strip()}
    if not wanted:
        return {}
    found = {row.search_name: row for row in model.objects.filter(owner=owner)}
    missing = [
        model(owner=owner, name=name, search_name=key)
        for key, name in wanted.items()
        if key not in found
    ]
    if missing:
        model.objects.bulk_create(missing)
        found.update(
            {
                row.search_name: row
                for row in model.objects.filter(
                    owner=owner, search_name__in=[m.search_name for m in missing]
                )
            }
        )
    return {key: found[key] for key in wanted}


def ensure_organizations(*, owner: AbstractBaseUser, names: Iterable[str]) -> int:
    """Make the organisations that do not exist yet; returns how many were made."""
    before = Organization.objects.filter(owner=owner).count()
    _named(owner, Organization, names, 200)
    return Organization.objects.filter(owner=owner).count() - before


def prepare_people(drafts: Sequence[tuple[PersonDraft, dict[str, Any]]]) -> list[Any]:
    """The Person rows for (draft, cleaned fields) pairs, with every derived field worked out
    and no query: an import prepares them before it takes the write lock."""
    today, now = timezone.localdate(), timezone.now()
    remembered: dict[tuple[Any, ...], float] = {}

    def score(person: Any, day: Any) -> float:
        # New people have no conversations yet: the score depends on these three only.
        key = (person.tier, person.cadence_days, person.known_since)
        if key not in remembered:
            remembered[key] = tie_score(tie_inputs(person), day)
        return remembered[key]

    defaults = {f.attname: f.get_default() for f in _person_columns()}
    rows = []
    for _draft, cleaned in drafts:
        person = SimpleNamespace(**defaults)
        vars(person).update(cleaned)
        person.created_at = person.updated_at = now
        _refresh_derived(person, today, score)  # type: ignore[arg-type]
        rows.append(person)
    return rows


def _person_columns() -> list[Any]:
    return [f for f in Person._meta.concrete_fields if not f.primary_key]


@transaction.atomic
def create_people(
    *,
    owner: AbstractBaseUser,
    drafts: Sequence[tuple[PersonDraft, dict[str, Any]]],
    prepared: Sequence[Any] | None = None,
) -> list[int]:
    """Create people from (draft, its cleaned fields) pairs; their ids in the drafts' order.
    `prepared` is `prepare_people(drafts)` when the caller made it already.

    Rows are written with one executemany per table: Django's bulk_create prepares every value
    of Person's forty columns one by one, which made 30,000 people take half a minute.
    """
    if not drafts:
        return []
    rows = list(prepared) if prepared is not None else prepare_people(drafts)
    if len(rows) != len(drafts):
        raise ValueError("create_people needs one prepared row per draft")
    orgs = _named(owner, Organization, (d.organization for d, _ in drafts), 200)
    circles = _named(owner, Circle, (c for d, _ in drafts for c in d.circles), 60)
    now = rows[0].created_at
    for (draft, _), person in zip(drafts, rows, strict=True):
        org = orgs.get(fold(draft.organization)[:200]) if draft.organization else None
        person.owner_id, person.organization_id = owner.pk, org.pk if org else None
        person.created_at = person.updated_at = now
    _insert(Person, _person_columns(), rows)
    ids = list(
        Person.objects.filter(owner=owner, created_at=now)
        .order_by("id")
        .values_list("id", flat=True)
    )
    if len(ids) != len(rows):
        raise RuntimeError("the new people could not be read back in order")
    _add_details(ids, [d for d, _ in drafts], circles)
    return ids


def _insert(model: Any, columns: Sequence[Any], rows: Sequence[Any]) -> None:
    """INSERT the rows (objects with each column's attname) with one executemany."""
    ops = connection.ops
    adapters = {
        i: ops.adapt_datetimefield_value
        if column.get_internal_type() == "DateTimeField"
        else ops.adapt_datefield_value
        for i, column in enumerate(columns)
        if column.get_internal_type() in ("DateTimeField", "DateField")
    }
    read = attrgetter(*(c.attname for c in columns))
    adapted: dict[tuple[int, Any], Any] = {}  # most rows share their dates (now, today)
    values = []
    for row in rows:
        found = read(row)
        found = list(found) if isinstance(found, tuple) else [found]
        for i, adapt in adapters.items():
            value = found[i]
            if (i, value) not in adapted:
                adapted[i, value] = adapt(value)
            found[i] = adapted[i, value]
        values.append(found)
    names = ", ".join(ops.quote_name(c.column) for c in columns)
    marks, varying = _placeholders(values)
    sql = f"INSERT INTO {ops.quote_name(model._meta.db_table)} ({names}) VALUES ({marks})"
    with connection.cursor() as cursor:
        cursor.executemany(sql, [[row[i] for i in varying] for row in values])


def _placeholders(values: Sequence[Sequence[Any]]) -> tuple[str, list[int]]:
    """The VALUES list, with columns every row gives the same number, flag or NULL written in
    as literals (binding forty parameters per row was most of the insert's time), and the
    positions of the columns left as parameters."""
    marks, varying = [], []
    for i, column in enumerate(zip(*values, strict=True)):
        first = column[0]
        if _plain(first) and all(v == first and type(v) is type(first) for v in column):
            marks.append(_literal(first))
        else:
            marks.append("%s")
            varying.append(i)
    return ", ".join(marks), varying


def _plain(value: Any) -> bool:
    """A value that can be written into SQL as it is: a flag, NULL or a finite number."""
    if isinstance(value, float):
        return math.isfinite(value)
    return type(value) in (bool, int, type(None))


def _literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return repr(value)


def insert_values(model: Any, names: Sequence[str], values: Sequence[Sequence[Any]]) -> None:
    """INSERT rows of `values` into `model`'s `names` columns with one executemany (no model
    instances: Django's bulk_create prepares every value one by one)."""
    if not values:
        return
    fields = [model._meta.get_field(n) for n in names]
    attnames = [f.attname for f in fields]
    _insert(model, fields, [SimpleNamespace(**dict(zip(attnames, v, strict=True))) for v in values])


def _add_details(
    ids: Sequence[int], drafts: Sequence[PersonDraft], circles: dict[str, Circle]
) -> None:
    insert = insert_values

    insert(
        EmailAddress,
        ("person", "address", "label"),
        [(pid, a, lbl[:40]) for pid, d in zip(ids, drafts, strict=True) for a, lbl in d.emails],
    )
    insert(
        PhoneNumber,
        ("person", "number", "label"),
        [(pid, n, lbl[:40]) for pid, d in zip(ids, drafts, strict=True) for n, lbl in d.phones],
    )
    through = Person.circles.through
    through.objects.bulk_create(
        (
            through(person_id=pid, circle_id=circles[fold(name)[:60]].pk)
            for pid, d in zip(ids, drafts, strict=True)
            for name in dict.fromkeys(d.circles)
            if name.strip()
        ),
        ignore_conflicts=True,
        batch_size=2000,
    )


@dataclass(frozen=True)
class Known:
    """What an existing person already has, read once for many fill-ins."""

    emails: frozenset[str]
    phones: frozenset[str]
    circles: frozenset[str]


def known_details(
    *,
    owner: AbstractBaseUser,
    emails: Mapping[int, Iterable[str]] | None = None,
    phones: Mapping[int, Iterable[str]] | None = None,
) -> dict[int, Known]:
    """Each of the owner's people's emails (lower-cased), phones and circle keys. A caller that
    has already read the owner's emails and phones (by person) passes them, and they are not
    read again."""
    if emails is None:
        emails = _by_person(EmailAddress.objects.filter(person__owner=owner), "address")
    if phones is None:
        phones = _by_person(PhoneNumber.objects.filter(person__owner=owner), "number")
    lowered = {pid: {a.lower() for a in addresses} for pid, addresses in emails.items()}
    circles: dict[int, set[str]] = {}
    for pid, key in Person.circles.through.objects.filter(person__owner=owner).values_list(
        "person_id", "circle__search_name"
    ):
        circles.setdefault(pid, set()).add(key)
    ids = set(lowered) | set(phones) | set(circles)
    return {
        pid: Known(
            frozenset(lowered.get(pid, ())),
            frozenset(phones.get(pid, ())),
            frozenset(circles.get(pid, ())),
        )
        for pid in ids
    }


def _by_person(rows: Any, column: str) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for pid, value in rows.values_list("person_id", column):
        found.setdefault(pid, []).append(value)
    return found


# A person who is shown under a name keeps it: another file's spelling ("A. Quist") is not a
# blank to fill, even when their display name is empty because the parts make the name.
_NAMED_ALREADY = frozenset({"display_name"})


def missing_from(
    person: Any, known: Known | None, draft: PersonDraft, cleaned: dict[str, Any]
) -> dict[str, Any]:
    """What the draft would add to `person`: blank fields it fills, and emails, phones and
    circles it lacks. Empty when the person already has everything."""
    known = known or Known(frozenset(), frozenset(), frozenset())
    changes: dict[str, Any] = {
        name: cleaned[name]
        for name in FILLABLE
        if cleaned.get(name) and not getattr(person, name) and name not in _NAMED_ALREADY
    }
    if cleaned.get("display_name") and not getattr(person, "full_name", ""):
        changes["display_name"] = cleaned["display_name"]  # only someone shown without a name
    if draft.organization and person.organization_id is None:
        changes["organization"] = draft.organization
    emails = tuple((a, lbl) for a, lbl in draft.emails if a.lower() not in known.emails)
    phones = tuple((n, lbl) for n, lbl in draft.phones if n not in known.phones)
    circles = tuple(c for c in draft.circles if fold(c)[:60] not in known.circles)
    if emails:
        changes["emails"] = emails
    if phones:
        changes["phones"] = phones
    if circles:
        changes["circles"] = circles
    return changes


@transaction.atomic
def fill_in(*, owner: AbstractBaseUser, updates: Sequence[tuple[Person, dict[str, Any]]]) -> None:
    """Apply `missing_from` changes to existing people: fill blanks, add details."""
    if not updates:
        return
    today = timezone.localdate()
    orgs = _named(owner, Organization, (c.get("organization", "") for _, c in updates), 200)
    circles = _named(owner, Circle, (n for _, c in updates for n in c.get("circles", ())), 60)
    for person, changes in updates:
        for name in FILLABLE:
            if name in changes:
                setattr(person, name, changes[name])
        if "organization" in changes:
            person.organization = orgs[fold(changes["organization"])[:200]]
        _refresh_derived(person, today)
        person.save()
    drafts = [
        PersonDraft(
            emails=c.get("emails", ()), phones=c.get("phones", ()), circles=c.get("circles", ())
        )
        for _, c in updates
    ]
    _add_details([p.pk for p, _ in updates], drafts, circles)


DateRow = tuple[int, str, str, int | None, int, int]


@transaction.atomic
def add_important_dates(*, owner: AbstractBaseUser, rows: Sequence[DateRow]) -> int:
    """Add (person_id, kind, label, year, month, day) dates to the owner's people; returns how
    many were added. Skipped: dates the person already has (same kind, month and day), a second
    birthday, people not the owner's, and days that are not on the calendar or whose kind or
    year is not one people.important_dates accepts (an import reports its own rows)."""
    if not rows:
        return 0
    mine = set(
        Person.objects.filter(owner=owner, pk__in={r[0] for r in rows}).values_list("pk", flat=True)
    )
    have = set(
        ImportantDate.objects.filter(owner=owner, person_id__in=mine).values_list(
            "person_id", "kind", "month", "day"
        )
    )
    birthdays = {pid for pid, kind, _, _ in have if kind == ImportantDate.BIRTHDAY}
    new = []
    for pid, kind, label, year, month, day in rows:
        if pid not in mine or (pid, kind, month, day) in have:
            continue
        if kind == ImportantDate.BIRTHDAY and pid in birthdays:
            continue
        try:
            cleaned = clean_date(kind, label[:LABEL_LIMIT], year, month, day)
        except ValidationError:
            continue
        have.add((pid, kind, month, day))
        if kind == ImportantDate.BIRTHDAY:
            birthdays.add(pid)
        new.append(
            ImportantDate(
                owner=owner,
                person_id=pid,
                kind=kind,
                label=cleaned,
                year=year,
                month=month,
                day=day,
            )
        )
    ImportantDate.objects.bulk_create(new, batch_size=2000)
    return len(new)


@transaction.atomic
def add_photos(*, owner: AbstractBaseUser, rows: Sequence[tuple[int, PreparedPhoto]]) -> int:
    """Store (person_id, people.photos.prepare_photo(...)) pairs for the owner's people who have
    no photo yet (the first for each person wins); returns how many were stored."""
    ids = {pid for pid, _ in rows}
    mine = set(Person.objects.filter(owner=owner, pk__in=ids).values_list("pk", flat=True))
    mine -= set(
        Photo.objects.filter(owner=owner, person_id__in=mine).values_list("person_id", flat=True)
    )
    new = []
    for pid, prepared in rows:
        if pid in mine:
            mine.discard(pid)
            new.append(
                Photo(
                    owner=owner,
                    person_id=pid,
                    image=prepared.image,
                    content_type=prepared.content_type,
                    width=prepared.width,
                    height=prepared.height,
                    sha256=prepared.sha256,
                )
            )
    Photo.objects.bulk_create(new, batch_size=200)
    return len(new)
