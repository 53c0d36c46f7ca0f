"""/api/people: names kept as written, prefix/suffix/phonetic, text caps."""

from __future__ import annotations

from tests.api.conftest import field_errors
from tests.factories import make_person

JSON = "application/json"


def test_a_name_given_is_kept_as_written(jordan_api):
    response = jordan_api.post(
        "/api/people", {"name": "sean O'Neill", "name_suffix": "Jr."}, content_type=JSON
    )
    body = response.json()
    assert response.status_code == 201
    assert (body["name"], body["display_name"], body["first_name"]) == (
        "sean O'Neill",
        "sean O'Neill",
        "sean",
    )
    assert body["name_suffix"] == "Jr."


def test_patch_changes_the_phonetic_name(jordan_api, jordan):
    person = make_person(jordan, "王小明")
    response = jordan_api.patch(
        f"/api/people/{person.pk}", {"phonetic_name": "Wang Xiaoming"}, content_type=JSON
    )
    assert response.json()["phonetic_name"] == "Wang Xiaoming"
    assert response.json()["name"] == "王小明"


def test_notes_over_the_limit_are_refused_with_a_sentence(jordan_api, jordan):
    person = make_person(jordan)
    response = jordan_api.patch(
        f"/api/people/{person.pk}", {"notes": "x" * 20_001}, content_type=JSON
    )
    assert field_errors(response) == {"notes": ["Keep notes under 20,000 characters."]}


def test_riley_cannot_rename_jordans_person(riley_api, jordan):
    person = make_person(jordan)
    response = riley_api.patch(f"/api/people/{person.pk}", {"name": "Nope"}, content_type=JSON)
    assert response.status_code == 404
