"""`mutuals addressbook`: the devices (phones, laptops) that read your people as a CardDAV
address book, each with its own app password."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from django.core.exceptions import ValidationError

from mutuals.addressbook import selectors, services
from mutuals.addressbook.serialize import device_to_dict, new_device_to_dict, server_address
from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import emit_json, plain, say, show, table
from mutuals.cli.resolve import acting_user

addressbook_app = typer.Typer(
    help="Your people on your phone: the devices that read them as an address book (CardDAV).",
    no_args_is_help=True,
)
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")]
NameArgument = Annotated[
    str, typer.Argument(metavar="NAME", help='The device\'s name, for example "My iPhone".')
]


@addressbook_app.command("devices")
def devices(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the devices that may read your address book (never their passwords)."""
    found = selectors.devices(owner=acting_user(ctx))
    if as_json:
        emit_json({"devices": [device_to_dict(device) for device in found]})
        return
    if not found:
        say('No devices yet. Add one with `mutuals addressbook add-device "My phone"`.')
        return
    grid = table("Device", "Added", "Last used")
    for device in found:
        grid.add_row(
            plain(device.name),
            f"{device.created_at:%Y-%m-%d}",
            f"{device.last_used_at:%Y-%m-%d %H:%M}" if device.last_used_at else "never",
        )
    show(grid)


@addressbook_app.command("add-device")
def add_device(ctx: typer.Context, name: NameArgument, as_json: JsonOption = False) -> None:
    """Let a device read your address book: prints its app password, once."""
    owner = acting_user(ctx)
    try:
        new = services.add_device(owner=owner, name=name)
    except ValidationError as error:
        raise CliError(error.message_dict["name"][0], ExitCode.INVALID) from None
    if as_json:
        emit_json(new_device_to_dict(new, username=owner.get_username()))
        return
    sys.stdout.write(new.password + "\n")
    server = server_address() or "the address you open mutuals at, followed by /dav/"
    say(
        f"Added {new.device.name}. On the device, add a CardDAV account with server {server}, "
        f"user name {owner.get_username()} and the password above. Copy it now: it is shown "
        "only once."
    )


@addressbook_app.command("revoke")
def revoke(ctx: typer.Context, name: NameArgument) -> None:
    """Stop a device from reading your address book; its password stops working at once."""
    if not services.revoke_device(owner=acting_user(ctx), name=name):
        raise CliError(
            f"You have no device called '{name}'; see `mutuals addressbook devices`.",
            ExitCode.NOT_FOUND,
        )
    say(f"Revoked {name}: it can no longer read your address book.", style="green")
