"""Plain-dict forms of people, shared by the JSON API and `mutuals ... --json`.

Keys are stable (scripts build on them); dates are ISO strings, missing values are null. For a
list, prefetch `circles`, `emails` and `phones` and select `organization` and `introduced_by`
first, or each person costs extra queries.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mutuals.core.strength import Strength
from mutuals.people.models import ImportantDate, Person, Position


def iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def person_ref(person: Person | None) -> dict[str, Any] | None:
    """The short form used wherever a person is mentioned: {"id", "name"}."""
    if person is None:
        return None
    return {"id": person.pk, "name": person.full_name}


def strength_to_dict(strength: Strength) -> dict[str, Any]:
    return {
        "score": strength.score,
        "label": strength.label,
        "reasons": list(strength.reasons),
        "explanation": strength.explain(),
    }


def stored_balance_to_dict(person: Person) -> dict[str, Any]:
    """The give/receive balance kept on the person: score in [-1, 1], label, and its day."""
    return {"score": person.balance, "label": person.balance_label, "on": iso(person.balance_on)}


def person_to_dict(person: Person, strength: Strength | None) -> dict[str, Any]:
    """Everything about one person; `strength` is today's (people.selectors.strength_of)."""
    return {
        "id": person.pk,
        "name": person.full_name,
        "first_name": person.first_name,
        "middle_name": person.middle_name,
        "last_name": person.last_name,
        "nickname": person.nickname,
        "display_name": person.display_name,
        "name_prefix": person.name_prefix,
        "name_suffix": person.name_suffix,
        "phonetic_name": person.phonetic_name,
        "emails": [email.address for email in person.emails.all()],
        "phones": [phone.number for phone in person.phones.all()],
        "linkedin_url": person.linkedin_url,
        "organization": person.organization.name if person.organization else None,
        "title": person.title,
        "location": person.location,
        "circles": [circle.name for circle in person.circles.all()],
        "interests": person.interests,
        "how_met": person.how_met,
        "introduced_by": person_ref(person.introduced_by),
        "notes": person.notes,
        "tier": person.tier,
        "cadence_days": person.cadence_days,
        "cadence_override_days": person.cadence_override_days,
        "known_since": iso(person.known_since),
        "keep_in_touch_due_on": iso(person.keep_in_touch_due_on),
        "last_contact_on": iso(person.last_contact_on),
        "interaction_count": person.interaction_count,
        "snoozed_until": iso(person.snoozed_until),
        "archived": person.archived_at is not None,
        "strength": strength_to_dict(strength) if strength is not None else None,
        "balance": stored_balance_to_dict(person),
        "created_at": iso(person.created_at),
        "updated_at": iso(person.updated_at),
    }


def date_to_dict(date: ImportantDate) -> dict[str, Any]:
    """One important date (select `person` first): {"id", "person", "kind", "label", "year",
    "month", "day", "when"}; `year` is null when unknown."""
    return {
        "id": date.pk,
        "person": person_ref(date.person),
        "kind": date.kind,
        "label": date.label,
        "year": date.year,
        "month": date.month,
        "day": date.day,
        "when": date.when,
    }


def triage_card_to_dict(card: Any, strength: Strength, remaining: int) -> dict[str, Any]:
    """The next person to sort (a people.triage.Card), what is known and the suggestion."""
    evidence = card.evidence
    return {
        "remaining": remaining,
        "person": person_to_dict(card.person, strength),
        "evidence": {
            "conversations": evidence.conversations,
            "started_by_me": evidence.started_by_me,
            "started_by_them": evidence.started_by_them,
            "first_started_by": card.first_started_by or None,
            "last_contact_on": iso(evidence.last_contact_on),
            "last_summary": card.last_summary,
            "exchanges": evidence.exchanges,
            "mutuals": evidence.mutuals,
            "close_mutuals": evidence.close_mutuals,
            "mutual_names": card.mutual_names,
            "introduced": evidence.introduced,
            "colleagues": evidence.colleagues,
        },
        "suggestion": {
            "closeness": card.suggestion.tier.value,
            "label": card.suggestion.label,
            "points": card.suggestion.points,
            "reason": card.suggestion.reason,
        },
    }


def position_to_dict(position: Position) -> dict[str, Any]:
    """A position for the API and `mutuals position --json`: months as ISO dates (the first
    of each), null when unknown; `person` null for your own."""
    return {
        "id": position.pk,
        "person": position.person_id,
        "organization": {"id": position.organization_id, "name": position.organization.name},
        "title": position.title,
        "location": position.location,
        "notes": position.notes,
        "started_on": position.started_on.isoformat() if position.started_on else None,
        "ended_on": position.ended_on.isoformat() if position.ended_on else None,
        "current": position.is_current,
        "source": position.source,
    }
