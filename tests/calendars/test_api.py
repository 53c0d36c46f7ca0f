"""/api/connections for calendars: add a CalDAV account or an iCalendar address, sync it, list
it, give a new address, remove it with what it added; the app password and the secret address
are write-only; someone else's calendar is not found; GET /api/today carries coming meetings."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from mutuals.digest.worker import run_waiting_tasks
from mutuals.interactions.models import Interaction
from tests.api.conftest import field_errors, token_client
from tests.calendars.ics import calendar, event
from tests.factories import make_person, make_user


@pytest.fixture
def jordan_api(jordan):
    return token_client(jordan)


@pytest.fixture
def riley_api(riley):
    return token_client(riley)


def post(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def test_an_ics_address_added_synced_and_listed(transactional_db, ics_server):
    # The worker's code runs the sync: on PostgreSQL it needs real transactions.
    jordan = make_user("jordan")
    jordan_api = token_client(jordan)
    rosa = make_person(jordan, "Rosa Núñez", emails=["rosa@example.com"])
    now = timezone.now()
    ics_server.serve(
        calendar(
            event("past", now - dt.timedelta(days=10)), event("soon", now + dt.timedelta(hours=3))
        )
    )
    address = ics_server.url("very-secret-77")

    created = post(
        jordan_api, "/api/connections", {"kind": "ics-url", "name": "google", "address": address}
    )
    assert created.status_code == 201, created.content
    synced = post(jordan_api, f"/api/connections/{created.json()['id']}/sync")
    assert (synced.status_code, synced.json()["status"]) == (202, "queued")
    run_waiting_tasks("test-worker")
    listed = jordan_api.get("/api/connections")
    today = jordan_api.get("/api/today").json()

    item = listed.json()["items"][0]
    assert (item["kind"], item["url"]) == ("ics-url", f"http://127.0.0.1:{ics_server.port}/…")
    assert item["last_added"]["conversations"] == 1
    assert item["last_error"] is None
    for answer in (created, synced, listed):
        assert "very-secret-77" not in answer.content.decode()
    assert Interaction.objects.get(owner=jordan).kind == "meeting"
    (meeting,) = today["meetings"]
    assert meeting["title"] == "Coffee with Rosa"
    assert meeting["people"] == [{"id": rosa.pk, "name": "Rosa Núñez"}]
    assert meeting["words"].startswith("Coffee with Rosa — ")


def test_a_caldav_account_added_with_its_app_password_write_only(jordan_api, caldav_account):
    created = post(
        jordan_api,
        "/api/connections",
        {
            "kind": "caldav",
            "name": "nextcloud",
            "url": caldav_account.url,
            "username": caldav_account.user,
            "password": "app-pw-1234",
            "calendars": ["work"],
        },
    )

    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["kind"], body["url"], body["calendars"]) == (
        "caldav",
        caldav_account.url,
        ["work"],
    )
    assert "app-pw-1234" not in created.content.decode()


def test_a_new_address_replaces_the_old_one(jordan_api, ics_server):
    created = post(
        jordan_api,
        "/api/connections",
        {"kind": "ics-url", "name": "google", "address": ics_server.url("old")},
    ).json()

    changed = jordan_api.patch(
        f"/api/connections/{created['id']}",
        json.dumps({"address": ics_server.url("new"), "paused": True}),
        content_type="application/json",
    )

    assert changed.status_code == 200, changed.content
    assert changed.json()["paused"] is True
    from mutuals.connections import credentials
    from mutuals.connections.models import Connection

    stored = Connection.objects.get(pk=created["id"])
    assert credentials.reveal(stored.secret) == ics_server.url("new")


def test_a_wrong_address_is_a_field_error_in_words(jordan_api):
    answer = post(
        jordan_api,
        "/api/connections",
        {"kind": "ics-url", "name": "google", "address": "http://calendar.example.org/x.ics"},
    )

    errors = field_errors(answer)
    assert "only from this computer" in errors["address"][0]


def test_someone_elses_calendar_is_not_found(jordan_api, riley_api, ics_server):
    created = post(
        jordan_api,
        "/api/connections",
        {"kind": "ics-url", "name": "g", "address": ics_server.url()},
    ).json()

    assert riley_api.get(f"/api/connections/{created['id']}").status_code == 404
    assert post(riley_api, f"/api/connections/{created['id']}/sync").status_code == 404
    assert riley_api.delete(f"/api/connections/{created['id']}").status_code == 404
    assert riley_api.get("/api/connections").json()["count"] == 0


def test_removing_with_conversations(transactional_db, ics_server):
    jordan = make_user("jordan")
    jordan_api = token_client(jordan)
    make_person(jordan, "Rosa Núñez", emails=["rosa@example.com"])
    ics_server.serve(calendar(event("past", timezone.now() - dt.timedelta(days=3))))
    created = post(
        jordan_api,
        "/api/connections",
        {"kind": "ics-url", "name": "g", "address": ics_server.url()},
    ).json()
    post(jordan_api, f"/api/connections/{created['id']}/sync")
    run_waiting_tasks("test-worker")

    removed = jordan_api.delete(f"/api/connections/{created['id']}?with_conversations=true")

    assert removed.json() == {"removed_messages": 1}
    assert not Interaction.objects.filter(owner=jordan).exists()
