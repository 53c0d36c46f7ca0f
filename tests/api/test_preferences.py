"""GET and PATCH /api/preferences: the plan size and the morning digest, strictly checked."""

from __future__ import annotations

import json

import pytest

from mutuals.accounts.selectors import preferences_of
from mutuals.accounts.services import update_preferences
from tests.api.conftest import field_errors


def patch(client, body):
    return client.patch("/api/preferences", json.dumps(body), content_type="application/json")


def test_get_gives_the_defaults_before_any_change(jordan_api):
    response = jordan_api.get("/api/preferences")

    assert response.status_code == 200
    assert response.json() == {"plan_size": 5, "digest_enabled": False, "digest_hour": 7}


def test_patch_changes_only_the_fields_sent(jordan_api, jordan):
    update_preferences(user=jordan, plan_size=8)

    response = patch(jordan_api, {"digest_enabled": True, "digest_hour": 6})

    assert response.status_code == 200
    assert response.json() == {"plan_size": 8, "digest_enabled": True, "digest_hour": 6}
    assert preferences_of(jordan).digest_hour == 6


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"plan_size": 0}, "plan_size"),
        ({"plan_size": 21}, "plan_size"),
        ({"plan_size": 10**30}, "plan_size"),
        ({"digest_hour": 24}, "digest_hour"),
        ({"digest_hour": -1}, "digest_hour"),
        ({"digest_hour": "7"}, "digest_hour"),
        ({"digest_hour": None}, "digest_hour"),
        ({"digest_enabled": 1}, "digest_enabled"),
        ({"digest_enabled": "yes"}, "digest_enabled"),
        ({"plan_size": 3.0}, "plan_size"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_values_answer_422_naming_the_field_and_change_nothing(jordan_api, jordan, body, field):
    errors = field_errors(patch(jordan_api, {"digest_enabled": True, **body}))

    assert field in errors
    assert preferences_of(jordan).digest_enabled is False


def test_a_body_that_is_not_an_object_is_refused(jordan_api):
    response = jordan_api.patch("/api/preferences", "[]", content_type="application/json")

    assert response.status_code == 422


def test_riley_changes_only_rileys_preferences(riley_api, riley, jordan):
    update_preferences(user=jordan, plan_size=3)

    assert patch(riley_api, {"plan_size": 9}).status_code == 200

    assert preferences_of(jordan).plan_size == 3
    assert riley_api.get("/api/preferences").json()["plan_size"] == 9


def test_without_a_token_it_is_401(client, db):
    assert client.get("/api/preferences").status_code == 401
    assert patch(client, {"plan_size": 3}).status_code == 401
