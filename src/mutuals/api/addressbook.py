"""/api/addressbook/devices: the devices that read your people as a CardDAV address book.

Adding one answers its app password, the only time it is ever given; listing never does.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from mutuals.addressbook import selectors, services
from mutuals.addressbook.serialize import device_to_dict, new_device_to_dict
from mutuals.api.auth import owner
from mutuals.api.schemas import Error, FieldErrors, Id, Input, Text, Timestamp

router = Router(tags=["address book"])


class DeviceIn(Input):
    name: Text = Field(examples=["My iPhone"])


class DeviceOut(Schema):
    id: int
    name: str
    created_at: Timestamp
    last_used_at: Timestamp | None


class NewDeviceOut(DeviceOut):
    server: str = Field(
        description="The address to give the device: MUTUALS_BASE_URL (else this request's "
        "address) followed by /dav/."
    )
    username: str
    password: str = Field(description="The device's app password: shown here only, once.")


class DevicesOut(Schema):
    devices: list[DeviceOut]


class DeviceRevokedOut(Schema):
    revoked: bool


@router.get("/addressbook/devices", response={200: DevicesOut}, summary="List your devices")
def list_devices(request: HttpRequest) -> dict[str, Any]:
    """The devices that may read your address book, oldest first (never their passwords)."""
    return {"devices": [device_to_dict(d) for d in selectors.devices(owner=owner(request))]}


@router.post(
    "/addressbook/devices",
    response={201: NewDeviceOut, 422: FieldErrors},
    summary="Add a device (its password is answered once)",
)
def add_device(request: HttpRequest, payload: DeviceIn) -> Status[dict[str, Any]]:
    """A new app password for the device called `name`; give the device the `server`,
    `username` and `password` of the answer (a CardDAV account). The password is never shown
    again: revoke the device and add it again if it is lost."""
    user = owner(request)
    new = services.add_device(owner=user, name=payload.name)
    base = request.build_absolute_uri("/").rstrip("/")
    return Status(201, new_device_to_dict(new, username=user.get_username(), base_url=base))


@router.delete(
    "/addressbook/devices/{device_id}",
    response={200: DeviceRevokedOut, 404: Error},
    summary="Revoke a device",
)
def revoke_device(request: HttpRequest, device_id: Id) -> dict[str, bool]:
    """The device's password stops working at once."""
    if not services.revoke_device_by_id(owner=owner(request), device_id=device_id):
        raise Http404
    return {"revoked": True}
