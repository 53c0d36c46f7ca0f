"""Plain-dict forms of leads, shared by the JSON API and `mutuals lead ... --json`.

Words on screens, numbers and codes in JSON: `stage` is the code ("intro_asked"), `stage_words`
what screens say. Use leads.selectors (they prefetch the organisation and people).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mutuals.core.drafts import Draft
from mutuals.core.leads import STAGE_WORDS
from mutuals.leads.landed import Landing
from mutuals.leads.models import Lead, LeadEvent
from mutuals.leads.thanks import Thanks
from mutuals.people.serialize import iso

if TYPE_CHECKING:
    from mutuals.leads.services import Moved


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
        "interview_on": iso(lead.interview_on),
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


def landing_to_dict(landing: Landing | None) -> dict[str, Any] | None:
    if landing is None:
        return None
    return {
        "on": iso(landing.on),
        "mode": "keep_in_touch",
        "check_in_on": iso(landing.check_in_on),
        "check_ins": landing.check_ins,
        "helpers": landing.helpers,
    }


def moved_to_dict(moved: Moved) -> dict[str, Any]:
    """What a move changed besides the lead: `landed` (accepting an offer switched you into
    keep-in-touch mode; null otherwise) and `back_to_searching`."""
    return {"landed": landing_to_dict(moved.landed), "back_to_searching": moved.back_to_searching}


def thanks_to_dict(thanks: Thanks, drafts: dict[int, Draft]) -> dict[str, Any]:
    """Everyone who helped (`mutuals lead thanks --json`, GET /api/leads/thanks)."""
    return {
        "since": iso(thanks.since),
        "landed_lead": thanks.landed_lead,
        "count": len(thanks.helpers),
        "waiting": thanks.waiting,
        "items": [
            {
                "person": {"id": helper.person_id, "name": helper.person_name},
                "helped": [help_.said for help_ in helper.helped],
                "thanked": helper.thanked,
                "draft": {
                    "subject": drafts[helper.person_id].subject,
                    "text": drafts[helper.person_id].text,
                },
            }
            for helper in thanks.helpers
        ],
    }
