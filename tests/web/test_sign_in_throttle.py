"""The sign-in page after too many wrong passwords: a wait said in words, with 429."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains, assertRedirects

from mutuals.accounts.models import FailedAttempts
from tests.factories import PASSWORD

ATTACKER = "203.0.113.66"


def sign_in(password: str, address: str = ATTACKER, username: str = "jordan"):
    client = Client(REMOTE_ADDR=address)
    return client.post("/login/", {"username": username, "password": password})


def end_every_wait() -> None:
    """The clock moves on: every wait is over (no test sleeps)."""
    FailedAttempts.objects.update(wait_until=timezone.now() - dt.timedelta(seconds=1))


def test_two_wrong_passwords_just_say_wrong(jordan):
    sign_in("nope")
    response = sign_in("nope")
    assert response.status_code == 200
    assertContains(response, "Please enter a correct username and password")


def test_the_third_wrong_password_says_when_to_try_again(jordan):
    sign_in("nope")
    sign_in("nope")
    response = sign_in("nope")
    assertContains(response, "Too many attempts. Try again in 15 seconds", status_code=429)
    assertContains(response, "mutuals user passwd jordan", status_code=429)
    assert response["Retry-After"] == "15"


def test_while_waiting_even_the_right_password_is_refused(jordan):
    for _ in range(3):
        sign_in("nope")
    response = sign_in(PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in Client().session


def test_after_the_wait_the_right_password_works(jordan):
    for _ in range(3):
        sign_in("nope")
    end_every_wait()
    assertRedirects(sign_in(PASSWORD), "/", fetch_redirect_response=False)


def test_an_attacker_elsewhere_does_not_lock_the_owner_out(jordan):
    for _ in range(20):
        sign_in("nope")
    assertRedirects(sign_in(PASSWORD, address="198.51.100.7"), "/", fetch_redirect_response=False)


def test_fifty_wrong_passwords_then_the_right_one_is_refused(jordan):
    for _ in range(50):
        sign_in("nope")
    assert sign_in(PASSWORD).status_code == 429


def test_a_spray_over_many_names_is_throttled_by_address(jordan, riley):
    for number in range(10):
        sign_in("nope", username=f"user{number}")
    assert sign_in("nope", username="riley").status_code == 429


def test_the_admin_sign_in_is_throttled_too(jordan):
    jordan.is_staff = True
    jordan.save()
    client = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(3):
        client.post("/admin/login/", {"username": "jordan", "password": "nope"})
    client.post("/admin/login/", {"username": "jordan", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_the_sign_in_page_says_how_to_reset_a_password_on_the_server(jordan):
    response = Client().get("/login/")
    assertContains(response, "On the computer mutuals runs on")
    assertContains(response, "mutuals user passwd NAME")


def test_without_smtp_no_email_reset_is_offered(jordan):
    response = Client().get("/login/")
    assert "by e-mail" not in response.content.decode()
