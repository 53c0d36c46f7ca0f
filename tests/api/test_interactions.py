"""/api/interactions: log, list, show, change and delete conversations; Riley never sees or
touches Jordan's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from mutuals.interactions import selectors as interaction_selectors
from mutuals.interactions.serialize import interaction_to_dict
from mutuals.people import selectors as people_selectors
from tests.api.conftest import field_errors
from tests.factories import days_ago, log, make_person

JSON = "application/json"


def count_interactions(owner) -> int:
    return interaction_selectors.recent_interactions(owner=owner).count()


def test_it_logs_a_conversation_dated_today_by_default(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    response = jordan_api.post(
        "/api/interactions",
        {"people": [rosa.pk], "summary": "Coffee about her team", "kind": "coffee"},
        content_type=JSON,
    )
    assert response.status_code == 201
    body = response.json()
    assert body["occurred_on"] == timezone.localdate().isoformat()
    assert body["people"] == [{"id": rosa.pk, "name": "Rosa Núñez"}]
    assert (body["kind"], body["initiated_by"]) == ("coffee", "")


def test_logging_updates_the_persons_last_contact(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    jordan_api.post(
        "/api/interactions",
        {
            "people": [rosa.pk],
            "summary": "Call",
            "occurred_on": days_ago(3).isoformat(),
            "initiated_by": "them",
        },
        content_type=JSON,
    )
    person = jordan_api.get(f"/api/people/{rosa.pk}").json()
    assert person["last_contact_on"] == days_ago(3).isoformat()


def test_a_group_conversation_names_everyone(jordan_api, jordan):
    ann, bo = make_person(jordan, "Ann Lee"), make_person(jordan, "Bo Chen")
    response = jordan_api.post(
        "/api/interactions",
        {"people": [bo.pk, ann.pk], "summary": "Lunch", "notes": "Talked about Acme"},
        content_type=JSON,
    )
    assert [p["name"] for p in response.json()["people"]] == ["Ann Lee", "Bo Chen"]


def test_it_names_every_field_that_needs_attention(jordan_api, jordan):
    tomorrow_and_more = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    response = jordan_api.post(
        "/api/interactions",
        {
            "people": [],
            "summary": "  ",
            "occurred_on": tomorrow_and_more,
            "kind": "telegram",
            "initiated_by": "nobody",
        },
        content_type=JSON,
    )
    errors = field_errors(response)
    assert set(errors) == {"people", "summary", "occurred_on", "kind", "initiated_by"}
    assert count_interactions(jordan) == 0


def test_it_refuses_people_from_someone_elses_network(jordan_api, jordan, riley):
    stranger = make_person(riley, "Sam Stone")
    response = jordan_api.post(
        "/api/interactions", {"people": [stranger.pk], "summary": "Hi"}, content_type=JSON
    )
    assert set(field_errors(response)) == {"people"}
    assert count_interactions(jordan) == 0
    assert count_interactions(riley) == 0


def test_the_list_is_paged_newest_first(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    for days in (30, 20, 10):
        log(jordan, rosa, f"{days} days ago", days=days)
    body = jordan_api.get("/api/interactions?limit=2").json()
    assert body["count"] == 3
    assert [i["summary"] for i in body["items"]] == ["10 days ago", "20 days ago"]


def test_the_list_can_be_narrowed_to_one_person(jordan_api, jordan):
    ann, bo = make_person(jordan, "Ann Lee"), make_person(jordan, "Bo Chen")
    log(jordan, ann, "With Ann")
    log(jordan, bo, "With Bo")
    body = jordan_api.get(f"/api/interactions?person={bo.pk}").json()
    assert [i["summary"] for i in body["items"]] == ["With Bo"]


def test_show_gives_the_same_object_as_the_cli(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    interaction = log(jordan, rosa, "Coffee")
    body = jordan_api.get(f"/api/interactions/{interaction.pk}").json()
    assert body == interaction_to_dict(interaction)


def test_patch_changes_only_what_is_sent(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    interaction = log(jordan, rosa, "Coffee", days=4, kind="coffee")
    response = jordan_api.patch(
        f"/api/interactions/{interaction.pk}", {"summary": "Long coffee"}, content_type=JSON
    )
    body = response.json()
    assert (body["summary"], body["kind"]) == ("Long coffee", "coffee")
    assert body["occurred_on"] == days_ago(4).isoformat()


def test_patch_can_move_a_conversation_to_someone_else(jordan_api, jordan):
    ann, bo = make_person(jordan, "Ann Lee"), make_person(jordan, "Bo Chen")
    interaction = log(jordan, ann, "Coffee", days=2)
    jordan_api.patch(f"/api/interactions/{interaction.pk}", {"people": [bo.pk]}, content_type=JSON)
    assert people_selectors.get_person(owner=jordan, person_id=ann.pk).last_contact_on is None
    assert people_selectors.get_person(owner=jordan, person_id=bo.pk).last_contact_on == (
        days_ago(2)
    )


def test_patch_refuses_an_empty_summary(jordan_api, jordan):
    interaction = log(jordan, make_person(jordan, "Rosa Núñez"), "Coffee")
    response = jordan_api.patch(
        f"/api/interactions/{interaction.pk}", {"summary": ""}, content_type=JSON
    )
    assert set(field_errors(response)) == {"summary"}


def test_delete_removes_it_and_the_persons_last_contact(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    interaction = log(jordan, rosa, "Coffee", days=2)
    assert jordan_api.delete(f"/api/interactions/{interaction.pk}").status_code == 204
    assert count_interactions(jordan) == 0
    assert people_selectors.get_person(owner=jordan, person_id=rosa.pk).last_contact_on is None


def test_riley_does_not_see_jordans_conversations(riley_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    log(jordan, rosa, "Coffee")
    assert riley_api.get("/api/interactions").json() == {"count": 0, "items": []}
    assert riley_api.get(f"/api/interactions?person={rosa.pk}").status_code == 404


@pytest.mark.parametrize(
    ("method", "body"),
    [("get", None), ("patch", {"summary": "Rewritten"}), ("delete", None)],
)
def test_riley_cannot_read_or_change_jordans_conversation(riley_api, jordan, method, body):
    interaction = log(jordan, make_person(jordan, "Rosa Núñez"), "Coffee")
    kwargs = {"data": body, "content_type": JSON} if body else {}
    response = getattr(riley_api, method)(f"/api/interactions/{interaction.pk}", **kwargs)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    kept = interaction_selectors.get_interaction(owner=jordan, interaction_id=interaction.pk)
    assert kept.summary == "Coffee"
