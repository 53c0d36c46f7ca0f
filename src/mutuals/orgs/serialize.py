"""Plain-dict forms of organisations, shared by the JSON API and `mutuals org ... --json`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mutuals.leads.serialize import lead_to_dict
from mutuals.orgs.selectors import OrganizationPage
from mutuals.people.models import Organization, Position

if TYPE_CHECKING:
    from mutuals.network.paths import WarmPath


def organization_to_dict(organization: Organization) -> dict[str, Any]:
    """A list row: use orgs.selectors.organizations, which counts people and open leads."""
    return {
        "id": organization.pk,
        "name": organization.name,
        "people_count": organization.people_count,  # type: ignore[attr-defined]
        "contacts_count": organization.contacts_count,  # type: ignore[attr-defined]
        "open_leads_count": organization.leads_count,  # type: ignore[attr-defined]
    }


def _months(position: Position) -> dict[str, Any]:
    """A position's months as ISO dates (the first of each), null when unknown; `current` is
    true while there is no end."""
    return {
        "started_on": position.started_on.isoformat() if position.started_on else None,
        "ended_on": position.ended_on.isoformat() if position.ended_on else None,
        "current": position.is_current,
    }


def page_to_dict(page: OrganizationPage) -> dict[str, Any]:
    organization, profile = page.organization, page.profile
    return {
        "id": organization.pk,
        "name": organization.name,
        "website": profile.website if profile else "",
        "notes": profile.notes if profile else "",
        "people_count": len(page.people),
        "contacts_count": page.contacts_count,
        "people": [
            {
                "id": person.pk,
                "name": person.full_name,
                "title": person.title,
                "contact": person.tier is not None,
                "strength": person.strength,
            }
            for person in page.people
        ],
        "before_count": len(page.before),
        "before": [
            {
                "id": former.person.pk,
                "name": former.person.full_name,
                "title": former.position.title,
                "contact": former.person.tier is not None,
                "strength": former.person.strength,
                **_months(former.position),
            }
            for former in page.before
        ],
        "you_worked_here": [
            {"title": position.title, **_months(position)} for position in page.yours
        ],
        "leads": [lead_to_dict(lead) for lead in page.leads],
        "paths": [_path(path) for path in page.paths],
        "paths_before": [_path(path) for path in page.paths_before],
    }


def _path(path: WarmPath) -> dict[str, Any]:
    return {
        "kind": path.kind,
        "score": path.score,
        "steps": [{"id": step.person_id, "name": step.name} for step in path.steps],
        "why": path.why,
        "introducer": path.introducer_id,
        "target": path.target_id,
    }
