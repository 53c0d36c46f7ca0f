"""Joining a group with no account yet: a group's e-mail invitation lets the person it was sent
to make their account, then join on the group's join page.

The rule, in words:
- Only an e-mail invitation makes an account, never the group's shared link code: the
  invitation names one address, and holding its code (sent only there) shows the address is
  theirs, so the account's e-mail address is the invitation's, and their user name too.
- The install has no open sign-up: accounts are made by invitation (an install
  administrator's account invitation, `accounts.invitations`, or this), so a group's
  administrator inviting an address to the group invites it to the install as well.
- The code makes one account, once (`GroupInvitation.account`); it is not used up by it: the
  new account then joins with it on the join page (the joining uses it up), and no one else
  may join with it. An expired, used or unknown code makes nothing, and says so.
- Nothing here reads the group's members: the pages show the group's name and the address.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mutuals.accounts.services import create_user
from mutuals.core.codes import hash_code, normalise_code
from mutuals.groups import services
from mutuals.groups.models import Group, GroupInvitation

SHARED_CODE = (
    "This is the group's shared code: it cannot make an account. Sign in first, or ask the "
    "group's administrator for an invitation to your e-mail address."
)
ACCOUNT_MADE = "This invitation has already made an account: sign in as {email} to join."
ADDRESS_TAKEN = "There is already an account for {email}: sign in with it to join."
ADDRESS_TOO_LONG = (
    "Your e-mail address is too long to sign in with; ask for an invitation to another."
)
NAME_NEEDED = "Type your name, as the other members will see it once you agree to an introduction."


def _refusal(invitation: GroupInvitation | None, now: dt.datetime) -> ValidationError | None:
    if invitation is None:
        return ValidationError({"code": [services.UNKNOWN_CODE]})
    if invitation.used_at is not None:
        return ValidationError({"code": [services.USED_CODE]})
    if invitation.expires_at <= now:
        return ValidationError({"code": [services.EXPIRED_CODE]})
    if invitation.account_id is not None:
        return ValidationError({"code": [ACCOUNT_MADE.format(email=invitation.email)]})
    return None


def for_visitor(*, code: str, now: dt.datetime | None = None) -> tuple[Group, str | None]:
    """What a signed-out visitor with a code may read: the group, and the address an account
    can be made for (None for the group's shared code, or an invitation that already made
    one). ValidationError for an unknown, used or expired code (`services`' sentences)."""
    now = now or timezone.now()
    if not normalise_code(code):
        raise ValidationError({"code": [services.UNKNOWN_CODE]})
    digest = hash_code(code)
    group = Group.objects.filter(link_code_hash=digest).first()
    if group is not None:
        return group, None
    invitation = GroupInvitation.objects.select_related("group").filter(code_hash=digest).first()
    if invitation is not None and invitation.account_id is not None and not invitation.used_at:
        return invitation.group, None  # its account signs in, then joins
    refusal = _refusal(invitation, now)
    if refusal is not None:
        raise refusal
    assert invitation is not None
    return invitation.group, invitation.email


def _names(full_name: str) -> tuple[str, str]:
    clean = " ".join(full_name.split())
    if not clean:
        raise ValidationError({"name": [NAME_NEEDED]})
    if len(clean) > 300:
        raise ValidationError({"name": ["Keep your name under 300 characters."]})
    first, _, last = clean.partition(" ")
    return first[:150], last[:150]


@transaction.atomic
def sign_up(
    *, code: str, full_name: str, password: str, now: dt.datetime | None = None
) -> AbstractBaseUser:
    """Make the invited person's account (user name and e-mail: the invitation's address; the
    name and password they chose), once per invitation; they join next, on the join page.
    ValidationError naming the field (`code`, `name`, `password`); nothing is made then."""
    now = now or timezone.now()
    digest = hash_code(code) if normalise_code(code) else ""
    if digest and Group.objects.filter(link_code_hash=digest).exists():
        raise ValidationError({"code": [SHARED_CODE]})
    invitation = (
        GroupInvitation.objects.select_for_update().filter(code_hash=digest).first()
        if digest
        else None
    )
    refusal = _refusal(invitation, now)
    if refusal is not None:
        raise refusal
    assert invitation is not None
    email = invitation.email.strip().lower()
    if len(email) > 150:
        raise ValidationError({"code": [ADDRESS_TOO_LONG]})
    User = get_user_model()
    if User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists():
        raise ValidationError({"code": [ADDRESS_TAKEN.format(email=email)]})
    first, last = _names(full_name)
    user = create_user(username=email, password=password)
    User.objects.filter(pk=user.pk).update(first_name=first, last_name=last, email=email)
    user.refresh_from_db()
    invitation.account = user
    invitation.save(update_fields=["account"])
    return user
