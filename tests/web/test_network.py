"""The network pages: warm paths, the map, introductions, and who someone knows."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from mutuals.network.models import Introduction, Knows
from tests.factories import make_orion, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def orion(jordan):
    bruce, _, alice = make_orion(jordan, cleo_knows_alice=None)
    return bruce, alice


def test_the_page_asks_where_to_look_before_searching(jordan_client):
    response = jordan_client.get("/network/")
    assertContains(response, "Find a way in")
    assertNotContains(response, "Paths to")


def test_a_company_search_shows_explained_paths_with_an_ask_button(jordan_client, orion):
    bruce, alice = orion
    response = jordan_client.get(
        "/network/", {"kind": "company", "q": "orion", "mode": "intro", "k": 5}
    )
    assertContains(response, "Paths to anyone at Orion")
    assertContains(response, "Bruce Wayne knows Alice Oduya (worked together at Orion)")
    assertContains(response, "Ranked for an introduction")
    assertContains(response, f"/introductions/new?introducer={bruce.pk}&amp;target={alice.pk}")


def test_an_unknown_company_is_an_error_on_the_field(jordan_client, orion):
    response = jordan_client.get(
        "/network/", {"kind": "company", "q": "acme", "mode": "intro", "k": 5}
    )
    assertContains(response, "No one at an organisation called")


def test_riley_finds_nothing_of_jordans(riley_client, orion):
    response = riley_client.get(
        "/network/", {"kind": "company", "q": "orion", "mode": "intro", "k": 5}
    )
    assertNotContains(response, "Alice Oduya")


def test_the_request_page_drafts_before_recording(jordan_client, jordan, orion):
    bruce, alice = orion
    response = jordan_client.get("/introductions/new", {"introducer": bruce.pk, "target": alice.pk})
    assertContains(response, "Ask Bruce Wayne to introduce you to Alice Oduya")
    assertContains(response, "Here is a short note you could forward")
    assert not Introduction.objects.filter(owner=jordan).exists()


def test_recording_the_request_goes_to_its_page(jordan_client, jordan, orion):
    bruce, alice = orion
    response = jordan_client.post(
        "/introductions/new", {"introducer": bruce.pk, "target": alice.pk, "reason": "hiring"}
    )
    intro = Introduction.objects.get(owner=jordan)
    assertRedirects(response, f"/introductions/{intro.pk}/")
    page = jordan_client.get(f"/introductions/{intro.pk}/")
    assertContains(page, "waiting for the introducer")
    assertContains(page, "Bruce introduced me to Alice")


def test_the_request_page_for_someone_elses_person_is_not_found(riley_client, orion):
    bruce, alice = orion
    response = riley_client.get("/introductions/new", {"introducer": bruce.pk, "target": alice.pk})
    assert response.status_code == 404


def test_moving_it_on_records_the_step(jordan_client, jordan, orion):
    bruce, alice = orion
    jordan_client.post("/introductions/new", {"introducer": bruce.pk, "target": alice.pk})
    intro = Introduction.objects.get(owner=jordan)
    jordan_client.post(f"/introductions/{intro.pk}/move", {"status": "made"})
    intro.refresh_from_db()
    assert intro.status == "made"
    page = jordan_client.get(f"/introductions/{intro.pk}/")
    assertContains(page, "thank the introducer")


def test_a_walk_back_is_refused_with_a_message(jordan_client, jordan, orion):
    bruce, alice = orion
    jordan_client.post("/introductions/new", {"introducer": bruce.pk, "target": alice.pk})
    intro = Introduction.objects.get(owner=jordan)
    jordan_client.post(f"/introductions/{intro.pk}/move", {"status": "made"})
    response = jordan_client.post(
        f"/introductions/{intro.pk}/move", {"status": "asked"}, follow=True
    )
    assertContains(response, "from there it can go to: thanked")


def test_riley_cannot_move_or_delete_jordans(riley_client, jordan_client, jordan, orion):
    bruce, alice = orion
    jordan_client.post("/introductions/new", {"introducer": bruce.pk, "target": alice.pk})
    intro = Introduction.objects.get(owner=jordan)
    assert (
        riley_client.post(f"/introductions/{intro.pk}/move", {"status": "made"}).status_code == 404
    )
    assert riley_client.post(f"/introductions/{intro.pk}/delete").status_code == 404
    assert riley_client.get(f"/introductions/{intro.pk}/").status_code == 404


def test_deleting_asks_for_confirmation_and_keeps_the_ledger(jordan_client, jordan, orion):
    bruce, alice = orion
    jordan_client.post("/introductions/new", {"introducer": bruce.pk, "target": alice.pk})
    intro = Introduction.objects.get(owner=jordan)
    assertContains(jordan_client.get(f"/introductions/{intro.pk}/"), "Yes, delete it")
    jordan_client.post(f"/introductions/{intro.pk}/delete")
    assert not Introduction.objects.filter(owner=jordan).exists()


def test_the_list_is_empty_with_a_way_forward(jordan_client):
    assertContains(jordan_client.get("/introductions/"), "No introductions yet")


def test_the_map_is_an_svg_of_your_people_with_links(jordan_client, orion):
    bruce, _ = orion
    response = jordan_client.get("/network/map")
    html = response.content.decode()
    svg = html[html.index("<svg") : html.index("</svg>") + len("</svg>")]
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert f"/people/{bruce.pk}/" in svg
    assertContains(response, "Work")


def test_the_map_groups_by_organisation_on_request(jordan_client, orion):
    response = jordan_client.get("/network/map", {"group_by": "organization"})
    assertContains(response, "Orion")


def test_the_person_page_lists_who_they_know_that_you_dont(jordan_client, orion):
    bruce, _ = orion
    response = jordan_client.get(f"/people/{bruce.pk}/")
    assertContains(response, "Who they know that you don't")
    assertContains(response, "Ask for an introduction")
    assertContains(response, "worked together at Orion")


def test_noting_who_they_know_adds_a_new_person_you_know_of(jordan_client, jordan, orion):
    bruce, _ = orion
    response = jordan_client.post(
        f"/people/{bruce.pk}/knows",
        {"knows-name": "Zoe Quist", "knows-note": "climbing club", "knows-strength": "0.8"},
    )
    assert response.status_code == 302
    edge = Knows.objects.get(owner=jordan, note="climbing club")
    assert edge.strength == 0.8


def test_noting_without_a_name_shows_the_error(jordan_client, orion):
    bruce, _ = orion
    response = jordan_client.post(
        f"/people/{bruce.pk}/knows", {"knows-name": "", "knows-strength": "0.5"}
    )
    assert response.status_code == 200
    assertContains(response, "This field is required")


def test_offering_an_introduction_between_two_people_asks_the_first_one(jordan_client, jordan):
    make_person(jordan, "Dana Scully")
    make_person(jordan, "Eli Moss")
    response = jordan_client.post(
        "/introductions/",
        {"offer-seeker": "dana", "offer-target": "eli", "offer-reason": "both into product"},
        follow=True,
    )
    intro = Introduction.objects.get(owner=jordan)
    assert intro.introducer_id is None
    assertContains(response, "Would you like me to introduce you to Eli Moss")


def test_offering_to_an_unknown_name_shows_the_field_error(jordan_client, jordan):
    make_person(jordan, "Dana Scully")
    response = jordan_client.post(
        "/introductions/", {"offer-seeker": "dana", "offer-target": "zed"}
    )
    assertContains(response, "Nobody called")
    assert not Introduction.objects.filter(owner=jordan).exists()
