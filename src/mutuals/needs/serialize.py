"""Plain-dict form of a need, shared by the JSON API and the CLI's --json.

Keys are stable (scripts build on them); dates are ISO strings, missing values are null. Select
`person` and `helped_by` for lists (needs.selectors already does).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mutuals.core.cadence import TIER_LABELS, Tier
from mutuals.core.matching import Match
from mutuals.needs.models import Need
from mutuals.people.models import Person
from mutuals.people.serialize import iso, person_ref

if TYPE_CHECKING:
    from mutuals.needs.match import MatchedNeed, MatchResult, OrganisationFound

KNOWN_OF = "known of"  # the closeness of someone you know of but have no relationship with


def need_to_dict(need: Need) -> dict[str, Any]:
    """One need; `person` is null for your own, `helped_by` null when you helped or nobody yet."""
    return {
        "id": need.pk,
        "text": need.text,
        "kind": need.kind,
        "direction": need.direction,
        "status": need.status,
        "mine": need.is_mine,
        "person": person_ref(need.person),
        "noted_on": iso(need.noted_on),
        "helped_by": person_ref(need.helped_by),
        "outcome": need.outcome,
        "reviewed_on": iso(need.reviewed_on),
        "closed_on": iso(need.closed_on),
        "created_at": iso(need.created_at),
        "updated_at": iso(need.updated_at),
    }


def match_to_dict(found: Match, need_text: str) -> dict[str, Any]:
    """One result of matching a text to open needs; `need_spans` index into `text`."""
    person = None
    if found.person_id is not None:
        person = {"id": found.person_id, "name": found.person_name}
    return {
        "need": found.need_id,
        "person": person,
        "text": need_text,
        "score": round(found.score, 3),
        "matched_terms": list(found.matched_terms),
        "need_spans": [list(span) for span in found.need_spans],
        "action": found.action,
        "direction": found.direction,
    }


def matched_need_to_dict(found: MatchedNeed) -> dict[str, Any]:
    """One item of `mutuals match --json` and POST /api/match: the match, its group and its
    relevance in words (and steps, 1 to 5)."""
    return {
        **match_to_dict(found.match, found.need_text),
        "group": found.group,
        "relevance": found.relevance.words,
        "relevance_steps": found.relevance.steps,
    }


def closeness(person: Person) -> str:
    """A person's closeness in words: "close", "acquaintance", or "known of"."""
    return TIER_LABELS[Tier(person.tier)].lower() if person.tier else KNOWN_OF


def organisation_to_dict(found: OrganisationFound) -> dict[str, Any]:
    """An organisation the text names: its people (closest ties first) and warm paths."""
    from mutuals.network.serialize import path_to_dict

    return {
        "id": found.mention.organisation_id,
        "name": found.mention.name,
        "people_count": found.people_count,
        "contacts_count": found.contacts_count,
        "people": [
            {**(person_ref(person) or {}), "tier": person.tier, "closeness": closeness(person)}
            for person in found.people
        ],
        "paths": [path_to_dict(path) for path in found.paths],
    }


def match_result_to_dict(result: MatchResult) -> dict[str, Any]:
    """`mutuals match --json` and POST /api/match: {count, items, organisations}."""
    return {
        "count": len(result.needs),
        "items": [matched_need_to_dict(found) for found in result.needs],
        "organisations": [organisation_to_dict(found) for found in result.organisations],
    }
