"""Settings → People who use this install (owner and administrators only) and the invitation
page anyone with a link opens."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from mutuals.accounts import invitations, roles, services
from mutuals.accounts.models import Invitation
from mutuals.accounts.services import authenticate_token, create_token, create_user
from tests.factories import PASSWORD

NEW = "a brand new walk in the park"
PAGE = "/settings/users/"


@pytest.fixture
def dana(db):
    return create_user(username="dana", password=PASSWORD, is_owner=True)


@pytest.fixture
def dana_client(dana) -> Client:
    client = Client()
    client.force_login(dana)
    return client


@pytest.fixture
def alex_client(dana) -> Client:
    alex = services.create_user_as(by=dana, username="alex", password=PASSWORD, admin=True)
    client = Client()
    client.force_login(alex)
    return client


def _user(name: str):
    return get_user_model().objects.get(username=name)


def test_the_owner_sees_everyone_with_role_and_last_sign_in(dana_client, jordan):
    roles.set_role(by=None, user_id=jordan.pk, role="coach")
    response = dana_client.get(PAGE)
    assertContains(response, "<h1>People who use this install</h1>", html=True)
    assertContains(response, "jordan")
    assertContains(response, "coach · enabled · never signed in")
    assertContains(response, "dana (you)")


def test_alone_the_page_says_what_to_do_next(dana_client):
    assertContains(dana_client.get(PAGE), "Only you use this install so far.")


def test_the_owner_adds_a_coach(dana_client):
    data = {"username": "sam", "password": NEW, "role": "coach"}
    response = dana_client.post("/settings/users", data)
    assertRedirects(response, PAGE, fetch_redirect_response=False)
    sam = _user("sam")
    assert roles.is_coach(sam)
    assert not roles.is_admin(sam)
    assert Client().login(username="sam", password=NEW)


def test_the_owner_can_add_an_administrator(dana_client):
    data = {"username": "sam", "password": NEW, "role": "member", "admin": "on"}
    dana_client.post("/settings/users", data)
    assert roles.is_admin(_user("sam"))


def test_a_weak_password_for_a_new_user_is_refused_next_to_it(dana_client):
    data = {"username": "sam", "password": "short", "role": "member"}
    response = dana_client.post("/settings/users", data)
    assertContains(response, 'id="id_password_error"')
    assert not get_user_model().objects.filter(username="sam").exists()


def test_disabling_asks_first(dana_client, jordan):
    response = dana_client.get(f"/settings/users/{jordan.pk}/disable")
    assertContains(response, "Disable jordan?")
    jordan.refresh_from_db()
    assert jordan.is_active


def test_a_disabled_user_is_signed_out_and_their_tokens_stop(dana_client, jordan, jordan_client):
    _, raw = create_token(user=jordan, label="one")
    response = dana_client.post(f"/settings/users/{jordan.pk}/disable")
    assertRedirects(response, PAGE, fetch_redirect_response=False)
    assert jordan_client.get("/settings/").status_code == 302
    assert authenticate_token(raw) is None
    assert Client().get("/api/people", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


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
    assert dana_client.post("/settings/users/99999/role", {"role": "coach"}).status_code == 404


def test_the_owner_makes_a_coach_and_names_an_admin(dana_client, jordan):
    dana_client.post(f"/settings/users/{jordan.pk}/role", {"role": "coach"})
    dana_client.post(f"/settings/users/{jordan.pk}/role", {"admin": "yes"})
    jordan = _user("jordan")
    assert roles.is_coach(jordan)
    assert roles.is_admin(jordan)
    response = dana_client.get(PAGE)
    assertContains(response, "coach · administrator")


def test_an_admin_manages_users_but_names_no_admin(alex_client, jordan):
    response = alex_client.get(PAGE)
    assertContains(response, "jordan")
    assertNotContains(response, "an administrator</button>")
    assertNotContains(response, 'name="admin"')
    alex_client.post(f"/settings/users/{jordan.pk}/role", {"role": "coach"})
    assert roles.is_coach(_user("jordan"))
    response = alex_client.post(f"/settings/users/{jordan.pk}/role", {"admin": "yes"}, follow=True)
    assertContains(response, "Only the owner of this install can do that.")
    assert not roles.is_admin(_user("jordan"))


def test_an_admin_cannot_disable_the_owner(alex_client, dana):
    response = alex_client.post(f"/settings/users/{dana.pk}/disable", follow=True)
    assertContains(response, "dana owns this install: you cannot disable them.")
    dana.refresh_from_db()
    assert dana.is_active


def test_a_member_gets_404_on_every_user_management_route(riley_client, jordan, dana):
    made = invitations.create_invitation(by=dana)
    routes = [
        ("get", PAGE, {}),
        ("post", "/settings/users", {"username": "sam", "password": NEW, "role": "member"}),
        ("get", f"/settings/users/{jordan.pk}/disable", {}),
        ("post", f"/settings/users/{jordan.pk}/disable", {}),
        ("post", f"/settings/users/{dana.pk}/enable", {}),
        ("post", f"/settings/users/{jordan.pk}/role", {"role": "coach", "admin": "yes"}),
        ("post", "/settings/invitations", {"role": "coach", "days": 7}),
        ("post", f"/settings/invitations/{made.invitation.pk}/withdraw", {}),
    ]
    for method, path, data in routes:
        assert getattr(riley_client, method)(path, data).status_code == 404, path
    jordan.refresh_from_db()
    assert jordan.is_active
    assert not roles.is_coach(jordan)
    assert not get_user_model().objects.filter(username="sam").exists()
    assert Invitation.objects.count() == 1
    assert Invitation.objects.get().withdrawn_at is None


def test_a_disabled_admin_loses_the_pages_at_once(dana, alex_client):
    services.set_active(by=dana, user_id=_user("alex").pk, active=False)
    assert alex_client.get(PAGE).status_code == 302


# Invitations -------------------------------------------------------------------------------


def _link_from(response) -> str:
    html = response.content.decode()
    start = html.index('id="invitation-link" type="text" readonly value="') + 49
    return html[start : html.index('"', start)]


def test_an_invitation_link_is_shown_once_and_works_once(dana_client):
    response = dana_client.post("/settings/invitations", {"role": "coach", "days": 7})
    assertContains(response, "shown only this once")
    link = _link_from(response)
    assert link.startswith("http://testserver/invite/")
    assertNotContains(dana_client.get(PAGE), link)
    path = link.removeprefix("http://testserver")
    visitor = Client()
    assertContains(visitor.get(path), "as a coach")
    data = {"username": "sam", "password": NEW, "password_again": NEW}
    assertRedirects(visitor.post(path, data), "/", fetch_redirect_response=False)
    assert roles.is_coach(_user("sam"))
    assert visitor.get("/settings/").status_code == 200  # signed in as sam
    again = Client().get(path)
    assert again.status_code == 410
    assertContains(again, "already been used", status_code=410)


def test_a_preset_name_is_not_asked_for(dana, client):
    made = invitations.create_invitation(by=dana, username="sam")
    response = client.get(made.path)
    assertContains(response, "Your user name is <strong>sam</strong>")
    assertNotContains(response, 'name="username"')
    client.post(made.path, {"password": NEW, "password_again": NEW})
    assert Client().login(username="sam", password=NEW)


def test_an_expired_invitation_says_so(dana, client):
    made = invitations.create_invitation(by=dana, now=timezone.now() - dt.timedelta(days=8))
    response = client.get(made.path)
    assertContains(response, "This invitation expired on", status_code=410)
    data = {"username": "sam", "password": NEW, "password_again": NEW}
    client.post(made.path, data)
    assert not get_user_model().objects.filter(username="sam").exists()


def test_another_code_opens_nothing(dana, client):
    invitations.create_invitation(by=dana)
    response = client.get("/invite/not-the-code/")
    assertContains(response, "This invitation link is not valid", status_code=404)


def test_unknown_codes_are_throttled_per_address(dana, client):
    for _ in range(11):
        client.get("/invite/guess/")
    response = client.get("/invite/guess/")
    assertContains(response, "Try again in", status_code=429)


def test_a_refused_password_keeps_the_invitation(dana, client):
    made = invitations.create_invitation(by=dana)
    response = client.post(made.path, {"username": "sam", "password": "x", "password_again": "x"})
    assert response.status_code == 200
    assertContains(response, 'id="id_password_error"')
    assert Invitation.objects.get().used_at is None


def test_withdrawing_stops_the_link(dana_client, dana):
    made = invitations.create_invitation(by=dana)
    page = dana_client.get(PAGE)
    assertContains(page, "Anyone with the link, as a member")
    dana_client.post(f"/settings/invitations/{made.invitation.pk}/withdraw")
    assertContains(Client().get(made.path), "withdrawn", status_code=410)


def test_bad_invitation_days_are_refused_next_to_the_field(dana_client):
    response = dana_client.post("/settings/invitations", {"role": "member", "days": 400})
    assertContains(response, 'id="invite_days_error"')
    assert not Invitation.objects.exists()
