"""Schemathesis against the live OpenAPI schema, in process through Django's WSGI app (no
network): for every operation, generated requests (valid and invalid) as Jordan, with a few of
Jordan's records about. Never a server error, every answer's status code, content type and
body as the schema declares, and invalid input refused with a 4xx.

Bounded and deterministic: a few examples per operation, derandomized, no deadline.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from mutuals.accounts.services import create_token
from mutuals.api.urls import api
from tests.factories import log, make_person, make_promise

EXAMPLES = 5
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """As Django's test client does: a request must not close the test's own connection (on
    PostgreSQL that ends the test's transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def jordans_token(jordan) -> str:
    rosa = make_person(jordan, "Rosa Núñez", tier="close")
    ann = make_person(jordan, "Ann Lee", organization="Orion")
    log(jordan, [rosa, ann])
    make_promise(jordan, rosa)
    _, raw = create_token(user=jordan, label="schemathesis")
    return raw


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_as_its_schema_says(case, jordans_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {jordans_token}"}, checks=CHECKS)
