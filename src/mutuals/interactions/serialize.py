"""Plain-dict form of an interaction, shared by the JSON API and the CLI's --json.

Prefetch `people` for lists (interactions.selectors already does).
"""

from __future__ import annotations

from typing import Any

from mutuals.interactions.models import Interaction
from mutuals.people.serialize import iso, person_ref


def interaction_to_dict(interaction: Interaction) -> dict[str, Any]:
    people = sorted(interaction.people.all(), key=lambda p: (p.search_name, p.pk))
    return {
        "id": interaction.pk,
        "occurred_on": iso(interaction.occurred_on),
        "summary": interaction.summary,
        "kind": interaction.kind,
        "initiated_by": interaction.initiated_by,
        "notes": interaction.notes,
        "people": [person_ref(person) for person in people],
        "created_at": iso(interaction.created_at),
        "updated_at": iso(interaction.updated_at),
    }
