"""The Connections page: list, add, sync now, pause, remove (confirmed), errors in words."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mutuals.connections import services
from mutuals.connections.models import Connection
from mutuals.interactions.models import Interaction
from tests.connections.test_sync import from_rosa
from tests.factories import make_person


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

    assert "No mail account yet" in page
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


def test_sync_now_adds_the_conversations_and_says_what_it_did(jordan_client, jordan, rosa, mailbox):
    mailbox.append("INBOX", from_rosa(1))
    connection = account(jordan, mailbox)

    answer = jordan_client.post(reverse("connection_sync", args=[connection.pk]), follow=True)

    page = answer.content.decode()
    assert "Synced Work: 1 new message, 1 new conversation." in page
    assert "1 new message, 1 new conversation" in page
    assert Interaction.objects.filter(owner=jordan).count() == 1


def test_a_failed_sync_shows_why_in_words(jordan_client, jordan, mailbox):
    connection = account(jordan, mailbox)
    Connection.objects.filter(pk=connection.pk).update(port=9)

    page = jordan_client.post(
        reverse("connection_sync", args=[connection.pk]), follow=True
    ).content.decode()

    assert "The last sync failed: Could not reach the mail server at 127.0.0.1:9" in page
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
    assert mailbox.user not in riley_client.get(reverse("connections")).content.decode()
    assert Connection.objects.filter(pk=connection.pk, paused=False).exists()
