"""`mutuals connect caldav|ics-url`, `mutuals sync`, `mutuals connections` and `mutuals today`
with calendars on real servers (Radicale, a loopback HTTP server)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from typer.testing import CliRunner

from mutuals.cli.main import app
from mutuals.connections import credentials
from mutuals.connections.models import Connection
from mutuals.interactions.models import Interaction
from tests.calendars.ics import calendar, event
from tests.cli.conftest import failed, parsed


@pytest.fixture
def mutuals(db, monkeypatch):
    monkeypatch.delenv("MUTUALS_USER", raising=False)
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input)

    return invoke


def test_connect_caldav_then_sync(mutuals, jordan, rosa, caldav_account):
    caldav_account.put(calendar(event("past", timezone.now() - dt.timedelta(days=5))))

    added = mutuals(
        "connect",
        "caldav",
        "nextcloud",
        "--url",
        caldav_account.url,
        "--user",
        caldav_account.user,
        "--password-stdin",
        input=f"{caldav_account.password}\n",
    )
    synced = parsed(mutuals("sync", "nextcloud", "--json"))
    listed = parsed(mutuals("connections", "--json"))["items"]

    assert added.exit_code == 0, added.output
    assert "Added nextcloud" in added.stderr
    assert synced[0]["status"] == "synced"
    assert synced[0]["added"]["conversations"] == 1
    assert Interaction.objects.get(owner=jordan).kind == "meeting"
    assert (listed[0]["kind"], listed[0]["last_added"]["meetings"]) == ("caldav", 1)


def test_connect_ics_url_reads_the_address_from_stdin_and_never_prints_it(
    mutuals, jordan, rosa, ics_server
):
    address = ics_server.url("top-secret-9")
    ics_server.serve(calendar(event("soon", timezone.now() + dt.timedelta(hours=3))))

    added = mutuals("connect", "ics-url", "google", "--address-stdin", input=f"{address}\n")
    synced = mutuals("sync", "google")
    listed = mutuals("connections", "--json")
    today = mutuals("today")
    today_json = parsed(mutuals("today", "--json"))

    assert added.exit_code == 0, added.output
    assert synced.exit_code == 0, synced.output
    assert "Synced google: 1 new meeting with your people" in synced.stderr
    for result in (added, synced, listed, today):
        assert "top-secret-9" not in result.output
    stored = Connection.objects.get(owner=jordan)
    assert credentials.reveal(stored.secret) == address
    assert parsed(listed)["items"][0]["url"] == f"http://127.0.0.1:{ics_server.port}/…"
    assert "Coming up:" in today.stdout
    assert "Coffee with Rosa — " in today.stdout
    assert today_json["meetings"][0]["title"] == "Coffee with Rosa"


def test_a_failed_calendar_sync_exits_with_words(mutuals, jordan, caldav_account):
    mutuals(
        "connect",
        "caldav",
        "nextcloud",
        "--url",
        caldav_account.url,
        "--user",
        caldav_account.user,
        "--password-stdin",
        input="wrong\n",
    )

    message = failed(mutuals("sync", "nextcloud"), 1)

    assert "refused the user name or app password" in message


def test_an_address_in_the_clear_elsewhere_is_refused(mutuals, jordan):
    result = mutuals(
        "connect",
        "ics-url",
        "google",
        "--address-stdin",
        input="http://calendar.example.org/secret.ics\n",
    )

    assert "only from this computer" in failed(result, 5)
    assert not Connection.objects.exists()


def test_remove_a_calendar_with_its_conversations(mutuals, jordan, rosa, ics_server):
    ics_server.serve(calendar(event("past", timezone.now() - dt.timedelta(days=5))))
    mutuals("connect", "ics-url", "google", "--address-stdin", input=f"{ics_server.url()}\n")
    mutuals("sync", "google")

    removed = mutuals("connections", "remove", "google", "--with-conversations", "--yes")

    assert removed.exit_code == 0, removed.output
    assert "Removed google and 1 conversation its meetings became." in removed.stderr
    assert not Interaction.objects.filter(owner=jordan).exists()
