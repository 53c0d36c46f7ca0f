"""/api/paths, /api/people/{id}/who-they-know, /api/intros; Riley never sees Jordan's."""

from __future__ import annotations

import pytest

from mutuals.network.models import Introduction
from tests.api.conftest import field_errors
from tests.factories import make_orion, make_person

JSON = "application/json"


@pytest.fixture
def orion(jordan):
    bruce, _, alice = make_orion(jordan, cleo_knows_alice=None)
    return bruce, alice


def test_paths_to_a_company_are_ranked_and_explained(jordan_api, orion):
    bruce, alice = orion
    body = jordan_api.get("/api/paths", {"company": "orion"}).json()
    [found] = body["paths"]
    assert [p["id"] for p in found["people"]] == [None, bruce.pk, alice.pk]
    assert found["introducer"] == bruce.pk
    assert "worked together at Orion" in found["why"][1]
    assert body["ranking"].startswith("Ranked for an introduction")


def test_paths_need_exactly_one_target(jordan_api, orion):
    response = jordan_api.get("/api/paths", {"company": "orion", "to": "alice"})
    assert "to" in field_errors(response)


def test_paths_of_riley_never_go_through_jordans_people(riley_api, riley, orion):
    make_person(riley, "Alice Oduya", tier=None, organization="Orion")
    assert riley_api.get("/api/paths", {"company": "orion"}).json()["paths"] == []


def test_who_they_know_lists_people_you_do_not(jordan_api, orion):
    bruce, alice = orion
    body = jordan_api.get(f"/api/people/{bruce.pk}/who-they-know").json()
    assert [k["person"]["id"] for k in body["items"]] == [alice.pk]
    assert body["count"] == 1


def test_who_they_know_of_someone_elses_person_is_404(riley_api, orion):
    bruce, _ = orion
    assert riley_api.get(f"/api/people/{bruce.pk}/who-they-know").status_code == 404


def test_requesting_an_introduction_drafts_the_message(jordan_api, jordan, orion):
    bruce, alice = orion
    response = jordan_api.post(
        "/api/intros",
        {"introducer": bruce.pk, "target": alice.pk, "reason": "hiring"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "requested"
    assert body["next"]["draft"]["purpose"] == "intro-request"
    assert body["next"]["moves"] == ["asked", "accepted", "declined", "made"]


def test_requesting_with_someone_elses_person_names_the_field(riley_api, orion):
    bruce, alice = orion
    response = riley_api.post(
        "/api/intros", {"introducer": bruce.pk, "target": alice.pk}, content_type=JSON
    )
    assert "introducer" in field_errors(response)


def test_moving_and_listing(jordan_api, jordan, orion):
    bruce, alice = orion
    made = jordan_api.post(
        "/api/intros", {"introducer": bruce.pk, "target": alice.pk}, content_type=JSON
    ).json()
    moved = jordan_api.post(
        f"/api/intros/{made['id']}/status", {"status": "made"}, content_type=JSON
    ).json()
    assert moved["status"] == "made"
    assert moved["made_on"] is not None
    listed = jordan_api.get("/api/intros", {"status": "made"}).json()
    assert [i["id"] for i in listed["items"]] == [made["id"]]


def test_a_walk_back_is_422_on_status(jordan_api, orion):
    bruce, alice = orion
    made = jordan_api.post(
        "/api/intros", {"introducer": bruce.pk, "target": alice.pk}, content_type=JSON
    ).json()
    jordan_api.post(f"/api/intros/{made['id']}/status", {"status": "made"}, content_type=JSON)
    response = jordan_api.post(
        f"/api/intros/{made['id']}/status", {"status": "asked"}, content_type=JSON
    )
    assert "status" in field_errors(response)


def test_an_offer_starts_requested_with_the_opt_in_question(jordan_api, jordan, orion):
    bruce, _ = orion
    cleo = make_person(jordan, "Cleo Park")
    response = jordan_api.post(
        "/api/intros/offer", {"seeker": bruce.pk, "target": cleo.pk}, content_type=JSON
    )
    assert response.status_code == 201, response.content
    assert response.json()["next"]["draft"]["purpose"] == "intro-offer"


def test_riley_cannot_read_move_or_delete_jordans(jordan_api, riley_api, orion):
    bruce, alice = orion
    made = jordan_api.post(
        "/api/intros", {"introducer": bruce.pk, "target": alice.pk}, content_type=JSON
    ).json()
    assert riley_api.get(f"/api/intros/{made['id']}").status_code == 404
    moved = riley_api.post(
        f"/api/intros/{made['id']}/status", {"status": "made"}, content_type=JSON
    )
    assert moved.status_code == 404
    assert riley_api.delete(f"/api/intros/{made['id']}").status_code == 404
    assert riley_api.get("/api/intros").json() == {"count": 0, "items": []}


def test_delete_removes_it(jordan_api, jordan, orion):
    bruce, alice = orion
    made = jordan_api.post(
        "/api/intros", {"introducer": bruce.pk, "target": alice.pk}, content_type=JSON
    ).json()
    assert jordan_api.delete(f"/api/intros/{made['id']}").status_code == 204
    assert not Introduction.objects.filter(owner=jordan).exists()
