"""Bodies are strict (no 0 for a date or for false, no "1" for a number), ids stay within what
the database holds, and an unknown query parameter is a 422 naming it, never silently ignored."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from mutuals.api.errors import NO_SUCH_ID
from mutuals.api.operation_rules import UNKNOWN
from mutuals.api.urls import api
from mutuals.promises.models import Promise
from tests.api.conftest import field_errors
from tests.factories import make_person, make_promise

HUGE = 99999999999999999999999
DATE = "Give a date as YYYY-MM-DD."


def patch(client, url, body):
    return client.patch(url, body, content_type="application/json")


@pytest.mark.parametrize("due_on", [0, 20300203, "20300203", "2030-02-03T00:00", "3 Feb 2030", []])
def test_a_due_date_that_is_not_a_yyyy_mm_dd_string_is_refused(jordan_api, jordan, due_on):
    promise = make_promise(jordan)
    before = promise.due_on
    response = patch(jordan_api, f"/api/promises/{promise.pk}", {"due_on": due_on})
    assert field_errors(response) == {"due_on": [DATE]}
    assert Promise.objects.get(pk=promise.pk).due_on == before


def test_a_date_that_does_not_exist_says_so(jordan_api, jordan):
    promise = make_promise(jordan)
    response = patch(jordan_api, f"/api/promises/{promise.pk}", {"due_on": "2030-02-30"})
    assert field_errors(response) == {
        "due_on": ["That day does not exist; give a date as YYYY-MM-DD."]
    }


def test_a_yyyy_mm_dd_due_date_is_accepted(jordan_api, jordan):
    promise = make_promise(jordan)
    response = patch(jordan_api, f"/api/promises/{promise.pk}", {"due_on": "2030-02-03"})
    assert response.status_code == 200
    assert Promise.objects.get(pk=promise.pk).due_on == dt.date(2030, 2, 3)


@pytest.mark.parametrize("value", ["1", 1.0, True])
def test_an_id_must_be_a_json_number(jordan_api, jordan, value):
    make_person(jordan)
    response = jordan_api.post(
        "/api/people", {"name": "Ann Lee", "introduced_by": value}, content_type="application/json"
    )
    assert field_errors(response) == {"introduced_by": ["Give a whole number (not in quotes)."]}


@pytest.mark.parametrize("value", [0, 1, "true", None])
def test_a_yes_or_no_must_be_true_or_false(jordan_api, value):
    response = jordan_api.post(
        "/api/review/reviewed", {"all": value}, content_type="application/json"
    )
    assert field_errors(response) == {"all": ["Give true or false."]}


def test_an_id_too_large_in_a_body_is_422_naming_it(jordan_api):
    response = jordan_api.post(
        "/api/promises",
        {"text": "Send it", "due_on": "2030-01-01", "person": HUGE},
        content_type="application/json",
    )
    assert field_errors(response) == {"person": [NO_SUCH_ID]}


def test_an_id_too_large_in_the_query_is_422_naming_it(jordan_api):
    assert field_errors(jordan_api.get("/api/promises", {"person": HUGE})) == {
        "person": [NO_SUCH_ID]
    }


def test_an_unknown_query_parameter_is_422_naming_it(jordan_api, jordan):
    make_person(jordan, "Ann Lee")
    response = jordan_api.get("/api/people", {"introduced_by": 74})
    assert field_errors(response) == {"introduced_by": [UNKNOWN]}


def test_every_unknown_query_parameter_is_named(jordan_api):
    response = jordan_api.get("/api/people", {"search": "ann", "sortby": "name", "page": 2})
    assert set(field_errors(response)) == {"sortby", "page"}


def test_known_query_parameters_still_work(jordan_api, jordan):
    make_person(jordan, "Ann Lee")
    response = jordan_api.get("/api/people", {"search": "ann", "limit": 5, "offset": 0})
    assert response.json()["count"] == 1


def test_without_a_token_an_unknown_parameter_is_still_401(db):
    assert Client().get("/api/people", {"introduced_by": 74}).status_code == 401


def test_an_unknown_parameter_on_a_delete_deletes_nothing(jordan_api, jordan):
    promise = make_promise(jordan)
    response = jordan_api.delete(f"/api/promises/{promise.pk}?force=1")
    assert field_errors(response) == {"force": [UNKNOWN]}
    assert Promise.objects.filter(pk=promise.pk).exists()


def get_operations() -> list[tuple[str, str]]:
    paths = api.get_openapi_schema()["paths"]
    return [(path, "get") for path, methods in paths.items() if "get" in methods]


@pytest.mark.parametrize(("path", "method"), get_operations())
def test_every_read_refuses_an_unknown_query_parameter(jordan_api, path, method):
    url = path.replace("{kind}", "linkedin")
    url = re.sub(r"\{\w+\}", "1", url)  # every path parameter (a list within a group: two)
    response = jordan_api.get(url, {"zz_unknown": "1"})
    assert field_errors(response).get("zz_unknown") == [UNKNOWN], url


def test_a_multipart_body_without_its_boundary_is_400_in_words(jordan_api):
    response = jordan_api.post(
        "/api/import/linkedin", b"not multipart", content_type="multipart/form-data"
    )
    assert response.status_code == 400
    assert "multipart" in response.json()["detail"]


@pytest.mark.parametrize(
    ("path", "value"), [("/api/paths?to=Rosa&k=", 51), ("/api/paths?to=Rosa&k=", 0)]
)
def test_how_many_paths_is_bounded(jordan_api, path, value):
    assert set(field_errors(jordan_api.get(f"{path}{value}"))) == {"k"}
