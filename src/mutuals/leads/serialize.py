"""Plain-dict forms of leads, shared by the JSON API and `mutuals lead ... --json`.

Words on screens, numbers and codes in JSON: `stage` is the code ("intro_asked"), `stage_words`
what screens say. Use leads.selectors (they prefetch the organisation and people).
"""

from __future__ import annotations

from typing import Any

from mutuals.core.leads import STAGE_WORDS
from mutuals.leads.models import Lead, LeadEvent
from mutuals.people.serialize import iso


def lead_to_dict(lead: Lead) -> dict[str, Any]:
    organization = lead.organization
    return {
        "id": lead.pk,
        "title": lead.title,
        "organization": (
            {"id": organization.pk, "name": organization.name} if organization else None
        ),
        "location": lead.location,
        "stage": lead.stage,
        "stage_words": STAGE_WORDS[lead.stage],
        "stage_on": iso(lead.stage_on),
        "closed_reason": lead.closed_reason,
        "source": lead.source,
        "conversation": lead.conversation_id,
        "people": [
            {"id": link.person_id, "name": link.person.full_name, "role": link.role}
            for link in lead.people.all()
        ],
        "notes": lead.notes,
        "created_at": iso(lead.created_at),
        "updated_at": iso(lead.updated_at),
    }


def event_to_dict(event: LeadEvent) -> dict[str, Any]:
    return {
        "on": iso(event.occurred_on),
        "kind": event.kind,
        "stage": event.stage or None,
        "person": event.person_id,
        "text": event.text,
    }


def lead_detail_to_dict(lead: Lead, events: list[LeadEvent]) -> dict[str, Any]:
    return {
        **lead_to_dict(lead),
        "source_text": lead.source_text,
        "timeline": [event_to_dict(e) for e in events],
    }
