"""Writes for exports: the calendar feed's secret address, made and revoked.

The secret is 128 random bits in the address itself (calendar apps cannot send a password);
only its SHA-256 is stored, like the API tokens' (accounts.services.hash_token).
"""

from __future__ import annotations

import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from mutuals.accounts.models import CalendarFeed
from mutuals.accounts.services import hash_token

FEED_TOKEN_BYTES = 16  # 128 bits


@transaction.atomic
def create_feed(*, owner: AbstractBaseUser) -> str:
    """A new secret for the owner's feed, shown once; any earlier address stops working."""
    secret = secrets.token_urlsafe(FEED_TOKEN_BYTES)
    CalendarFeed.objects.update_or_create(
        owner=owner,
        defaults={
            "token_hash": hash_token(secret),
            "created_at": timezone.now(),
            "revoked_at": None,
        },
    )
    return secret


@transaction.atomic
def revoke_feed(*, owner: AbstractBaseUser) -> bool:
    """Turn the owner's feed off; False when there was no working feed to turn off."""
    revoked = CalendarFeed.objects.filter(owner=owner, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    return revoked > 0
