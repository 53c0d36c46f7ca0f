"""/api/assignments (the client) and /api/coach/assignments (the coach)."""

from __future__ import annotations

import pytest

from mutuals.assignments import services
from mutuals.assignments.models import Assignment
from mutuals.coaching.models import CoachLink
from tests.api.conftest import field_errors, token_client
from tests.coach_data import make_coach

JSON = "application/json"


@pytest.fixture
def casey_api(casey):
    return token_client(casey)


@pytest.fixture
def linked(casey, jordan):
    make_coach(casey)
    return CoachLink.objects.create(
        coach=casey, client=jordan, level="progress", state="active", invited_by="coach"
    )


def set_one(casey, jordan, key="thank-three"):
    return services.assign(coach=casey, client_ids=[jordan.pk], template_key=key)[0]


def test_a_coach_sets_an_assignment_and_it_is_on_the_clients_today(
    casey_api, jordan_api, jordan, linked
):
    response = casey_api.post(
        "/api/coach/assignments",
        {"clients": [jordan.pk], "template": "ask-for-advice", "title": "Ask Ana for advice"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    (made,) = response.json()["assignments"]
    assert made["title"] == "Ask Ana for advice"
    assert made["template"] == "ask-for-advice"
    assert made["client"] == {"id": jordan.pk, "name": "jordan"}
    (item,) = jordan_api.get("/api/today").json()["items"]
    assert (item["kind"], item["assignment_id"], item["about"]) == (
        "assignment",
        made["id"],
        "Ask Ana for advice",
    )


def test_the_templates_are_listed(casey_api):
    keys = [t["key"] for t in casey_api.get("/api/coach/assignments/templates").json()["templates"]]
    assert "give-to-dormant-tie" in keys


def test_bad_input_is_a_422_naming_the_field(casey_api, jordan, linked):
    body = {"clients": [jordan.pk], "title": "X", "due_on": "2001-01-01"}
    assert "due_on" in field_errors(casey_api.post("/api/coach/assignments", body, JSON))
    body = {"clients": [jordan.pk]}
    assert "title" in field_errors(casey_api.post("/api/coach/assignments", body, JSON))
    assert not Assignment.objects.exists()


def test_a_coach_not_linked_gets_a_404_and_writes_nothing(casey_api, riley_api, jordan, riley):
    body = {"clients": [jordan.pk], "template": "thank-three"}
    assert casey_api.post("/api/coach/assignments", body, JSON).status_code == 404
    make_coach(riley)
    CoachLink.objects.create(coach=riley, client=jordan, state="ended", invited_by="coach")
    assert riley_api.post("/api/coach/assignments", body, JSON).status_code == 404
    assert not Assignment.objects.exists()


def test_the_client_marks_done_and_the_coach_sees_it(casey, casey_api, jordan, jordan_api, linked):
    made = set_one(casey, jordan)
    done = jordan_api.post(f"/api/assignments/{made.pk}/done", {"note": "Went well"}, JSON)
    assert done.status_code == 200, done.content
    assert (done.json()["done"], done.json()["note"]) == (True, "Went well")
    assert jordan_api.get("/api/assignments?done=false").json() == {"assignments": []}
    (seen,) = casey_api.get("/api/coach/assignments").json()["assignments"]
    assert (seen["done"], seen["note"]) == (True, "Went well")
    undone = jordan_api.post(f"/api/assignments/{made.pk}/undo")
    assert undone.json()["done"] is False


def test_other_users_get_404s(casey, casey_api, jordan, riley_api, linked):
    made = set_one(casey, jordan)
    assert riley_api.post(f"/api/assignments/{made.pk}/done", {}, JSON).status_code == 404
    assert riley_api.post(f"/api/assignments/{made.pk}/undo").status_code == 404
    assert casey_api.post(f"/api/assignments/{made.pk}/done", {}, JSON).status_code == 404
    assert riley_api.post(f"/api/coach/assignments/{made.pk}/cancel").status_code == 404
    assert riley_api.get("/api/assignments").json() == {"assignments": []}
    assert riley_api.get("/api/coach/assignments").json() == {"assignments": []}


def test_the_coach_cancels_and_restores(casey, casey_api, jordan, jordan_api, linked):
    made = set_one(casey, jordan)
    assert casey_api.post(f"/api/coach/assignments/{made.pk}/cancel").json()["cancelled"]
    assert jordan_api.get("/api/assignments").json() == {"assignments": []}
    assert jordan_api.post(f"/api/assignments/{made.pk}/done", {}, JSON).status_code == 404
    restored = casey_api.post(f"/api/coach/assignments/{made.pk}/restore")
    assert restored.json()["cancelled"] is False


def test_a_done_one_cannot_be_cancelled(casey, casey_api, jordan, linked):
    made = set_one(casey, jordan)
    services.mark_done(owner=jordan, assignment_id=made.pk)
    assert casey_api.post(f"/api/coach/assignments/{made.pk}/cancel").status_code == 422


def test_after_the_link_ends_the_coach_sees_nothing_and_the_client_keeps_it(
    casey, casey_api, jordan, jordan_api, linked
):
    made = set_one(casey, jordan)
    CoachLink.objects.update(state="ended")
    assert casey_api.get("/api/coach/assignments").json() == {"assignments": []}
    assert casey_api.post(f"/api/coach/assignments/{made.pk}/cancel").status_code == 404
    (kept,) = jordan_api.get("/api/assignments").json()["assignments"]
    assert kept["former_coach"] is True
    (item,) = jordan_api.get("/api/today").json()["items"]
    assert "your former coach" in item["reason"]
