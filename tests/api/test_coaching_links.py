"""/api/coaching: links by consent, levels, ending, and the client's activity."""

from __future__ import annotations

import pytest
from django.test import Client

from mutuals.coaching import services
from mutuals.coaching.access import client_for
from mutuals.coaching.models import CoachLink
from mutuals.core.coaching import Level
from tests.api.conftest import field_errors, token_client
from tests.coach_data import make_coach

JSON = "application/json"


@pytest.fixture(autouse=True)
def jordan_coaches(jordan):
    """Jordan holds the coach role: the coach side of the links here."""
    make_coach(jordan)


@pytest.fixture
def casey_api(casey) -> Client:
    return token_client(casey)


def post(client: Client, path: str, body: dict):
    return client.post(path, body, content_type=JSON)


@pytest.fixture
def active(jordan, riley) -> CoachLink:
    _link, code = services.invite_client(coach=jordan)
    return services.accept(user=riley, code=code)


def test_a_coach_invites_and_the_client_accepts_at_a_level(jordan_api, riley_api, jordan, riley):
    response = post(jordan_api, "/api/coaching/invitations", {})
    assert response.status_code == 201
    invitation = response.json()
    assert invitation["role"] == "coach"
    assert invitation["client"] is None
    assert invitation["waiting_for"] == "client"
    assert invitation["path"] == f"/coaching/join/{invitation['code']}"
    with pytest.raises(CoachLink.DoesNotExist):
        client_for(coach=jordan, client_id=riley.pk, needs=Level.PROGRESS, what="progress")

    accepted = post(riley_api, "/api/coaching/accept", {"code": invitation["code"]})
    assert accepted.status_code == 200
    body = accepted.json()
    assert (body["role"], body["coach"], body["level"], body["state"]) == (
        "client",
        "jordan",
        "progress",
        "active",
    )
    again = post(riley_api, "/api/coaching/accept", {"code": invitation["code"]})
    assert "already been used" in field_errors(again)["code"][0]


def test_a_client_invites_a_coach(riley_api, jordan_api):
    response = post(riley_api, "/api/coaching/invitations", {"coach": "jordan", "level": "plan"})
    assert response.status_code == 201
    assert response.json()["waiting_for"] == "coach"
    listed = jordan_api.get("/api/coaching/links").json()["items"]
    assert [(i["role"], i["client"], i["state"]) for i in listed] == [("coach", "riley", "invited")]
    accepted = post(jordan_api, "/api/coaching/accept", {"code": response.json()["code"]})
    assert accepted.json()["level"] == "plan"


def test_bad_input_names_the_field_and_changes_nothing(riley_api):
    errors = field_errors(post(riley_api, "/api/coaching/invitations", {"coach": "nobody"}))
    assert "no one called 'nobody'" in errors["coach"][0]
    errors = field_errors(post(riley_api, "/api/coaching/invitations", {"coach": "riley"}))
    assert "your own coach" in errors["coach"][0]
    field_errors(post(riley_api, "/api/coaching/invitations", {"coach": "jordan", "level": "x"}))
    errors = field_errors(post(riley_api, "/api/coaching/accept", {"code": "ABCD-EFGH-JKLM"}))
    assert "not one we know" in errors["code"][0]
    assert not CoachLink.objects.exists()


def test_only_the_client_changes_the_level(riley_api, jordan_api, active):
    url = f"/api/coaching/links/{active.pk}"
    refused = jordan_api.patch(url, {"level": "network"}, content_type=JSON)
    assert refused.status_code == 404
    active.refresh_from_db()
    assert active.level == "progress"
    changed = riley_api.patch(url, {"level": "network"}, content_type=JSON)
    assert changed.status_code == 200
    assert changed.json()["level"] == "network"


@pytest.mark.parametrize("side", ["jordan_api", "riley_api"])
def test_either_side_ends_at_once(request, side, active, jordan, riley):
    response = request.getfixturevalue(side).delete(f"/api/coaching/links/{active.pk}")
    assert response.status_code == 204
    with pytest.raises(CoachLink.DoesNotExist):
        client_for(coach=jordan, client_id=riley.pk, needs=Level.PROGRESS, what="progress")
    assert request.getfixturevalue(side).get("/api/coaching/links").json()["items"] == []


def test_another_user_cannot_touch_a_link(casey_api, active):
    url = f"/api/coaching/links/{active.pk}"
    assert casey_api.patch(url, {"level": "network"}, content_type=JSON).status_code == 404
    assert casey_api.delete(url).status_code == 404
    assert casey_api.get("/api/coaching/links").json()["items"] == []
    active.refresh_from_db()
    assert (active.state, active.level) == ("active", "progress")


def test_activity_lists_only_the_clients_records(
    riley_api, casey_api, jordan_api, active, jordan, casey
):
    _link, code = services.invite_client(coach=jordan)
    services.accept(user=casey, code=code)
    client_for(coach=jordan, client_id=active.client_id, needs=Level.PROGRESS, what="goals")
    client_for(coach=jordan, client_id=casey.pk, needs=Level.PROGRESS, what="casey-only")
    body = riley_api.get("/api/coaching/activity").json()
    assert body["count"] == 1
    assert [(i["coach"], i["what"]) for i in body["items"]] == [("jordan", "goals")]
    assert casey_api.get("/api/coaching/activity").json()["items"][0]["what"] == "casey-only"
    assert jordan_api.get("/api/coaching/activity").json() == {"count": 0, "items": []}
    page = riley_api.get("/api/coaching/activity?limit=1&offset=1").json()
    assert page == {"count": 1, "items": []}


def test_every_operation_needs_a_token(db):
    anonymous = Client()
    assert anonymous.get("/api/coaching/links").status_code == 401
    assert anonymous.get("/api/coaching/activity").status_code == 401
    assert post(anonymous, "/api/coaching/invitations", {}).status_code == 401


def test_only_a_coach_invites_clients_and_members_are_named(riley_api, casey):
    errors = field_errors(post(riley_api, "/api/coaching/invitations", {}))
    assert errors["coach"] == [
        "Only a coach can invite or accept clients, and you are not one on this install: "
        "ask the owner to make riley a coach."
    ]
    errors = field_errors(post(riley_api, "/api/coaching/invitations", {"coach": "casey"}))
    assert errors["coach"] == [
        "casey is not a coach on this install: ask the owner to make casey a coach."
    ]
    assert not CoachLink.objects.exists()
