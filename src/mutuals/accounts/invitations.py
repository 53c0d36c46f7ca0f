"""Invitations: a single-use link that lets a person make their own account on this install.

The owner or an administrator makes one (Settings, `mutuals user invite`, POST
/api/invitations) as a member or a coach, with the user name chosen in advance or left to the
person. The code is random (32 URL-safe characters, 192 bits); only its SHA-256 is stored, as
for the set-up code and the calendar feed, so the link is shown once to copy and nothing is
sent anywhere. It expires (7 days unless said otherwise), works once, and can be withdrawn.
The accept page is throttled per address like sign-in (accounts.throttle).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from mutuals.accounts import roles
from mutuals.accounts.models import Invitation, Role
from mutuals.accounts.services import create_user

DEFAULT_DAYS = 7
MAX_DAYS = 90
DAYS_RANGE = f"An invitation lasts 1 to {MAX_DAYS} days."

UNKNOWN = (
    "This invitation link is not valid: check that it was copied whole, "
    "or ask whoever invited you for a new one."
)
USED = "This invitation link has already been used. Sign in, or ask for a new invitation."
WITHDRAWN = "This invitation was withdrawn. Ask whoever invited you for a new one."
EXPIRED = "This invitation expired on {day}. Ask whoever invited you for a new one."


class InvitationRefused(Exception):
    """The code is unknown, used, withdrawn or expired; `message` says which, in words."""

    def __init__(self, message: str, *, unknown: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.unknown = unknown


@dataclass(frozen=True)
class NewInvitation:
    invitation: Invitation
    code: str

    @property
    def path(self) -> str:
        return invitation_path(self.code)


def _hash(code: str) -> str:
    return hashlib.sha256(code.strip().encode()).hexdigest()


def invitation_path(code: str) -> str:
    return reverse("invitation_accept", kwargs={"code": code})


def invitation_link(code: str, *, base: str | None = None) -> str:
    """The full link: MUTUALS_BASE_URL (or `base`) followed by the accept page's path; the
    path alone when no base is known."""
    base = (settings.MUTUALS_BASE_URL if base is None else base).rstrip("/")
    return base + invitation_path(code)


def _check_days(days: int) -> None:
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise ValidationError({"days": [DAYS_RANGE]})


def _check_free_name(username: str) -> str:
    username = username.strip()
    if len(username) > 150:
        raise ValidationError({"username": ["Keep the user name under 150 characters."]})
    User = get_user_model()
    if username and User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": [f"There is already a user called '{username}'."]})
    return username


@transaction.atomic
def create_invitation(
    *,
    by: AbstractBaseUser | None,
    role: str = roles.MEMBER,
    username: str = "",
    days: int = DEFAULT_DAYS,
    now: dt.datetime | None = None,
) -> NewInvitation:
    """A new invitation and its code (shown once: only its hash is kept). `by` is the owner or
    an administrator (None: the console); `username` empty lets the person choose."""
    roles.require_admin(by)
    errors: dict[str, list[str]] = {}
    for check in (lambda: roles.check_kind(role), lambda: _check_days(days)):
        try:
            check()
        except ValidationError as error:
            errors.update(error.message_dict)
    try:
        username = _check_free_name(username)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    now = now or timezone.now()
    code = secrets.token_urlsafe(24)
    invitation = Invitation.objects.create(
        code_hash=_hash(code),
        kind=role,
        username=username,
        created_by=by,
        created_at=now,
        expires_at=now + dt.timedelta(days=days),
    )
    return NewInvitation(invitation=invitation, code=code)


def _refusal(invitation: Invitation | None, now: dt.datetime) -> InvitationRefused | None:
    if invitation is None:
        return InvitationRefused(UNKNOWN, unknown=True)
    if invitation.used_at is not None:
        return InvitationRefused(USED)
    if invitation.withdrawn_at is not None:
        return InvitationRefused(WITHDRAWN)
    if invitation.expires_at <= now:
        ends = timezone.localtime(invitation.expires_at)
        return InvitationRefused(EXPIRED.format(day=f"{ends.day} {ends:%b %Y}"))
    return None


def open_invitation(code: str, *, now: dt.datetime | None = None) -> Invitation:
    """The invitation `code` opens, if it still can be accepted; else InvitationRefused."""
    invitation = Invitation.objects.filter(code_hash=_hash(code)).first() if code else None
    refusal = _refusal(invitation, now or timezone.now())
    if refusal is not None:
        raise refusal
    assert invitation is not None
    return invitation


@transaction.atomic
def accept_invitation(
    *, code: str, username: str = "", password: str, now: dt.datetime | None = None
) -> AbstractBaseUser:
    """Make the invited person's account (with the name set in advance, if any) and use the
    invitation up. InvitationRefused when it cannot be accepted; ValidationError (naming the
    field; the invitation stays usable) for a taken name or a weak password."""
    now = now or timezone.now()
    # Locked until the account is made: a second acceptance with the same code finds it used.
    invitation = (
        Invitation.objects.select_for_update().filter(code_hash=_hash(code)).first()
        if code
        else None
    )
    refusal = _refusal(invitation, now)
    if refusal is not None:
        raise refusal
    assert invitation is not None
    user = create_user(username=invitation.username or username, password=password)
    if invitation.kind != roles.MEMBER:
        Role.objects.create(user=user, kind=invitation.kind)
    invitation.used_at = now
    invitation.used_by = user
    invitation.save(update_fields=["used_at", "used_by"])
    return user


@transaction.atomic
def withdraw_invitation(
    *, by: AbstractBaseUser | None, invitation_id: int, now: dt.datetime | None = None
) -> Invitation:
    """Stop an invitation that has not been used (Invitation.DoesNotExist otherwise)."""
    roles.require_admin(by)
    invitation = Invitation.objects.select_for_update().get(
        pk=invitation_id, used_at__isnull=True, withdrawn_at__isnull=True
    )
    invitation.withdrawn_at = now or timezone.now()
    invitation.save(update_fields=["withdrawn_at"])
    return invitation


def waiting_invitations(*, now: dt.datetime | None = None) -> QuerySet[Invitation]:
    """Invitations that can still be accepted, newest first."""
    return Invitation.objects.filter(
        used_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=now or timezone.now()
    ).select_related("created_by")
