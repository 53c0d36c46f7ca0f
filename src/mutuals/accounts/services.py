"""Writes for accounts: users, passwords and personal access tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import DatabaseError, transaction
from django.utils import timezone

from mutuals.accounts import roles, throttle
from mutuals.accounts.models import ApiToken, Preferences, Role
from mutuals.busy import is_busy

TOKEN_PREFIX = "mut_"
LAST_USED_EVERY = dt.timedelta(minutes=1)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def create_user(*, username: str, password: str, is_owner: bool = False) -> AbstractBaseUser:
    """Create a user; the first one (the owner) may also use the admin site."""
    User = get_user_model()
    username = username.strip()
    errors: dict[str, list[str]] = {}
    if not username:
        errors["username"] = ["Choose a user name."]
    elif len(username) > 150:
        errors["username"] = ["Keep the user name under 150 characters."]
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = [f"There is already a user called '{username}'."]
    candidate = User(username=username)
    try:
        password_validation.validate_password(password, candidate)
    except ValidationError as error:
        errors["password"] = list(error.messages)
    if errors:
        raise ValidationError(errors)
    return User.objects.create_user(
        username=username, password=password, is_staff=is_owner, is_superuser=is_owner
    )


def create_owner(*, username: str, password: str) -> AbstractBaseUser:
    """First run only: the person who installed mutuals sets their password."""
    if get_user_model().objects.exists():
        raise ValidationError({"username": ["This install already has an owner; sign in."]})
    return create_user(username=username, password=password, is_owner=True)


def _named(username: str) -> AbstractBaseUser:
    """The user called `username` (any case), or User.DoesNotExist."""
    return get_user_model().objects.get(username__iexact=username.strip())


@transaction.atomic
def set_password(*, username: str, password: str, revoke_tokens: bool = False) -> int:
    """Give a user a new password (signing out their browsers) and lift any sign-in waits on
    their name; with `revoke_tokens`, revoke their API tokens too. Returns how many tokens
    were revoked. Raises User.DoesNotExist, or ValidationError for a weak password."""
    user = _named(username)
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": list(error.messages)}) from None
    user.set_password(password)
    user.save(update_fields=["password"])
    throttle.forget_user(username=user.get_username())
    return revoke_all_tokens(user=user) if revoke_tokens else 0


def set_email(*, user: AbstractBaseUser, email: str) -> None:
    """The address a password-reset link is sent to ("" for none)."""
    email = email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            message = "Type an e-mail address like dana@example.org."
            raise ValidationError({"email": [message]}) from None
    user.email = email  # type: ignore[attr-defined]
    user.save(update_fields=["email"])


def _is_owner(user: AbstractBaseUser) -> bool:
    return bool(getattr(user, "is_superuser", False))


def _other_active_owners(user: AbstractBaseUser) -> bool:
    User = get_user_model()
    return User.objects.filter(is_superuser=True, is_active=True).exclude(pk=user.pk).exists()


@transaction.atomic
def delete_user(*, username: str) -> None:
    """Delete a user and everything they recorded; never the last owner of the install."""
    user = _named(username)
    if _is_owner(user) and not _other_active_owners(user):
        raise ValidationError(
            {
                "username": [
                    f"{user.get_username()} is the last owner of this install; "
                    "make another owner before deleting them."
                ]
            }
        )
    user.delete()


@transaction.atomic
def set_active(*, by: AbstractBaseUser | None, user_id: int, active: bool) -> AbstractBaseUser:
    """The owner or an administrator (`by`; None is the console) enables or disables another
    user's sign-in (their data stays). A disabled user's browsers and API tokens stop working
    at once. An administrator cannot disable an owner or another administrator; nobody can
    disable themselves, nor the last enabled owner."""
    roles.require_admin(by)
    user = get_user_model().objects.select_for_update().get(pk=user_id)
    if by is not None and user.pk == by.pk:
        raise ValidationError("You cannot disable yourself; ask another owner.")
    if by is not None and not roles.is_owner(by) and roles.is_admin(user):
        if _is_owner(user):
            raise ValidationError(
                f"{user.get_username()} owns this install: you cannot disable them."
            )
        raise ValidationError(
            f"{user.get_username()} manages this install too: only the owner can disable them."
        )
    if not active and _is_owner(user) and not _other_active_owners(user):
        raise ValidationError(
            f"{user.get_username()} is the last owner of this install and stays enabled."
        )
    user.is_active = active
    user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def create_user_as(
    *,
    by: AbstractBaseUser | None,
    username: str,
    password: str,
    role: str = roles.MEMBER,
    admin: bool = False,
) -> AbstractBaseUser:
    """The owner or an administrator (`by`; None is the console) adds a user who signs in with
    their own, separate data, as a member or a coach; only the owner names administrators."""
    roles.require_admin(by)
    roles.check_kind(role)
    if admin and by is not None and not roles.is_owner(by):
        raise PermissionDenied
    user = create_user(username=username, password=password)
    if role != roles.MEMBER or admin:
        Role.objects.create(user=user, kind=role, is_admin=admin)
    return user


def create_token(*, user: AbstractBaseUser, label: str) -> tuple[ApiToken, str]:
    """Make a token and return it with its secret, which is shown once and never stored."""
    label = label.strip() or "API token"
    if len(label) > 100:
        raise ValidationError({"label": ["Keep the label under 100 characters."]})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, label=label, prefix=raw[:10], key_hash=hash_token(raw)
    )
    return token, raw


def revoke_token(*, user: AbstractBaseUser, token_id: int) -> None:
    deleted, _ = ApiToken.objects.filter(user=user, pk=token_id).delete()
    if not deleted:
        raise ApiToken.DoesNotExist


def revoke_all_tokens(*, user: AbstractBaseUser) -> int:
    """Revoke every API token of `user`; returns how many there were."""
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    return deleted


def authenticate_token(raw: str) -> AbstractBaseUser | None:
    """The active user a raw token belongs to, or None. Records when it was last used."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(raw)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
        # At most one write a minute per token: a read must not wait for the write lock (a
        # large import holds it), and "last used" needs no better precision than that.
        try:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        except DatabaseError as error:
            if not is_busy(error):
                raise
    return token.user


def update_preferences(
    *,
    user: AbstractBaseUser,
    plan_size: int | None = None,
    digest_enabled: bool | None = None,
    digest_hour: int | None = None,
) -> Preferences:
    """Change the given preferences (None leaves one as it is); out-of-range values are refused
    with a ValidationError naming the field, and nothing is changed."""
    preferences = Preferences.objects.filter(owner=user).first() or Preferences(owner=user)
    errors: dict[str, str] = {}
    if plan_size is not None:
        if not 1 <= plan_size <= Preferences.MAX_PLAN_SIZE:
            errors["plan_size"] = f"The daily plan holds 1 to {Preferences.MAX_PLAN_SIZE} actions."
        preferences.plan_size = plan_size
    if digest_hour is not None:
        if not 0 <= digest_hour <= 23:
            errors["digest_hour"] = "The digest hour is between 0 and 23."
        preferences.digest_hour = digest_hour
    if digest_enabled is not None:
        preferences.digest_enabled = digest_enabled
    if errors:
        raise ValidationError(errors)
    preferences.save()
    return preferences


def local_owner_name(login: str) -> str:
    """A user name made from the computer's login name: the characters a user name may hold
    (letters, digits and @ . + - _) kept, any others as "-"; "owner" when none is left."""
    name = re.sub(r"[^\w.@+-]+", "-", login.strip()).strip("-")[:150]
    return name or "owner"


@transaction.atomic
def create_local_owner(*, login: str) -> AbstractBaseUser | None:
    """The owner of a fresh install, made by the first command run on its computer and named
    after `login` (local_owner_name). It has no password yet: the web app's sign-in needs one
    set (`mutuals user passwd`). None when the install already has a user."""
    User = get_user_model()
    if User.objects.exists():
        return None
    owner = User(username=local_owner_name(login), is_staff=True, is_superuser=True)
    owner.set_unusable_password()
    owner.save()
    return owner
