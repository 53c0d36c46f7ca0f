"""/api/promises: follow-ups you owe; done, reopen, snooze; Riley never sees Jordan's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from mutuals.promises import selectors as promise_selectors
from mutuals.promises.serialize import promise_to_dict
from tests.api.conftest import field_errors
from tests.factories import make_person, make_promise

JSON = "application/json"


def in_days(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def texts(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [promise["text"] for promise in response.json()["items"]]


def test_it_adds_a_promise_to_someone(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    response = jordan_api.post(
        "/api/promises",
        {"text": "Send Rosa the article", "due_on": in_days(3), "person": rosa.pk},
        content_type=JSON,
    )
    assert response.status_code == 201
    body = response.json()
    assert body["person"] == {"id": rosa.pk, "name": "Rosa Núñez"}
    assert (body["due_on"], body["status"], body["done_at"]) == (in_days(3), "open", None)


def test_it_names_the_missing_text_and_due_date(jordan_api, jordan):
    response = jordan_api.post("/api/promises", {}, content_type=JSON)
    assert set(field_errors(response)) == {"text", "due_on"}
    response = jordan_api.post(
        "/api/promises", {"text": " ", "due_on": in_days(1)}, content_type=JSON
    )
    assert set(field_errors(response)) == {"text"}
    assert not promise_selectors.promises_for(owner=jordan, open_only=False).exists()


def test_it_refuses_a_person_from_someone_elses_network(jordan_api, riley):
    stranger = make_person(riley, "Sam Stone")
    response = jordan_api.post(
        "/api/promises",
        {"text": "Call Sam", "due_on": in_days(1), "person": stranger.pk},
        content_type=JSON,
    )
    assert set(field_errors(response)) == {"person"}


def test_the_list_shows_open_promises_soonest_first_by_default(jordan_api, jordan):
    make_promise(jordan, text="Later", due_in=5)
    make_promise(jordan, text="Sooner", due_in=1)
    kept = make_promise(jordan, text="Kept", due_in=0)
    jordan_api.post(f"/api/promises/{kept.pk}/done")
    assert texts(jordan_api.get("/api/promises")) == ["Sooner", "Later"]
    assert texts(jordan_api.get("/api/promises?status=done")) == ["Kept"]
    assert texts(jordan_api.get("/api/promises?status=all")) == ["Kept", "Sooner", "Later"]


def test_the_list_is_paged(jordan_api, jordan):
    for days in range(4):
        make_promise(jordan, text=f"In {days}", due_in=days)
    body = jordan_api.get("/api/promises?limit=2&offset=1").json()
    assert body["count"] == 4
    assert [p["text"] for p in body["items"]] == ["In 1", "In 2"]


def test_an_unknown_status_is_a_field_error(jordan_api):
    assert set(field_errors(jordan_api.get("/api/promises?status=late"))) == {"status"}


def test_the_list_can_be_narrowed_to_one_person(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    make_promise(jordan, rosa, text="For Rosa")
    make_promise(jordan, text="For nobody")
    assert texts(jordan_api.get(f"/api/promises?person={rosa.pk}")) == ["For Rosa"]


def test_done_and_reopen(jordan_api, jordan):
    promise = make_promise(jordan)
    done = jordan_api.post(f"/api/promises/{promise.pk}/done").json()
    assert done["status"] == "done"
    assert done["done_at"] is not None
    assert jordan_api.post(f"/api/promises/{promise.pk}/reopen").json()["status"] == "open"


def test_snooze_needs_a_date_after_today(jordan_api, jordan):
    promise = make_promise(jordan)
    response = jordan_api.post(
        f"/api/promises/{promise.pk}/snooze", {"until": in_days(2)}, content_type=JSON
    )
    assert response.json()["snoozed_until"] == in_days(2)
    response = jordan_api.post(
        f"/api/promises/{promise.pk}/snooze", {"until": in_days(0)}, content_type=JSON
    )
    assert set(field_errors(response)) == {"until"}


def test_patch_changes_text_and_due_date(jordan_api, jordan):
    promise = make_promise(jordan, text="Send the article")
    response = jordan_api.patch(
        f"/api/promises/{promise.pk}",
        {"text": "Send both articles", "due_on": in_days(7)},
        content_type=JSON,
    )
    body = response.json()
    assert (body["text"], body["due_on"]) == ("Send both articles", in_days(7))


def test_show_gives_the_same_object_as_the_cli(jordan_api, jordan):
    promise = make_promise(jordan, make_person(jordan, "Rosa Núñez"))
    body = jordan_api.get(f"/api/promises/{promise.pk}").json()
    assert body == promise_to_dict(
        promise_selectors.get_promise(owner=jordan, promise_id=promise.pk)
    )


def test_delete_removes_it(jordan_api, jordan):
    promise = make_promise(jordan)
    assert jordan_api.delete(f"/api/promises/{promise.pk}").status_code == 204
    assert jordan_api.get(f"/api/promises/{promise.pk}").status_code == 404


def test_riley_does_not_see_jordans_promises(riley_api, jordan):
    make_promise(jordan)
    assert riley_api.get("/api/promises?status=all").json() == {"count": 0, "items": []}


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("get", "", None),
        ("patch", "", {"text": "Rewritten"}),
        ("delete", "", None),
        ("post", "/done", None),
        ("post", "/reopen", None),
        ("post", "/snooze", {"until": "2999-01-01"}),
    ],
)
def test_riley_cannot_read_or_change_jordans_promise(riley_api, jordan, method, suffix, body):
    promise = make_promise(jordan, text="Send the article")
    kwargs = {"data": body, "content_type": JSON} if body else {}
    response = getattr(riley_api, method)(f"/api/promises/{promise.pk}{suffix}", **kwargs)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    kept = promise_selectors.get_promise(owner=jordan, promise_id=promise.pk)
    assert (kept.text, kept.done_at, kept.snoozed_until) == ("Send the article", None, None)
