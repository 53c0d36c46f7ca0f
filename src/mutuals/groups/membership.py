"""Belonging to a group: create one, its join link, join by a code (the link's or an e-mail
invitation's), leave; who may manage a group (`group_for_admin`) and a member's own membership
(`membership_of`). Keyword-only, the acting user explicit, one transaction each.

- create a group: an administrator of the install (`accounts.roles.is_admin`); they become its
  first group administrator;
- a new link code: a group administrator or an install administrator;
- join: anyone holding the group's current link code, or an e-mail invitation's code;
- leave: the member, for themselves only; every pooled row of theirs goes at once.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from mutuals.accounts.roles import is_admin
from mutuals.core.codes import hash_code, new_code, normalise_code
from mutuals.core.names import fold
from mutuals.groups import history
from mutuals.groups.models import Group, GroupInvitation, Membership, PooledPerson, PooledReach
from mutuals.groups.pooling import cancel_asked

NOT_AN_ADMIN = "Only an administrator of this install can create a group."
NOT_A_GROUP_ADMIN = "Only an administrator of this group can invite people to it."
UNKNOWN_CODE = "That code is not one we know. Check it against the one you were given."
USED_CODE = "That invitation has already been used: each e-mail invitation works once."
EXPIRED_CODE = "That invitation has expired. Ask the group's administrator for a new one."
ALREADY_MEMBER = "You already belong to {name}."
LAST_ADMIN = "You are this group's only administrator: name another one before you leave."


def join_path(code: str) -> str:
    """The address (path) that joins a group with a code: /groups/join/<code>."""
    return f"/groups/join/{code}"


def check_group_admin(*, by: AbstractBaseUser, group: Group) -> None:
    """An install administrator, or the group's; a member is refused (PermissionDenied), and
    for anyone else the group does not exist (Membership.DoesNotExist)."""
    if is_admin(by):
        return
    role = Membership.objects.filter(group=group, user=by).values_list("role", flat=True).first()
    if role is None:
        raise Membership.DoesNotExist
    if role != Membership.ADMIN:
        raise PermissionDenied(NOT_A_GROUP_ADMIN)


def group_for_admin(*, by: AbstractBaseUser, group_id: int) -> Group:
    """A group its administrator (or an install administrator) manages; PermissionDenied for
    a member, Group or Membership.DoesNotExist for anyone else."""
    group = Group.objects.get(pk=group_id)
    check_group_admin(by=by, group=group)
    return group


def membership_of(*, user: AbstractBaseUser, group_id: int) -> Membership:
    """The user's membership of a group; Membership.DoesNotExist when they do not belong (the
    group then does not exist for them)."""
    return Membership.objects.select_related("group").get(group_id=group_id, user=user)


@transaction.atomic
def create_group(*, by: AbstractBaseUser, name: str, daily_searches: int | None = None) -> Group:
    """A new group, its creator its first administrator (pooling nothing)."""
    if not is_admin(by):
        raise PermissionDenied(NOT_AN_ADMIN)
    clean = " ".join(name.split())
    if not clean:
        raise ValidationError({"name": ["Give the group a name, like 'Northfield alumni'."]})
    if len(clean) > 120:
        raise ValidationError({"name": ["A group's name is at most 120 characters."]})
    if daily_searches is not None and not 1 <= daily_searches <= 1000:
        raise ValidationError({"daily_searches": ["A daily limit is from 1 to 1000 searches."]})
    key = fold(clean)[:120]
    if Group.objects.filter(search_name=key).exists():
        raise ValidationError({"name": [f"There is already a group called '{clean}'."]})
    fields = {} if daily_searches is None else {"daily_searches": daily_searches}
    group = Group.objects.create(name=clean, search_name=key, created_by=by, **fields)
    Membership.objects.create(group=group, user=by, role=Membership.ADMIN, joined_at=timezone.now())
    history.note(group_id=group.pk, joined=1)
    return group


@transaction.atomic
def new_link_code(*, by: AbstractBaseUser, group_id: int) -> str:
    """The group's join link, a new code each time (the previous one stops working)."""
    group = Group.objects.select_for_update().get(pk=group_id)
    check_group_admin(by=by, group=group)
    code = new_code()
    group.link_code_hash = hash_code(code)
    group.save(update_fields=["link_code_hash"])
    return code


def _opened_by(
    user: AbstractBaseUser, code: str, now: dt.datetime, *, lock: bool
) -> tuple[Group, GroupInvitation | None]:
    """The group a code opens for the user, and the e-mail invitation it is (None for a
    link); ValidationError with a sentence for an unknown, used or expired code, or for a
    group the user already belongs to."""
    if not normalise_code(code):
        raise ValidationError({"code": ["Type the code you were given (like ABCD-EFGH-JKLM)."]})
    digest = hash_code(code)
    group = Group.objects.filter(link_code_hash=digest).first()
    invitation = None
    if group is None:
        invitations = GroupInvitation.objects.select_related("group")
        if lock:
            invitations = invitations.select_for_update()
        invitation = invitations.filter(code_hash=digest).first()
        if invitation is None:
            raise ValidationError({"code": [UNKNOWN_CODE]})
        if invitation.used_at is not None or invitation.account_id not in (None, user.pk):
            raise ValidationError({"code": [USED_CODE]})
        if invitation.expires_at <= now:
            raise ValidationError({"code": [EXPIRED_CODE]})
        group = invitation.group
    if Membership.objects.filter(group=group, user=user).exists():
        raise ValidationError({"code": [ALREADY_MEMBER.format(name=group.name)]})
    return group, invitation


def group_for_code(*, user: AbstractBaseUser, code: str, now: dt.datetime | None = None) -> Group:
    """The group a code would join, read only (nothing used up): ValidationError with `join`'s
    own sentences for an unknown, used or expired code, or a group the user belongs to."""
    return _opened_by(user, code, now or timezone.now(), lock=False)[0]


@transaction.atomic
def join(*, user: AbstractBaseUser, code: str, now: dt.datetime | None = None) -> Membership:
    """Join the group a code opens (its link, or an e-mail invitation, which it uses up), by
    `group_for_code`'s rules, the invitation locked."""
    now = now or timezone.now()
    group, invitation = _opened_by(user, code, now, lock=True)
    try:
        with transaction.atomic():
            membership = Membership.objects.create(group=group, user=user, joined_at=now)
    except IntegrityError:
        raise ValidationError({"code": [ALREADY_MEMBER.format(name=group.name)]}) from None
    if invitation is not None:
        invitation.used_at = now
        invitation.save(update_fields=["used_at"])
    history.note(group_id=group.pk, day=timezone.localdate(now), joined=1)
    return membership


@transaction.atomic
def leave(*, user: AbstractBaseUser, group_id: int, now: dt.datetime | None = None) -> None:
    """Leave a group: the membership and every pooled row of it go at once; the group's
    history counts one more who left (`groups.history`)."""
    membership = Membership.objects.select_for_update().get(group_id=group_id, user=user)
    if membership.role == Membership.ADMIN:
        others = Membership.objects.filter(group_id=group_id, role=Membership.ADMIN)
        if not others.exclude(pk=membership.pk).exists():
            raise ValidationError({"group": [LAST_ADMIN]})
    PooledPerson.objects.filter(member=membership).delete()
    PooledReach.objects.filter(member=membership).delete()
    cancel_asked(membership)
    history.note_left(membership, day=timezone.localdate(now or timezone.now()))
    membership.delete()


def user_name(user: AbstractBaseUser) -> str:
    """How a member is named to another member once both agreed: their full name, else their
    user name."""
    full = getattr(user, "get_full_name", lambda: "")()
    return " ".join(str(full).split()) or user.get_username()
