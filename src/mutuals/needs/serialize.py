"""Plain-dict form of a need, shared by the JSON API and the CLI's --json.

Keys are stable (scripts build on them); dates are ISO strings, missing values are null. Select
`person` and `helped_by` for lists (needs.selectors already does).
"""

from __future__ import annotations

from typing import Any

from mutuals.core.matching import Match
from mutuals.needs.models import Need
from mutuals.people.serialize import iso, person_ref


def need_to_dict(need: Need) -> dict[str, Any]:
    """One need; `person` is null for your own, `helped_by` null when you helped or nobody yet."""
    return {
        "id": need.pk,
        "text": need.text,
        "kind": need.kind,
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
    }
