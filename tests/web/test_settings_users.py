"""Settings: revoking every token, the password change's offer to do it, and the owner's list of
who can sign in (which other users neither see nor use)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
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


def test_an_owner_sees_who_can_sign_in(dana_client, jordan):
    response = dana_client.get("/settings/")
    assertContains(response, "Who can sign in")
    assertContains(response, "jordan")


def test_an_owner_adds_a_user(dana_client):
    response = dana_client.post("/settings/users", {"username": "sam", "password": NEW})
    assertRedirects(response, "/settings/", fetch_redirect_response=False)
    sam = get_user_model().objects.get(username="sam")
    assert not sam.is_superuser
    assert Client().login(username="sam", password=NEW)


def test_a_weak_password_for_a_new_user_is_refused_next_to_it(dana_client):
    response = dana_client.post("/settings/users", {"username": "sam", "password": "short"})
    assertContains(response, 'id="id_password_error"')
    assert not get_user_model().objects.filter(username="sam").exists()


def test_a_disabled_user_is_signed_out_and_their_tokens_stop(dana_client, jordan, jordan_client):
    _, raw = create_token(user=jordan, label="one")
    response = dana_client.post(f"/settings/users/{jordan.pk}/disable")
    assertRedirects(response, "/settings/", fetch_redirect_response=False)
    assert jordan_client.get("/settings/").status_code == 302
    assert authenticate_token(raw) is None


def test_an_enabled_user_can_sign_in_again(dana_client, jordan):
    dana_client.post(f"/settings/users/{jordan.pk}/disable")
    dana_client.post(f"/settings/users/{jordan.pk}/enable")
    assert Client().login(username="jordan", password=PASSWORD)


def test_an_owner_cannot_disable_themselves(dana_client, dana):
    response = dana_client.post(f"/settings/users/{dana.pk}/disable", follow=True)
    assertContains(response, "You cannot disable yourself")
    dana.refresh_from_db()
    assert dana.is_active


def test_disabling_nobody_is_not_found(dana_client):
    assert dana_client.post("/settings/users/99999/disable").status_code == 404


def test_riley_neither_sees_the_users_nor_manages_them(riley_client, jordan, dana):
    response = riley_client.get("/settings/")
    assertNotContains(response, "Who can sign in")
    assertNotContains(response, "jordan")
    assert riley_client.post(f"/settings/users/{jordan.pk}/disable").status_code == 404
    assert riley_client.post(f"/settings/users/{dana.pk}/enable").status_code == 404
    response = riley_client.post("/settings/users", {"username": "sam", "password": NEW})
    assert response.status_code == 404
    jordan.refresh_from_db()
    assert jordan.is_active
    assert not get_user_model().objects.filter(username="sam").exists()


def test_signed_out_visitors_are_sent_to_sign_in(jordan):
    for path in (
        "/settings/tokens/revoke-all",
        "/settings/users",
        f"/settings/users/{jordan.pk}/disable",
    ):
        response = Client().post(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
