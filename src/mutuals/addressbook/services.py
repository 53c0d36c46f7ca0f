"""Writes for the address book's devices: add one (its password shown once), revoke one, and
the check every CardDAV request makes (`check_app_password`).

A password is 24 characters from `core.codes.ALPHABET` (no look-alikes; 120 bits), shown as six
groups of four and read whatever the case, spaces and dashes, as a phone's keyboard types it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from mutuals.addressbook.models import AppPassword
from mutuals.core.codes import ALPHABET, normalise_code

PASSWORD_LENGTH = 24
NAME_LENGTH = 60
MAX_DEVICES = 20
LAST_USED_EVERY = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class NewDevice:
    """A device just added; `password` exists only here, never stored or shown again."""

    device: AppPassword
    password: str


def new_password() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(PASSWORD_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, PASSWORD_LENGTH, 4))


def hash_password(password: str) -> str:
    return hashlib.sha256(normalise_code(password).encode()).hexdigest()


def add_device(*, owner: AbstractBaseUser, name: str) -> NewDevice:
    """A new app password for the device called `name` (unique among the owner's devices)."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": ['Name the device, for example "My phone".']})
    if len(name) > NAME_LENGTH:
        raise ValidationError({"name": [f"Keep the name under {NAME_LENGTH} characters."]})
    password = new_password()
    try:
        with transaction.atomic():
            if AppPassword.objects.filter(owner=owner).count() >= MAX_DEVICES:
                raise ValidationError(
                    {"name": [f"You have {MAX_DEVICES} devices; revoke one you no longer use."]}
                )
            device = AppPassword.objects.create(
                owner=owner,
                name=name,
                secret_hash=hash_password(password),
                created_at=timezone.now(),
            )
    except IntegrityError:
        raise ValidationError(
            {"name": [f"You already have a device called '{name}'; choose another name."]}
        ) from None
    return NewDevice(device=device, password=password)


@transaction.atomic
def revoke_device(*, owner: AbstractBaseUser, name: str) -> bool:
    """Revoke the owner's device called `name` (its password stops working at once); False
    when the owner has no device of that name."""
    name = " ".join(name.split())
    deleted, _ = AppPassword.objects.filter(owner=owner, name=name).delete()
    return deleted > 0


@transaction.atomic
def revoke_device_by_id(*, owner: AbstractBaseUser, device_id: int) -> bool:
    deleted, _ = AppPassword.objects.filter(owner=owner, pk=device_id).delete()
    return deleted > 0


def check_app_password(*, username: str, password: str) -> AbstractBaseUser | None:
    """The active user called `username` when `password` is one of their devices' app
    passwords, else None. Records when the device was last used (at most once a minute)."""
    if not username or not password:
        return None
    device = (
        AppPassword.objects.select_related("owner")
        .filter(secret_hash=hash_password(password))
        .first()
    )
    if device is None:
        return None
    owner = device.owner
    user_model = get_user_model()
    if not owner.is_active or getattr(owner, user_model.USERNAME_FIELD) != username:
        return None
    now = timezone.now()
    if device.last_used_at is None or now - device.last_used_at > LAST_USED_EVERY:
        AppPassword.objects.filter(pk=device.pk).update(last_used_at=now)
    return owner
