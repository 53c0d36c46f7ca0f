"""/api/events and /api/communities: add, list, show, change, people, delete; strict bodies
with 422s naming the field; Riley never reaches Jordan's events or communities."""

from __future__ import annotations

import datetime as dt

import pytest

from mutuals.events import services
from mutuals.events.models import Community, Event, EventPerson
from tests.api.conftest import field_errors
from tests.factories import make_person

JSON = "application/json"
DAY = dt.date(2025, 11, 20)


@pytest.fixture
def event(jordan):
    ana = make_person(jordan, "Ana Ruiz")
    return services.create_event(
        owner=jordan,
        name="Product meetup",
        day=DAY,
        community="Product Circle",
        people=[(ana.pk, True)],
    )


def test_it_adds_an_event_with_the_people_met_there(jordan_api, jordan):
    ana, bo = make_person(jordan, "Ana Ruiz"), make_person(jordan, "Bo Li")
    body = {
        "name": "Product meetup",
        "day": "2026-11-20",
        "community": "Product Circle",
        "people": [{"person": ana.pk}, {"person": bo.pk, "met_here": False}],
    }
    response = jordan_api.post("/api/events", body, content_type=JSON)
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["kind"], data["kind_words"], data["day"]) == ("meetup", "meetup", "2026-11-20")
    assert data["community"]["name"] == "Product Circle"
    assert {(p["name"], p["met_here"]) for p in data["people"]} == {
        ("Ana Ruiz", True),
        ("Bo Li", False),
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"day": "2026-11-20"}, "name"),
        ({"name": "X"}, "day"),
        ({"name": "X", "day": "20/11/2026"}, "day"),
        ({"name": "X", "day": 20261120}, "day"),
        ({"name": "X", "day": "2026-11-20", "kind": "party"}, "kind"),
        ({"name": "X", "day": "2026-11-20", "colour": "red"}, "colour"),
        ({"name": " ", "day": "2026-11-20"}, "name"),
        ({"name": "X", "day": "2026-11-20", "place": "x" * 201}, "place"),
    ],
)
def test_bad_input_is_a_422_naming_the_field_and_adds_nothing(jordan_api, body, field):
    assert field in field_errors(jordan_api.post("/api/events", body, content_type=JSON))
    assert not Event.objects.exists()


def test_it_lists_events_with_count_and_filters(jordan_api, jordan, event):
    services.create_event(owner=jordan, name="Later", day=DAY + dt.timedelta(days=10))
    data = jordan_api.get("/api/events").json()
    assert data["count"] == 2
    assert [e["name"] for e in data["items"]] == ["Later", "Product meetup"]
    ana = event.people.get().person_id
    assert jordan_api.get("/api/events", {"person": ana}).json()["count"] == 1
    assert jordan_api.get("/api/events", {"community": event.community_id}).json()["count"] == 1
    assert jordan_api.get("/api/events", {"since": "2025-11-21"}).json()["count"] == 1
    assert jordan_api.get("/api/events", {"until": "2025-11-20"}).json()["count"] == 1
    assert jordan_api.get("/api/events", {"colour": "red"}).status_code == 422


def test_it_shows_changes_and_deletes_an_event(jordan_api, event):
    assert jordan_api.get(f"/api/events/{event.pk}").json()["name"] == "Product meetup"
    changed = jordan_api.patch(
        f"/api/events/{event.pk}", {"place": "Library", "community": ""}, content_type=JSON
    ).json()
    assert (changed["place"], changed["community"]) == ("Library", None)
    assert jordan_api.delete(f"/api/events/{event.pk}").status_code == 204
    assert not Event.objects.exists()


def test_people_are_added_and_taken_off(jordan_api, jordan, event):
    bo = make_person(jordan, "Bo Li")
    data = jordan_api.post(
        f"/api/events/{event.pk}/people", {"person": bo.pk}, content_type=JSON
    ).json()
    assert {p["name"]: p["met_here"] for p in data["people"]} == {"Ana Ruiz": True, "Bo Li": True}
    data = jordan_api.delete(f"/api/events/{event.pk}/people/{bo.pk}").json()
    assert [p["name"] for p in data["people"]] == ["Ana Ruiz"]
    missing = jordan_api.delete(f"/api/events/{event.pk}/people/{bo.pk}")
    assert "person" in field_errors(missing)


def test_communities_are_listed_shown_added_changed_and_deleted(jordan_api, event):
    data = jordan_api.get("/api/communities").json()
    assert data["count"] == 1
    assert data["items"][0]["people_count"] == 1
    assert data["items"][0]["last_went"] == "2025-11-20"
    shown = jordan_api.get(f"/api/communities/{event.community_id}").json()
    assert [p["name"] for p in shown["people"]] == ["Ana Ruiz"]
    assert [e["name"] for e in shown["events"]] == ["Product meetup"]
    added = jordan_api.post(
        "/api/communities", {"name": "Runners", "kind": "club"}, content_type=JSON
    )
    assert added.status_code == 201
    twin = jordan_api.post("/api/communities", {"name": "runners"}, content_type=JSON)
    assert "name" in field_errors(twin)
    runners = added.json()["id"]
    patched = jordan_api.patch(
        f"/api/communities/{runners}", {"notes": "Saturdays"}, content_type=JSON
    )
    assert patched.json()["notes"] == "Saturdays"
    assert "kind" in field_errors(
        jordan_api.patch(f"/api/communities/{runners}", {"kind": "gang"}, content_type=JSON)
    )
    assert jordan_api.delete(f"/api/communities/{runners}").status_code == 204
    assert Community.objects.count() == 1


def test_riley_reaches_none_of_jordans_events_or_communities(riley_api, riley, event):
    assert riley_api.get("/api/events").json() == {"count": 0, "items": []}
    assert riley_api.get("/api/communities").json() == {"count": 0, "items": []}
    assert riley_api.get(f"/api/events/{event.pk}").status_code == 404
    assert (
        riley_api.patch(f"/api/events/{event.pk}", {"name": "Mine"}, content_type=JSON).status_code
        == 404
    )
    assert riley_api.delete(f"/api/events/{event.pk}").status_code == 404
    own = make_person(riley, "Riley's friend")
    body = {"person": own.pk}
    assert (
        riley_api.post(f"/api/events/{event.pk}/people", body, content_type=JSON).status_code == 404
    )
    ana = event.people.get().person_id
    assert riley_api.delete(f"/api/events/{event.pk}/people/{ana}").status_code == 404
    assert riley_api.get("/api/events", {"person": ana}).status_code == 404
    assert riley_api.get("/api/events", {"community": event.community_id}).status_code == 404
    community = f"/api/communities/{event.community_id}"
    assert riley_api.get(community).status_code == 404
    assert riley_api.patch(community, {"notes": "x"}, content_type=JSON).status_code == 404
    assert riley_api.delete(community).status_code == 404
    assert Event.objects.get(pk=event.pk).name == "Product meetup"
    assert EventPerson.objects.filter(event=event).count() == 1
    assert Community.objects.filter(owner=event.owner).count() == 1


def test_riley_cannot_put_jordans_people_on_his_event(riley_api, riley, jordan):
    rosa = make_person(jordan)
    body = {"name": "Mine", "day": "2026-11-20", "people": [{"person": rosa.pk}]}
    assert "people" in field_errors(riley_api.post("/api/events", body, content_type=JSON))
    mine = services.create_event(owner=riley, name="Mine", day=DAY)
    answer = riley_api.post(f"/api/events/{mine.pk}/people", {"person": rosa.pk}, content_type=JSON)
    assert "person" in field_errors(answer)
    assert not EventPerson.objects.exists()
