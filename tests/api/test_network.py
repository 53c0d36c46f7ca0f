"""/api/people/{id}/knows, /api/knows, /api/import/knows; Riley never sees Jordan's."""

from __future__ import annotations

from mutuals.network import selectors, services
from tests.api.conftest import field_errors
from tests.factories import make_person

JSON = "application/json"


def pair(owner):
    return make_person(owner), make_person(owner, "Bruce Lee")


def test_it_records_who_knows_whom(jordan_api, jordan):
    rosa, bruce = pair(jordan)
    response = jordan_api.post(
        "/api/knows",
        {"person": bruce.pk, "knows": rosa.pk, "strength": 0.8, "note": "Orion"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["strength"], body["note"], body["source"]) == (0.8, "Orion", "told")
    assert {body["person"]["id"], body["knows"]["id"]} == {rosa.pk, bruce.pk}


def test_it_names_a_bad_strength(jordan_api, jordan):
    rosa, bruce = pair(jordan)
    response = jordan_api.post(
        "/api/knows", {"person": rosa.pk, "knows": bruce.pk, "strength": 0}, content_type=JSON
    )
    assert set(field_errors(response)) == {"strength"}


def test_it_lists_who_someone_knows_and_forgets_one(jordan_api, jordan):
    rosa, bruce = pair(jordan)
    edge = services.record_knows(owner=jordan, person_id=rosa.pk, knows_id=bruce.pk)
    response = jordan_api.get(f"/api/people/{bruce.pk}/knows")
    assert response.status_code == 200, response.content
    assert [k["other"]["id"] for k in response.json()["items"]] == [rosa.pk]
    assert response.json()["count"] == 1
    assert jordan_api.delete(f"/api/knows/{edge.pk}").status_code == 204
    assert selectors.all_knows(owner=jordan) == []


def test_it_imports_a_csv_body_or_json(jordan_api, jordan):
    pair(jordan)
    response = jordan_api.post(
        "/api/import/knows", "person,knows\r\nRosa,Bruce\r\n", content_type="text/csv"
    )
    assert response.status_code == 200, response.content
    assert (response.json()["created"], response.json()["written"]) == (1, True)
    response = jordan_api.post(
        "/api/import/knows?dry_run=true",
        {"csv": "person,knows,strength\nRosa,Bruce,0.9\n"},
        content_type=JSON,
    )
    assert (response.json()["updated"], response.json()["written"]) == (1, False)


def test_it_rejects_a_bad_file_with_each_line(jordan_api, jordan):
    pair(jordan)
    response = jordan_api.post(
        "/api/import/knows", {"csv": "person,knows\nRosa,Rosa\n"}, content_type=JSON
    )
    assert response.status_code == 422, response.content
    assert [e["line"] for e in response.json()["errors"]] == [2]
    assert selectors.all_knows(owner=jordan) == []


def test_riley_never_sees_or_touches_jordans(riley_api, jordan, riley):
    rosa, bruce = pair(jordan)
    edge = services.record_knows(owner=jordan, person_id=rosa.pk, knows_id=bruce.pk)
    assert riley_api.get(f"/api/people/{rosa.pk}/knows").status_code == 404
    assert riley_api.delete(f"/api/knows/{edge.pk}").status_code == 404
    response = riley_api.post(
        "/api/knows", {"person": rosa.pk, "knows": bruce.pk}, content_type=JSON
    )
    assert response.status_code == 422
    assert len(selectors.all_knows(owner=jordan)) == 1
