"""/api/needs: add, list, change, helped, done, reopen, delete; Riley never sees Jordan's."""

from __future__ import annotations

import pytest

from mutuals.needs import selectors as need_selectors
from mutuals.needs import services as need_services
from tests.api.conftest import field_errors
from tests.factories import make_person

JSON = "application/json"
NEED_KEYS = {
    "id",
    "text",
    "kind",
    "direction",
    "status",
    "mine",
    "person",
    "noted_on",
    "helped_by",
    "outcome",
    "reviewed_on",
    "closed_on",
    "created_at",
    "updated_at",
}


def make_need(owner, person=None, text="An intro to a data lead", kind="introduction"):
    return need_services.add_need(
        owner=owner, text=text, kind=kind, person_id=person.pk if person else None
    )


def texts(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [need["text"] for need in response.json()["items"]]


def test_it_adds_a_need_of_someone(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    response = jordan_api.post(
        "/api/needs",
        {"text": "An intro to Acme", "kind": "introduction", "person": rosa.pk},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == NEED_KEYS
    assert body["person"] == {"id": rosa.pk, "name": "Rosa Núñez"}
    assert (body["kind"], body["status"], body["mine"]) == ("introduction", "open", False)


def test_it_adds_your_own_need_without_a_person(jordan_api):
    response = jordan_api.post("/api/needs", {"text": "Pay advice"}, content_type=JSON)
    assert response.status_code == 201
    assert (response.json()["mine"], response.json()["kind"]) == (True, "other")


def test_it_names_the_fields_that_need_attention(jordan_api, jordan):
    assert set(field_errors(jordan_api.post("/api/needs", {}, content_type=JSON))) == {"text"}
    response = jordan_api.post("/api/needs", {"text": " ", "kind": "cake"}, content_type=JSON)
    assert set(field_errors(response)) == {"text", "kind"}
    assert not need_selectors.needs_for(owner=jordan, status="all").exists()


def test_it_refuses_a_person_from_someone_elses_network(jordan_api, riley):
    stranger = make_person(riley, "Sam Stone")
    response = jordan_api.post(
        "/api/needs", {"text": "Help", "person": stranger.pk}, content_type=JSON
    )
    assert set(field_errors(response)) == {"person"}


def test_the_list_shows_open_needs_oldest_first_and_filters(jordan_api, jordan):
    rosa = make_person(jordan)
    make_need(jordan, rosa, "Rosa's")
    make_need(jordan, None, "Mine")
    closed = make_need(jordan, rosa, "Closed")
    need_services.close_need(owner=jordan, need_id=closed.pk)
    assert texts(jordan_api.get("/api/needs")) == ["Rosa's", "Mine"]
    assert texts(jordan_api.get("/api/needs?status=done")) == ["Closed"]
    assert texts(jordan_api.get("/api/needs?status=all")) == ["Rosa's", "Mine", "Closed"]
    assert texts(jordan_api.get("/api/needs?mine=true")) == ["Mine"]
    assert texts(jordan_api.get(f"/api/needs?person={rosa.pk}")) == ["Rosa's"]
    assert jordan_api.get("/api/needs").json()["count"] == 2


def test_an_unknown_status_is_a_field_error(jordan_api):
    assert set(field_errors(jordan_api.get("/api/needs?status=late"))) == {"status"}


def test_it_changes_the_text_and_kind(jordan_api, jordan):
    need = make_need(jordan)
    response = jordan_api.patch(
        f"/api/needs/{need.pk}", {"text": "Advice on a CV", "kind": "advice"}, content_type=JSON
    )
    assert response.status_code == 200
    assert (response.json()["text"], response.json()["kind"]) == ("Advice on a CV", "advice")


def test_helped_records_who_helped(jordan_api, jordan):
    rosa, jin = make_person(jordan), make_person(jordan, "Jin Park")
    need = make_need(jordan, rosa)
    response = jordan_api.post(
        f"/api/needs/{need.pk}/helped", {"helped_by": jin.pk, "note": "Intro"}, content_type=JSON
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["helped_by"]["id"], body["outcome"]) == ("helped", jin.pk, "Intro")


def test_done_closes_and_dropped_drops_and_reopen_reopens(jordan_api, jordan):
    need = make_need(jordan)
    done = jordan_api.post(f"/api/needs/{need.pk}/done", {"note": "Met"}, content_type=JSON)
    assert (done.json()["status"], done.json()["outcome"]) == ("done", "Met")
    reopened = jordan_api.post(f"/api/needs/{need.pk}/reopen")
    assert (reopened.json()["status"], reopened.json()["closed_on"]) == ("open", None)
    dropped = jordan_api.post(f"/api/needs/{need.pk}/done", {"dropped": True}, content_type=JSON)
    assert dropped.json()["status"] == "dropped"


def test_it_deletes_a_need(jordan_api, jordan):
    need = make_need(jordan)
    assert jordan_api.delete(f"/api/needs/{need.pk}").status_code == 204
    assert not need_selectors.needs_for(owner=jordan, status="all").exists()


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("get", "", None),
        ("patch", "", {"text": "Mine now"}),
        ("delete", "", None),
        ("post", "/helped", {}),
        ("post", "/done", {}),
        ("post", "/reopen", None),
    ],
)
def test_riley_cannot_see_or_touch_jordans_needs(riley_api, jordan, method, suffix, body):
    need = make_need(jordan, make_person(jordan))
    kwargs = {"data": body, "content_type": JSON} if body is not None else {}
    response = getattr(riley_api, method)(f"/api/needs/{need.pk}{suffix}", **kwargs)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert need_selectors.get_need(owner=jordan, need_id=need.pk).status == "open"


def test_riley_lists_none_of_jordans_needs(riley_api, jordan):
    rosa = make_person(jordan)
    make_need(jordan, rosa)
    assert riley_api.get("/api/needs?status=all").json() == {"count": 0, "items": []}
    assert riley_api.get(f"/api/needs?person={rosa.pk}").status_code == 404


def test_a_need_added_without_a_direction_takes_the_one_its_words_say(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    body = {"text": "Hiring a data engineer", "person": rosa.pk}
    assert jordan_api.post("/api/needs", body, content_type=JSON).json()["direction"] == "offering"


def test_a_direction_given_is_kept_and_can_be_changed(jordan_api, jordan):
    body = {"text": "Hiring a data engineer", "direction": "looking"}
    need = jordan_api.post("/api/needs", body, content_type=JSON).json()
    assert need["direction"] == "looking"
    patch = {"direction": "offering"}
    changed = jordan_api.patch(f"/api/needs/{need['id']}", patch, content_type=JSON).json()
    assert changed["direction"] == "offering"


def test_an_unknown_direction_is_a_field_error(jordan_api):
    body = {"text": "A designer", "direction": "sideways"}
    response = jordan_api.post("/api/needs", body, content_type=JSON)
    assert "direction" in field_errors(response)
