"""What a backup holds, and reading one owner's records into it.

A backup is `{"format": "mutuals-backup", "version": 1, "organizations": [...], ...}` with a
list per kind in `KINDS`, each record keeping the fields named there and its number `id`
(1, 2, 3… in the order the records were created). A reference to another record is that
record's number; dates are `YYYY-MM-DD` and times ISO 8601 in UTC. Derived fields (full names,
cadences, contact statistics, strength, balances, the needs' search terms) are left out:
restoring recomputes them. Import history, duplicate reviews and access tokens are not records
of your network and are left out too.

The last list, `group_memberships`, holds what you chose to pool in each group you belong to,
the group named by its name (`group_records`): not a record of your network, a choice about it.

A client's backup also holds the drafts they sent a coach for review, every comment on them
(the coach's and their own) and the assignments coaches set them. A coach is named by their
user name (`USER_FIELDS`), never by a database id; `services.restore` finds them by it.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections import defaultdict
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from django.db.models import QuerySet

from mutuals.assignments.models import Assignment
from mutuals.backup import group_records
from mutuals.events.models import Community, Event, EventPerson
from mutuals.feedback.models import DraftComment, DraftReview
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
    # Drafts sent to a coach for review and what was said about them (`undo`: what accepting
    # a suggestion changed, with comments by their numbers), and the assignments coaches set.
    "draft_reviews": (
        DraftReview,
        ("coach", "subject", "text", "recipient", "purpose", "state", "created_at"),
    ),
    "draft_comments": (
        DraftComment,
        (
            "review",
            "author",
            "start",
            "end",
            "quote",
            "comment",
            "suggestion",
            "state",
            "created_at",
            "undo",
        ),
    ),
    "assignments": (
        Assignment,
        (
            "coach",
            "template_key",
            "title",
            "details",
            "set_on",
            "due_on",
            "done_at",
            "done_note",
            "cancelled_at",
            "created_at",
        ),
    ),
}
# Every list of the document, in its order: the records' kinds, then the pooling choices.
DOCUMENT_KINDS: tuple[str, ...] = (*KINDS, group_records.KIND)
# Whose records a kind's rows are, for the kinds without an `owner`.
OWNER_OF: dict[type[models.Model], str] = {
    DraftReview: "client",
    DraftComment: "review__client",
    Assignment: "client",
}
# A user of the install (a coach), kept as their user name.
USER_FIELDS = frozenset({"coach"})
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


def owned(model: type[models.Model], owner: AbstractBaseUser) -> QuerySet[Any]:
    """The owner's records of a kind."""
    manager: Any = model._default_manager
    return manager.filter(**{OWNER_OF.get(model, "owner"): owner})  # type: ignore[no-any-return]


def undo_with_numbers(undo: Any, numbers: dict[int, int]) -> Any:
    """A comment's `undo` with the comments it names by `numbers` (database id -> number, or
    back), its keys in a fixed order whatever order the database kept them in."""
    if not isinstance(undo, dict):
        return undo
    before = undo.get("before") or {}
    spans = before.get("comments") or {}
    renamed = {
        str(numbers[int(key)]): list(span) for key, span in spans.items() if int(key) in numbers
    }
    return {
        "before": {
            "text": before.get("text"),
            "comments": dict(sorted(renamed.items(), key=lambda item: int(item[0]))),
        },
        "after_text": undo.get("after_text"),
    }


def dumps(data: dict[str, Any]) -> str:
    """The backup's text: the same bytes whichever interface writes it."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)


def backup(*, owner: AbstractBaseUser) -> dict[str, Any]:
    """Every record the owner has, as plain JSON data (see the module docstring)."""
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    numbers: dict[type[models.Model], dict[int, int]] = {}
    for name, (model, fields) in KINDS.items():
        columns = [_column(model, field) for field in fields]
        rows = list(owned(model, owner).order_by("pk").values("pk", *(c for c in columns if c)))
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
    data[group_records.KIND] = group_records.memberships(owner, numbers)
    return data


def _column(model: type[models.Model], name: str) -> str | None:
    """The column `.values()` reads for a field; None for lists (many-to-many, contacts)."""
    if name in USER_FIELDS:
        return f"{name}__username"
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
    if name in USER_FIELDS:
        return row[f"{name}__username"]
    if model is DraftComment and name == "undo":
        return undo_with_numbers(row["undo"], numbers[DraftComment])
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
    return {name: owned(model, owner).count() for name, (model, _) in KINDS.items()}
