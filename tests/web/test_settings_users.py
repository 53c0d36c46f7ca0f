"""Settings: revoking every token, the password change's offer to do it, and the link to the
people who use this install (tests/web/test_users.py has that page)."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from mutuals.accounts.models import ApiToken
from mutuals.accounts.services import authenticate_token, create_token, create_user
from tests.factories import PASSWORD

NEW = "a brand new walk in the park"


@pytest.fixture
def dana(db):
    return create_user(username="dana", password=PASSWORD, is_owner=True)


@pytest.fixture
def dana_client(dana) -> Client:
    client = Client()
    client.force_login(dana)
    return client


def test_revoke_all_stops_every_one_of_your_tokens(jordan_client, jordan, riley):
    _, one = create_token(user=jordan, label="one")
    _, two = create_token(user=jordan, label="two")
    _, rileys = create_token(user=riley, label="riley's")
    response = jordan_client.post("/settings/tokens/revoke-all")
    assertRedirects(response, "/settings/", fetch_redirect_response=False)
    assert authenticate_token(one) is None
    assert authenticate_token(two) is None
    assert authenticate_token(rileys) == riley


def test_revoke_all_needs_a_post(jordan_client, jordan):
    create_token(user=jordan, label="one")
    assert jordan_client.get("/settings/tokens/revoke-all").status_code == 405
    assert ApiToken.objects.filter(user=jordan).exists()


def test_changing_the_password_can_revoke_every_token(jordan_client, jordan):
    _, raw = create_token(user=jordan, label="one")
    data = {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    jordan_client.post("/settings/password", {**data, "revoke_tokens": "on"})
    assert authenticate_token(raw) is None


def test_changing_the_password_keeps_tokens_unless_asked(jordan_client, jordan):
    _, raw = create_token(user=jordan, label="one")
    data = {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    jordan_client.post("/settings/password", data)
    assert authenticate_token(raw) == jordan


def test_the_password_form_offers_to_revoke_tokens(jordan_client):
    assertContains(jordan_client.get("/settings/"), "Also revoke all my API tokens")


def test_an_owner_finds_the_people_who_use_the_install_from_settings(dana_client):
    assertContains(dana_client.get("/settings/"), 'href="/settings/users/"')


def test_a_member_sees_no_link_to_the_people_who_use_the_install(riley_client):
    assertNotContains(riley_client.get("/settings/"), 'href="/settings/users/"')


def test_signed_out_visitors_are_sent_to_sign_in(jordan):
    for path in (
        "/settings/tokens/revoke-all",
        "/settings/users",
        f"/settings/users/{jordan.pk}/disable",
    ):
        response = Client().post(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
