"""POST /api/people/bulk and GET /api/people/triage/next; the one default closeness of
POST /api/people. Riley never sees or changes Jordan's people."""

from __future__ import annotations

import pytest

from mutuals.people.models import Person
from mutuals.people.services import DEFAULT_CLOSENESS
from tests.api.conftest import field_errors
from tests.factories import log, make_person

JSON = "application/json"


def unsorted(owner, name, **fields):
    return make_person(owner, name, tier=None, **fields)


def bulk(client, **body):
    return client.post("/api/people/bulk", body, content_type=JSON)


def test_someone_added_without_a_closeness_gets_the_default(jordan_api):
    body = jordan_api.post("/api/people", {"name": "Jin Park"}, content_type=JSON).json()
    assert body["tier"] == DEFAULT_CLOSENESS == "acquaintance"


def test_null_closeness_adds_someone_you_only_know_of(jordan_api):
    body = jordan_api.post(
        "/api/people", {"name": "Jin Park", "tier": None}, content_type=JSON
    ).json()
    assert (body["tier"], body["cadence_days"]) == (None, None)


def test_bulk_sets_closeness_circle_and_cadence(jordan_api, jordan):
    rosa, jin = unsorted(jordan, "Rosa Núñez"), unsorted(jordan, "Jin Park")
    response = bulk(
        jordan_api, ids=[rosa.pk, jin.pk], closeness="friend", circle="Climbing", cadence_days=45
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["count"], body["archived"]) == (2, 0)
    assert [p["tier"] for p in body["items"]] == ["friend", "friend"]
    assert [p["cadence_days"] for p in body["items"]] == [45, 45]
    assert body["items"][0]["circles"] == ["Climbing"]
    assert body["message"].startswith("2 people: set closeness to good friend")


def test_bulk_leaves_out_what_is_not_sent_and_null_clears(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez", tier="close", cadence_override_days=10)
    bulk(jordan_api, ids=[rosa.pk], cadence_days=None)
    rosa.refresh_from_db()
    assert (rosa.tier, rosa.cadence_override_days, rosa.cadence_days) == ("close", None, 30)
    bulk(jordan_api, ids=[rosa.pk], closeness=None)
    assert Person.objects.get(pk=rosa.pk).tier is None


def test_bulk_archive(jordan_api, jordan):
    rosa = unsorted(jordan, "Rosa Núñez")
    body = bulk(jordan_api, ids=[rosa.pk], archive=True).json()
    assert body["archived"] == 1
    assert body["items"][0]["archived"] is True


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"closeness": "bestie"}, "closeness"),
        ({"cadence_days": 0}, "cadence_days"),
        ({"circle": "x" * 61}, "circle"),
        ({}, "change"),
        ({"ids": [], "closeness": "close"}, "ids"),
        ({"cadence_days": "30"}, "cadence_days"),
        ({"archive": 1}, "archive"),
        ({"colour": "red", "closeness": "close"}, "colour"),
    ],
)
def test_bad_bulk_input_answers_422_naming_the_field_and_changes_nothing(
    jordan_api, jordan, body, field
):
    rosa = unsorted(jordan, "Rosa Núñez")
    errors = field_errors(bulk(jordan_api, **{"ids": [rosa.pk], **body}))
    assert any(field in key for key in errors), errors
    rosa.refresh_from_db()
    assert (rosa.tier, rosa.archived_at, rosa.circles.count()) == (None, None, 0)


def test_riley_cannot_change_jordans_people_in_bulk(riley_api, jordan, riley):
    rosa = unsorted(jordan, "Rosa Núñez")
    mine = unsorted(riley, "Riley Contact")
    errors = field_errors(bulk(riley_api, ids=[mine.pk, rosa.pk], closeness="close"))
    assert "ids" in errors
    assert Person.objects.get(pk=rosa.pk).tier is None
    assert Person.objects.get(pk=mine.pk).tier is None


def test_triage_next_gives_the_person_evidence_and_suggestion(jordan_api, jordan):
    unsorted(jordan, "Quiet One")
    talker = unsorted(jordan, "Big Talker", organization="Orion")
    log(jordan, talker, "Coffee about the new team", days=4, initiated_by="them")
    body = jordan_api.get("/api/people/triage/next").json()
    assert body["remaining"] == 2
    assert body["person"]["name"] == "Big Talker"
    assert body["evidence"]["conversations"] == 1
    assert body["evidence"]["first_started_by"] == "them"
    assert body["evidence"]["last_summary"] == "Coffee about the new team"
    assert body["suggestion"]["closeness"] in {"acquaintance", "meaningful", "friend", "close"}
    assert isinstance(body["suggestion"]["points"], float)
    assert body["suggestion"]["reason"].endswith(".")


def test_triage_next_passes_over_skipped_people(jordan_api, jordan):
    first, second = unsorted(jordan, "Ana First"), unsorted(jordan, "Bo Second")
    body = jordan_api.get(f"/api/people/triage/next?skip={first.pk}").json()
    assert body["person"]["id"] == second.pk


def test_triage_next_when_everyone_is_sorted(jordan_api, jordan):
    make_person(jordan, "Rosa Núñez", tier="close")
    body = jordan_api.get("/api/people/triage/next").json()
    assert body == {"remaining": 0, "person": None, "evidence": None, "suggestion": None}


def test_riley_never_gets_jordans_people_to_sort(riley_api, jordan):
    unsorted(jordan, "Rosa Núñez")
    assert riley_api.get("/api/people/triage/next").json()["person"] is None


def test_triage_next_refuses_an_unknown_parameter(jordan_api):
    assert "skipped" in field_errors(jordan_api.get("/api/people/triage/next?skipped=3"))
