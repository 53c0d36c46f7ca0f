"""accounts.roles, the owner's and administrators' user management (accounts.services) and
invitations (accounts.invitations), with the clock passed in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from mutuals.accounts import invitations, roles, services, throttle
from mutuals.accounts.models import Invitation, Role
from mutuals.accounts.services import authenticate_token, create_token, create_user
from tests.factories import PASSWORD

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
NEW = "a brand new walk in the park"


@pytest.fixture
def dana(db):
    return create_user(username="dana", password=PASSWORD, is_owner=True)


@pytest.fixture
def alex(dana):
    """An administrator named by the owner."""
    return services.create_user_as(by=dana, username="alex", password=PASSWORD, admin=True)


def test_a_user_without_a_role_is_a_member_and_not_an_admin(jordan):
    assert roles.role_of(jordan) == "member"
    assert not roles.is_coach(jordan)
    assert not roles.is_admin(jordan)


def test_the_owner_is_an_admin(dana):
    assert roles.is_admin(dana)
    assert roles.is_owner(dana)


def test_the_owner_adds_a_coach_who_can_sign_in(dana):
    casey = services.create_user_as(by=dana, username="casey", password=NEW, role="coach")
    assert roles.is_coach(casey)
    assert not roles.is_admin(casey)
    assert authenticate(username="casey", password=NEW) == casey


def test_a_member_cannot_add_users(jordan):
    with pytest.raises(PermissionDenied):
        services.create_user_as(by=jordan, username="sam", password=NEW)
    assert not get_user_model().objects.filter(username="sam").exists()


def test_an_admin_adds_users_but_names_no_admins(alex):
    sam = services.create_user_as(by=alex, username="sam", password=NEW, role="coach")
    assert roles.is_coach(sam)
    with pytest.raises(PermissionDenied):
        services.create_user_as(by=alex, username="kim", password=NEW, admin=True)
    with pytest.raises(PermissionDenied):
        roles.set_role(by=alex, user_id=sam.pk, admin=True)
    assert not roles.is_admin(sam)


def test_an_unknown_role_is_refused_naming_it(dana):
    with pytest.raises(ValidationError) as error:
        services.create_user_as(by=dana, username="sam", password=NEW, role="boss")
    assert "role" in error.value.message_dict


def test_the_owner_names_and_unnames_an_admin(dana, jordan):
    roles.set_role(by=dana, user_id=jordan.pk, admin=True)
    assert roles.is_admin(get_user_model().objects.get(pk=jordan.pk))
    roles.set_role(by=dana, user_id=jordan.pk, admin=False)
    assert not roles.is_admin(get_user_model().objects.get(pk=jordan.pk))


def test_the_owner_stays_an_admin(dana):
    with pytest.raises(ValidationError):
        roles.set_role(by=None, user_id=dana.pk, admin=False)


def test_set_role_keeps_what_it_is_not_told(dana, jordan):
    roles.set_role(by=dana, user_id=jordan.pk, admin=True)
    roles.set_role(by=dana, user_id=jordan.pk, role="coach")
    row = Role.objects.get(user=jordan)
    assert (row.kind, row.is_admin) == ("coach", True)


def test_a_disabled_coach_or_admin_counts_as_neither(dana, jordan):
    roles.set_role(by=dana, user_id=jordan.pk, role="coach", admin=True)
    services.set_active(by=dana, user_id=jordan.pk, active=False)
    jordan = get_user_model().objects.get(pk=jordan.pk)
    assert not roles.is_coach(jordan)
    assert not roles.is_admin(jordan)


def test_disabling_stops_sign_in_and_tokens_at_once_and_keeps_data(dana, jordan):
    _, raw = create_token(user=jordan, label="laptop")
    services.set_active(by=dana, user_id=jordan.pk, active=False)
    assert authenticate(username="jordan", password=PASSWORD) is None
    assert authenticate_token(raw) is None
    services.set_active(by=dana, user_id=jordan.pk, active=True)
    assert authenticate_token(raw) == jordan


def test_a_member_cannot_disable_anyone(jordan, riley):
    with pytest.raises(PermissionDenied):
        services.set_active(by=riley, user_id=jordan.pk, active=False)
    jordan.refresh_from_db()
    assert jordan.is_active


def test_an_admin_cannot_disable_the_owner_or_another_admin(dana, alex, jordan):
    with pytest.raises(ValidationError):
        services.set_active(by=alex, user_id=dana.pk, active=False)
    roles.set_role(by=dana, user_id=jordan.pk, admin=True)
    with pytest.raises(ValidationError):
        services.set_active(by=alex, user_id=jordan.pk, active=False)
    assert get_user_model().objects.filter(is_active=True).count() == 3


def test_nobody_disables_themselves_nor_the_last_owner(dana):
    with pytest.raises(ValidationError):
        services.set_active(by=dana, user_id=dana.pk, active=False)
    with pytest.raises(ValidationError):
        services.set_active(by=None, user_id=dana.pk, active=False)
    dana.refresh_from_db()
    assert dana.is_active


# Invitations -------------------------------------------------------------------------------


def test_an_invitation_keeps_only_the_hash_of_its_code(dana):
    made = invitations.create_invitation(by=dana, now=T0)
    stored = Invitation.objects.get()
    assert made.code not in stored.code_hash
    assert len(stored.code_hash) == 64
    assert stored.expires_at == T0 + dt.timedelta(days=7)
    assert made.path == f"/invite/{made.code}/"


def test_an_invitation_works_once(dana):
    made = invitations.create_invitation(by=dana, role="coach", now=T0)
    sam = invitations.accept_invitation(
        code=made.code, username="sam", password=NEW, now=T0 + dt.timedelta(days=1)
    )
    assert roles.is_coach(sam)
    assert authenticate(username="sam", password=NEW) == sam
    with pytest.raises(invitations.InvitationRefused) as refused:
        invitations.accept_invitation(
            code=made.code, username="kim", password=NEW, now=T0 + dt.timedelta(days=1)
        )
    assert refused.value.message == invitations.USED
    assert not get_user_model().objects.filter(username="kim").exists()


def test_an_invitation_expires(dana):
    made = invitations.create_invitation(by=dana, days=2, now=T0)
    invitations.open_invitation(made.code, now=T0 + dt.timedelta(days=2, seconds=-1))
    with pytest.raises(invitations.InvitationRefused) as refused:
        invitations.accept_invitation(
            code=made.code, username="sam", password=NEW, now=T0 + dt.timedelta(days=2)
        )
    assert "expired on 4 Mar 2026" in refused.value.message
    assert not get_user_model().objects.filter(username="sam").exists()


def test_an_invitation_does_not_open_with_another_code(dana):
    first = invitations.create_invitation(by=dana, now=T0)
    second = invitations.create_invitation(by=dana, now=T0)
    assert first.code != second.code
    # One character changed, never to itself ("x" failed 1 time in 32: codes are read
    # case-insensitively, and a code may end in X).
    wrong = first.code[:-1] + ("B" if first.code[-1].upper() == "A" else "A")
    with pytest.raises(invitations.InvitationRefused) as refused:
        invitations.accept_invitation(code=wrong, password=NEW, username="s", now=T0)
    assert refused.value.unknown
    invitations.accept_invitation(code=second.code, username="sam", password=NEW, now=T0)
    assert Invitation.objects.get(pk=first.invitation.pk).used_at is None


def test_a_preset_name_is_the_one_given(dana):
    made = invitations.create_invitation(by=dana, username="sam", now=T0)
    user = invitations.accept_invitation(code=made.code, username="other", password=NEW, now=T0)
    assert user.get_username() == "sam"


def test_a_taken_preset_name_is_refused_when_inviting(dana, jordan):
    with pytest.raises(ValidationError) as error:
        invitations.create_invitation(by=dana, username="Jordan", now=T0)
    assert "username" in error.value.message_dict


def test_a_weak_password_leaves_the_invitation_usable(dana):
    made = invitations.create_invitation(by=dana, now=T0)
    with pytest.raises(ValidationError) as error:
        invitations.accept_invitation(code=made.code, username="sam", password="short", now=T0)
    assert "password" in error.value.message_dict
    invitations.accept_invitation(code=made.code, username="sam", password=NEW, now=T0)


@pytest.mark.parametrize("days", [0, 91, -3])
def test_days_out_of_range_are_refused(dana, days):
    with pytest.raises(ValidationError) as error:
        invitations.create_invitation(by=dana, days=days, now=T0)
    assert error.value.message_dict["days"] == [invitations.DAYS_RANGE]
    assert not Invitation.objects.exists()


def test_only_admins_invite(jordan):
    with pytest.raises(PermissionDenied):
        invitations.create_invitation(by=jordan, now=T0)
    assert not Invitation.objects.exists()


def test_a_withdrawn_invitation_says_so(dana):
    made = invitations.create_invitation(by=dana, now=T0)
    invitations.withdraw_invitation(by=dana, invitation_id=made.invitation.pk, now=T0)
    with pytest.raises(invitations.InvitationRefused) as refused:
        invitations.open_invitation(made.code, now=T0)
    assert refused.value.message == invitations.WITHDRAWN
    assert list(invitations.waiting_invitations(now=T0)) == []


def test_waiting_invitations_leave_out_used_and_expired_ones(dana):
    used = invitations.create_invitation(by=dana, now=T0)
    invitations.accept_invitation(code=used.code, username="sam", password=NEW, now=T0)
    invitations.create_invitation(by=dana, days=1, now=T0)
    waiting = invitations.create_invitation(by=dana, days=3, now=T0)
    later = T0 + dt.timedelta(days=2)
    assert list(invitations.waiting_invitations(now=later)) == [waiting.invitation]


def test_invitation_links_start_with_the_base_url(settings):
    settings.MUTUALS_BASE_URL = "https://mutuals.example.org"
    assert invitations.invitation_link("abc") == "https://mutuals.example.org/invite/abc/"


def test_unknown_invitation_codes_are_throttled_per_address(db):
    for _ in range(10):
        assert throttle.record_invitation_failure(address="203.0.113.5", now=T0) is None
    wait = throttle.record_invitation_failure(address="203.0.113.5", now=T0)
    assert wait is not None
    assert wait.seconds == 15
    assert throttle.invitation_wait(address="203.0.113.5", now=T0) is not None
    assert throttle.invitation_wait(address="203.0.113.9", now=T0) is None
