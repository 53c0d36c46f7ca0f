"""The Match page knows which side people are on, and who you know where the text points."""

import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from mutuals.needs import services
from tests.factories import make_orion, make_person

POSTING = (
    "Copperleaf Systems is hiring a backend engineer to build our billing platform in Python "
    "and Postgres. Join Copperleaf in Leeds."
)


def add_need(owner, person, text, **fields):
    return services.add_need(
        owner=owner, person_id=person.pk if person else None, text=text, **fields
    )


def match(client, text=POSTING):
    return client.post("/match/", {"text": text})


def section(response, heading_id):
    body = response.content.decode()
    start = body.index(f'id="{heading_id}"')
    return body[start : body.index("</section>", start)]


def test_leads_things_to_share_and_your_own_come_under_their_own_headings(jordan_client, jordan):
    sam, mina = make_person(jordan, "Sam Okafor"), make_person(jordan, "Mina Wójcik")
    add_need(jordan, sam, "Hiring a backend engineer for the billing team")
    add_need(jordan, mina, "Looking for a backend engineer role in Python")
    add_need(jordan, None, "Backend engineer roles in Leeds")
    response = match(jordan_client)
    assertContains(response, '<h3 id="leads-heading">Leads: people hiring or offering</h3>')
    assertContains(response, "To share: people looking for something like this")
    assertContains(response, '<h3 id="yours-heading">Your own needs</h3>')
    leads, share = section(response, "leads-heading"), section(response, "share-heading")
    assert "Sam Okafor" in leads
    assert "Mina" not in leads
    assert "Mina Wójcik" in share
    assert "Sam" not in share
    assert "Backend engineer roles in Leeds" in section(response, "yours-heading")


def test_a_lead_offers_to_write_to_them_not_to_mark_their_need_helped(jordan_client, jordan):
    sam = make_person(jordan, "Sam Okafor")
    need = add_need(jordan, sam, "Hiring a backend engineer", kind="hire")
    response = match(jordan_client)
    leads = section(response, "leads-heading")
    assert f'href="/compose/?person={sam.pk}"' in leads
    assert "→ Ask Sam about the role" in leads
    assert f"/needs/{need.pk}/helped" not in leads
    assert "Log a give" not in leads


def test_a_thing_to_share_offers_to_write_mark_helped_and_log_a_give(jordan_client, jordan):
    mina = make_person(jordan, "Mina Wójcik")
    need = add_need(jordan, mina, "Looking for a backend engineer role", kind="job_lead")
    share = section(match(jordan_client), "share-heading")
    assert f'href="/compose/?person={mina.pk}&amp;purpose=share"' in share
    assert f'action="/needs/{need.pk}/helped"' in share
    assert "Log a give" in share


def test_empty_groups_have_no_heading(jordan_client, jordan):
    add_need(jordan, make_person(jordan), "Looking for a backend engineer role")
    response = match(jordan_client)
    assertNotContains(response, "leads-heading")
    assertNotContains(response, "yours-heading")


def test_no_score_is_shown_as_a_number(jordan_client, jordan):
    add_need(jordan, make_person(jordan), "Looking for a backend engineer role in Python")
    add_need(jordan, make_person(jordan, "Sam Okafor"), "Hiring a Postgres engineer")
    make_orion(jordan)
    body = match(jordan_client, POSTING + " Orion too.").content.decode()
    visible = re.sub(r'title="[^"]*"', "", body)
    assert not re.search(r"\b\d+\.\d+\b", visible)
    assert "score" not in visible.lower()


def test_a_named_organisation_shows_the_people_you_know_there(jordan_client, jordan):
    ben = make_person(jordan, "Ben Near", tier="close", organization="Copperleaf Systems")
    cy = make_person(jordan, "Cy Heard", tier=None, organization="Copperleaf Systems")
    response = match(jordan_client)
    assertContains(response, "You know 1 person at Copperleaf Systems, and know of 1 more</h3>")
    assertContains(response, f'<a href="/people/{ben.pk}/">Ben Near</a>', html=True)
    assertContains(response, f'<a href="/people/{cy.pk}/">Cy Heard</a>', html=True)
    assertContains(response, "· close")
    assertContains(response, "· known of")


def test_a_named_organisation_shows_the_best_warm_paths_and_links_to_more(jordan_client, jordan):
    bruce, _, alice = make_orion(jordan)
    response = match(jordan_client, "Orion is hiring an engineering manager.")
    assertContains(response, "You know of 1 person at Orion</h3>")
    assertContains(response, "Best warm paths")
    assertContains(response, f'<a href="/people/{bruce.pk}/">Bruce Wayne</a>', html=True)
    assertContains(response, f"/introductions/new?introducer={bruce.pk}&amp;target={alice.pk}")
    assertContains(response, "/network/?kind=company&amp;q=Orion&amp;mode=intro&amp;k=5#paths")


def test_the_network_link_opens_the_same_paths(jordan_client, jordan):
    make_orion(jordan)
    response = jordan_client.get("/network/?kind=company&q=Orion&mode=intro&k=5")
    assert response.context["searched"]


def test_an_organisation_without_open_needs_still_shows(jordan_client, jordan):
    make_person(jordan, "Ben Near", organization="Copperleaf Systems")
    response = match(jordan_client)
    assertContains(response, "You know 1 person at Copperleaf Systems")
    assertContains(response, "What this text means for your network")


def test_riley_never_sees_jordans_people_at_a_named_organisation(riley_client, jordan):
    make_person(jordan, "Ben Near", organization="Copperleaf Systems")
    response = match(riley_client)
    assertNotContains(response, "Ben Near")
    assertNotContains(response, "You know")
    assert response.context["result"].organisations == []


@pytest.mark.parametrize("people", [2, 8])
def test_an_organisation_costs_the_same_queries_however_many_people(
    jordan_client, jordan, people, django_assert_num_queries
):
    for i in range(people):
        make_person(jordan, f"Person {i:02d}", organization="Copperleaf Systems")
    add_need(jordan, make_person(jordan, "Mina Wójcik"), "Looking for a backend role")
    jordan_client.get("/match/")
    match(jordan_client)  # builds the warm-path graph once
    # session, user, three for the needs, the organisations, the company's people, the owner's
    # records version (the kept graph), the people listed
    with django_assert_num_queries(9):
        response = match(jordan_client)
    assert response.context["result"].organisations[0].people_count == people
