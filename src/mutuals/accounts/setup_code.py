"""Claiming a fresh install: the one-time set-up code.

On a server with no user yet, whoever opens /setup/ first would become its owner. So the page
asks for a code that only someone at the server's console can know: `mutuals serve` prints it
when it starts (as Jupyter prints its token). The code is random (16 characters from 32, 80
bits), single use, expires after a day, and only its SHA-256 is stored; a new code replaces the
old one. A browser on the same computer (loopback) needs no code: the page fills it in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mutuals.accounts.models import SetupCode
from mutuals.accounts.services import create_user

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: it may be typed from a screen
LENGTH = 16
LIFETIME = dt.timedelta(days=1)

WRONG_CODE = (
    "That set-up code is not the one `mutuals serve` printed when it started. "
    "Copy it from that console; restarting `mutuals serve` prints a new one."
)
EXPIRED_CODE = (
    "That set-up code has expired. Restart `mutuals serve` to print a new one, "
    "or create the owner on the server with `mutuals user create NAME`."
)
NO_CODE = "Type the set-up code that `mutuals serve` printed when it started."


def _normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").upper()


def _hash(code: str) -> str:
    return hashlib.sha256(_normalise(code).encode()).hexdigest()


def issue_setup_code(*, now: dt.datetime | None = None) -> str | None:
    """A new set-up code (replacing any earlier one), or None once the install has a user."""
    if get_user_model().objects.exists():
        return None
    now = now or timezone.now()
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    with transaction.atomic():
        SetupCode.objects.all().delete()
        SetupCode.objects.create(code_hash=_hash(raw), created_at=now, expires_at=now + LIFETIME)
    return "-".join(raw[i : i + 4] for i in range(0, LENGTH, 4))


def has_live_setup_code(*, now: dt.datetime | None = None) -> bool:
    return SetupCode.objects.filter(expires_at__gt=now or timezone.now()).exists()


def _check(code: str, now: dt.datetime) -> None:
    if not _normalise(code):
        raise ValidationError({"code": [NO_CODE]})
    # Locked until the claim commits: a second claim with the same code then finds it used.
    stored = SetupCode.objects.select_for_update().filter(code_hash=_hash(code)).first()
    if stored is None:
        raise ValidationError({"code": [WRONG_CODE]})
    if stored.expires_at <= now:
        raise ValidationError({"code": [EXPIRED_CODE]})


@transaction.atomic
def claim_install(
    *,
    username: str,
    password: str,
    code: str = "",
    code_required: bool = True,
    now: dt.datetime | None = None,
) -> AbstractBaseUser:
    """Make the first user, the owner, if `code` is the live set-up code (or none is required,
    for a browser on the server itself); the code is used up."""
    if get_user_model().objects.exists():
        raise ValidationError({"username": ["This install already has an owner; sign in."]})
    if code_required:
        _check(code, now or timezone.now())
    owner = create_user(username=username, password=password, is_owner=True)
    SetupCode.objects.all().delete()
    return owner
