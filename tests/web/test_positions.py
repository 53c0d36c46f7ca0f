"""Work histories on the pages: the person page's "Before" and its list, your own on
/positions/, the organisation page's now and before, and the posting page's needs it serves."""

from __future__ import annotations

import datetime as dt

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from mutuals.leads.models import Lead, LeadNeed
from mutuals.needs.services import add_need
from mutuals.network.services import record_knows
from mutuals.people.models import Organization, Position
from mutuals.people.positions import add_position
from mutuals.people.services import create_person, update_person
from tests.factories import make_orion, make_person

pytestmark = pytest.mark.django_db
DASH = "\u2013"


def test_the_person_page_says_where_they_worked_before_in_one_line(jordan_client, jordan):
    rosa = create_person(owner=jordan, name="Rosa Núñez", organization="Orion")
    add_position(
        owner=jordan, person_id=rosa.pk, organization="Acme", started_on="2019", ended_on="2023"
    )
    response = jordan_client.get(f"/people/{rosa.pk}/")
    assertContains(response, f"Before: Acme (2019{DASH}2023)")
    assertContains(response, "Where they worked")


def test_changing_the_organisation_on_the_edit_form_keeps_the_old_one(jordan_client, jordan):
    rosa = create_person(owner=jordan, name="Rosa Núñez", organization="Acme")
    response = jordan_client.get(f"/people/{rosa.pk}/edit")
    data = {k: v for k, v in response.context["form"].initial.items() if v is not None}
    data.update(name="Rosa Núñez", organization="Orion Labs")
    jordan_client.post(f"/people/{rosa.pk}/edit", data)
    assert [p.organization.name for p in Position.objects.filter(person=rosa)] == ["Acme"]
    assertContains(jordan_client.get(f"/people/{rosa.pk}/"), "Before: Acme")


def test_a_past_position_is_added_from_the_person_page(jordan_client, jordan):
    rosa = make_person(jordan)
    response = jordan_client.post(
        f"/people/{rosa.pk}/positions",
        {
            "position-organization": "Fabrikam",
            "position-title": "Analyst",
            "position-started_on": "Mar 2016",
            "position-ended_on": "2018",
        },
    )
    assert response["Location"] == f"/people/{rosa.pk}/#positions-heading"
    position = Position.objects.get(person=rosa)
    assert (position.started_on, position.ended_on) == (dt.date(2016, 3, 1), dt.date(2018, 1, 1))


def test_a_bad_month_is_said_in_a_sentence_and_adds_nothing(jordan_client, jordan):
    rosa = make_person(jordan)
    response = jordan_client.post(
        f"/people/{rosa.pk}/positions",
        {"position-organization": "Fabrikam", "position-started_on": "sometime"},
        follow=True,
    )
    assertContains(response, "is not a month or a year")
    assert not Position.objects.exists()


def test_removing_a_position_asks_first_then_removes_it(jordan_client, jordan):
    rosa = make_person(jordan)
    position = add_position(owner=jordan, person_id=rosa.pk, organization="Acme")
    confirm = jordan_client.get(f"/positions/{position.pk}/remove")
    assertContains(confirm, "Remove Acme")
    assert Position.objects.exists()
    response = jordan_client.post(f"/positions/{position.pk}/remove")
    assert response["Location"] == f"/people/{rosa.pk}/#positions-heading"
    assert not Position.objects.exists()


def test_your_own_history_is_listed_and_added_on_its_page(jordan_client, jordan):
    assertContains(jordan_client.get("/orgs/"), 'href="/positions/"')
    response = jordan_client.get("/positions/")
    assertContains(response, "No positions yet")
    jordan_client.post(
        "/positions/",
        {"position-organization": "Orion Labs", "position-started_on": "2020"},
    )
    response = jordan_client.get("/positions/")
    assertContains(response, f'Orion Labs</a> <span class="muted">(2020{DASH}now)')


def test_the_organisation_page_splits_now_and_before_and_says_you_worked_there(
    jordan_client, jordan
):
    now = make_person(jordan, "Nora Now", organization="Orion", tier="close")
    before = create_person(owner=jordan, name="Ben Before", organization="Orion")
    update_person(owner=jordan, person_id=before.pk, organization="Fabrikam")
    add_position(
        owner=jordan, person_id=None, organization="Orion", started_on="2019", ended_on="2023"
    )
    orion = Organization.objects.get(owner=jordan, name="Orion")
    response = jordan_client.get(f"/orgs/{orion.pk}/")
    people, former = response.context["page"].people, response.context["page"].before
    assert [p.pk for p in people] == [now.pk]
    assert [f.person.pk for f in former] == [before.pk]
    assertContains(response, "People who worked here before")
    assertContains(response, "now at Fabrikam")
    assertContains(response, f"You worked here (2019{DASH}2023)")


def test_with_nobody_there_now_the_paths_lead_to_people_there_before(jordan_client, jordan):
    _bruce, _, alice = make_orion(jordan, cleo_knows_alice=None)
    update_person(owner=jordan, person_id=alice.pk, organization="Fabrikam")
    orion = Organization.objects.get(owner=jordan, name="Orion")
    response = jordan_client.get(f"/orgs/{orion.pk}/")
    page = response.context["page"]
    assert page.people == []
    assert page.paths == []
    assert page.paths_before[0].target_id == alice.pk
    assertContains(response, "Through people who worked here before")


def test_paths_to_people_there_before_come_after_those_to_people_there_now(jordan_client, jordan):
    _, cleo, alice = make_orion(jordan)  # Bruce and Cleo know Alice, at Orion now
    ben = create_person(owner=jordan, name="Ben Before", organization="Orion")
    update_person(owner=jordan, person_id=ben.pk, organization="Fabrikam")
    record_knows(owner=jordan, person_id=cleo.pk, knows_id=ben.pk, strength=0.8)
    orion = Organization.objects.get(owner=jordan, name="Orion")
    page = jordan_client.get(f"/orgs/{orion.pk}/").context["page"]
    assert {path.target_id for path in page.paths} == {alice.pk}
    assert [path.target_id for path in page.paths_before] == [ben.pk]


def test_nobody_sees_or_removes_someone_elses_positions(riley_client, jordan):
    rosa = make_person(jordan)
    position = add_position(owner=jordan, person_id=rosa.pk, organization="Acme")
    assert riley_client.get(f"/positions/{position.pk}/remove").status_code == 404
    assert riley_client.post(f"/positions/{position.pk}/remove").status_code == 404
    added = riley_client.post(f"/people/{rosa.pk}/positions", {"position-organization": "X"})
    assert added.status_code == 404
    assertNotContains(riley_client.get("/positions/"), "Acme")
    assert Position.objects.count() == 1


POSTING = """Senior Data Engineer
Orion · Portland, OR (Hybrid)

Orion is hiring a Senior Data Engineer to build our data platform with the analytics team.
"""


def test_the_posting_page_shows_the_needs_it_serves_and_saves_the_ticked_ones(
    jordan_client, jordan
):
    rosa = make_person(jordan, "Rosa Núñez")
    theirs = add_need(
        owner=jordan, person_id=rosa.pk, text="Looking for a data engineer role", kind="job_lead"
    )
    mine = add_need(owner=jordan, text="A data platform job in Portland", kind="job_lead")
    add_need(owner=jordan, text="A good dentist", kind="other")
    response = jordan_client.post("/leads/posting", {"posting": POSTING})
    assertContains(response, "Needs it serves")
    served = [found.match.need_id for found in response.context["needs_served"]]
    assert served[0] == mine.pk
    assert theirs.pk in served
    assertNotContains(response, "A good dentist")
    data = {
        "title": "Senior Data Engineer",
        "organization": "Orion",
        "stage": "heard",
        "role": "can_help",
        "posting": POSTING,
        "needs": [str(theirs.pk), "not a number"],
    }
    jordan_client.post("/leads/posting", data)
    lead = Lead.objects.get(owner=jordan)
    assert list(LeadNeed.objects.filter(lead=lead).values_list("need_id", flat=True)) == [theirs.pk]
    page = jordan_client.get(f"/leads/{lead.pk}/")
    assertContains(page, "Needs it serves")
    assertContains(page, "Rosa Núñez</a>: Looking for a data engineer role")


def test_a_need_of_someone_else_is_never_linked(jordan_client, jordan, riley):
    other = add_need(owner=riley, text="Looking for a data engineer role", kind="job_lead")
    data = {
        "title": "Data Engineer",
        "organization": "Orion",
        "stage": "heard",
        "role": "can_help",
        "posting": POSTING,
        "needs": [str(other.pk)],
    }
    jordan_client.post("/leads/posting", data)
    assert Lead.objects.filter(owner=jordan).exists()
    assert not LeadNeed.objects.exists()
