"""Mail and calendar accounts: `mutuals connect imap|caldav|ics-url NAME …`, `mutuals sync
[NAME]`, `mutuals connections` (list, pause, resume, remove). Thin over connections.services,
connections.calendar_sync and connections.selectors."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from django.utils import timezone

from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import emit_json, say, show, table
from mutuals.cli.resolve import acting_user
from mutuals.connections import calendar_sync, selectors, services
from mutuals.connections.models import PLAIN, SSL, STARTTLS, Connection

connect_app = typer.Typer(
    help="Add a mail account or a calendar: its messages and past meetings with your people become "
    "conversations.",
    no_args_is_help=True,
)
connections_app = typer.Typer(
    help="Your mail and calendar accounts: when each last synced, what it added, errors; pause "
    "or remove one.",
    invoke_without_command=True,
)

Json = Annotated[bool, typer.Option("--json", help="Print JSON instead.")]
AccountName = Annotated[str, typer.Argument(metavar="NAME", help="The account's name.")]
NO_ACCOUNT = (
    "No account yet: add a mail account with `mutuals connect imap NAME --host HOST --user "
    "USER`, or a calendar with `mutuals connect caldav` or `mutuals connect ics-url`."
)
FAILURE_CODES = {services.FAILED: ExitCode.ERROR, services.BUSY: ExitCode.BUSY}


@connect_app.command("imap")
def connect_imap(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="A name for the account, such as work.")
    ],
    host: Annotated[str, typer.Option(metavar="HOST", help="The IMAP server's name.")],
    user: Annotated[
        str, typer.Option("--user", metavar="USER", help="The user name you sign in with.")
    ],
    port: Annotated[
        int | None,
        typer.Option(metavar="PORT", min=1, max=65535, help="The port (993 with TLS, else 143)."),
    ] = None,
    starttls: Annotated[
        bool, typer.Option("--starttls", help="Connect in the clear, then STARTTLS.")
    ] = False,
    use_ssl: Annotated[
        bool, typer.Option("--ssl", help="TLS from the start (the default).")
    ] = False,
    plain_on_loopback: Annotated[
        bool,
        typer.Option(
            "--plain-on-loopback",
            help="No encryption: only for a server on this computer (127.0.0.1).",
        ),
    ] = False,
    sent_folder: Annotated[
        str,
        typer.Option(
            "--sent-folder",
            metavar="FOLDER",
            help="The sent folder's name, when the server marks none as \\Sent.",
        ),
    ] = "",
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin",
            help="Read the password from the first line of stdin (else it is asked for).",
        ),
    ] = False,
    as_json: Json = False,
) -> None:
    """Add an IMAP account (read-only: headers of the inbox and the sent folder), or change
    the one of that name. The password is stored encrypted."""
    owner = acting_user(ctx)
    if starttls + use_ssl + plain_on_loopback > 1:
        raise CliError("Choose one of --ssl, --starttls or --plain-on-loopback.", ExitCode.USAGE)
    security = STARTTLS if starttls else PLAIN if plain_on_loopback else SSL
    existing = selectors.connection_named(owner=owner, name=name)
    password = _read_password(password_stdin, required=existing is None)
    try:
        connection, created = services.connect_imap(
            owner=owner,
            name=name,
            host=host,
            port=port,
            username=user,
            password=password,
            security=security,
            sent_folder=sent_folder,
        )
    except services.ConnectionInvalid as error:
        raise CliError(f"--{error.field}: {error.message}", ExitCode.INVALID) from None
    _added(connection, created, as_json)


@connect_app.command("caldav")
def connect_caldav(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="A name for the calendar, such as work.")
    ],
    url: Annotated[
        str,
        typer.Option(
            metavar="URL",
            help="The CalDAV address, such as https://cloud.example.org/remote.php/dav.",
        ),
    ],
    user: Annotated[
        str, typer.Option("--user", metavar="USER", help="The user name you sign in with.")
    ],
    calendar: Annotated[
        list[str] | None,
        typer.Option(
            "--calendar",
            metavar="CALENDAR",
            help="A calendar to read, by name (repeat it for several); all without it.",
        ),
    ] = None,
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin",
            help="Read the app password from the first line of stdin (else it is asked for).",
        ),
    ] = False,
    as_json: Json = False,
) -> None:
    """Add a CalDAV calendar account (Nextcloud, Radicale, Fastmail…), or change the one of
    that name: past meetings with your people become conversations, coming ones show on
    Today. The app password is stored encrypted."""
    owner = acting_user(ctx)
    existing = selectors.connection_named(owner=owner, name=name)
    password = _read_password(password_stdin, required=existing is None)
    try:
        connection, created = calendar_sync.connect_caldav(
            owner=owner,
            name=name,
            url=url,
            username=user,
            password=password,
            calendars=calendar or [],
        )
    except services.ConnectionInvalid as error:
        raise CliError(f"--{error.field}: {error.message}", ExitCode.INVALID) from None
    _added(connection, created, as_json)


@connect_app.command("ics-url")
def connect_ics_url(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="A name for the calendar, such as google.")
    ],
    address_stdin: Annotated[
        bool,
        typer.Option(
            "--address-stdin",
            help="Read the secret address from the first line of stdin (else it is asked for).",
        ),
    ] = False,
    as_json: Json = False,
) -> None:
    """Subscribe to a calendar's secret iCalendar address (Google's "secret address in iCal
    format", Outlook's published calendar), or change the one of that name. The address is a
    password: it is asked for, not given on the command line, and stored encrypted."""
    owner = acting_user(ctx)
    existing = selectors.connection_named(owner=owner, name=name)
    address = _read_secret(
        address_stdin,
        required=existing is None,
        prompt="Secret address",
        flag="--address-stdin",
        what="address",
        command="ics-url NAME",
    )
    try:
        connection, created = calendar_sync.connect_ics_url(owner=owner, name=name, address=address)
    except services.ConnectionInvalid as error:
        raise CliError(f"{error.message}", ExitCode.INVALID) from None
    _added(connection, created, as_json)


def _added(connection: Connection, created: bool, as_json: bool) -> None:
    if as_json:
        emit_json(selectors.as_dict(connection))
        return
    verb = "Added" if created else "Changed"
    say(f"{verb} {connection.name}. Read it now with `mutuals sync {connection.name}`.")


def _read_secret(
    from_stdin: bool, *, required: bool, prompt: str, flag: str, what: str, command: str
) -> str:
    if not from_stdin and sys.stdin.isatty():
        shown = prompt if required else f"{prompt} (Enter keeps the stored one)"
        return str(typer.prompt(shown, hide_input=True, default="" if not required else None))
    value = sys.stdin.readline().strip()
    if not value and required:
        raise CliError(
            f"No {what} came in on stdin. Pipe one in, e.g. `printf '%s\\n' \"$SECRET\" | "
            f"mutuals connect {command} {flag}`.",
            ExitCode.INVALID,
        )
    return value


def _read_password(password_stdin: bool, *, required: bool) -> str:
    if not password_stdin and sys.stdin.isatty():
        prompt = "Password" if required else "Password (Enter keeps the stored one)"
        return str(typer.prompt(prompt, hide_input=True, default="" if not required else None))
    password = sys.stdin.readline().rstrip("\r\n")
    if not password and required:
        raise CliError(
            "No password came in on stdin. Pipe one in, e.g. `printf '%s\\n' \"$PASSWORD\" | "
            "mutuals connect imap NAME … --password-stdin`.",
            ExitCode.INVALID,
        )
    return password


def sync(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(metavar="[NAME]", help="The account to sync; all of them without it."),
    ] = None,
    as_json: Json = False,
) -> None:
    """Sync your mail and calendar accounts now (or one): new messages and past meetings with
    your people become conversations."""
    owner = acting_user(ctx)
    accounts = [_named(owner, name)] if name else list(selectors.connections_of(owner=owner))
    if not accounts:
        raise CliError(NO_ACCOUNT, ExitCode.NOT_FOUND)
    outcomes = [(account, _sync_one(owner, account, quiet=as_json)) for account in accounts]
    if as_json:
        emit_json(
            [
                {
                    "id": account.pk,
                    "name": account.name,
                    "status": outcome.status,
                    "message": outcome.message,
                    "added": outcome.added,
                }
                for account, outcome in outcomes
            ]
        )
    failed = [outcome for _, outcome in outcomes if outcome.status in FAILURE_CODES]
    if failed:
        code = FAILURE_CODES[failed[0].status]
        if as_json:
            raise typer.Exit(int(code))
        raise CliError(" ".join(outcome.message for outcome in failed), code)


def _sync_one(owner: Any, account: Any, *, quiet: bool) -> services.SyncOutcome:
    def progress(role: str, done: int, total: int) -> None:
        if not quiet and total > services.BATCH:
            say(f"  {account.name}, {role}: {done} of {total} messages", style="dim")

    full = selectors.connection_of(owner=owner, connection_id=account.pk) or account
    outcome = services.sync(owner=owner, connection=full, progress=progress)
    if not quiet and outcome.ok:
        say(outcome.message, style="green")
    return outcome


def _named(owner: Any, name: str) -> Any:
    found = selectors.connection_named(owner=owner, name=name)
    if found is None:
        raise CliError(
            f"You have no account named {name}: see them with `mutuals connections`.",
            ExitCode.NOT_FOUND,
        )
    return found


@connections_app.callback()
def connections(ctx: typer.Context, as_json: Json = False) -> None:
    """Your mail and calendar accounts: when each last synced, what it added, errors; pause or
    remove one."""
    if ctx.invoked_subcommand is not None:
        return
    owner = acting_user(ctx)
    found = list(selectors.connections_of(owner=owner))
    if as_json:
        emit_json({"count": len(found), "items": [selectors.as_dict(c) for c in found]})
        return
    if not found:
        say(NO_ACCOUNT)
        return
    listing = table("Account", "Server", "Last sync", "Added", "State")
    for account in found:
        last = account.last_sync_at
        listing.add_row(
            account.name,
            _server_words(account),
            f"{timezone.localtime(last):%Y-%m-%d %H:%M}" if last else "never",
            _added_words(account),
            _state_words(account),
        )
    show(listing)


def _server_words(account: Connection) -> str:
    if account.kind == "ics-url":
        return calendar_sync.shown_address(account)
    if account.kind == "caldav":
        return f"{account.username} at {account.url}"
    return f"{account.username} at {account.host}:{account.port}"


def _added_words(account: Connection) -> str:
    added = account.last_added or {}
    if not added:
        return "—"
    if account.is_calendar:
        return f"{_plural(added.get('meetings', 0), 'meeting')}, " + _plural(
            added.get("conversations", 0), "conversation"
        )
    return f"{_plural(added.get('messages', 0), 'message')}, " + _plural(
        added.get("conversations", 0), "conversation"
    )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _state_words(account: Connection) -> str:
    if account.last_error:
        return account.last_error
    if account.sync_claim:
        return "syncing now"
    return "paused" if account.paused else "active"


@connections_app.command("pause")
def pause(ctx: typer.Context, name: AccountName) -> None:
    """Pause an account's scheduled syncs (`mutuals sync NAME` still reads it)."""
    owner = acting_user(ctx)
    services.set_paused(owner=owner, connection=_named(owner, name), paused=True)
    say(f"Paused {name}: it is synced only when you ask.")


@connections_app.command("resume")
def resume(ctx: typer.Context, name: AccountName) -> None:
    """Resume an account's scheduled syncs."""
    owner = acting_user(ctx)
    services.set_paused(owner=owner, connection=_named(owner, name), paused=False)
    say(f"Resumed {name}: it is synced every {services.SYNC_EVERY.seconds // 60} minutes.")


@connections_app.command("remove")
def remove(
    ctx: typer.Context,
    name: AccountName,
    with_conversations: Annotated[
        bool,
        typer.Option(
            "--with-conversations",
            help="Also remove the messages only this account brought, and their conversations.",
        ),
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove an account and its stored password; with --with-conversations, also what it
    added."""
    owner = acting_user(ctx)
    connection = _named(owner, name)
    what = " and the conversations only it brought" if with_conversations else ""
    if not yes and not typer.confirm(f"Remove {name}{what}?", default=False):
        raise CliError("Nothing was removed.", ExitCode.ERROR)
    removed = services.remove(owner=owner, connection=connection, forget_added=with_conversations)
    if connection.is_calendar:
        tail = f" and {_plural(removed, 'conversation')} its meetings became" if removed else ""
    else:
        tail = f" and the conversations of {removed} messages only it brought" if removed else ""
    say(f"Removed {name}{tail}.")
