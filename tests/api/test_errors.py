"""Every error is JSON with a sentence in `detail`; bad input names its fields; no traceback."""

from __future__ import annotations

import logging

from django.test import RequestFactory

from mutuals.api.errors import NO_SUCH_ID
from mutuals.api.urls import api
from tests.api.conftest import field_errors


def test_a_body_that_is_not_json_is_refused_with_a_json_answer(jordan_api):
    response = jordan_api.post("/api/people", "{name:", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": "Send the request body as a JSON object."}


def test_a_body_that_is_not_an_object_is_a_field_error(jordan_api):
    response = jordan_api.post("/api/people", [1, 2], content_type="application/json")
    assert field_errors(response) == {"__all__": ["Send the request body as a JSON object."]}


def test_an_unknown_field_is_named_rather_than_ignored(jordan_api):
    response = jordan_api.post(
        "/api/people", {"name": "Ann Lee", "organisation": "Acme"}, content_type="application/json"
    )
    assert field_errors(response) == {"organisation": ["This field is not known."]}


def test_a_wrong_type_is_reported_under_its_field(jordan_api):
    response = jordan_api.post(
        "/api/people",
        {"name": 5, "known_since": "last spring"},
        content_type="application/json",
    )
    errors = field_errors(response)
    assert set(errors) == {"name", "known_since"}
    assert errors["known_since"] == ["Give a date as YYYY-MM-DD."]


def test_a_bad_query_parameter_is_reported_under_its_name(jordan_api):
    errors = field_errors(jordan_api.get("/api/people?limit=0&sort=age"))
    assert set(errors) == {"limit", "sort"}


def test_text_a_database_cannot_store_is_a_field_error(jordan_api):
    response = jordan_api.post(
        "/api/people", {"name": "Ann\x00 Lee"}, content_type="application/json"
    )
    assert set(field_errors(response)) == {"name"}


def test_a_missing_record_is_a_json_404(jordan_api):
    response = jordan_api.get("/api/people/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_an_id_too_large_for_the_database_is_a_422_naming_it(jordan_api):
    response = jordan_api.get("/api/people/99999999999999999999999")
    assert field_errors(response) == {"person_id": [NO_SUCH_ID]}


def test_an_unexpected_error_answers_json_500_and_logs_no_personal_data(db, caplog):
    request = RequestFactory().get("/api/people/7")
    with caplog.at_level(logging.ERROR, logger="mutuals.api"):
        response = api.on_exception(request, RuntimeError("Rosa Núñez owes 300"))
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert "Traceback" not in response.content.decode()
    assert "Rosa" not in caplog.text
    assert "RuntimeError on GET /api/people/7" in caplog.text


def test_an_unknown_address_is_a_json_404(jordan_api):
    for path in ("/api/peple", "/api/people/1/nothing", "/api/today/extra"):
        response = jordan_api.get(path)
        assert response.status_code == 404, path
        assert response.json() == {"detail": "Not found."}
