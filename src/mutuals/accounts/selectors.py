"""Reads for accounts."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, QuerySet

from mutuals.accounts.models import ApiToken, Preferences


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


def users() -> QuerySet[AbstractBaseUser]:
    """Everyone who can (or could) sign in, owners first, then by name; with their number of
    API tokens as `token_count`."""
    return (
        get_user_model()
        .objects.select_related("role")
        .annotate(token_count=Count("api_tokens"))
        .order_by("-is_superuser", "username")
    )


def user_named(username: str) -> AbstractBaseUser | None:
    """The user called `username`, in any case, enabled or not."""
    return users().filter(username__iexact=username.strip()).first()


def preferences_of(user: AbstractBaseUser) -> Preferences:
    """The user's preferences, or an unsaved row holding the defaults when they chose none."""
    found = Preferences.objects.filter(owner=user).first()
    return found if found is not None else Preferences(owner=user)
