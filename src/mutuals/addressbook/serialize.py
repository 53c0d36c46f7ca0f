"""The one JSON shape of a device, for the CLI's `--json` and the API; never its password
except in the answer that creates it (`new_device_to_dict`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from mutuals.addressbook.models import AppPassword
from mutuals.addressbook.services import NewDevice
from mutuals.people.serialize import iso

DAV_PATH = "/dav/"


def server_address(base_url: str = "") -> str:
    """What a phone is told to connect to: the install's address (MUTUALS_BASE_URL, else
    `base_url`, the address of the request) followed by /dav/, or ""
    when the address is not known (MUTUALS_BASE_URL unset, outside a request)."""
    base = (settings.MUTUALS_BASE_URL or base_url).rstrip("/")
    return f"{base}{DAV_PATH}" if base else ""


def device_to_dict(device: AppPassword) -> dict[str, Any]:
    return {
        "id": device.pk,
        "name": device.name,
        "created_at": iso(device.created_at),
        "last_used_at": iso(device.last_used_at),
    }


def new_device_to_dict(new: NewDevice, *, username: str, base_url: str = "") -> dict[str, Any]:
    return {
        **device_to_dict(new.device),
        "server": server_address(base_url),
        "username": username,
        "password": new.password,
    }
