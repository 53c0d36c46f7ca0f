"""/api/people/{id}/positions, /api/positions and what /api/orgs/{id} says of people there
before and of you."""

from __future__ import annotations

import pytest

from mutuals.leads.services import create_lead
from mutuals.needs.services import add_need
from mutuals.people.models import Organization, Position
from mutuals.people.positions import add_position
from mutuals.people.services import create_person, update_person
from tests.api.conftest import field_errors
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_someones_positions_are_added_and_listed(jordan_api, jordan):
    rosa = make_person(jordan)
    response = post(
        jordan_api,
        f"/api/people/{rosa.pk}/positions",
        {"organization": "Acme", "title": "Designer", "started_on": "Mar 2019", "ended_on": "2023"},
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["person"], body["started_on"], body["ended_on"], body["current"]) == (
        rosa.pk,
        "2019-03-01",
        "2023-01-01",
        False,
    )
    listed = jordan_api.get(f"/api/people/{rosa.pk}/positions").json()
    assert listed["count"] == 1
    assert listed["items"][0]["organization"]["name"] == "Acme"


def test_your_positions_have_no_person(jordan_api, jordan):
    assert post(jordan_api, "/api/positions", {"organization": "Orion"}).status_code == 201
    listed = jordan_api.get("/api/positions").json()
    assert listed["person"] is None
    assert listed["items"][0]["current"] is True


def test_a_bad_month_is_a_422_naming_the_field(jordan_api, jordan):
    response = post(jordan_api, "/api/positions", {"organization": "Orion", "started_on": "soon"})
    assert list(field_errors(response)) == ["started_on"]
    assert not Position.objects.exists()


def test_a_position_is_removed(jordan_api, jordan):
    position = add_position(owner=jordan, person_id=None, organization="Orion")
    assert jordan_api.delete(f"/api/positions/{position.pk}").status_code == 204
    assert not Position.objects.exists()


def test_nobody_reads_adds_or_removes_someone_elses_positions(riley_api, jordan):
    rosa = make_person(jordan)
    position = add_position(owner=jordan, person_id=rosa.pk, organization="Acme")
    assert riley_api.get(f"/api/people/{rosa.pk}/positions").status_code == 404
    assert (
        post(riley_api, f"/api/people/{rosa.pk}/positions", {"organization": "X"}).status_code
        == 404
    )
    assert riley_api.delete(f"/api/positions/{position.pk}").status_code == 404
    assert riley_api.get("/api/positions").json()["count"] == 0
    assert Position.objects.count() == 1


def test_the_organisation_shows_people_there_before_and_your_time_there(jordan_api, jordan):
    ben = create_person(owner=jordan, name="Ben Before", organization="Orion", title="PM")
    update_person(owner=jordan, person_id=ben.pk, organization="Fabrikam")
    add_position(owner=jordan, person_id=None, organization="Orion", started_on="Mar 2019")
    orion = Organization.objects.get(owner=jordan, name="Orion")
    body = jordan_api.get(f"/api/orgs/{orion.pk}").json()
    assert body["before_count"] == 1
    assert (body["before"][0]["id"], body["before"][0]["title"]) == (ben.pk, "PM")
    assert body["you_worked_here"] == [
        {"title": "", "started_on": "2019-03-01", "ended_on": None, "current": True}
    ]
    assert body["people"] == []
    assert body["paths_before"] == []  # nobody there before is known to anyone you know


def test_a_lead_is_linked_to_the_needs_it_serves_and_lists_them(jordan_api, jordan, riley):
    rosa = make_person(jordan)
    lead = create_lead(owner=jordan, title="Data Engineer", organization="Orion")
    theirs = add_need(owner=jordan, person_id=rosa.pk, text="A data engineering job")
    other = add_need(owner=riley, text="Someone else's need")
    url = f"/api/leads/{lead.pk}/needs"
    body = post(jordan_api, url, {"needs": [theirs.pk, other.pk]}).json()
    assert [(n["id"], n["person"]) for n in body["items"]] == [(theirs.pk, rosa.pk)]
    assert post(jordan_api, url, {"needs": [theirs.pk]}).json()["count"] == 1  # once
    assert jordan_api.get(url).json()["items"][0]["text"] == "A data engineering job"


def test_nobody_reads_or_links_the_needs_of_someone_elses_lead(riley_api, jordan):
    lead = create_lead(owner=jordan, title="Data Engineer")
    assert riley_api.get(f"/api/leads/{lead.pk}/needs").status_code == 404
    assert post(riley_api, f"/api/leads/{lead.pk}/needs", {"needs": [1]}).status_code == 404


def test_patching_someones_organisation_keeps_the_old_one(jordan_api, jordan):
    rosa = create_person(owner=jordan, name="Rosa Núñez", organization="Acme", title="Designer")
    response = jordan_api.patch(
        f"/api/people/{rosa.pk}", {"organization": "Orion"}, content_type="application/json"
    )
    assert response.status_code == 200
    [before] = jordan_api.get(f"/api/people/{rosa.pk}/positions").json()["items"]
    assert (before["organization"]["name"], before["title"], before["source"]) == (
        "Acme",
        "Designer",
        "changed",
    )
