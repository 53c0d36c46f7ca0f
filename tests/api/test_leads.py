"""/api/leads and /api/orgs: add, list, show, move, change, people, delete; strict bodies;
Riley never reaches Jordan's leads or organisations."""

from __future__ import annotations

import pytest

from mutuals.leads import services as leads
from mutuals.leads.models import Lead
from mutuals.orgs.models import OrganizationProfile
from tests.api.conftest import field_errors
from tests.factories import log, make_orion, make_person

JSON = "application/json"
POSTING = "Senior Data Engineer\nOrion · Portland, OR\n\nOrion is hiring a Senior Data Engineer."


@pytest.fixture
def lead(jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    return leads.create_lead(
        owner=jordan, title="Data Engineer", organization="Orion", people=[(rosa.pk, "mentioned")]
    )


def test_it_adds_a_lead_with_the_people_behind_it(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    body = {
        "title": "Designer",
        "organization": "Acme",
        "people": [{"person": rosa.pk, "role": "can_help"}],
    }
    response = jordan_api.post("/api/leads", body, content_type=JSON)
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["stage"], data["stage_words"], data["source"]) == ("heard", "Heard of it", "hand")
    assert data["people"] == [{"id": rosa.pk, "name": "Rosa Núñez", "role": "can_help"}]
    assert data["organization"]["name"] == "Acme"
    assert [event["kind"] for event in data["timeline"]] == ["created", "person"]


def test_it_adds_a_lead_from_a_conversation(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    talk = log(jordan, rosa, "She said Orion is hiring")
    response = jordan_api.post(
        "/api/leads", {"organization": "Orion", "conversation": talk.pk}, content_type=JSON
    )
    assert (response.json()["source"], response.json()["conversation"]) == ("conversation", talk.pk)


def test_it_reads_a_posting(jordan_api, jordan):
    make_orion(jordan)
    response = jordan_api.post("/api/leads/from-posting", {"text": POSTING}, content_type=JSON)
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["title"], data["organization"]["name"], data["location"]) == (
        "Senior Data Engineer",
        "Orion",
        "Portland, OR",
    )
    assert data["source"] == "posting"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "title"),
        ({"title": 5}, "title"),
        ({"title": "X", "stage": "closed"}, "stage"),
        ({"title": "X", "people": [{"person": 1, "role": "boss"}]}, "people"),
        ({"title": "X", "colour": "red"}, "colour"),
        ({"title": "X", "conversation": "1"}, "conversation"),
    ],
)
def test_a_bad_body_is_a_422_naming_the_field(jordan_api, jordan, body, field):
    assert field in field_errors(jordan_api.post("/api/leads", body, content_type=JSON))
    assert not Lead.objects.exists()


def test_it_lists_with_count_and_items_and_filters(jordan_api, jordan, lead):
    leads.create_lead(owner=jordan, title="Other", stage="applied")
    everything = jordan_api.get("/api/leads").json()
    assert everything["count"] == 2
    applied = jordan_api.get("/api/leads", {"stage": "applied"}).json()
    assert [item["title"] for item in applied["items"]] == ["Other"]
    at_orion = jordan_api.get("/api/leads", {"organization": lead.organization_id}).json()
    assert [item["id"] for item in at_orion["items"]] == [lead.pk]
    rosa = lead.people.first().person_id
    assert jordan_api.get("/api/leads", {"person": rosa}).json()["count"] == 1


def test_an_unknown_filter_is_a_422(jordan_api, jordan):
    assert "colour" in field_errors(jordan_api.get("/api/leads", {"colour": "red"}))


def test_patch_moves_a_lead_and_logs_it(jordan_api, lead):
    response = jordan_api.patch(f"/api/leads/{lead.pk}", {"stage": "applied"}, content_type=JSON)
    assert response.status_code == 200
    assert response.json()["stage"] == "applied"
    assert response.json()["timeline"][-1]["stage"] == "applied"


def test_closing_without_a_reason_is_a_422_and_changes_nothing(jordan_api, lead):
    response = jordan_api.patch(f"/api/leads/{lead.pk}", {"stage": "closed"}, content_type=JSON)
    assert "reason" in field_errors(response)
    assert Lead.objects.get(pk=lead.pk).stage == "heard"


def test_closing_with_a_reason_keeps_it(jordan_api, lead):
    body = {"stage": "closed", "reason": "They hired internally"}
    data = jordan_api.patch(f"/api/leads/{lead.pk}", body, content_type=JSON).json()
    assert (data["stage"], data["closed_reason"]) == ("closed", "They hired internally")


def test_accepting_without_an_offer_is_refused(jordan_api, lead):
    response = jordan_api.patch(f"/api/leads/{lead.pk}", {"stage": "accepted"}, content_type=JSON)
    assert "stage" in field_errors(response)


def test_patch_changes_the_title(jordan_api, lead):
    data = jordan_api.patch(
        f"/api/leads/{lead.pk}", {"title": "Staff Engineer"}, content_type=JSON
    ).json()
    assert data["title"] == "Staff Engineer"


def test_people_are_added_and_removed(jordan_api, jordan, lead):
    bruce = make_person(jordan, "Bruce Wayne")
    body = {"person": bruce.pk, "role": "referrer"}
    data = jordan_api.post(f"/api/leads/{lead.pk}/people", body, content_type=JSON).json()
    assert {"id": bruce.pk, "name": "Bruce Wayne", "role": "referrer"} in data["people"]
    data = jordan_api.delete(f"/api/leads/{lead.pk}/people/{bruce.pk}").json()
    assert bruce.pk not in [p["id"] for p in data["people"]]


def test_delete_answers_204(jordan_api, lead):
    assert jordan_api.delete(f"/api/leads/{lead.pk}").status_code == 204
    assert not Lead.objects.exists()
    assert jordan_api.get(f"/api/leads/{lead.pk}").status_code == 404


def test_riley_reaches_none_of_jordans_leads(riley_api, riley, jordan, lead):
    rosa = lead.people.first().person_id
    assert riley_api.get("/api/leads").json() == {"count": 0, "items": []}
    assert riley_api.get(f"/api/leads/{lead.pk}").status_code == 404
    assert (
        riley_api.patch(
            f"/api/leads/{lead.pk}", {"stage": "applied"}, content_type=JSON
        ).status_code
        == 404
    )
    assert riley_api.delete(f"/api/leads/{lead.pk}").status_code == 404
    own = make_person(riley, "Riley's friend")
    body = {"person": own.pk, "role": "referrer"}
    assert (
        riley_api.post(f"/api/leads/{lead.pk}/people", body, content_type=JSON).status_code == 404
    )
    assert riley_api.delete(f"/api/leads/{lead.pk}/people/{rosa}").status_code == 404
    assert riley_api.get("/api/leads", {"person": rosa}).status_code == 404
    assert Lead.objects.get(pk=lead.pk).stage == "heard"
    assert lead.people.count() == 1


def test_riley_cannot_put_jordans_people_or_conversation_on_a_lead(riley_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    talk = log(jordan, rosa)
    body = {"title": "X", "people": [{"person": rosa.pk, "role": "mentioned"}]}
    assert "people" in field_errors(riley_api.post("/api/leads", body, content_type=JSON))
    body = {"title": "X", "conversation": talk.pk}
    assert "conversation" in field_errors(riley_api.post("/api/leads", body, content_type=JSON))
    assert not Lead.objects.exists()


def test_orgs_list_with_counts(jordan_api, jordan, lead):
    make_person(jordan, "Ana", organization="Orion", tier=None)
    data = jordan_api.get("/api/orgs").json()
    assert data == {
        "count": 1,
        "items": [
            {
                "id": lead.organization_id,
                "name": "Orion",
                "people_count": 1,
                "contacts_count": 0,
                "open_leads_count": 1,
            }
        ],
    }
    assert jordan_api.get("/api/orgs", {"q": "nothing"}).json()["count"] == 0


def test_an_org_shows_people_leads_and_paths(jordan_api, jordan):
    _, _, alice = make_orion(jordan)
    data = jordan_api.get(f"/api/orgs/{alice.organization_id}").json()
    assert [p["name"] for p in data["people"]] == ["Alice Oduya"]
    assert data["paths"][0]["kind"] == "introduction"
    assert data["paths"][0]["steps"][0] == {"id": None, "name": "You"}


def test_an_orgs_notes_change_with_patch(jordan_api, jordan):
    ana = make_person(jordan, "Ana", organization="Orion")
    body = {"notes": "Hiring in Q3", "website": "https://orion.example"}
    data = jordan_api.patch(f"/api/orgs/{ana.organization_id}", body, content_type=JSON).json()
    assert (data["notes"], data["website"]) == ("Hiring in Q3", "https://orion.example")
    bad = jordan_api.patch(f"/api/orgs/{ana.organization_id}", {"website": "no"}, content_type=JSON)
    assert "website" in field_errors(bad)


def test_riley_reaches_none_of_jordans_organisations(riley_api, jordan):
    ana = make_person(jordan, "Ana", organization="Orion")
    assert riley_api.get("/api/orgs").json() == {"count": 0, "items": []}
    assert riley_api.get(f"/api/orgs/{ana.organization_id}").status_code == 404
    response = riley_api.patch(
        f"/api/orgs/{ana.organization_id}", {"notes": "x"}, content_type=JSON
    )
    assert response.status_code == 404
    assert not OrganizationProfile.objects.exists()
