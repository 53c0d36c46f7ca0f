"""Who may call the API: token holders for everything, signed-in browsers for reading only."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from mutuals.accounts.models import ApiToken
from mutuals.accounts.services import create_token, revoke_token
from mutuals.api.urls import api
from mutuals.people import selectors as people_selectors
from tests.factories import make_person


def operations() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return [
        (method.upper(), re.sub(r"\{[^}]+\}", "1", path))
        for path, methods in schema["paths"].items()
        for method in methods
    ]


def assert_unauthorised(response) -> None:
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "token" in response.json()["detail"]


@pytest.mark.parametrize(("method", "path"), operations())
def test_every_operation_refuses_a_request_without_a_token(db, method, path):
    response = Client().generic(method, path, "{}", content_type="application/json")
    assert_unauthorised(response)


def test_it_says_how_to_send_a_token_when_there_is_none(db):
    response = Client().get("/api/people")
    assert_unauthorised(response)
    assert "Authorization: Bearer" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_it_refuses_a_made_up_token(jordan):
    response = Client(HTTP_AUTHORIZATION="Bearer mut_not-a-real-token").get("/api/people")
    assert_unauthorised(response)
    assert "not valid" in response.json()["detail"]


def test_it_refuses_a_token_sent_with_another_scheme(jordan):
    _, raw = create_token(user=jordan, label="scripts")
    response = Client(HTTP_AUTHORIZATION=f"Token {raw}").get("/api/people")
    assert_unauthorised(response)


def test_it_refuses_a_revoked_token(jordan):
    token, raw = create_token(user=jordan, label="scripts")
    revoke_token(user=jordan, token_id=token.pk)
    assert_unauthorised(Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/people"))


def test_it_refuses_the_token_of_a_deactivated_user(jordan):
    _, raw = create_token(user=jordan, label="scripts")
    jordan.is_active = False
    jordan.save()
    assert_unauthorised(Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/people"))


def test_a_valid_token_acts_as_its_user_and_records_its_use(jordan):
    make_person(jordan, "Rosa Núñez")
    token, raw = create_token(user=jordan, label="scripts")
    response = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/people")
    assert response.status_code == 200
    assert [p["name"] for p in response.json()["items"]] == ["Rosa Núñez"]
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_a_signed_in_browser_can_read_without_a_token(jordan_client, jordan):
    make_person(jordan, "Rosa Núñez")
    response = jordan_client.get("/api/people")
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_a_signed_in_browser_cannot_write_without_a_token(jordan_client, jordan):
    response = jordan_client.post(
        "/api/people", {"name": "Ann Lee"}, content_type="application/json"
    )
    assert_unauthorised(response)
    assert people_selectors.count_people(owner=jordan) == 0


def test_the_openapi_schema_is_served_as_valid_json_without_a_token(db):
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/people", "/api/interactions", "/api/promises", "/api/today"} <= set(
        schema["paths"]
    )


def test_the_schema_declares_bearer_tokens(db):
    schemes = Client().get("/api/openapi.json").json()["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"} in schemes.values()


def test_every_operation_has_a_summary_and_a_tag(db):
    paths = Client().get("/api/openapi.json").json()["paths"]
    for path, methods in paths.items():
        for method, operation in methods.items():
            assert operation.get("summary"), f"{method} {path} has no summary"
            assert operation.get("tags"), f"{method} {path} has no tag"


def test_the_docs_page_loads_its_scripts_from_this_server(db):
    page = Client().get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn." not in page


def test_the_docs_page_is_served(db):
    response = Client().get("/api/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content
