"""GET /api/progress, GET and PUT /api/goals: numbers in JSON, strict input, Riley sees none of
Jordan's."""

from __future__ import annotations

import json

import pytest

from mutuals.progress import services
from mutuals.progress.models import Goal
from tests.api.conftest import field_errors
from tests.progress_data import MONDAY, TODAY, week_of_everything

pytestmark = pytest.mark.django_db


def put(client, body):
    return client.put("/api/goals", json.dumps(body), content_type="application/json")


def test_progress_gives_the_week_in_numbers(jordan_api, jordan):
    week_of_everything(jordan)
    services.choose_goals(owner=jordan, targets={"gives": 2, "conversations": 4}, today=TODAY)
    body = jordan_api.get(f"/api/progress?on={TODAY}").json()
    assert body["week"] == MONDAY.isoformat()
    assert body["this_week"] == {"goals_met": 1, "goals": 2, "gave": 2, "asked": 1}
    assert body["summary"] == "1 of 2 goals this week; you gave more than you asked."
    assert [g["kind"] for g in body["goals"]][:2] == ["gives", "conversations"]
    assert body["goals"][0] == {
        "kind": "gives",
        "name": "Gives",
        "count": 2,
        "target": 2,
        "met": True,
    }
    assert len(body["weeks"]) == 12
    assert body["weeks"][-1]["counts"]["new_people"] == 3
    assert body["weeks"][-1]["targets"]["applications"] is None
    assert body["weeks"][-1]["state"] == "kept"  # 1 of 2: at least half
    assert isinstance(body["streak"], int)


def test_progress_refuses_a_bad_day_and_unknown_parameters(jordan_api):
    assert "on" in field_errors(jordan_api.get("/api/progress?on=yesterday"))
    assert jordan_api.get("/api/progress?weeks=3").status_code == 422


def test_goals_lists_every_kind_with_the_suggested_targets_at_first(jordan_api):
    items = jordan_api.get("/api/goals").json()["items"]
    assert [i["kind"] for i in items] == [
        "gives",
        "conversations",
        "new_people",
        "follow_ups",
        "applications",
    ]
    assert all(not i["active"] and i["since"] is None for i in items)
    assert items[1]["weekly_target"] == items[1]["suggested_target"] == 3


def test_put_goals_chooses_them_and_stops_the_others(jordan_api, jordan):
    services.choose_goals(owner=jordan, targets={"follow_ups": 1}, today=TODAY)
    response = put(jordan_api, {"goals": [{"kind": "gives", "weekly_target": 4}]})
    assert response.status_code == 200
    active = {i["kind"]: i["weekly_target"] for i in response.json()["items"] if i["active"]}
    assert active == {"gives": 4}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"goals": [{"kind": "gives", "weekly_target": 0}]}, "goals"),
        ({"goals": [{"kind": "gives", "weekly_target": 51}]}, "goals"),
        ({"goals": [{"kind": "likes", "weekly_target": 2}]}, "goals"),
        ({"goals": [{"kind": "gives", "weekly_target": "2"}]}, "goals"),
        ({"goals": [{"kind": "gives", "weekly_target": 2}] * 2}, "goals"),
        ({"gaols": []}, "gaols"),
    ],
)
def test_put_goals_refuses_bad_input_naming_the_field_and_changes_nothing(
    jordan_api, jordan, body, field
):
    services.choose_goals(owner=jordan, targets={"follow_ups": 1}, today=TODAY)
    assert field in field_errors(put(jordan_api, body))
    assert list(Goal.objects.filter(owner=jordan).values_list("kind", flat=True)) == ["follow_ups"]


def test_riley_sees_and_changes_none_of_jordans_goals(riley_api, jordan, riley):
    week_of_everything(jordan)
    services.choose_goals(owner=jordan, targets={"gives": 7}, today=TODAY)
    body = riley_api.get(f"/api/progress?on={TODAY}").json()
    assert body["this_week"] == {"goals_met": 0, "goals": 0, "gave": 0, "asked": 0}
    assert not any(i["active"] for i in riley_api.get("/api/goals").json()["items"])
    assert put(riley_api, {"goals": []}).status_code == 200
    assert Goal.objects.filter(owner=jordan, active=True).count() == 1


@pytest.mark.parametrize(("method", "address"), [("get", "/api/progress"), ("get", "/api/goals")])
def test_no_token_no_progress(client, method, address):
    assert getattr(client, method)(address).status_code == 401
