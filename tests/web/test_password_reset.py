"""Password reset by e-mail when SMTP is set (MUTUALS_SMTP_HOST); none without it."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from pytest_django.asserts import assertContains, assertRedirects

from mutuals.accounts import throttle
from mutuals.accounts.services import set_email
from tests.factories import PASSWORD

NEW = "a brand new walk in the park"


@pytest.fixture
def smtp(settings):
    settings.MUTUALS_SMTP_HOST = "smtp.example.org"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_without_smtp_there_is_no_reset_page(jordan):
    assert Client().get("/password-reset/").status_code == 404


def test_with_smtp_the_sign_in_page_offers_a_reset_by_email(smtp, jordan):
    assertContains(Client().get("/login/"), 'href="/password-reset/"')


def test_the_link_sent_by_email_sets_a_new_password(smtp, jordan):
    set_email(user=jordan, email="jordan@example.org")
    client = Client()
    response = client.post("/password-reset/", {"email": "jordan@example.org"})
    assertRedirects(response, "/password-reset/sent", fetch_redirect_response=False)
    [message] = mail.outbox
    link = re.search(r"http://testserver(/password-reset/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}
    )
    assertRedirects(response, "/password-reset/done", fetch_redirect_response=False)
    assert Client().login(username="jordan", password=NEW)


def test_resetting_lifts_the_sign_in_wait(smtp, jordan):
    for _ in range(5):
        throttle.record_sign_in_failure(username="jordan", address="203.0.113.6")
    set_email(user=jordan, email="jordan@example.org")
    client = Client()
    client.post("/password-reset/", {"email": "jordan@example.org"})
    link = re.search(r"http://testserver(/password-reset/\S+)", mail.outbox[0].body).group(1)
    page = client.get(link, follow=True)
    client.post(page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert throttle.sign_in_wait(username="jordan", address="203.0.113.6") is None


def test_an_unknown_address_gets_no_email_and_the_same_answer(smtp, jordan):
    response = Client().post("/password-reset/", {"email": "stranger@example.org"})
    assertRedirects(response, "/password-reset/sent", fetch_redirect_response=False)
    assert mail.outbox == []


def test_settings_save_the_reset_address_only_with_smtp(smtp, jordan_client, jordan):
    jordan_client.post("/settings/email", {"email": "jordan@example.org"})
    jordan.refresh_from_db()
    assert jordan.email == "jordan@example.org"


def test_a_bad_address_is_refused_next_to_the_field(smtp, jordan_client, jordan):
    response = jordan_client.post("/settings/email", {"email": "not an address"})
    assertContains(response, 'id="id_email_error"')


def test_without_smtp_settings_offer_no_email(jordan_client):
    assert "E-mail for password resets" not in jordan_client.get("/settings/").content.decode()


def test_an_old_password_still_works_until_the_link_is_used(smtp, jordan):
    set_email(user=jordan, email="jordan@example.org")
    Client().post("/password-reset/", {"email": "jordan@example.org"})
    assert Client().login(username="jordan", password=PASSWORD)
