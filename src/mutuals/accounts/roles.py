"""Who may do what on a shared install.

- Every user is a *member* (a job seeker: the default, so a user without a `Role` row is one)
  or a *coach*.
- Independently, the install's owner (the superuser) may name *administrators*. The owner and
  administrators manage the install's users (accounts.services, accounts.invitations); only
  the owner names or unnames administrators.
- A disabled user is nothing: no role counts while `is_active` is false.

The acting user is passed as `by`; `by=None` is the server's console (the CLI), trusted like
`mutuals user delete`.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from mutuals.accounts.models import Role

MEMBER = Role.MEMBER
COACH = Role.COACH
KINDS = (MEMBER, COACH)
KIND_WORDS = {MEMBER: "member", COACH: "coach"}
UNKNOWN_ROLE = "Choose member or coach."


def _role_row(user: AbstractBaseUser) -> Role | None:
    try:
        return user.role  # type: ignore[attr-defined,no-any-return]
    except Role.DoesNotExist:
        return None


def is_owner(user: AbstractBaseUser | None) -> bool:
    return bool(user is not None and user.is_active and getattr(user, "is_superuser", False))


def is_coach(user: AbstractBaseUser | None) -> bool:
    """An enabled user whose role is coach."""
    if user is None or not user.is_active or not user.is_authenticated:
        return False
    row = _role_row(user)
    return row is not None and row.kind == COACH


def is_admin(user: AbstractBaseUser | None) -> bool:
    """The owner, or an enabled user the owner named an administrator."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if getattr(user, "is_superuser", False):
        return True
    row = _role_row(user)
    return row is not None and row.is_admin


def role_of(user: AbstractBaseUser) -> str:
    """ "member" or "coach" (whatever the user's state)."""
    row = _role_row(user)
    return row.kind if row is not None else MEMBER


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValidationError({"role": [UNKNOWN_ROLE]})
    return kind


def may_manage_users(by: AbstractBaseUser | None) -> bool:
    """The console, the owner or an administrator."""
    return by is None or is_admin(by)


def require_admin(by: AbstractBaseUser | None) -> None:
    if not may_manage_users(by):
        raise PermissionDenied


@transaction.atomic
def set_role(
    *,
    by: AbstractBaseUser | None,
    user_id: int,
    role: str | None = None,
    admin: bool | None = None,
) -> AbstractBaseUser:
    """Make a user a member or a coach (`role`) and name or unname them an administrator
    (`admin`); None leaves either as it is. Administrators may change roles; only the owner
    (or the console) names administrators, and an owner is always one. Raises
    PermissionDenied, User.DoesNotExist or ValidationError (nothing changed)."""
    require_admin(by)
    user = get_user_model().objects.get(pk=user_id)
    if role is not None:
        check_kind(role)
    if admin is not None:
        if by is not None and not is_owner(by):
            raise PermissionDenied
        if getattr(user, "is_superuser", False) and not admin:
            raise ValidationError(
                {"admin": [f"{user.get_username()} owns this install: an owner always manages it."]}
            )
    row = Role.objects.select_for_update().filter(user=user).first() or Role(user=user)
    if role is not None:
        row.kind = role
    if admin is not None:
        row.is_admin = admin
    row.save()
    user.role = row  # type: ignore[attr-defined]
    return user
