"""`mutuals digest` and `mutuals worker`, in-process, against a real SMTP server on loopback."""

from __future__ import annotations

import datetime as dt

import pytest

from mutuals.accounts.selectors import preferences_of
from mutuals.accounts.services import set_email, update_preferences
from mutuals.cli.errors import ExitCode
from mutuals.digest.models import DigestSent
from mutuals.promises.services import create_promise
from tests.cli.conftest import failed, parsed
from tests.factories import make_person, make_promise
from tests.smtp import smtp_down_fixture, smtp_server_fixture, text_of  # noqa: F401 (fixtures)

DAY = dt.date(2026, 3, 10)


@pytest.fixture
def rosa(jordan):
    rosa = make_person(jordan, "Rosa Núñez", notes="private notes")
    create_promise(owner=jordan, person_id=rosa.pk, text="Send the article", due_on=DAY)
    return rosa


@pytest.fixture
def with_address(jordan):
    set_email(user=jordan, email="jordan@example.org")
    return jordan


def test_print_shows_the_digest_and_sends_nothing(mutuals, rosa, smtp_server):
    result = mutuals("digest", "--print", "--date", "2026-03-10")

    assert result.exit_code == 0, result.output
    assert "Subject: Your plan for today, 10 Mar 2026" in result.stdout
    assert "1. Keep your promise to Rosa" in result.stdout
    assert "private notes" not in result.stdout
    assert smtp_server.messages == []
    assert not DigestSent.objects.exists()


def test_print_json_has_the_actions_and_the_text(mutuals, rosa):
    body = parsed(mutuals("digest", "--print", "--date", "2026-03-10", "--json"))

    assert body["date"] == "2026-03-10"
    assert body["actions"] == ["Keep your promise to Rosa"]
    assert body["more_due"] == 0
    assert "Keep your promise to Rosa" in body["text"]


def test_send_sends_once_a_day_unless_forced(mutuals, rosa, with_address, smtp_server):
    first = mutuals("digest", "--send")
    second = mutuals("digest", "--send")
    third = mutuals("digest", "--send", "--force")

    assert first.exit_code == 0, first.output
    assert "Sent today's digest" in first.stderr
    assert second.exit_code == 0
    assert "sent already" in second.stderr
    assert "--force" in second.stderr
    assert third.exit_code == 0
    assert len(smtp_server.messages) == 2
    assert smtp_server.messages[0]["To"] == "jordan@example.org"


def test_send_with_the_server_down_says_so_and_exits_with_an_error(
    mutuals, rosa, with_address, smtp_down
):
    message = failed(mutuals("digest", "--send"), ExitCode.ERROR)

    assert (
        f"Could not reach the mail server at 127.0.0.1:{smtp_down} (connection refused); "
        "nothing was sent, it will be retried." in " ".join(message.split())
    )
    assert DigestSent.objects.get().status == DigestSent.FAILED


def test_send_without_a_mail_server_says_who_sets_one(mutuals, with_address, settings):
    settings.MUTUALS_SMTP_HOST = ""

    message = failed(mutuals("digest", "--send"), ExitCode.ERROR)

    assert "MUTUALS_SMTP_HOST" in message


def test_send_without_an_address_asks_for_one(mutuals, jordan, smtp_server):
    message = failed(mutuals("digest", "--send"), ExitCode.INVALID)

    assert "e-mail address" in message


def test_on_hour_and_email_change_the_preferences_and_say_so(mutuals, jordan, smtp_server):
    result = mutuals("digest", "--on", "--hour", "6", "--email", "jordan@example.org")

    assert result.exit_code == 0, result.output
    assert "on: sent after 6:00" in result.stdout
    preferences = preferences_of(jordan)
    assert (preferences.digest_enabled, preferences.digest_hour) == (True, 6)
    jordan.refresh_from_db()
    assert jordan.email == "jordan@example.org"


def test_off_turns_it_off(mutuals, jordan):
    update_preferences(user=jordan, digest_enabled=True)

    result = mutuals("digest", "--off")

    assert "off" in result.stdout
    assert preferences_of(jordan).digest_enabled is False


def test_a_bad_address_is_refused_and_changes_nothing(mutuals, jordan):
    failed(mutuals("digest", "--on", "--email", "not an address"), ExitCode.INVALID)

    assert preferences_of(jordan).digest_enabled is False


@pytest.mark.parametrize("hour", ["24", "-1", "seven"])
def test_an_hour_outside_the_day_is_a_usage_error(mutuals, jordan, hour):
    result = mutuals("digest", "--hour", hour)

    assert result.exit_code == ExitCode.USAGE
    assert preferences_of(jordan).digest_hour == 7


def test_state_json_says_what_is_set_and_the_last_try(mutuals, with_address, smtp_down):
    mutuals("digest", "--send")

    body = parsed(mutuals("digest", "--json"))

    assert body["enabled"] is False
    assert body["email_set"] is True
    assert body["last"]["status"] == "failed"
    assert "connection refused" in body["last"]["error"]


def test_print_and_send_together_are_refused(mutuals, jordan):
    assert mutuals("digest", "--print", "--send").exit_code == ExitCode.USAGE


def test_the_worker_once_sends_the_due_digests(
    transactional_db, mutuals, with_address, smtp_server
):
    # The worker reads the clock: a promise due on its today, a digest due from midnight.
    make_promise(with_address, make_person(with_address, "Rosa Núñez"), due_in=0)
    update_preferences(user=with_address, digest_enabled=True, digest_hour=0)

    result = mutuals("worker", "--once")

    assert result.exit_code == 0, result.output
    [message] = smtp_server.messages
    assert "Keep your promise to Rosa" in text_of(message)
