"""`mutuals connect imap`, `mutuals sync`, `mutuals connections` against a real IMAP server."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from mutuals.cli.main import app
from mutuals.connections.models import Connection
from mutuals.emails.models import MailSource
from mutuals.interactions.models import Interaction
from tests.cli.conftest import failed, parsed
from tests.connections.test_sync import from_rosa
from tests.factories import make_person


@pytest.fixture
def mutuals(db, monkeypatch):
    monkeypatch.delenv("MUTUALS_USER", raising=False)
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input)

    return invoke


@pytest.fixture
def rosa(jordan):
    return make_person(jordan, "Rosa Núñez", emails=["rosa@example.com"])


def connect(mutuals, mailbox, name="work", password=None, *extra):
    return mutuals(
        "connect",
        "imap",
        name,
        "--host",
        "127.0.0.1",
        "--port",
        str(mailbox.port),
        "--user",
        mailbox.user,
        "--plain-on-loopback",
        "--password-stdin",
        *extra,
        input=f"{password or mailbox.password}\n",
    )


def test_connect_then_sync_makes_conversations(mutuals, jordan, rosa, mailbox):
    mailbox.append("INBOX", from_rosa(1))

    added = connect(mutuals, mailbox)
    synced = parsed(mutuals("sync", "work", "--json"))

    assert added.exit_code == 0, added.output
    assert "Added work" in added.stderr
    assert synced[0]["status"] == "synced"
    assert synced[0]["added"]["conversations"] == 1
    assert Interaction.objects.filter(owner=jordan, kind="email").count() == 1


def test_the_password_is_stored_encrypted_and_never_printed(mutuals, jordan, mailbox):
    result = connect(mutuals, mailbox, "work", "s3cret-pass", "--json")

    listed = mutuals("connections", "--json")
    stored = Connection.objects.get(owner=jordan)
    assert "s3cret-pass" not in result.output + listed.output
    assert "s3cret-pass" not in stored.secret
    assert stored.secret not in listed.output
    assert "secret" not in parsed(listed)["items"][0]
    assert "password" not in parsed(listed)["items"][0]


def test_connections_lists_each_account_with_its_last_sync(mutuals, jordan, rosa, mailbox):
    mailbox.append("INBOX", from_rosa(1))
    connect(mutuals, mailbox)
    mutuals("sync")

    listed = parsed(mutuals("connections", "--json"))["items"]
    table = mutuals("connections")

    assert [a["name"] for a in listed] == ["work"]
    assert listed[0]["last_added"]["messages"] == 1
    assert listed[0]["last_error"] is None
    assert "work" in table.stdout
    assert "1 message," in table.stdout


def test_a_failed_sync_exits_with_the_reason_in_words(mutuals, jordan, mailbox):
    connect(mutuals, mailbox, "work", "wrong password")

    result = mutuals("sync", "work")

    message = failed(result, 1)
    assert "refused the user name or password" in message
    listed = parsed(mutuals("connections", "--json"))["items"]
    assert "refused the user name or password" in listed[0]["last_error"]


def test_plain_text_is_refused_for_a_server_elsewhere(mutuals, jordan):
    result = mutuals(
        "connect",
        "imap",
        "work",
        "--host",
        "imap.example.org",
        "--user",
        "jordan",
        "--plain-on-loopback",
        "--password-stdin",
        input="pw\n",
    )

    assert "--security: A password is sent in the clear only" in failed(result, 5)
    assert not Connection.objects.exists()


def test_sync_of_an_unknown_account_says_so(mutuals, jordan):
    assert "no account named nope" in failed(mutuals("sync", "nope"), 3)


def test_pause_resume_and_remove_with_what_it_added(mutuals, jordan, rosa, mailbox):
    mailbox.append("INBOX", from_rosa(1))
    connect(mutuals, mailbox)
    mutuals("sync")

    mutuals("connections", "pause", "work")
    assert parsed(mutuals("connections", "--json"))["items"][0]["paused"] is True
    mutuals("connections", "resume", "work")
    assert parsed(mutuals("connections", "--json"))["items"][0]["paused"] is False
    refused = mutuals("connections", "remove", "work", "--with-conversations", input="n\n")
    assert Connection.objects.filter(owner=jordan).exists(), refused.output
    removed = mutuals("connections", "remove", "work", "--with-conversations", "--yes")

    assert removed.exit_code == 0, removed.output
    assert not Connection.objects.filter(owner=jordan).exists()
    assert not Interaction.objects.filter(owner=jordan).exists()
    assert not MailSource.objects.filter(owner=jordan).exists()


def test_removing_without_what_it_added_keeps_the_conversations(mutuals, jordan, rosa, mailbox):
    mailbox.append("INBOX", from_rosa(1))
    connect(mutuals, mailbox)
    mutuals("sync")

    mutuals("connections", "remove", "work", "--yes")

    assert Interaction.objects.filter(owner=jordan).count() == 1
    assert json.loads(mutuals("connections", "--json").stdout) == {"count": 0, "items": []}
