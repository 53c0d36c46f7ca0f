"""Load and clear the demo network's leads (core.demo_leads), marked `is_demo` like every demo
row; called by demo.services when the demo network is loaded or cleared."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from mutuals.core.demo_leads import DemoLeads
from mutuals.core.leads import ROLE_WORDS
from mutuals.leads.models import Lead, LeadEvent, LeadPerson
from mutuals.orgs.models import OrganizationProfile
from mutuals.people.models import Organization, Person


def create_demo_leads(
    owner: AbstractBaseUser, demo: DemoLeads, people: list[Person], organizations: dict[str, int]
) -> None:
    """Write the demo's leads with their people and timelines (people[key] is a DemoPerson's
    row, `organizations` the organisations' ids by name). A lead at "interviewing" has its
    interview the day after the demo is loaded, so Today shows how to prepare for one."""
    interview_on = timezone.localdate() + dt.timedelta(days=1)
    leads = Lead.objects.bulk_create(
        Lead(
            owner=owner,
            is_demo=True,
            organization_id=organizations[lead.organization],
            title=lead.title,
            location=lead.location,
            stage=lead.stage,
            stage_on=lead.stage_on,
            closed_reason=lead.closed_reason,
            interview_on=interview_on if lead.stage == "interviewing" else None,
            source=lead.source,
        )
        for lead in demo.leads
    )
    LeadPerson.objects.bulk_create(
        LeadPerson(owner=owner, is_demo=True, lead=row, person=people[key], role=role)
        for lead, row in zip(demo.leads, leads, strict=True)
        for key, role in lead.people
    )
    events = []
    for lead, row in zip(demo.leads, leads, strict=True):
        first, *moves = lead.history
        events.append(_event(owner, row, "created", first.occurred_on, first.stage, first.text))
        for key, role in lead.people:
            person = people[key]
            text = f"{person.full_name}: {ROLE_WORDS[role]}"
            events.append(_event(owner, row, "person", first.occurred_on, "", text, person))
        events += [_event(owner, row, "stage", m.occurred_on, m.stage, m.text) for m in moves]
    LeadEvent.objects.bulk_create(events)
    OrganizationProfile.objects.bulk_create(
        OrganizationProfile(
            owner=owner, is_demo=True, organization_id=organizations[name], notes=notes
        )
        for name, notes in demo.organization_notes
        if not OrganizationProfile.objects.filter(organization_id=organizations[name]).exists()
    )


def _event(
    owner: AbstractBaseUser,
    lead: Lead,
    kind: str,
    day: object,
    stage: str,
    text: str,
    person: Person | None = None,
) -> LeadEvent:
    return LeadEvent(
        owner=owner,
        is_demo=True,
        lead=lead,
        kind=kind,
        stage=stage,
        person=person,
        text=text,
        occurred_on=day,
    )


def clear_demo_leads(*, owner: AbstractBaseUser) -> None:
    """Remove the demo's leads and notes. The user's own leads stay, and so does any demo
    organisation one of them is at (it becomes the user's own)."""
    Lead.objects.filter(owner=owner, is_demo=True).delete()
    OrganizationProfile.objects.filter(owner=owner, is_demo=True).delete()
    Organization.objects.filter(owner=owner, is_demo=True, leads__isnull=False).update(
        is_demo=False
    )
