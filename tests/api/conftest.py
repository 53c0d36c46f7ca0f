"""API clients for the personas: each sends its own personal access token."""

from __future__ import annotations

import pytest
from django.test import Client

from mutuals.accounts.services import create_token


def token_client(user) -> Client:
    _, raw = create_token(user=user, label="tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.fixture
def jordan_api(jordan) -> Client:
    return token_client(jordan)


@pytest.fixture
def riley_api(riley) -> Client:
    return token_client(riley)


def field_errors(response) -> dict[str, list[str]]:
    """The fields a 422 answer names, after checking it has the documented shape."""
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["detail"] == "Some fields need attention."
    return body["errors"]
