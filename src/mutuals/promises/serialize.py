"""Plain-dict form of a promise, shared by the JSON API and the CLI's --json.

Select `person` for lists (promises.selectors already does).
"""

from __future__ import annotations

from typing import Any

from mutuals.people.serialize import iso, person_ref
from mutuals.promises.models import Promise


def promise_to_dict(promise: Promise) -> dict[str, Any]:
    return {
        "id": promise.pk,
        "text": promise.text,
        "person": person_ref(promise.person),
        "due_on": iso(promise.due_on),
        "status": "open" if promise.is_open else "done",
        "done_at": iso(promise.done_at),
        "snoozed_until": iso(promise.snoozed_until),
        "created_at": iso(promise.created_at),
    }
