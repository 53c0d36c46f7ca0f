"""Plain-dict forms of who knows whom, shared by the JSON API and `mutuals ... --json`."""

from __future__ import annotations

from typing import Any

from mutuals.network.models import Knows
from mutuals.people.models import Person
from mutuals.people.serialize import iso, person_ref


def knows_to_dict(edge: Knows, other: Person | None = None) -> dict[str, Any]:
    """One edge; with `other`, also the person on the far side from the one asked about."""
    data = {
        "id": edge.pk,
        "person": person_ref(edge.person),
        "knows": person_ref(edge.knows),
        "strength": edge.strength,
        "source": edge.source,
        "note": edge.note,
        "created_at": iso(edge.created_at),
    }
    if other is not None:
        data["other"] = person_ref(other)
    return data
