"""Organisation pages: the list with counts and search, and one organisation's page (people
there, leads, warm paths, notes); Riley never sees Jordan's."""

from __future__ import annotations

from pytest_django.asserts import assertContains, assertNotContains

from mutuals.leads import services as leads
from mutuals.orgs.models import OrganizationProfile
from tests.factories import make_orion, make_person


def test_the_list_counts_people_and_open_leads(jordan_client, jordan):
    make_orion(jordan)
    leads.create_lead(owner=jordan, title="Designer", organization="Orion")
    response = jordan_client.get("/orgs/")
    row = next(org for org in response.context["organizations"] if org.name == "Orion")
    assert (row.people_count, row.contacts_count, row.leads_count) == (1, 0, 1)
    assertContains(response, "Orion")


def test_the_list_searches_by_name(jordan_client, jordan):
    make_person(jordan, "Ana", organization="Orion")
    make_person(jordan, "Bo", organization="Copperleaf")
    response = jordan_client.get("/orgs/", {"q": "copper"})
    assertContains(response, "Copperleaf")
    assertNotContains(response, "Orion")


def test_an_empty_list_says_where_organisations_come_from(jordan_client):
    assertContains(jordan_client.get("/orgs/"), "No organisations yet")


def test_the_page_shows_people_there_leads_and_a_warm_path(jordan_client, jordan):
    _, _, alice = make_orion(jordan)
    lead = leads.create_lead(owner=jordan, title="Designer", organization="Orion")
    response = jordan_client.get(f"/orgs/{alice.organization_id}/")
    assertContains(response, "Alice Oduya")
    assertContains(response, f'href="/leads/{lead.pk}/"')
    assertContains(response, "Ask for this introduction")  # you → Bruce → Alice


def test_notes_and_website_are_saved(jordan_client, jordan):
    ana = make_person(jordan, "Ana", organization="Orion")
    url = f"/orgs/{ana.organization_id}/"
    response = jordan_client.post(url, {"website": "orion.example", "notes": "Hiring in Q3"})
    assert response["Location"] == url
    profile = OrganizationProfile.objects.get(organization_id=ana.organization_id)
    assert (profile.website, profile.notes) == ("https://orion.example", "Hiring in Q3")


def test_a_bad_website_is_named_and_nothing_is_saved(jordan_client, jordan):
    ana = make_person(jordan, "Ana", organization="Orion")
    response = jordan_client.post(
        f"/orgs/{ana.organization_id}/", {"website": "not a site", "notes": "x"}
    )
    assertContains(response, "Give the website as an address")
    assert not OrganizationProfile.objects.filter(notes="x").exists()


def test_riley_gets_404_on_jordans_organisation(riley_client, jordan):
    ana = make_person(jordan, "Ana", organization="Orion")
    url = f"/orgs/{ana.organization_id}/"
    assert riley_client.get(url).status_code == 404
    assert riley_client.post(url, {"notes": "mine now"}).status_code == 404
    assert not OrganizationProfile.objects.exists()
    assertNotContains(riley_client.get("/orgs/"), "Orion")
