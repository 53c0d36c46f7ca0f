"""/api/leads for the job search: the interview day, accepting an offer (what landing
changed), GET /api/leads/thanks, follow-ups and referral thanks; /api/today's search items;
Riley never reaches Jordan's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from mutuals.accounts.selectors import preferences_of
from mutuals.leads import services as leads
from mutuals.leads.models import Lead, LeadEvent
from mutuals.ledger.models import Exchange
from tests.api.conftest import field_errors
from tests.factories import make_person

JSON = "application/json"


@pytest.fixture
def lead(jordan):
    ana = make_person(jordan, "Ana Ruiz", organization="Orion")
    return leads.create_lead(
        owner=jordan, title="Product Designer", organization="Orion", people=[(ana.pk, "referrer")]
    )


def patch(client, lead, body):
    return client.patch(f"/api/leads/{lead.pk}", body, content_type=JSON)


def test_a_move_to_interviewing_carries_the_day(jordan_api, lead):
    response = patch(jordan_api, lead, {"stage": "interviewing", "interview_on": "2030-05-14"})
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["stage"], data["interview_on"], data["landed"]) == (
        "interviewing",
        "2030-05-14",
        None,
    )
    response = patch(jordan_api, lead, {"interview_on": "2030-05-15"})
    assert response.json()["interview_on"] == "2030-05-15"


def test_a_bad_interview_day_is_a_422_naming_it(jordan_api, lead):
    assert "interview_on" in field_errors(patch(jordan_api, lead, {"interview_on": "soon"}))
    errors = field_errors(
        patch(jordan_api, lead, {"stage": "applied", "interview_on": "2030-05-14", "x": 1})
    )
    assert errors
    assert Lead.objects.get(pk=lead.pk).stage == "heard"


def test_accepting_answers_what_landing_changed(jordan_api, jordan, lead):
    leads.move_lead(owner=jordan, lead_id=lead.pk, stage="offer")
    data = patch(jordan_api, lead, {"stage": "accepted"}).json()
    today = timezone.localdate()
    assert data["landed"] == {
        "on": today.isoformat(),
        "mode": "keep_in_touch",
        "check_in_on": (today + dt.timedelta(days=90)).isoformat(),
        "check_ins": 1,
        "helpers": 1,
    }
    assert data["back_to_searching"] is False
    assert preferences_of(jordan).landed_on == today
    back = patch(jordan_api, lead, {"stage": "offer"}).json()
    assert (back["landed"], back["back_to_searching"]) == (None, True)


def test_thanks_lists_everyone_who_helped(jordan_api, jordan, lead):
    leads.move_lead(owner=jordan, lead_id=lead.pk, stage="offer")
    leads.move_lead(owner=jordan, lead_id=lead.pk, stage="accepted")
    response = jordan_api.get("/api/leads/thanks")
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["count"], data["waiting"], data["landed_lead"]) == (
        1,
        1,
        "Product Designer at Orion",
    )
    [item] = data["items"]
    assert item["person"]["name"] == "Ana Ruiz"
    assert item["helped"] == ["referred you for Product Designer at Orion"]
    assert item["thanked"] is False
    assert "Ana" in item["draft"]["text"]


def test_followed_up_and_thanked(jordan_api, jordan, lead):
    ana = lead.people.get().person
    response = jordan_api.post(f"/api/leads/{lead.pk}/followed-up")
    assert response.status_code == 200, response.content
    assert response.json()["timeline"][-1]["text"] == "Followed up"
    response = jordan_api.post(
        f"/api/leads/{lead.pk}/thanked", {"person": ana.pk}, content_type=JSON
    )
    assert response.status_code == 200, response.content
    assert response.json()["thanked_on"] == timezone.localdate().isoformat()
    stranger = make_person(jordan, "Bo Li")
    errors = field_errors(
        jordan_api.post(f"/api/leads/{lead.pk}/thanked", {"person": stranger.pk}, content_type=JSON)
    )
    assert "person" in errors


def test_today_carries_the_lead_of_a_search_item(jordan_api, jordan, lead):
    leads.move_lead(owner=jordan, lead_id=lead.pk, stage="referred")
    items = jordan_api.get("/api/today").json()["items"]
    [item] = [i for i in items if i["kind"] == "referral_thanks"]
    assert (item["lead_id"], item["about"], item["event_id"]) == (
        lead.pk,
        "Product Designer at Orion",
        None,
    )


@pytest.mark.parametrize(
    ("method", "address", "body"),
    [
        ("post", "/api/leads/{lead}/followed-up", None),
        ("post", "/api/leads/{lead}/thanked", {"person": 0}),
        ("patch", "/api/leads/{lead}", {"stage": "interviewing", "interview_on": "2030-01-01"}),
    ],
)
def test_riley_gets_404_on_jordans_lead(riley_api, lead, method, address, body):
    if body and "person" in body:
        body = {"person": lead.people.get().person_id}
    url = address.format(lead=lead.pk)
    response = getattr(riley_api, method)(url, body or {}, content_type=JSON)
    assert response.status_code == 404
    assert not LeadEvent.objects.filter(kind="note").exists()
    assert not Exchange.objects.exists()
    assert Lead.objects.get(pk=lead.pk).interview_on is None


def test_riley_sees_none_of_jordans_helpers(riley_api, jordan, lead):
    leads.move_lead(owner=jordan, lead_id=lead.pk, stage="offer")
    leads.move_lead(owner=jordan, lead_id=lead.pk, stage="accepted")
    assert riley_api.get("/api/leads/thanks").json()["count"] == 0
