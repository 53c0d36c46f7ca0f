"""Writes for accounts: users and personal access tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from mutuals.accounts.models import ApiToken
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
