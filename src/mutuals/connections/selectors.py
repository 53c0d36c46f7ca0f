"""Reading mail and calendar accounts: always the owner's own, never their password nor a
calendar's secret address."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.utils import timezone

from mutuals.connections.models import Connection


def connections_of(*, owner: AbstractBaseUser) -> QuerySet[Connection]:
    return Connection.objects.filter(owner=owner).defer("secret").order_by("name", "id")


def connection_named(*, owner: AbstractBaseUser, name: str) -> Connection | None:
    return Connection.objects.filter(owner=owner, name=name.strip()).first()


def connection_of(*, owner: AbstractBaseUser, connection_id: int) -> Connection | None:
    return Connection.objects.filter(owner=owner, pk=connection_id).first()


@dataclass(frozen=True, slots=True)
class SyncState:
    """Whether a sync of the account waits on the queue or runs now; and whether one asked for
    has waited longer than a worker takes to start it (tasks.WORKER_LATE): no worker runs, or it
    is busy with a long sync."""

    syncing: bool
    waiting_for_worker: bool


def sync_state(connection: Connection, now: dt.datetime | None = None) -> SyncState:
    from mutuals.connections import services, tasks

    now = now or timezone.now()
    if services.claimed(connection, now=now):
        return SyncState(syncing=True, waiting_for_worker=False)
    asked = tasks.waiting_syncs().get(connection.pk)
    if asked is None:
        return SyncState(syncing=False, waiting_for_worker=False)
    return SyncState(syncing=True, waiting_for_worker=asked < now - tasks.WORKER_LATE)


def as_dict(connection: Connection) -> dict[str, Any]:
    """The one JSON shape of an account, for the CLI and the API: numbers and dates, never the
    password (not even encrypted); of an iCalendar address, only its host (`url`)."""
    from mutuals.connections.calendar_sync import shown_address

    state = sync_state(connection)
    return {
        "id": connection.pk,
        "name": connection.name,
        "kind": connection.kind,
        "host": connection.host,
        "port": connection.port,
        "username": connection.username,
        "security": connection.security,
        "sent_folder": connection.sent_folder,
        "url": shown_address(connection) if connection.is_calendar else "",
        "calendars": list(connection.calendars or []),
        "paused": connection.paused,
        "syncing": state.syncing,
        "waiting_for_worker": state.waiting_for_worker,
        "last_sync_at": _iso(connection.last_sync_at),
        "last_success_at": _iso(connection.last_success_at),
        "last_added": {k: int(v) for k, v in (connection.last_added or {}).items()},
        "last_error": connection.last_error or None,
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None
