"""Plain-dict forms of organisations, shared by the JSON API and `mutuals org ... --json`."""

from __future__ import annotations

from typing import Any

from mutuals.leads.serialize import lead_to_dict
from mutuals.orgs.selectors import OrganizationPage
from mutuals.people.models import Organization


def organization_to_dict(organization: Organization) -> dict[str, Any]:
    """A list row: use orgs.selectors.organizations, which counts people and open leads."""
    return {
        "id": organization.pk,
        "name": organization.name,
        "people_count": organization.people_count,  # type: ignore[attr-defined]
        "contacts_count": organization.contacts_count,  # type: ignore[attr-defined]
        "open_leads_count": organization.leads_count,  # type: ignore[attr-defined]
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
        "leads": [lead_to_dict(lead) for lead in page.leads],
        "paths": [
            {
                "kind": path.kind,
                "score": path.score,
                "steps": [{"id": step.person_id, "name": step.name} for step in path.steps],
                "why": path.why,
                "introducer": path.introducer_id,
                "target": path.target_id,
            }
            for path in page.paths
        ],
    }
