"""Plain-dict forms of the give/ask ledger, shared by the JSON API and the CLI's --json.

Keys are stable (scripts build on them); dates are ISO strings, missing values are null. Select
`person` (and `introduced_to`) for lists (ledger.selectors already does).
"""

from __future__ import annotations

from typing import Any

from mutuals.core.reciprocity import AskWarning, Balance
from mutuals.ledger.models import Ask, Exchange
from mutuals.people.models import Person
from mutuals.people.serialize import iso, person_ref


def exchange_to_dict(exchange: Exchange) -> dict[str, Any]:
    return {
        "id": exchange.pk,
        "person": person_ref(exchange.person),
        "direction": exchange.direction,
        "kind": exchange.kind,
        "text": exchange.text,
        "occurred_on": iso(exchange.occurred_on),
        "need": exchange.need_id,
        "introduced_to": person_ref(exchange.introduced_to),
        "thanked_on": iso(exchange.thanked_on),
        "created_at": iso(exchange.created_at),
    }


def ask_to_dict(ask: Ask) -> dict[str, Any]:
    return {
        "id": ask.pk,
        "person": person_ref(ask.person),
        "text": ask.text,
        "asked_on": iso(ask.asked_on),
        "answered": ask.answered_on is not None,
        "answered_on": iso(ask.answered_on),
        "outcome": ask.outcome,
        "created_at": iso(ask.created_at),
    }


def balance_to_dict(balance: Balance) -> dict[str, Any]:
    """given/received are kind-weighted, decayed sums; score runs from -1 (all received) to 1."""
    return {
        "given": balance.given,
        "received": balance.received,
        "score": balance.score,
        "label": balance.label,
        "reasons": list(balance.reasons),
        "last_given_on": iso(balance.last_given_on),
    }


def balance_row(person: Person, balance: Balance) -> dict[str, Any]:
    """One line of the everyone-at-once balance list."""
    return {
        "person": person_ref(person),
        "given": balance.given,
        "received": balance.received,
        "score": balance.score,
        "label": balance.label,
    }


def warning_to_dict(warning: AskWarning | None) -> dict[str, Any] | None:
    """The warning before an ask, with the person's open needs to give first; None when fine."""
    if warning is None:
        return None
    return {
        "severity": warning.severity,
        "message": warning.message,
        "give_first": [
            {"id": n.id, "text": n.text, "kind": n.kind, "noted_on": iso(n.noted_on)}
            for n in warning.give_first
        ],
    }
