"""leads.services and orgs.services with the database: adding, moving, people, the timeline,
organisations found by name, and the demo's leads."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from mutuals.core.demo import generate
from mutuals.core.demo_leads import generate_leads
from mutuals.demo.services import clear_demo, load_demo
from mutuals.leads import selectors, services
from mutuals.leads.models import Lead, LeadEvent
from mutuals.orgs import selectors as org_selectors
from mutuals.orgs import services as org_services
from mutuals.orgs.models import OrganizationProfile
from tests.factories import make_person

DAY = dt.date(2025, 3, 10)


def test_a_lead_at_an_organisation_uses_the_peoples_organisation(jordan):
    ana = make_person(jordan, "Ana", organization="Orion Labs")
    lead = services.create_lead(owner=jordan, title="Designer", organization=" orion  LABS ")
    assert lead.organization_id == ana.organization_id


def test_moving_logs_each_step_on_the_timeline(jordan):
    lead = services.create_lead(owner=jordan, title="Designer", today=DAY)
    services.move_lead(owner=jordan, lead_id=lead.pk, stage="applied", today=DAY + dt.timedelta(3))
    later = DAY + dt.timedelta(9)
    services.move_lead(owner=jordan, lead_id=lead.pk, stage="closed", reason="No", today=later)
    events = selectors.timeline(owner=jordan, lead_id=lead.pk)
    assert [(e.kind, e.stage, e.occurred_on) for e in events] == [
        ("created", "heard", DAY),
        ("stage", "applied", DAY + dt.timedelta(3)),
        ("stage", "closed", later),
    ]
    lead.refresh_from_db()
    assert (lead.stage, lead.stage_on, lead.closed_reason) == ("closed", later, "No")


def test_a_refused_move_changes_nothing(jordan):
    lead = services.create_lead(owner=jordan, title="Designer")
    with pytest.raises(ValidationError):
        services.move_lead(owner=jordan, lead_id=lead.pk, stage="accepted")
    assert Lead.objects.get(pk=lead.pk).stage == "heard"
    assert LeadEvent.objects.filter(lead=lead).count() == 1


def test_a_person_is_behind_a_lead_once_and_a_new_role_is_logged(jordan):
    rosa = make_person(jordan, "Rosa")
    lead = services.create_lead(owner=jordan, title="X", people=[(rosa.pk, "mentioned")] * 2)
    services.add_person(owner=jordan, lead_id=lead.pk, person_id=rosa.pk, role="referrer")
    assert [(link.person_id, link.role) for link in lead.people.all()] == [(rosa.pk, "referrer")]
    assert LeadEvent.objects.filter(lead=lead, kind="person").count() == 2


def test_leads_for_person_shows_the_latest_move(jordan):
    rosa = make_person(jordan, "Rosa")
    lead = services.create_lead(owner=jordan, title="X", people=[(rosa.pk, "can_help")], today=DAY)
    services.move_lead(owner=jordan, lead_id=lead.pk, stage="referred", today=DAY)
    [found] = selectors.leads_for_person(owner=jordan, person_id=rosa.pk)
    assert (found.lead.pk, found.role, found.latest.stage) == (lead.pk, "can_help", "referred")


def test_riley_cannot_move_or_delete_jordans_lead(jordan, riley):
    lead = services.create_lead(owner=jordan, title="X")
    with pytest.raises(Lead.DoesNotExist):
        services.move_lead(owner=riley, lead_id=lead.pk, stage="applied")
    with pytest.raises(Lead.DoesNotExist):
        services.delete_lead(owner=riley, lead_id=lead.pk)
    assert selectors.leads_for(owner=riley).count() == 0


def test_the_board_counts_every_lead_and_shows_the_most_recent(jordan):
    for n in range(4):
        services.create_lead(owner=jordan, title=f"Role {n}", today=DAY + dt.timedelta(n))
    heard = selectors.board(owner=jordan, per_column=2)[0]
    assert (heard.count, [str(lead) for lead in heard.leads], heard.more) == (
        4,
        ["Role 3", "Role 2"],
        2,
    )


def test_the_organisation_list_skips_empty_organisations(jordan):
    ana = make_person(jordan, "Ana", organization="Orion")
    org_services.organization_named(owner=jordan, name="Nowhere")
    names = [org.name for org in org_selectors.organizations(owner=jordan)]
    assert names == ["Orion"]
    org_services.update_organization(owner=jordan, organization_id=ana.organization_id, notes="n")
    assert OrganizationProfile.objects.get().notes == "n"


def test_demo_leads_are_at_every_stage_and_deterministic():
    network = generate(seed=7, today=DAY)
    first, again = generate_leads(network, seed=7), generate_leads(network, seed=7)
    assert first == again
    stages = {lead.stage for lead in first.leads}
    assert {"heard", "referred", "applied", "interviewing", "offer", "closed"} <= stages
    assert all(lead.stage_on <= DAY for lead in first.leads)


def test_clearing_the_demo_removes_its_leads_and_keeps_the_users(jordan):
    load_demo(owner=jordan)
    demo_org = Lead.objects.filter(owner=jordan).first().organization.name
    mine = services.create_lead(owner=jordan, title="Mine", organization=demo_org)
    clear_demo(owner=jordan)
    assert list(Lead.objects.filter(owner=jordan)) == [mine]
    mine.refresh_from_db()
    assert mine.organization.name == demo_org
    assert not OrganizationProfile.objects.filter(owner=jordan).exists()
