"""Sorting people one at a time: who is next, what is known about them, and each step's undo.

The unsorted are the owner's people with no closeness who are not archived (an import leaves
everyone so). They come most evidence first: the most conversations, then the latest one,
then the longest in your records. Sorting the people you actually talked with first makes
Today and warm paths useful after a few minutes; the ones with nothing recorded come last, when
a bulk change on the People page can settle them all at once.

Each step returns what undoes it, as plain data the page keeps in the session:
{"action": "closeness" | "archive" | "circle" | "skip", "person": id, ...}.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from mutuals.core.cadence import Tier
from mutuals.core.names import fold
from mutuals.core.triage import Evidence, Suggestion, suggest
from mutuals.interactions import selectors as interaction_selectors
from mutuals.network import selectors as network_selectors
from mutuals.people import bulk_changes, services
from mutuals.people.models import Person

# Inner circle, close and good friend: a mutual connection held this close counts for more.
CLOSE_TIERS = frozenset({Tier.INNER.value, Tier.CLOSE.value, Tier.FRIEND.value})
MUTUALS_SHOWN = 3
# Matches the partial index person_owner_unsorted. Whoever has conversations has a last
# contact, so where NULL dates sort (first or last by database) never splits a tie.
ORDER = ["-interaction_count", "-last_contact_on", "created_at", "id"]
UndoStep = dict[str, Any]


def unsorted_people(*, owner: AbstractBaseUser) -> QuerySet[Person]:
    """The owner's people with no closeness yet and not archived, most evidence first."""
    return Person.objects.filter(owner=owner, tier__isnull=True, archived_at__isnull=True)


def find_person(*, owner: AbstractBaseUser, person_id: int) -> Person:
    """One of the owner's people, only their name read; Person.DoesNotExist for anyone else's."""
    return Person.objects.only("id", "owner_id", "full_name").get(owner=owner, pk=person_id)


def remaining(*, owner: AbstractBaseUser) -> int:
    return unsorted_people(owner=owner).count()


def next_person(
    *, owner: AbstractBaseUser, skipped: Iterable[int] = (), person_id: int | None = None
) -> Person | None:
    """The unsorted person to show: `person_id` when they are still unsorted (after an undo,
    or when a circle was just added), else the first not skipped; once everyone left was
    skipped, the first of them again."""
    people = unsorted_people(owner=owner).select_related("organization", "introduced_by")
    if person_id is not None:
        chosen = people.filter(pk=person_id).first()
        if chosen is not None:
            return chosen
    skipped = list(skipped)
    found = people.exclude(pk__in=skipped).order_by(*ORDER).first() if skipped else None
    return found or people.order_by(*ORDER).first()


@dataclass(frozen=True)
class Card:
    """One person as the sorting page shows them."""

    person: Person
    evidence: Evidence
    suggestion: Suggestion
    first_started_by: str = ""  # "me", "them" or "" (unknown or no conversation)
    last_summary: str = ""
    last_kind: str = ""
    mutual_names: list[str] = field(default_factory=list)
    circles: list[str] = field(default_factory=list)


def card_for(*, owner: AbstractBaseUser, person: Person, today: dt.date) -> Card:
    """What is known about an unsorted person, and the closeness it suggests."""
    edges = network_selectors.knows_of_person(owner=owner, person=person)
    others = [other for _, other in edges]
    first_by, last_summary, last_kind = _conversation_ends(owner, person)
    evidence = Evidence(
        conversations=person.interaction_count,
        started_by_me=person.initiated_by_me,
        started_by_them=person.initiated_by_them,
        last_contact_on=person.last_contact_on,
        exchanges=person.balance_on is not None,
        mutuals=len(others),
        close_mutuals=sum(1 for other in others if other.tier in CLOSE_TIERS),
        introduced=person.introduced_by_id is not None,
        colleagues=_colleagues(owner, person),
    )
    return Card(
        person=person,
        evidence=evidence,
        suggestion=suggest(evidence, today),
        first_started_by=first_by,
        last_summary=last_summary,
        last_kind=last_kind,
        mutual_names=[other.full_name for other in others[:MUTUALS_SHOWN]],
        circles=list(person.circles.values_list("name", flat=True)),
    )


def _conversation_ends(owner: AbstractBaseUser, person: Person) -> tuple[str, str, str]:
    """Who started the first conversation, and the last one's summary and kind."""
    if not person.interaction_count:
        return "", "", ""
    # Unordered, so the database starts from this person's links (a handful of rows) rather
    # than walking the owner's conversations by date until it meets theirs: 0.3 s at 500,000.
    talks = sorted(
        interaction_selectors.timeline(owner=owner, person_id=person.pk)
        .prefetch_related(None)
        .order_by()
        .values_list("occurred_on", "id", "initiated_by", "summary", "kind")
    )
    if not talks:
        return "", "", ""
    return talks[0][2], talks[-1][3], talks[-1][4]


def _colleagues(owner: AbstractBaseUser, person: Person) -> int:
    """Other people of yours, with a closeness, at the same organisation."""
    if person.organization_id is None:
        return 0
    return (
        Person.objects.filter(
            owner=owner,
            organization_id=person.organization_id,
            tier__isnull=False,
            archived_at__isnull=True,
        )
        .exclude(pk=person.pk)
        .count()
    )


# ---- steps and their undo --------------------------------------------------------------------


def _unsorted(owner: AbstractBaseUser, person_id: int) -> Person:
    person = services.owned_person(owner=owner, person_id=person_id)
    if person.archived_at is not None:
        raise ValidationError({"person": ["That person is archived: bring them back first."]})
    return person


def set_closeness(*, owner: AbstractBaseUser, person_id: int, tier: str) -> UndoStep:
    """Give someone a closeness; returns the step that undoes it."""
    person = _unsorted(owner, person_id)
    if not tier:
        raise ValidationError({"closeness": ["Choose a closeness."]})
    bulk_changes.change_people(owner=owner, person_ids=[person.pk], tier=tier)
    return {"action": "closeness", "person": person.pk, "before": person.tier, "tier": tier}


def archive(*, owner: AbstractBaseUser, person_id: int) -> UndoStep:
    person = _unsorted(owner, person_id)
    services.archive_person(owner=owner, person_id=person.pk)
    return {"action": "archive", "person": person.pk}


def add_circle(*, owner: AbstractBaseUser, person_id: int, circle: str) -> UndoStep:
    """Put someone in a circle (made when new); the undo takes them out only if they were not
    in it already."""
    person = _unsorted(owner, person_id)
    name = circle.strip()
    if not name:
        raise ValidationError({"circle": ["Name the circle, e.g. Former colleagues."]})
    before = set(person.circles.values_list("search_name", flat=True))
    result = bulk_changes.change_people(owner=owner, person_ids=[person.pk], circle=name)
    added = fold(name)[: bulk_changes.CIRCLE_LIMIT] not in before
    return {"action": "circle", "person": person.pk, "circle": result.circle, "added": added}


def skip(*, owner: AbstractBaseUser, person_id: int) -> UndoStep:
    person = services.owned_person(owner=owner, person_id=person_id)
    return {"action": "skip", "person": person.pk}


def undo(*, owner: AbstractBaseUser, step: UndoStep) -> int | None:
    """Undo one step; returns the person it was about (to show them again), or None when the
    step is not one of ours or its person is gone."""
    try:
        person_id = int(step["person"])
        person = services.owned_person(owner=owner, person_id=person_id)
    except (KeyError, TypeError, ValueError, ValidationError):
        return None
    action = step.get("action")
    if action == "closeness":
        before = step.get("before")
        bulk_changes.change_people(owner=owner, person_ids=[person.pk], tier=before or None)
    elif action == "archive":
        services.unarchive_person(owner=owner, person_id=person.pk)
    elif action == "circle" and step.get("added"):
        bulk_changes.remove_from_circle(
            owner=owner, person_id=person.pk, circle=str(step.get("circle", ""))
        )
    return person.pk
