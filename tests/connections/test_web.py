"""The Connections page: list, add, sync now, pause, remove (confirmed), errors in words."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from mutuals.connections import services, tasks
from mutuals.connections.models import Connection
from mutuals.digest.worker import run_waiting_tasks
from mutuals.interactions.models import Interaction
from tests.connections.test_sync import from_rosa
from tests.factories import make_person, make_user


@pytest.fixture
def rosa(jordan):
    return make_person(jordan, "Rosa Núñez", emails=["rosa@example.com"])


def form(mailbox, **changes):
    return {
        "name": "Work",
        "host": "127.0.0.1",
        "security": "plain",
        "port": str(mailbox.port),
        "username": mailbox.user,
        "password": mailbox.password,
        "sent_folder": "",
        **changes,
    }


def account(owner, mailbox, name="Work"):
    connection, _ = services.connect_imap(
        owner=owner,
        name=name,
        host="127.0.0.1",
        port=mailbox.port,
        username=mailbox.user,
        password=mailbox.password,
        security="plain",
    )
    return connection


def test_the_empty_page_says_what_to_do(jordan_client):
    page = jordan_client.get(reverse("connections")).content.decode()

    assert "No account yet" in page
    assert "Add a mail account (IMAP)" in page


def test_adding_an_account_keeps_the_password_encrypted_and_never_shows_it(
    jordan_client, jordan, mailbox
):
    answer = jordan_client.post(reverse("connections"), form(mailbox, password="pw-9f3a"))

    assert answer.status_code == 302
    stored = Connection.objects.get(owner=jordan)
    page = jordan_client.get(reverse("connections")).content.decode()
    assert "pw-9f3a" not in stored.secret
    assert "pw-9f3a" not in page
    assert stored.secret not in page
    assert "Work" in page


def test_a_bad_field_is_named_and_nothing_is_added(jordan_client, jordan, mailbox):
    answer = jordan_client.post(
        reverse("connections"), form(mailbox, host="imap.example.org", port="")
    )

    assert answer.status_code == 400
    assert "A password is sent in the clear only to a server on this computer" in (
        answer.content.decode()
    )
    assert not Connection.objects.filter(owner=jordan).exists()


def test_sync_now_queues_the_sync_and_the_page_follows_it(transactional_db, mailbox):
    jordan = make_user("jordan")
    make_person(jordan, "Rosa Núñez", emails=["rosa@example.com"])
    client = Client()
    client.force_login(jordan)
    mailbox.append("INBOX", from_rosa(1))
    connection = account(jordan, mailbox)
    card = reverse("connection_sync", args=[connection.pk])

    page = client.post(card, follow=True).content.decode()

    assert "Syncing Work in the background: this page follows along." in page
    assert f'hx-get="{card}" hx-trigger="every 3s"' in page
    assert "Syncing…" in page
    assert not Interaction.objects.filter(owner=jordan).exists()  # the worker has not run
    waiting = client.get(card, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" in waiting
    assert "<html" not in waiting  # the card alone

    run_waiting_tasks("test-worker")

    done = client.get(card, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in done  # it stops asking
    assert "Syncing…" not in done
    assert "1 new message, 1 new conversation" in done
    assert Interaction.objects.filter(owner=jordan).count() == 1


def test_a_sync_nobody_starts_tells_how_to_start_the_worker(jordan_client, jordan, mailbox):
    connection = account(jordan, mailbox)
    card = reverse("connection_sync", args=[connection.pk])
    jordan_client.post(card)
    fresh = jordan_client.get(card, HTTP_HX_REQUEST="true").content.decode()
    asked = DBTaskResult.objects.get(task_path=tasks.sync_account.module_path)
    asked.enqueued_at -= tasks.WORKER_LATE * 2  # as if asked for minutes ago
    asked.save(update_fields=["enqueued_at"])

    late = jordan_client.get(card, HTTP_HX_REQUEST="true").content.decode()

    assert "Syncing…" in fresh
    assert "background worker" not in fresh
    assert "Still waiting for the background worker to start this sync." in late
    assert "<code>mutuals worker</code>" in late
    assert "hx-trigger" in late  # it goes on asking: the worker may start yet


def test_two_clicks_queue_one_sync_and_the_second_says_it_is_running(
    jordan_client, jordan, mailbox
):
    connection = account(jordan, mailbox)
    url = reverse("connection_sync", args=[connection.pk])

    jordan_client.post(url)
    page = jordan_client.post(url, follow=True).content.decode()

    assert "Work is being synced right now." in page
    assert DBTaskResult.objects.filter(task_path=tasks.sync_account.module_path).count() == 1


def test_the_card_without_htmx_is_the_page(jordan_client, jordan, mailbox):
    connection = account(jordan, mailbox)
    answer = jordan_client.get(reverse("connection_sync", args=[connection.pk]))
    assert answer.status_code == 302
    assert answer.url == reverse("connections")


def test_a_failed_sync_shows_why_in_words(transactional_db, mailbox):
    jordan = make_user("jordan")
    client = Client()
    client.force_login(jordan)
    connection = account(jordan, mailbox)
    Connection.objects.filter(pk=connection.pk).update(port=9)

    client.post(reverse("connection_sync", args=[connection.pk]))
    run_waiting_tasks("test-worker")
    page = client.get(reverse("connections")).content.decode()

    assert "The last sync failed: Could not reach the mail server at 127.0.0.1:9" in page
    assert "Syncing…" not in page
    assert "Traceback" not in page


def test_pause_and_resume(jordan_client, jordan, mailbox):
    connection = account(jordan, mailbox)

    jordan_client.post(reverse("connection_pause", args=[connection.pk]), {"paused": "1"})
    assert Connection.objects.get(pk=connection.pk).paused
    jordan_client.post(reverse("connection_pause", args=[connection.pk]), {"paused": "0"})
    assert not Connection.objects.get(pk=connection.pk).paused


def test_removing_asks_first_then_removes_with_what_it_added(jordan_client, jordan, rosa, mailbox):
    mailbox.append("INBOX", from_rosa(1))
    connection = account(jordan, mailbox)
    services.sync(owner=jordan, connection=connection)

    question = jordan_client.get(reverse("connection_remove", args=[connection.pk]))
    assert "Remove Work?" in question.content.decode()
    assert Connection.objects.filter(pk=connection.pk).exists()
    jordan_client.post(reverse("connection_remove", args=[connection.pk]), {"added": "remove"})

    assert not Connection.objects.filter(pk=connection.pk).exists()
    assert not Interaction.objects.filter(owner=jordan).exists()


def test_removing_can_keep_what_it_added(jordan_client, jordan, rosa, mailbox):
    mailbox.append("INBOX", from_rosa(1))
    connection = account(jordan, mailbox)
    services.sync(owner=jordan, connection=connection)

    jordan_client.post(reverse("connection_remove", args=[connection.pk]), {"added": "keep"})

    assert Interaction.objects.filter(owner=jordan).count() == 1


def test_someone_else_s_account_is_not_found(riley_client, jordan, mailbox):
    connection = account(jordan, mailbox)

    for name in ("connection_sync", "connection_pause", "connection_remove"):
        assert riley_client.post(reverse(name, args=[connection.pk])).status_code == 404
    card = reverse("connection_sync", args=[connection.pk])
    assert riley_client.get(card, HTTP_HX_REQUEST="true").status_code == 404
    assert mailbox.user not in riley_client.get(reverse("connections")).content.decode()
    assert not DBTaskResult.objects.exists()
    assert Connection.objects.filter(pk=connection.pk, paused=False).exists()
