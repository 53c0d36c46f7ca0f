"""Mail accounts: add or change one, pause it, remove it (with or without what it added), and
sync it.

A sync, in words:
- It first claims the account (a conditional update on its row that one worker wins), so one
  sync per account runs at a time however many workers, servers or commands try; a claim left
  by a sync that stopped without releasing it lapses after STALE_CLAIM.
- It reads the inbox and the sent folder read-only, each from the UID its last sync reached,
  in batches of `batch_size`: headers only (imap.py), parsed by core.mail.headers and recorded
  by emails.services.record_messages. Each batch and the UID it reached commit in one
  transaction, so a sync that stops half-way keeps what it recorded and the next one goes on
  from there; nothing is half-written.
- A folder whose UIDVALIDITY changed is read again from its start: messages are known by their
  Message-ID, so nothing is added twice.
- Whatever happens, the account keeps when it was synced, what that added and, when it failed,
  why in words; the claim is released.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import imaplib
import ipaddress
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from mutuals.changes.tracking import bump
from mutuals.connections import credentials, imap
from mutuals.connections.models import PLAIN, SSL, STARTTLS, Connection, FolderState
from mutuals.core.mail.headers import MailHeaders, parse_headers
from mutuals.emails import services as emails

logger = logging.getLogger("mutuals.connections")

BATCH = 200  # messages per batch: one FETCH and one transaction
STALE_CLAIM = dt.timedelta(minutes=10)  # a claim older than this (no batch since) has lapsed
SYNC_EVERY = dt.timedelta(minutes=30)  # scheduled syncs: each active account this often
NAME_MAX = 60
DEFAULT_PORTS = {SSL: 993, STARTTLS: 143, PLAIN: 143}

SYNCED = "synced"
FAILED = "failed"
BUSY = "busy"
PAUSED = "paused"
QUEUED = "queued"


class ConnectionInvalid(ValueError):
    """A field of the account is wrong; `field` names it and the message says what to do."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(slots=True)
class SyncOutcome:
    """What one sync did: `status` (synced, failed, busy, paused), a sentence, and counts."""

    status: str
    message: str
    added: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == SYNCED


Progress = Callable[[str, int, int], None]  # folder role, messages done, messages to read


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _clean(
    *, name: str, host: str, port: int | None, username: str, security: str
) -> tuple[str, str, int, str]:
    name, host, username = name.strip(), host.strip(), username.strip()
    if not name or len(name) > NAME_MAX:
        raise ConnectionInvalid("name", f"Give the account a name of 1 to {NAME_MAX} characters.")
    if not host or len(host) > 255 or any(c.isspace() for c in host):
        raise ConnectionInvalid("host", "Enter the mail server's name, such as imap.example.org.")
    if security not in DEFAULT_PORTS:
        raise ConnectionInvalid("security", "Choose TLS, STARTTLS or plain (this computer only).")
    if security == PLAIN and not _is_loopback(host):
        raise ConnectionInvalid(
            "security",
            "A password is sent in the clear only to a server on this computer (127.0.0.1): "
            "choose TLS or STARTTLS for another server.",
        )
    port = DEFAULT_PORTS[security] if port is None else port
    if not 1 <= port <= 65535:
        raise ConnectionInvalid("port", "The port is a number from 1 to 65535, such as 993.")
    if not username or len(username) > 255:
        raise ConnectionInvalid("username", "Enter the user name you sign in to the server with.")
    return name, host, port, username


def connect_imap(
    *,
    owner: AbstractBaseUser,
    name: str,
    host: str,
    username: str,
    password: str | None,
    security: str = SSL,
    port: int | None = None,
    sent_folder: str = "",
) -> tuple[Connection, bool]:
    """Add an IMAP account, or change the one of that name (a new password, a new server);
    the account and whether it was new. The password is kept encrypted (credentials.py); an
    empty one keeps the stored password of an existing account."""
    name, host, port, username = _clean(
        name=name, host=host, port=port, username=username, security=security
    )
    existing = Connection.objects.filter(owner=owner, name=name).first()
    if not password and existing is None:
        raise ConnectionInvalid("password", "Enter the account's password (or an app password).")
    fields = {
        "host": host,
        "port": port,
        "username": username,
        "security": security,
        "sent_folder": sent_folder.strip()[:255],
    }
    if password:
        fields["secret"] = credentials.seal(password)
    with transaction.atomic():
        if existing is not None:
            moved = (existing.host, existing.username) != (host, username)
            for key, value in fields.items():
                setattr(existing, key, value)
            existing.last_error = ""
            existing.save()
            if moved:  # another server's UIDs mean nothing here
                existing.folders.all().delete()
            return existing, False
        try:
            created = Connection.objects.create(owner=owner, name=name, **fields)
        except IntegrityError:
            raise ConnectionInvalid("name", f"You have an account named {name} already.") from None
    _its_address_is_mine(owner, username)
    return created, True


def _its_address_is_mine(owner: AbstractBaseUser, username: str) -> None:
    """An account signed in to with an e-mail address: that address is you (messages from it
    are yours), as if you had listed it."""
    if "@" in username and " " not in username:
        with contextlib.suppress(ValidationError):
            emails.add_my_addresses(owner=owner, addresses=[username])


def set_paused(*, owner: AbstractBaseUser, connection: Connection, paused: bool) -> Connection:
    """Pause scheduled syncs of the account (a sync asked for by hand still runs), or resume."""
    _own(owner, connection)
    Connection.objects.filter(pk=connection.pk, owner=owner).update(paused=paused)
    connection.paused = paused
    return connection


def remove(*, owner: AbstractBaseUser, connection: Connection, forget_added: bool) -> int:
    """Remove the account and its password; with `forget_added`, also what only it added: the
    messages no other source carried and the conversations they alone made (a calendar: the
    conversations its meetings became). The number of messages (conversations) removed."""
    _own(owner, connection)
    removed = 0
    with transaction.atomic():
        if forget_added and connection.is_calendar:
            from mutuals.calendars import services as calendars

            removed = calendars.forget(owner=owner, connection=connection)
        elif forget_added:
            removed = emails.forget_source(owner=owner, source=connection.source)
        connection.delete()
    if removed:
        bump(owner.pk)
    return removed


def _own(owner: AbstractBaseUser, connection: Connection) -> None:
    if connection.owner_id != owner.pk:
        raise Connection.DoesNotExist


# --- the sync


def claim(connection: Connection, *, now: dt.datetime | None = None) -> str | None:
    """Claim the account for one sync: the claim's token, or None when another sync holds it."""
    now = now or timezone.now()
    token = uuid.uuid4().hex
    free = Q(sync_claim="") | Q(sync_started_at__lt=now - STALE_CLAIM)
    with transaction.atomic():
        won = Connection.objects.filter(free, pk=connection.pk).update(
            sync_claim=token, sync_started_at=now
        )
    return token if won else None


def release(connection: Connection, token: str, **fields: object) -> None:
    with transaction.atomic():
        Connection.objects.filter(pk=connection.pk, sync_claim=token).update(
            sync_claim="", sync_started_at=None, **fields
        )


def claimed(connection: Connection, *, now: dt.datetime | None = None) -> bool:
    """A sync holds the account now (a claim that has not lapsed)."""
    now = now or timezone.now()
    started = connection.sync_started_at
    return bool(connection.sync_claim) and started is not None and started >= now - STALE_CLAIM


def request_sync(
    *, owner: AbstractBaseUser, connection: Connection, now: dt.datetime | None = None
) -> SyncOutcome:
    """Sync now, on the web and in the API: queue the account's sync (connections.tasks, run by
    the worker) and answer at once, QUEUED; BUSY when a sync of it waits or runs already, so two
    clicks queue one sync. The account's row is locked meanwhile, so two requests cannot both
    queue one."""
    from mutuals.connections import tasks

    _own(owner, connection)
    with transaction.atomic():
        held = Connection.objects.select_for_update().get(pk=connection.pk)
        if claimed(held, now=now) or held.pk in tasks.waiting_syncs():
            return SyncOutcome(BUSY, f"{connection.name} is being synced right now.")
        tasks.enqueue_sync(held.pk, now=now)
    return SyncOutcome(QUEUED, f"Syncing {connection.name} in the background.")


def sync(
    *,
    owner: AbstractBaseUser,
    connection: Connection,
    batch_size: int = BATCH,
    progress: Progress | None = None,
    now: dt.datetime | None = None,
) -> SyncOutcome:
    """Sync one account now (paused or not): read what is new since the last sync."""
    _own(owner, connection)
    token = claim(connection, now=now)
    if token is None:
        return SyncOutcome(BUSY, f"{connection.name} is being synced right now.")
    added: dict[str, int] = {}
    if connection.is_calendar:
        return _sync_calendar(owner, connection, token, now)
    try:
        account = imap.Account(
            host=connection.host,
            port=connection.port,
            security=connection.security,
            username=connection.username,
            password=credentials.reveal(connection.secret),
        )
        _read_account(owner, connection, account, token, added, batch_size, progress)
    except credentials.SecretUnreadable:
        return _failed(
            connection,
            token,
            added,
            f"The password of {connection.name} can no longer be read (this install's secret "
            "key changed): enter it again.",
        )
    except imap.ImapFailure as failure:
        return _failed(connection, token, added, str(failure))
    except (imaplib.IMAP4.abort, OSError):
        return _failed(connection, token, added, imap.gone(_server(connection)))
    except imaplib.IMAP4.error:
        reason = (
            f"The mail server at {_server(connection)} answered a command with an error; what "
            "was read before is kept and the next sync goes on from there."
        )
        return _failed(connection, token, added, reason)
    except BaseException:
        release(connection, token)  # a database error, say: the next sync may claim it at once
        raise
    finally:
        if added.get("conversations") or added.get("messages"):
            bump(owner.pk)
    finished = timezone.now()
    release(
        connection,
        token,
        last_sync_at=finished,
        last_success_at=finished,
        last_added=added,
        last_error="",
    )
    return SyncOutcome(SYNCED, _summary(connection.name, added), added)


def _sync_calendar(
    owner: AbstractBaseUser, connection: Connection, token: str, now: dt.datetime | None
) -> SyncOutcome:
    """A calendar account's sync (calendar_sync.py): all read, then all recorded, or nothing."""
    from mutuals.connections import calendar_sync

    try:
        added = calendar_sync.read(owner=owner, connection=connection, token=token, now=now)
    except credentials.SecretUnreadable:
        return _failed(
            connection,
            token,
            {},
            f"The app password or address of {connection.name} can no longer be read (this "
            "install's secret key changed): enter it again.",
        )
    except calendar_sync.CalendarFailure as failure:
        return _failed(connection, token, {}, str(failure))
    except BaseException:
        release(connection, token)
        raise
    if added.get("conversations") or added.get("meetings") or added.get("changed"):
        bump(owner.pk)
    finished = timezone.now()
    release(
        connection,
        token,
        last_sync_at=finished,
        last_success_at=finished,
        last_added=added,
        last_error="",
    )
    return SyncOutcome(SYNCED, calendar_sync.summary(connection.name, added), added)


def _server(connection: Connection) -> str:
    return f"{connection.host}:{connection.port}"


def _failed(connection: Connection, token: str, added: dict[str, int], reason: str) -> SyncOutcome:
    # Info, not a warning: the account keeps the reason for its page, and a command prints it.
    logger.info("An account's sync failed: %s", reason)  # the server, never the user
    release(connection, token, last_sync_at=timezone.now(), last_added=added, last_error=reason)
    return SyncOutcome(FAILED, reason, added)


def _summary(name: str, added: dict[str, int]) -> str:
    read = added.get("messages", 0)
    if not read:
        return f"Synced {name}: no new messages."
    made = added.get("conversations", 0)
    return f"Synced {name}: {_plural(read, 'new message')}, {_plural(made, 'new conversation')}."


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _read_account(
    owner: AbstractBaseUser,
    connection: Connection,
    account: imap.Account,
    token: str,
    added: dict[str, int],
    batch_size: int,
    progress: Progress | None,
) -> None:
    client = imap.connect(account)
    try:
        folders = [(FolderState.INBOX, "INBOX")]
        sent = imap.sent_folder(client, connection.sent_folder)
        if sent is not None:
            folders.append((FolderState.SENT, sent))
        for role, folder in folders:
            _read_folder(
                owner, connection, client, role, folder, token, added, batch_size, progress
            )
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            client.logout()


def _read_folder(
    owner: AbstractBaseUser,
    connection: Connection,
    client: imaplib.IMAP4,
    role: str,
    folder: str,
    token: str,
    added: dict[str, int],
    batch_size: int,
    progress: Progress | None,
) -> None:
    uidvalidity = imap.examine(client, folder)
    state = FolderState.objects.filter(connection=connection, role=role).first()
    last_uid = 0
    if state is not None and state.uidvalidity == uidvalidity and state.folder == folder:
        last_uid = state.last_uid
    elif state is not None:
        added["folders_read_again"] = added.get("folders_read_again", 0) + 1
    uids = imap.uids_after(client, last_uid)
    for start in range(0, len(uids), batch_size):
        batch = uids[start : start + batch_size]
        messages = [parse_headers(raw) for _, raw in imap.fetch_headers(client, batch)]
        _record_batch(
            owner, connection, role, folder, uidvalidity, batch[-1], messages, token, added
        )
        if progress is not None:
            progress(role, start + len(batch), len(uids))
    if not uids and (state is None or state.uidvalidity != uidvalidity or state.folder != folder):
        _record_batch(owner, connection, role, folder, uidvalidity, 0, [], token, added)


def _record_batch(
    owner: AbstractBaseUser,
    connection: Connection,
    role: str,
    folder: str,
    uidvalidity: int,
    reached: int,
    messages: list[MailHeaders],
    token: str,
    added: dict[str, int],
) -> None:
    """One batch and the UID it reached, in one transaction, while the claim is ours."""
    with transaction.atomic():
        held = Connection.objects.filter(pk=connection.pk, sync_claim=token).update(
            sync_started_at=timezone.now()
        )
        if not held:
            raise imap.ImapFailure(
                f"Another sync of {connection.name} took over; this one stopped."
            )
        report = (
            emails.record_messages(owner=owner, messages=messages, source=connection.source)
            if messages
            else None
        )
        FolderState.objects.update_or_create(
            connection=connection,
            role=role,
            defaults={"folder": folder, "uidvalidity": uidvalidity, "last_uid": reached},
        )
    added["read"] = added.get("read", 0) + len(messages)
    if report is not None:
        for key, value in _counts(report).items():
            added[key] = added.get(key, 0) + value


def _counts(report: emails.MailReport) -> dict[str, int]:
    """What a batch added, in counts (the keys of `last_added`)."""
    return {
        "messages": report.added,
        "conversations": report.conversations_added,
        "offered": report.offered,
    }


def sync_due(*, now: dt.datetime | None = None) -> list[SyncOutcome]:
    """The scheduled sync: every account not paused whose last sync is SYNC_EVERY old."""
    now = now or timezone.now()
    due = Connection.objects.filter(paused=False).filter(
        Q(last_sync_at__isnull=True) | Q(last_sync_at__lte=now - SYNC_EVERY)
    )
    outcomes = []
    for connection in due.select_related("owner"):
        outcomes.append(sync(owner=connection.owner, connection=connection, now=now))
    return outcomes
