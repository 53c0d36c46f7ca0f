"""Joining a group with no account yet (groups.signup): an e-mail invitation makes one account,
once, for its own address; the shared link code never makes one; expired, used and unknown
codes make nothing; the new account then joins with the same code, and no one else may."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from mutuals.groups import services, signup
from mutuals.groups.models import GroupInvitation, Membership
from tests.factories import make_user

PASSWORD = "a long enough pass phrase"
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def ada(db):
    return get_user_model().objects.create_superuser(username="ada", password="x" * 20)


@pytest.fixture
def group(ada):
    return services.create_group(by=ada, name="Northfield alumni")


@pytest.fixture
def code(group, ada):
    [(_, made)] = services.invite_emails(
        by=ada, group_id=group.pk, csv_text="Rosa@Example.org", now=NOW
    )
    return made


def _users():
    return get_user_model().objects.count()


def test_a_visitor_reads_the_group_and_the_address_an_account_is_made_for(group, code):
    found, email = signup.for_visitor(code=code, now=NOW)
    assert (found, email) == (group, "rosa@example.org")


def test_the_shared_link_code_names_the_group_but_makes_no_account(group, ada):
    link = services.new_link_code(by=ada, group_id=group.pk)
    assert signup.for_visitor(code=link) == (group, None)
    before = _users()
    with pytest.raises(ValidationError, match="shared code"):
        signup.sign_up(code=link, full_name="Rosa Núñez", password=PASSWORD)
    assert _users() == before


def test_the_invitation_makes_an_account_with_its_address_which_then_joins(group, code):
    user = signup.sign_up(code=code, full_name="Rosa  Núñez ", password=PASSWORD, now=NOW)
    assert (user.username, user.email) == ("rosa@example.org", "rosa@example.org")
    assert (user.first_name, user.last_name) == ("Rosa", "Núñez")
    assert user.check_password(PASSWORD)
    assert not Membership.objects.filter(user=user).exists()  # joining is their next step
    services.join(user=user, code=code, now=NOW)
    assert Membership.objects.filter(group=group, user=user).exists()


def test_an_invitation_makes_one_account_once(group, code):
    signup.sign_up(code=code, full_name="Rosa Núñez", password=PASSWORD, now=NOW)
    before = _users()
    with pytest.raises(ValidationError, match="already made an account"):
        signup.sign_up(code=code, full_name="Someone Else", password=PASSWORD, now=NOW)
    assert _users() == before
    assert signup.for_visitor(code=code, now=NOW)[1] is None  # sign in, then join


def test_no_one_else_joins_with_the_code_an_account_was_made_with(group, code):
    signup.sign_up(code=code, full_name="Rosa Núñez", password=PASSWORD, now=NOW)
    other = make_user("otto")
    with pytest.raises(ValidationError, match="already been used"):
        services.join(user=other, code=code, now=NOW)


def test_an_expired_invitation_makes_nothing(group, code):
    later = NOW + dt.timedelta(days=services.INVITATION_DAYS, minutes=1)
    with pytest.raises(ValidationError, match="expired"):
        signup.for_visitor(code=code, now=later)
    with pytest.raises(ValidationError, match="expired"):
        signup.sign_up(code=code, full_name="Rosa Núñez", password=PASSWORD, now=later)
    assert not get_user_model().objects.filter(username="rosa@example.org").exists()


def test_a_used_invitation_makes_nothing(group, code, jordan):
    services.join(user=jordan, code=code, now=NOW)
    with pytest.raises(ValidationError, match="already been used"):
        signup.sign_up(code=code, full_name="Rosa Núñez", password=PASSWORD, now=NOW)


def test_an_unknown_code_makes_nothing(group):
    with pytest.raises(ValidationError, match="not one we know"):
        signup.for_visitor(code="QWER-TYUP-ASDF")
    with pytest.raises(ValidationError, match="not one we know"):
        signup.sign_up(code="QWER-TYUP-ASDF", full_name="Rosa Núñez", password=PASSWORD)


def test_an_address_with_an_account_already_signs_in_instead(group, code):
    get_user_model().objects.create_user(
        username="rosa", email="rosa@example.org", password=PASSWORD
    )
    with pytest.raises(ValidationError, match=r"already an account for rosa@example\.org"):
        signup.sign_up(code=code, full_name="Rosa Núñez", password=PASSWORD, now=NOW)
    assert GroupInvitation.objects.get().account_id is None


def test_a_weak_password_or_no_name_is_named_and_nothing_is_made(group, code):
    with pytest.raises(ValidationError) as weak:
        signup.sign_up(code=code, full_name="Rosa Núñez", password="abc", now=NOW)
    assert "password" in weak.value.message_dict
    with pytest.raises(ValidationError) as nameless:
        signup.sign_up(code=code, full_name="  ", password=PASSWORD, now=NOW)
    assert "name" in nameless.value.message_dict
    assert not get_user_model().objects.filter(username="rosa@example.org").exists()
    assert GroupInvitation.objects.get().account_id is None
