"""/api/connections: your mail and calendar accounts, as on the Connections page and `mutuals
connections`: list, add (IMAP, CalDAV, an iCalendar address), change (pause, a new password or
address), sync now, remove with or without what it added. The password and a calendar's secret
address are write-only: no answer ever carries them, not even encrypted."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from mutuals.api.auth import owner
from mutuals.api.schemas import Error, FieldErrors, Id, Input, Timestamp
from mutuals.connections import calendar_sync, selectors, services
from mutuals.connections.models import CALDAV, ICS_URL, IMAP, Connection

router = Router(tags=["connections"])

Security = Literal["ssl", "starttls", "plain"]
Kind = Literal["imap", "caldav", "ics-url"]


class ConnectionOut(Schema):
    id: int
    name: str
    kind: Kind = Field(description="imap, caldav or ics-url (an iCalendar address).")
    host: str
    port: int
    username: str
    security: Security
    sent_folder: str = Field(description="The sent folder named by hand; empty when found.")
    url: str = Field(
        description="A CalDAV account's address; an iCalendar address's host only (the rest "
        "is secret); empty for a mail account."
    )
    calendars: list[str] = Field(description="The CalDAV calendars read, by name; empty: all.")
    paused: bool = Field(description="Scheduled syncs are off; a sync asked for still runs.")
    syncing: bool = Field(description="A sync waits on the queue or is running now.")
    waiting_for_worker: bool = Field(
        description="A sync asked for has waited over two minutes for the background worker: "
        "none is running (`mutuals worker`), or it is busy with a long sync."
    )
    last_sync_at: Timestamp | None
    last_success_at: Timestamp | None
    last_added: dict[str, int] = Field(
        description="The last sync's counts: read, messages (new), conversations (new), offered; "
        "for a calendar: read, meetings (new), changed, removed, conversations (new), upcoming, "
        "unreadable."
    )
    last_error: str | None = Field(description="Why the last sync failed, in words.")


class ConnectionPage(Schema):
    count: int
    items: list[ConnectionOut]


class ConnectionIn(Input):
    kind: Kind = Field("imap", description="imap, caldav or ics-url.")
    name: str = Field(max_length=services.NAME_MAX)
    host: str = Field("", max_length=255, description="imap: the server's name.")
    port: int | None = Field(None, ge=1, le=65535, description="imap: 993 with ssl, else 143.")
    username: str = Field("", max_length=255, description="imap and caldav.")
    password: str = Field(
        "", max_length=1000, description="imap and caldav (an app password): write-only."
    )
    security: Security = Field("ssl", description="imap: plain only for a server on 127.0.0.1.")
    sent_folder: str = Field("", max_length=255, description="imap.")
    url: str = Field("", max_length=500, description="caldav: the account's address.")
    calendars: list[str] = Field(
        default_factory=list, max_length=20, description="caldav: calendars by name; all if none."
    )
    address: str = Field(
        "",
        max_length=500,
        description="ics-url: the calendar's secret address; write-only, stored encrypted.",
    )


class ConnectionPatch(Input):
    paused: bool = Field(None, description="Leave out to keep it.")  # type: ignore[assignment]
    password: str = Field(  # type: ignore[assignment]
        None, max_length=1000, description="A new password (write-only); leave out to keep it."
    )
    address: str = Field(  # type: ignore[assignment]
        None,
        max_length=500,
        description="ics-url: a new secret address (write-only); leave out to keep it.",
    )


class SyncOut(Schema):
    status: Literal["queued", "busy"]
    message: str
    account: ConnectionOut


class RemoveFilters(Schema):
    with_conversations: bool = Field(
        False,
        description="Also remove the messages only this account brought, and their conversations.",
    )


class RemovedOut(Schema):
    removed_messages: int


ERRORS: dict[int, Any] = {404: Error, 422: FieldErrors}


def _get(request: HttpRequest, connection_id: int) -> Connection:
    found = selectors.connection_of(owner=owner(request), connection_id=connection_id)
    if found is None:
        raise Http404
    return found


def _invalid(error: services.ConnectionInvalid) -> ValidationError:
    return ValidationError({error.field: [error.message]})


@router.get("/connections", response=ConnectionPage, summary="List accounts")
def list_connections(request: HttpRequest) -> dict[str, Any]:
    """Every one of your mail and calendar accounts, as `{"count", "items"}` like every list."""
    items = [selectors.as_dict(c) for c in selectors.connections_of(owner=owner(request))]
    return {"count": len(items), "items": items}


@router.post(
    "/connections", response={201: ConnectionOut, 422: FieldErrors}, summary="Add an account"
)
def create_connection(request: HttpRequest, payload: ConnectionIn) -> Status[dict[str, Any]]:
    """`kind` imap: a mail account read-only (headers of the inbox and the sent folder);
    caldav: a CalDAV account (`url`, `username`, `password`, `calendars`); ics-url: a
    calendar's secret iCalendar address (`address`). Past meetings with your people become
    conversations, coming ones show on Today. A name you use already answers 422."""
    if selectors.connection_named(owner=owner(request), name=payload.name) is not None:
        raise ValidationError({"name": [f"You have an account named {payload.name} already."]})
    data = payload.model_dump()
    try:
        if payload.kind == CALDAV:
            connection, _ = calendar_sync.connect_caldav(
                owner=owner(request),
                name=payload.name,
                url=payload.url,
                username=payload.username,
                password=payload.password,
                calendars=payload.calendars,
            )
        elif payload.kind == ICS_URL:
            connection, _ = calendar_sync.connect_ics_url(
                owner=owner(request), name=payload.name, address=payload.address
            )
        else:
            for unused in ("kind", "url", "calendars", "address"):
                data.pop(unused)
            connection, _ = services.connect_imap(owner=owner(request), **data)
    except services.ConnectionInvalid as error:
        raise _invalid(error) from None
    return Status(201, selectors.as_dict(connection))


@router.get(
    "/connections/{connection_id}",
    response={200: ConnectionOut, 404: Error},
    summary="Show an account",
)
def show_connection(request: HttpRequest, connection_id: Id) -> dict[str, Any]:
    return selectors.as_dict(_get(request, connection_id))


@router.patch(
    "/connections/{connection_id}",
    response={200: ConnectionOut, **ERRORS},
    summary="Pause, resume or give a new password or address",
)
def update_connection(
    request: HttpRequest, connection_id: Id, payload: ConnectionPatch
) -> dict[str, Any]:
    connection = _get(request, connection_id)
    changes = payload.model_dump(exclude_unset=True)
    try:
        _new_secret(request, connection, changes)
    except services.ConnectionInvalid as error:
        raise _invalid(error) from None
    if changes.get("paused") is not None:
        services.set_paused(owner=owner(request), connection=connection, paused=changes["paused"])
    return selectors.as_dict(_get(request, connection_id))


def _new_secret(request: HttpRequest, connection: Connection, changes: dict[str, Any]) -> None:
    """A new password (IMAP, CalDAV) or secret address (ics-url), when given."""
    if changes.get("address") and connection.kind == ICS_URL:
        calendar_sync.connect_ics_url(
            owner=owner(request), name=connection.name, address=changes["address"]
        )
    elif changes.get("address"):
        raise services.ConnectionInvalid("address", "Only an iCalendar address has an address.")
    if not changes.get("password"):
        return
    if connection.kind == CALDAV:
        calendar_sync.connect_caldav(
            owner=owner(request),
            name=connection.name,
            url=connection.url,
            username=connection.username,
            password=changes["password"],
            calendars=list(connection.calendars or []),
        )
    elif connection.kind == IMAP:
        services.connect_imap(
            owner=owner(request),
            name=connection.name,
            host=connection.host,
            port=connection.port,
            username=connection.username,
            password=changes["password"],
            security=connection.security,
            sent_folder=connection.sent_folder,
        )
    else:
        raise services.ConnectionInvalid(
            "password", "An iCalendar address has no password: give a new address instead."
        )


@router.post(
    "/connections/{connection_id}/sync",
    response={202: SyncOut, 404: Error},
    summary="Sync an account now",
)
def sync_connection(request: HttpRequest, connection_id: Id) -> Status[dict[str, Any]]:
    """Queues the account's sync (the worker runs it) and answers 202 at once: `status` is
    queued, or busy when a sync of it waits or runs already (nothing is queued twice);
    `account` is its state. Follow it with GET /connections/{id}: `syncing` turns false and
    `last_sync_at` changes when it is done."""
    connection = _get(request, connection_id)
    outcome = services.request_sync(owner=owner(request), connection=connection)
    account = selectors.as_dict(_get(request, connection_id))
    return Status(202, {"status": outcome.status, "message": outcome.message, "account": account})


@router.delete(
    "/connections/{connection_id}",
    response={200: RemovedOut, 404: Error, 422: FieldErrors},
    summary="Remove an account",
)
def delete_connection(
    request: HttpRequest, connection_id: Id, filters: Query[RemoveFilters]
) -> dict[str, int]:
    """Removes the account and its password; `with_conversations=true` also removes the
    messages only it brought and their conversations (a calendar: the conversations its
    meetings became; `removed_messages` then counts those conversations)."""
    removed = services.remove(
        owner=owner(request),
        connection=_get(request, connection_id),
        forget_added=filters.with_conversations,
    )
    return {"removed_messages": removed}
