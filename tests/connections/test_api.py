"""/api/connections: add, list, change, sync, remove; the password is write-only."""

from __future__ import annotations

import json

import pytest
from django_tasks_db.models import DBTaskResult

from mutuals.connections import services, tasks
from mutuals.connections.models import Connection
from mutuals.digest.worker import run_waiting_tasks
from mutuals.interactions.models import Interaction
from tests.api.conftest import field_errors, token_client
from tests.connections.test_sync import from_rosa
from tests.factories import make_person, make_user


@pytest.fixture
def jordan_api(jordan):
    return token_client(jordan)


@pytest.fixture
def riley_api(riley):
    return token_client(riley)


def body(mailbox, **changes):
    return {
        "name": "work",
        "host": "127.0.0.1",
        "port": mailbox.port,
        "username": mailbox.user,
        "password": mailbox.password,
        "security": "plain",
        **changes,
    }


def post(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def test_add_sync_and_list(transactional_db, mailbox):
    jordan = make_user("jordan")
    jordan_api = token_client(jordan)
    make_person(jordan, "Rosa Núñez", emails=["rosa@example.com"])
    mailbox.append("INBOX", from_rosa(1))

    created = post(jordan_api, "/api/connections", body(mailbox))
    synced = post(jordan_api, f"/api/connections/{created.json()['id']}/sync")
    again = post(jordan_api, f"/api/connections/{created.json()['id']}/sync")

    assert created.status_code == 201, created.content
    assert synced.status_code == 202
    assert synced.json()["status"] == "queued"
    assert synced.json()["message"] == "Syncing work in the background."
    assert synced.json()["account"]["syncing"] is True
    assert synced.json()["account"]["waiting_for_worker"] is False
    assert synced.json()["account"]["last_sync_at"] is None
    assert again.status_code == 202
    assert again.json()["status"] == "busy"
    assert again.json()["message"] == "work is being synced right now."
    assert Interaction.objects.count() == 0  # not in the request

    run_waiting_tasks("test-worker")
    listed = jordan_api.get("/api/connections").json()

    assert listed["count"] == 1
    assert listed["items"][0]["syncing"] is False
    assert listed["items"][0]["waiting_for_worker"] is False
    assert listed["items"][0]["last_sync_at"] is not None
    assert listed["items"][0]["last_added"]["messages"] == 1
    assert Interaction.objects.filter(owner=jordan).count() == 1


def test_a_sync_nobody_starts_is_waiting_for_the_worker(jordan_api, mailbox):
    created = post(jordan_api, "/api/connections", body(mailbox)).json()
    post(jordan_api, f"/api/connections/{created['id']}/sync")
    asked = DBTaskResult.objects.get(task_path=tasks.sync_account.module_path)
    asked.enqueued_at -= tasks.WORKER_LATE * 2  # as if asked for minutes ago
    asked.save(update_fields=["enqueued_at"])

    shown = jordan_api.get(f"/api/connections/{created['id']}").json()

    assert shown["syncing"] is True
    assert shown["waiting_for_worker"] is True


def test_the_password_is_write_only(jordan_api, jordan, mailbox):
    created = post(jordan_api, "/api/connections", body(mailbox, password="pw-77x"))
    shown = jordan_api.get(f"/api/connections/{created.json()['id']}")
    listed = jordan_api.get("/api/connections")

    for answer in (created, shown, listed):
        assert "pw-77x" not in answer.content.decode()
    for found in (created.json(), shown.json(), *listed.json()["items"]):
        assert "password" not in found
        assert "secret" not in found
    for answer in (shown, listed):
        assert Connection.objects.get(owner=jordan).secret not in answer.content.decode()


def test_a_wrong_field_answers_422_naming_it(jordan_api, jordan, mailbox):
    answer = post(jordan_api, "/api/connections", body(mailbox, host="imap.example.org"))

    assert "security" in field_errors(answer)
    assert not Connection.objects.exists()


def test_a_name_used_already_answers_422(jordan_api, jordan, mailbox):
    post(jordan_api, "/api/connections", body(mailbox))

    assert "name" in field_errors(post(jordan_api, "/api/connections", body(mailbox)))


def test_patch_pauses_and_takes_a_new_password(jordan_api, jordan, mailbox):
    made = post(jordan_api, "/api/connections", body(mailbox, password="old")).json()
    before = Connection.objects.get(pk=made["id"]).secret

    changed = jordan_api.patch(
        f"/api/connections/{made['id']}",
        json.dumps({"paused": True, "password": "new"}),
        content_type="application/json",
    )

    assert changed.json()["paused"] is True
    assert Connection.objects.get(pk=made["id"]).secret != before


def test_delete_with_conversations_removes_what_it_added(jordan_api, jordan, mailbox):
    make_person(jordan, "Rosa Núñez", emails=["rosa@example.com"])
    mailbox.append("INBOX", from_rosa(1))
    made = post(jordan_api, "/api/connections", body(mailbox)).json()
    services.sync(owner=jordan, connection=Connection.objects.get(pk=made["id"]))

    answer = jordan_api.delete(f"/api/connections/{made['id']}?with_conversations=true")

    assert answer.json() == {"removed_messages": 1}
    assert not Interaction.objects.filter(owner=jordan).exists()


def test_someone_else_s_account_is_not_found(jordan_api, riley_api, jordan, mailbox):
    made = post(jordan_api, "/api/connections", body(mailbox)).json()
    url = f"/api/connections/{made['id']}"

    assert riley_api.get(url).status_code == 404
    assert post(riley_api, f"{url}/sync").status_code == 404
    assert riley_api.delete(url).status_code == 404
    assert riley_api.get("/api/connections").json() == {"count": 0, "items": []}
    assert Connection.objects.filter(pk=made["id"]).exists()
