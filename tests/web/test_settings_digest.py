"""The settings page's Morning digest section: on/off and hour, "send me one now", and how the
last digest went, in words."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from mutuals.accounts.selectors import preferences_of
from mutuals.accounts.services import set_email, update_preferences
from mutuals.digest.models import DigestSent
from mutuals.digest.services import send_digest
from tests.smtp import smtp_down_fixture, smtp_server_fixture  # noqa: F401 (fixtures)


@pytest.fixture
def with_address(jordan):
    set_email(user=jordan, email="jordan@example.org")
    return jordan


def test_the_section_shows_the_saved_choice(jordan_client, jordan):
    update_preferences(user=jordan, digest_enabled=True, digest_hour=6)

    response = jordan_client.get("/settings/")

    assertContains(response, '<h2 id="digest-heading">Morning digest</h2>', html=True)
    assertContains(response, 'name="digest_enabled" id="id_digest_enabled" checked')
    assertContains(response, '<option value="6" selected>06:00</option>', html=True)
    assertContains(response, "No digest sent yet.")


def test_saving_turns_it_on_at_the_chosen_hour(jordan_client, jordan):
    response = jordan_client.post(
        "/settings/digest", {"digest_enabled": "on", "digest_hour": "8"}, follow=True
    )

    assertContains(response, "Saved: the morning digest is on, sent after 08:00.")
    preferences = preferences_of(jordan)
    assert (preferences.digest_enabled, preferences.digest_hour) == (True, 8)


def test_saving_without_the_box_turns_it_off(jordan_client, jordan):
    update_preferences(user=jordan, digest_enabled=True)

    jordan_client.post("/settings/digest", {"digest_hour": "7"})

    assert preferences_of(jordan).digest_enabled is False


def test_a_bad_hour_names_the_field_and_changes_nothing(jordan_client, jordan):
    response = jordan_client.post("/settings/digest", {"digest_enabled": "on", "digest_hour": "25"})

    assert response.status_code == 200
    assertContains(response, "Select a valid choice")
    assert preferences_of(jordan).digest_enabled is False


def test_without_a_mail_server_it_says_who_sets_one_and_offers_no_send(jordan_client, settings):
    settings.MUTUALS_SMTP_HOST = ""

    response = jordan_client.get("/settings/")

    assertContains(response, "MUTUALS_SMTP_HOST")
    assertNotContains(response, "Send me one now")


def test_without_an_address_it_asks_for_one(jordan_client, smtp_server):
    response = jordan_client.get("/settings/")

    assertContains(response, "Add your e-mail address above first")
    assertNotContains(response, "Send me one now")


def test_send_me_one_now_sends_it_and_says_when(jordan_client, with_address, smtp_server):
    response = jordan_client.post("/settings/digest/send", follow=True)

    assertContains(response, "Sent today&#x27;s digest to your e-mail address.")
    assertContains(response, "Last sent")
    assert len(smtp_server.messages) == 1
    assert smtp_server.messages[0]["To"] == "jordan@example.org"


def test_send_me_one_now_again_sends_another(jordan_client, with_address, smtp_server):
    jordan_client.post("/settings/digest/send")
    jordan_client.post("/settings/digest/send")

    assert len(smtp_server.messages) == 2


def test_a_failed_send_is_said_in_words_on_the_page(jordan_client, with_address, smtp_down):
    response = jordan_client.post("/settings/digest/send", follow=True)

    assertContains(response, f"Could not reach the mail server at 127.0.0.1:{smtp_down}")
    assertContains(response, "was not sent")
    assert DigestSent.objects.get().status == DigestSent.FAILED


def test_send_needs_a_post(jordan_client):
    assert jordan_client.get("/settings/digest/send").status_code == 405


def test_riley_neither_sees_nor_changes_jordans_digest(riley_client, riley, jordan, smtp_down):
    set_email(user=jordan, email="jordan@example.org")
    update_preferences(user=jordan, digest_enabled=True, digest_hour=5)
    send_digest(owner=jordan)  # fails: the server is down

    response = riley_client.get("/settings/")
    assertContains(response, "No digest sent yet.")
    riley_client.post("/settings/digest", {"digest_enabled": "on", "digest_hour": "9"})
    assert preferences_of(jordan).digest_hour == 5
    assert preferences_of(riley).digest_hour == 9
