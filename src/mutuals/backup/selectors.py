"""What a backup holds, and reading one owner's records into it.

A backup is `{"format": "mutuals-backup", "version": 1, "organizations": [...], ...}` with a
list per kind in `KINDS`, each record keeping the fields named there and its number `id`
(1, 2, 3… in the order the records were created). A reference to another record is that
record's number; dates are `YYYY-MM-DD` and times ISO 8601 in UTC. Derived fields (full names,
cadences, contact statistics, strength, balances, the needs' search terms) are left out:
restoring recomputes them. Import history, duplicate reviews and access tokens are not records
of your network and are left out too.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections import defaultdict
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import models

from mutuals.events.models import Community, Event, EventPerson
from mutuals.interactions.models import Interaction
from mutuals.leads.models import Lead, LeadEvent, LeadNeed, LeadPerson
from mutuals.ledger.models import Ask, Exchange
from mutuals.needs.models import Need
from mutuals.network.models import Introduction, Knows
from mutuals.orgs.models import OrganizationProfile
from mutuals.people.models import (
    Circle,
    EmailAddress,
    ImportantDate,
    Organization,
    Person,
    PhoneNumber,
    Photo,
    Position,
)
from mutuals.progress.models import Goal
from mutuals.promises.models import Promise

FORMAT = "mutuals-backup"
VERSION = 1

# Each kind in the order a restore creates them: a record only refers to kinds above it (or,
# for people introduced by someone, to its own kind).
KINDS: dict[str, tuple[type[models.Model], tuple[str, ...]]] = {
    "organizations": (Organization, ("name", "is_demo", "created_at")),
    "circles": (Circle, ("name", "is_demo")),
    "people": (
        Person,
        (
            "first_name",
            "middle_name",
            "last_name",
            "nickname",
            "display_name",
            "name_prefix",
            "name_suffix",
            "phonetic_name",
            "emails",
            "phones",
            "linkedin_url",
            "organization",
            "title",
            "location",
            "circles",
            "interests",
            "how_met",
            "introduced_by",
            "notes",
            "tier",
            "cadence_override_days",
            "known_since",
            "snoozed_until",
            "archived_at",
            "is_demo",
            "created_at",
            "updated_at",
        ),
    ),
    "interactions": (
        Interaction,
        (
            "people",
            "occurred_on",
            "summary",
            "kind",
            "initiated_by",
            "notes",
            "source_key",
            "is_demo",
            "created_at",
            "updated_at",
        ),
    ),
    "promises": (
        Promise,
        ("person", "text", "due_on", "done_at", "snoozed_until", "is_demo", "created_at"),
    ),
    "needs": (
        Need,
        (
            "person",
            "text",
            "kind",
            "direction",
            "status",
            "noted_on",
            "reviewed_on",
            "closed_on",
            "helped_by",
            "outcome",
            "is_demo",
            "created_at",
            "updated_at",
        ),
    ),
    "exchanges": (
        Exchange,
        (
            "person",
            "direction",
            "kind",
            "text",
            "occurred_on",
            "need",
            "introduced_to",
            "thanked_on",
            "is_demo",
            "created_at",
        ),
    ),
    "asks": (
        Ask,
        ("person", "text", "asked_on", "answered_on", "outcome", "is_demo", "created_at"),
    ),
    "knows": (
        Knows,
        ("person", "knows", "strength", "source", "note", "is_demo", "created_at", "updated_at"),
    ),
    "introductions": (
        Introduction,
        (
            "introducer",
            "seeker",
            "target",
            "reason",
            "status",
            "requested_on",
            "asked_on",
            "accepted_on",
            "declined_on",
            "made_on",
            "thanked_on",
            "followed_up_on",
            "ask",
            "exchange",
            "is_demo",
            "created_at",
            "updated_at",
        ),
    ),
    "important_dates": (
        ImportantDate,
        ("person", "kind", "label", "year", "month", "day", "is_demo", "created_at"),
    ),
    # The picture as base64 of the JPEG mutuals wrote; its size and digest are derived.
    "photos": (Photo, ("person", "image", "created_at")),
    # Where people worked before, and where you worked (`person` null).
    "positions": (
        Position,
        (
            "person",
            "organization",
            "title",
            "location",
            "notes",
            "started_on",
            "ended_on",
            "source",
            "source_key",
            "is_demo",
            "created_at",
        ),
    ),
    "organization_profiles": (
        OrganizationProfile,
        ("organization", "website", "notes", "is_demo", "created_at", "updated_at"),
    ),
    "leads": (
        Lead,
        (
            "organization",
            "title",
            "location",
            "stage",
            "stage_on",
            "interview_on",
            "closed_reason",
            "source",
            "conversation",
            "source_text",
            "notes",
            "is_demo",
            "created_at",
            "updated_at",
        ),
    ),
    "lead_people": (LeadPerson, ("lead", "person", "role", "is_demo", "created_at")),
    "lead_events": (
        LeadEvent,
        ("lead", "kind", "stage", "person", "text", "occurred_on", "is_demo", "created_at"),
    ),
    "lead_needs": (LeadNeed, ("lead", "need", "is_demo", "created_at")),
    "goals": (Goal, ("kind", "weekly_target", "active", "since", "is_demo", "created_at")),
    "communities": (Community, ("name", "kind", "notes", "is_demo", "created_at")),
    "events": (
        Event,
        (
            "name",
            "kind",
            "day",
            "place",
            "community",
            "notes",
            "source_key",
            "is_demo",
            "created_at",
        ),
    ),
    "event_people": (EventPerson, ("event", "person", "met_here", "is_demo")),
}
# A person's emails and phones: lists of {"address"|"number", "label"} inside the person.
CONTACTS: dict[str, tuple[type[EmailAddress] | type[PhoneNumber], str]] = {
    "emails": (EmailAddress, "address"),
    "phones": (PhoneNumber, "number"),
}
KIND_OF_MODEL: dict[type[models.Model], str] = {model: name for name, (model, _) in KINDS.items()}


def model_field(model: type[models.Model], name: str) -> models.Field[Any, Any] | None:
    """The model's field behind a backup field; None for a person's emails and phones."""
    if model is Person and name in CONTACTS:
        return None
    return model._meta.get_field(name)  # type: ignore[return-value]


def dumps(data: dict[str, Any]) -> str:
    """The backup's text: the same bytes whichever interface writes it."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)


def backup(*, owner: AbstractBaseUser) -> dict[str, Any]:
    """Every record the owner has, as plain JSON data (see the module docstring)."""
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    numbers: dict[type[models.Model], dict[int, int]] = {}
    for name, (model, fields) in KINDS.items():
        columns = [_column(model, field) for field in fields]
        rows = list(
            model.objects.filter(owner=owner)  # type: ignore[attr-defined]
            .order_by("pk")
            .values("pk", *(c for c in columns if c))
        )
        numbers[model] = {row["pk"]: number for number, row in enumerate(rows, 1)}
        lists = {
            field: _lists(owner, model, field, numbers)
            for field, column in zip(fields, columns, strict=True)
            if column is None
        }
        data[name] = [
            {"id": number, **{f: _value(model, f, row, lists, numbers) for f in fields}}
            for number, row in enumerate(rows, 1)
        ]
    return data


def _column(model: type[models.Model], name: str) -> str | None:
    """The column `.values()` reads for a field; None for lists (many-to-many, contacts)."""
    field = model_field(model, name)
    if field is None or field.many_to_many:
        return None
    return field.attname


def _value(
    model: type[models.Model],
    name: str,
    row: dict[str, Any],
    lists: dict[str, dict[int, list[Any]]],
    numbers: dict[type[models.Model], dict[int, int]],
) -> Any:
    field = model_field(model, name)
    if field is None or field.many_to_many:
        return lists[name].get(row["pk"], [])
    value = row[field.attname]
    if value is None:
        return None
    if field.is_relation:
        return numbers[field.related_model][value]  # type: ignore[index]
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _lists(
    owner: AbstractBaseUser,
    model: type[models.Model],
    name: str,
    numbers: dict[type[models.Model], dict[int, int]],
) -> dict[int, list[Any]]:
    """A list field of every record: its emails or phones, or the numbers it refers to."""
    found: dict[int, list[Any]] = defaultdict(list)
    if name in CONTACTS and model is Person:
        contact_model, key = CONTACTS[name]
        for person_id, value, label in (
            contact_model.objects.filter(person__owner=owner)
            .order_by("pk")
            .values_list("person_id", key, "label")
        ):
            found[person_id].append({key: value, "label": label})
        return found
    field = model._meta.get_field(name)
    through = field.remote_field.through  # type: ignore[union-attr]
    mine, theirs = field.m2m_field_name(), field.m2m_reverse_field_name()  # type: ignore[union-attr]
    others = numbers[field.related_model]  # type: ignore[index]
    for pk, other in through.objects.filter(**{f"{mine}__owner": owner}).values_list(
        f"{mine}_id", f"{theirs}_id"
    ):
        found[pk].append(others[other])
    return {pk: sorted(refs) for pk, refs in found.items()}


def counts(*, owner: AbstractBaseUser) -> dict[str, int]:
    """How many records of each kind the owner has."""
    return {
        name: model.objects.filter(owner=owner).count()  # type: ignore[attr-defined]
        for name, (model, _) in KINDS.items()
    }
