"""Joining a group with no account yet, on the web: the e-mailed link names the group and offers
to make an account (name and password; the address is the invitation's), which signs in and
lands on the join page; the code makes one account, once; bad codes are throttled."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from pytest_django.asserts import assertContains, assertNotContains

from mutuals.accounts.models import FailedAttempts
from mutuals.groups import services
from mutuals.groups.models import Membership
from tests.factories import make_user

PASSWORD = "a long enough pass phrase"


@pytest.fixture
def ada(db):
    return get_user_model().objects.create_superuser(username="ada", password="x" * 20)


@pytest.fixture
def group(ada):
    made = services.create_group(by=ada, name="Northfield alumni")
    bea = make_user("beatrixmember")
    services.join(user=bea, code=services.new_link_code(by=ada, group_id=made.pk))
    return made


@pytest.fixture
def code(group, ada):
    [(_, made)] = services.invite_emails(by=ada, group_id=group.pk, csv_text="rosa@example.org")
    return made


def _form(name="Rosa Núñez", password=PASSWORD, again=None):
    return {"name": name, "password": password, "password_again": again or password}


def test_the_link_offers_to_make_an_account_and_names_no_member(client, code):
    page = client.get(f"/groups/join/{code}")
    assertContains(page, "You are invited to join Northfield alumni")
    assertContains(page, f'href="/groups/join/{code}/account"')
    assertContains(page, "rosa@example.org")
    for name in ("beatrixmember", "ada"):
        assertNotContains(page, name)


def test_making_the_account_signs_in_and_lands_on_the_join_page(client, code, group):
    form = client.get(f"/groups/join/{code}/account")
    assertContains(form, "Make your account to join Northfield alumni")
    assertContains(form, 'autocomplete="new-password"')
    made = client.post(f"/groups/join/{code}/account", _form())
    assert made.status_code == 302
    assert made["Location"] == f"/groups/join/{code}"
    join = client.get(made["Location"])
    assertContains(join, "Your account is made: you sign in as rosa@example.org.")
    assertContains(join, "Join Northfield alumni?")
    joined = client.post(made["Location"], follow=True)
    assertContains(joined, "You joined Northfield alumni.")
    user = get_user_model().objects.get(username="rosa@example.org")
    assert Membership.objects.filter(group=group, user=user).exists()
    assert (user.first_name, user.last_name, user.email) == ("Rosa", "Núñez", "rosa@example.org")


def test_the_code_makes_one_account_then_asks_to_sign_in(client, code):
    client.post(f"/groups/join/{code}/account", _form())
    client.logout()
    again = client.get(f"/groups/join/{code}/account")
    assert again.status_code == 302
    assert again["Location"] == f"/groups/join/{code}"
    page = client.get(f"/groups/join/{code}")
    assertNotContains(page, "Make my account")
    assertContains(page, "Sign in to join")
    posted = client.post(f"/groups/join/{code}/account", _form(name="Someone Else"))
    assert posted.status_code == 302
    assert get_user_model().objects.filter(first_name="Someone").count() == 0


def test_two_passwords_that_differ_or_a_weak_one_are_named(client, code):
    differ = client.post(f"/groups/join/{code}/account", _form(again="another pass phrase"))
    assertContains(differ, "The two passwords differ", status_code=400)
    weak = client.post(f"/groups/join/{code}/account", _form(password="abc"))
    assert weak.status_code == 400
    assert not get_user_model().objects.filter(username="rosa@example.org").exists()


def test_a_signed_in_visitor_is_sent_to_the_join_page(jordan_client, code):
    response = jordan_client.get(f"/groups/join/{code}/account")
    assert response.status_code == 302
    assert response["Location"] == f"/groups/join/{code}"


def test_an_unknown_code_is_a_404_and_counted_against_the_address(client, group):
    response = client.get("/groups/join/QWER-TYUP-ASDF/account")
    assertContains(response, "not one we know", status_code=404)
    assert FailedAttempts.objects.exists()


def test_many_unknown_codes_from_one_address_wait(client, group):
    for _ in range(12):
        client.get("/groups/join/QWER-TYUP-ASDF")
    response = client.get("/groups/join/QWER-TYUP-ASDF")
    assertContains(response, "Too many codes that do not work", status_code=429)


def test_a_used_code_says_so(client, code, jordan):
    services.join(user=jordan, code=code)
    response = client.get(f"/groups/join/{code}/account")
    assertContains(response, "already been used", status_code=410)
