"""/api/connections: your mail accounts, as on the Connections page and `mutuals connections`:
list, add (IMAP), change (pause, a new password), sync now, remove with or without what it
added. The password is write-only: no answer ever carries it, not even encrypted."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from mutuals.api.auth import owner
from mutuals.api.schemas import Error, FieldErrors, Id, Input, Timestamp
from mutuals.connections import selectors, services
from mutuals.connections.models import Connection

router = Router(tags=["connections"])

Security = Literal["ssl", "starttls", "plain"]


class ConnectionOut(Schema):
    id: int
    name: str
    kind: str = Field(description="imap.")
    host: str
    port: int
    username: str
    security: Security
    sent_folder: str = Field(description="The sent folder named by hand; empty when found.")
    paused: bool = Field(description="Scheduled syncs are off; a sync asked for still runs.")
    syncing: bool = Field(description="A sync is running now.")
    last_sync_at: Timestamp | None
    last_success_at: Timestamp | None
    last_added: dict[str, int] = Field(
        description="The last sync's counts: read, messages (new), conversations (new), offered."
    )
    last_error: str | None = Field(description="Why the last sync failed, in words.")


class ConnectionPage(Schema):
    count: int
    items: list[ConnectionOut]


class ConnectionIn(Input):
    name: str = Field(max_length=services.NAME_MAX)
    host: str = Field(max_length=255)
    port: int | None = Field(None, ge=1, le=65535, description="993 with ssl, else 143.")
    username: str = Field(max_length=255)
    password: str = Field(max_length=1000, description="Write-only: stored encrypted.")
    security: Security = Field("ssl", description="plain only for a server on 127.0.0.1.")
    sent_folder: str = Field("", max_length=255)


class ConnectionPatch(Input):
    paused: bool = Field(None, description="Leave out to keep it.")  # type: ignore[assignment]
    password: str = Field(  # type: ignore[assignment]
        None, max_length=1000, description="A new password (write-only); leave out to keep it."
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


@router.get("/connections", response=ConnectionPage, summary="List mail accounts")
def list_connections(request: HttpRequest) -> dict[str, Any]:
    """Every one of your mail accounts, as `{"count", "items"}` like every list."""
    items = [selectors.as_dict(c) for c in selectors.connections_of(owner=owner(request))]
    return {"count": len(items), "items": items}


@router.post(
    "/connections", response={201: ConnectionOut, 422: FieldErrors}, summary="Add a mail account"
)
def create_connection(request: HttpRequest, payload: ConnectionIn) -> Status[dict[str, Any]]:
    """An IMAP account read-only (headers of the inbox and the sent folder). A name you use
    already answers 422."""
    if selectors.connection_named(owner=owner(request), name=payload.name) is not None:
        raise ValidationError({"name": [f"You have an account named {payload.name} already."]})
    try:
        connection, _ = services.connect_imap(owner=owner(request), **payload.model_dump())
    except services.ConnectionInvalid as error:
        raise _invalid(error) from None
    return Status(201, selectors.as_dict(connection))


@router.get(
    "/connections/{connection_id}",
    response={200: ConnectionOut, 404: Error},
    summary="Show a mail account",
)
def show_connection(request: HttpRequest, connection_id: Id) -> dict[str, Any]:
    return selectors.as_dict(_get(request, connection_id))


@router.patch(
    "/connections/{connection_id}",
    response={200: ConnectionOut, **ERRORS},
    summary="Pause, resume or give a new password",
)
def update_connection(
    request: HttpRequest, connection_id: Id, payload: ConnectionPatch
) -> dict[str, Any]:
    connection = _get(request, connection_id)
    changes = payload.model_dump(exclude_unset=True)
    if changes.get("password"):
        try:
            connection, _ = services.connect_imap(
                owner=owner(request),
                name=connection.name,
                host=connection.host,
                port=connection.port,
                username=connection.username,
                password=changes["password"],
                security=connection.security,
                sent_folder=connection.sent_folder,
            )
        except services.ConnectionInvalid as error:
            raise _invalid(error) from None
    if changes.get("paused") is not None:
        services.set_paused(owner=owner(request), connection=connection, paused=changes["paused"])
    return selectors.as_dict(_get(request, connection_id))


@router.post(
    "/connections/{connection_id}/sync",
    response={202: SyncOut, 404: Error},
    summary="Sync a mail account now",
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
    summary="Remove a mail account",
)
def delete_connection(
    request: HttpRequest, connection_id: Id, filters: Query[RemoveFilters]
) -> dict[str, int]:
    """Removes the account and its password; `with_conversations=true` also removes the
    messages only it brought and their conversations."""
    removed = services.remove(
        owner=owner(request),
        connection=_get(request, connection_id),
        forget_added=filters.with_conversations,
    )
    return {"removed_messages": removed}
