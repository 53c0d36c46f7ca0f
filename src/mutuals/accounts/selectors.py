"""Reads for accounts."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from mutuals.accounts.models import ApiToken


def has_any_user() -> bool:
    return get_user_model().objects.exists()


def tokens_for(*, user: AbstractBaseUser) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def local_user(username: str | None = None) -> AbstractBaseUser | None:
    """The user the CLI acts as: the named one, else the only one. None when unclear."""
    User = get_user_model()
    if username:
        return User.objects.filter(username=username, is_active=True).first()
    users = list(User.objects.filter(is_active=True)[:2])
    return users[0] if len(users) == 1 else None
