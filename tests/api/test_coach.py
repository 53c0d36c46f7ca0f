"""GET /api/coach/clients and /api/coach/clients/{id}: numbers and codes, exactly the client's
level (null above it), 404 when not linked, and every look recorded."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from mutuals.coaching.models import AccessRecord, CoachLink
from tests.api.conftest import token_client
from tests.coach_data import NETWORK_SECRETS, NEVER, PERSON, PLAN_SECRETS, link, planted

pytestmark = pytest.mark.django_db


@pytest.fixture
def casey_api(casey):
    return token_client(casey)


def test_clients_lists_rows_in_numbers_and_codes(casey_api, casey, jordan):
    link(casey, jordan, level="plan")
    planted(jordan, timezone.localdate())
    body = casey_api.get("/api/coach/clients").json()
    [row] = body["items"]
    assert (row["id"], row["name"], row["level"]) == (jordan.pk, "jordan", "plan")
    assert row["flags"] == ["asking_not_giving", "applied_waiting"]
    assert row["leads_by_stage"]["applied"] == 1
    assert len(row["weeks"]) == 12
    assert isinstance(row["weeks"][-1]["asks"], int)
    assert "plan" not in row
    assert "people" not in row


def test_clients_can_be_filtered_and_refuse_an_unknown_sort(casey_api, casey, jordan, riley):
    link(casey, jordan)
    link(casey, riley)
    planted(jordan, timezone.localdate())
    from tests.factories import log, make_person

    log(riley, make_person(riley))
    body = casey_api.get("/api/coach/clients?flagged=true&sort=flags").json()
    assert [row["name"] for row in body["items"]] == ["jordan"]
    assert casey_api.get("/api/coach/clients?sort=salary").status_code == 422


@pytest.mark.parametrize("level", ["progress", "plan", "network"])
def test_a_client_holds_exactly_their_level(casey_api, casey, jordan, level):
    link(casey, jordan, level=level)
    planted(jordan, timezone.localdate())
    response = casey_api.get(f"/api/coach/clients/{jordan.pk}")
    assert response.status_code == 200
    body = response.json()
    text = json.dumps(body, ensure_ascii=False)
    for secret in NEVER:
        assert secret not in text
    for secret in PLAN_SECRETS:
        assert (secret in text) is (level != "progress"), secret
    for secret in NETWORK_SECRETS:
        assert (secret in text) is (level == "network"), secret
    assert (body["plan"] is None) is (level == "progress")
    assert (body["people"] is None) is (level != "network")


def test_the_network_level_lists_people_with_closeness_codes(casey_api, casey, jordan):
    link(casey, jordan, level="network")
    planted(jordan, timezone.localdate())
    body = casey_api.get(f"/api/coach/clients/{jordan.pk}").json()
    assert body["people"] == [
        {"name": PERSON, "organization": "Pellucid Widgets", "closeness": "close"}
    ]
    assert body["people_total"] == 1


def test_a_client_not_linked_is_404_and_nothing_is_recorded(casey_api, casey, jordan, riley):
    link(casey, jordan, state=CoachLink.ENDED)
    for client_id in (jordan.pk, riley.pk, 999_999):
        response = casey_api.get(f"/api/coach/clients/{client_id}")
        assert response.status_code == 404
    assert not AccessRecord.objects.exists()


def test_riley_sees_no_clients_and_gets_404_on_jordan(riley_api, casey, jordan):
    link(casey, jordan, level="network")
    assert riley_api.get("/api/coach/clients").json() == {"count": 0, "items": []}
    assert riley_api.get(f"/api/coach/clients/{jordan.pk}").status_code == 404


def test_listing_and_opening_are_recorded(casey_api, casey, jordan):
    link(casey, jordan)
    casey_api.get("/api/coach/clients")
    casey_api.get(f"/api/coach/clients/{jordan.pk}")
    assert list(AccessRecord.objects.order_by("id").values_list("what", flat=True)) == [
        "dashboard",
        "progress",
    ]


def test_clients_come_a_page_at_a_time_with_the_count(casey_api, casey):
    from tests.factories import make_user

    clients = [link(casey, make_user(f"client{n}")).client for n in range(3)]
    body = casey_api.get("/api/coach/clients?limit=2&offset=1").json()
    assert body["count"] == 3
    assert [row["id"] for row in body["items"]] == [c.pk for c in clients[1:]]
    assert sorted(AccessRecord.objects.values_list("client_id", flat=True)) == sorted(
        c.pk for c in clients[1:]
    )
    assert casey_api.get("/api/coach/clients?limit=0").status_code == 422
