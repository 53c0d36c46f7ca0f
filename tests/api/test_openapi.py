"""The OpenAPI document says what the API does: one model per name, every list as
{count, items}, and the error answers each operation can give declared with it."""

from __future__ import annotations

from collections import Counter

import pytest
from pydantic import BaseModel

from mutuals.api.schemas import MAX_ID
from mutuals.api.urls import api
from tests.web.test_dedupe import scanned

SCHEMA = api.get_openapi_schema()
COMPONENTS = SCHEMA["components"]["schemas"]
OPERATIONS = [
    (path, method.upper(), operation)
    for path, methods in SCHEMA["paths"].items()
    for method, operation in methods.items()
]


def our_models() -> list[type[BaseModel]]:
    found, stack = [], [BaseModel]
    while stack:
        for sub in stack.pop().__subclasses__():
            stack.append(sub)
            if sub.__module__.startswith("mutuals."):
                found.append(sub)
    return found


def resolved(schema: dict) -> dict:
    return COMPONENTS[schema["$ref"].rsplit("/", 1)[1]] if "$ref" in schema else schema


def answer_schema(operation: dict, code: int) -> dict:
    return resolved(operation["responses"][code]["content"]["application/json"]["schema"])


def test_no_two_models_in_the_document_share_a_name():
    names = Counter(model.__name__ for model in set(our_models()))
    shared = {name for name, count in names.items() if count > 1 and name in COMPONENTS}
    assert not shared


def test_the_needs_review_is_documented_with_its_own_model():
    review = answer_schema(SCHEMA["paths"]["/api/review"]["get"], 200)
    assert {"date", "count", "due", "needs"} <= set(review["properties"])
    check = answer_schema(SCHEMA["paths"]["/api/outreach/check"]["post"], 200)
    assert "findings" in check["properties"]


@pytest.mark.parametrize(("path", "method", "operation"), OPERATIONS)
def test_no_operation_answers_a_bare_list(path, method, operation):
    for code, answer in operation["responses"].items():
        schema = answer.get("content", {}).get("application/json", {}).get("schema", {})
        assert schema.get("type") != "array", f"{method} {path} answers a bare list for {code}"


@pytest.mark.parametrize("path", ["/api/intros", "/api/imports", "/api/duplicates", "/api/merges"])
def test_lists_are_documented_as_count_and_items(path):
    page = answer_schema(SCHEMA["paths"][path]["get"], 200)
    assert set(page["properties"]) == {"count", "items"}


@pytest.mark.parametrize("path", ["/api/intros", "/api/imports", "/api/duplicates", "/api/merges"])
def test_lists_answer_count_and_items(jordan_api, jordan, path):
    scanned(jordan)
    body = jordan_api.get(path).json()
    assert set(body) == {"count", "items"}
    assert body["count"] == len(body["items"])


@pytest.mark.parametrize(("path", "method", "operation"), OPERATIONS)
def test_every_operation_declares_the_errors_it_can_give(path, method, operation):
    codes = set(operation["responses"])
    expected = {422, 401, 429}
    if any(p["schema"].get("maximum") == MAX_ID for p in operation.get("parameters", [])):
        expected.add(404)
    if "requestBody" in operation:
        expected.add(413)
    if method != "GET":
        expected.add(503)
    assert expected <= codes, f"{method} {path} leaves out {sorted(expected - codes)}"


@pytest.mark.parametrize(("path", "method", "operation"), OPERATIONS)
def test_declared_errors_have_the_documented_shapes(path, method, operation):
    for code in operation["responses"]:
        if code >= 400:
            shape = answer_schema(operation, code)
            for one in [resolved(s) for s in shape.get("anyOf", [])] or [shape]:
                assert "detail" in one["properties"], f"{method} {path} {code}"


def test_each_caller_gets_the_schema_whole_and_its_own_copy():
    # Made once a process (it took a second a request); a copy changed by one caller must not
    # change what the next one gets.
    first = api.get_openapi_schema()
    first["paths"].clear()
    first["components"]["schemas"]["Error"]["title"] = "changed"
    again = api.get_openapi_schema()
    assert again == SCHEMA
    assert again["components"]["schemas"]["Error"]["title"] != "changed"


@pytest.mark.django_db
def test_the_schema_served_is_the_one_the_api_makes(client):
    served = client.get("/api/openapi.json")

    assert served.status_code == 200
    assert served.json()["paths"].keys() == SCHEMA["paths"].keys()
    assert client.get("/api/openapi.json").content == served.content
