"""Settings, "Your people on your phone": the devices that read your people as a CardDAV
address book; add one (its password shown once, with how to set up iOS, macOS and DAVx5),
revoke one after confirming."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mutuals.addressbook import selectors, services
from mutuals.addressbook.serialize import server_address
from mutuals.web.forms import Form, add_service_errors
from mutuals.web.views.common import or_404


class DeviceForm(Form):
    name = forms.CharField(
        label="Device name",
        max_length=services.NAME_LENGTH,
        help_text="To recognise it later, e.g. 'My iPhone' or 'Work laptop'.",
    )


def _render(request: HttpRequest, **context: object) -> HttpResponse:
    base = request.build_absolute_uri("/").rstrip("/")
    return render(
        request,
        "web/addressbook/devices.html",
        {
            "devices": selectors.devices(owner=request.user),
            "form": context.pop("form", None) or DeviceForm(),
            "server": server_address(base),
            "host": server_address(base).removesuffix("/dav/").split("://")[-1],
            "username": request.user.get_username(),
            **context,
        },
    )


@login_required
def devices(request: HttpRequest) -> HttpResponse:
    return _render(request)


@login_required
@require_POST
def device_add(request: HttpRequest) -> HttpResponse:
    form = DeviceForm(request.POST)
    if form.is_valid():
        try:
            new = services.add_device(owner=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # Shown on this response only: the password is never stored and cannot be shown again.
            messages.success(request, f"Added {new.device.name}.")
            return _render(request, new_device=new.device, new_password=new.password)
    return _render(request, form=form)


@login_required
def device_revoke(request: HttpRequest, device_id: int) -> HttpResponse:
    """GET asks to confirm; POST revokes."""
    device = or_404(selectors.device, owner=request.user, device_id=device_id)
    if request.method == "POST":
        services.revoke_device_by_id(owner=request.user, device_id=device.pk)
        messages.success(request, f"Revoked {device.name}: it can no longer read your people.")
        return redirect("addressbook_devices")
    return render(request, "web/addressbook/revoke.html", {"device": device})
