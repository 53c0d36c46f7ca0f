"""/api/groups: your groups, creating one, joining by code, leaving, and what you pool.

A group you do not belong to does not exist for you (404). Creating a group takes an
administrator of the install. The group administrators' operations (join link, invitations,
members, report, administrators) are in `groups_admin.py`; the pooled search and introduction
requests through the pool in `groups_pool.py`, as the web views split them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from mutuals.api.auth import owner
from mutuals.api.schemas import Error, FieldErrors, Id, Input, Paging, Text, Timestamp
from mutuals.core import pool
from mutuals.groups import selectors, serialize, services

router = Router(tags=["groups"])

Scope = Literal["none", "all", "circles", "people"]
T = TypeVar("T")


def kept_id(name: str) -> str:
    """The OpenAPI operation id an operation had when every group operation was in this module
    (`groups_admin.py` and `groups_pool.py` keep them, so generated clients keep their names)."""
    return f"mutuals_api_groups_{name}"


def allowed(call: Callable[[], T]) -> T:
    """The call's answer; its PermissionDenied as 403 with its sentence."""
    try:
        return call()
    except PermissionDenied as refused:
        raise HttpError(403, str(refused) or "Not allowed.") from None


class GroupOut(Schema):
    id: int
    name: str
    role: Literal["member", "admin"]
    role_words: str
    pooling: Scope
    pooling_words: str
    pooled_people: int = Field(description="How many of your people you pool to it.")
    daily_searches: int = Field(description="Pooled searches a member may make each day.")
    joined_at: Timestamp


class GroupPage(Schema):
    count: int
    items: list[GroupOut]


class GroupIn(Input):
    name: Text = Field(max_length=200)
    daily_searches: int | None = Field(None, ge=1, le=1000)


class JoinIn(Input):
    code: str = Field(max_length=40, description="The group's code, like ABCD-EFGH-JKLM.")


class PoolingIn(Input):
    scope: Scope = Field(description="none, all, circles (name them) or people (their ids).")
    circles: list[Text] = Field([], max_length=200)
    people: list[Id] = Field([], max_length=5000)


@router.get("/groups", response=GroupPage, summary="List your groups")
def list_groups(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    found = selectors.groups_of(user=owner(request))
    page = found[paging.offset : paging.offset + paging.limit]
    return {"count": len(found), "items": [serialize.membership_to_dict(m) for m in page]}


@router.post(
    "/groups",
    response={201: GroupOut, 403: Error, 422: FieldErrors},
    summary="Create a group (install administrators)",
)
def create_group(request: HttpRequest, payload: GroupIn) -> Status[dict[str, Any]]:
    user = owner(request)
    group = allowed(
        lambda: services.create_group(
            by=user, name=payload.name, daily_searches=payload.daily_searches
        )
    )
    membership = services.membership_of(user=user, group_id=group.pk)
    return Status(201, serialize.membership_to_dict(membership))


@router.post(
    "/groups/join", response={201: GroupOut, 422: FieldErrors}, summary="Join a group by code"
)
def join(request: HttpRequest, payload: JoinIn) -> Status[dict[str, Any]]:
    membership = services.join(user=owner(request), code=payload.code)
    return Status(201, serialize.membership_to_dict(membership))


@router.get("/groups/{group_id}", response={200: GroupOut, 404: Error}, summary="One group")
def get_group(request: HttpRequest, group_id: Id) -> dict[str, Any]:
    membership = services.membership_of(user=owner(request), group_id=group_id)
    return serialize.membership_to_dict(membership)


@router.delete(
    "/groups/{group_id}/membership",
    response={204: None, 404: Error, 422: FieldErrors},
    summary="Leave a group",
)
def leave(request: HttpRequest, group_id: Id) -> Status[None]:
    services.leave(user=owner(request), group_id=group_id)
    return Status(204, None)


@router.put(
    "/groups/{group_id}/pooling",
    response={200: GroupOut, 404: Error, 422: FieldErrors},
    summary="Choose what you pool",
    description=pool.POOLING_WORDS,
)
def set_pooling(request: HttpRequest, group_id: Id, payload: PoolingIn) -> dict[str, Any]:
    user = owner(request)
    services.set_pooling(
        user=user,
        group_id=group_id,
        scope=payload.scope,
        circles=payload.circles,
        people=payload.people,
    )
    return serialize.membership_to_dict(services.membership_of(user=user, group_id=group_id))


@router.delete(
    "/groups/{group_id}/pooling",
    response={204: None, 404: Error},
    summary="Withdraw everything you pool",
)
def withdraw(request: HttpRequest, group_id: Id) -> Status[None]:
    services.withdraw(user=owner(request), group_id=group_id)
    return Status(204, None)
