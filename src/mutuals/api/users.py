"""/api/users and /api/invitations: the people who use this install, for its owner and
administrators (everyone else: 403), as Settings → People who use this install and `mutuals
user …` manage them. The rules are accounts.services, accounts.roles and
accounts.invitations'."""

from __future__ import annotations

from typing import Any, Literal

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from mutuals.accounts import invitations, roles
from mutuals.accounts import services as account_services
from mutuals.accounts.selectors import users
from mutuals.api.auth import owner
from mutuals.api.schemas import Error, FieldErrors, Id, Input, Text, Timestamp
from mutuals.people.serialize import iso

router = Router(tags=["users"])

NOT_ADMIN = "Only the owner of this install and its administrators manage its users."
NOT_OWNER = "Only the owner of this install names administrators."
Kind = Literal["member", "coach"]


class UserOut(Schema):
    id: int
    username: str
    role: Kind = Field(description="member (a job seeker) or coach.")
    is_owner: bool = Field(description="The install's owner: always an administrator.")
    is_admin: bool = Field(description="May manage the install's users.")
    is_active: bool = Field(description="false: cannot sign in and their tokens are refused.")
    date_joined: Timestamp
    last_login: Timestamp | None


class UsersOut(Schema):
    count: int
    items: list[UserOut]


class UserIn(Input):
    username: Text
    password: Text = Field(description="Their first password; they can change it.")
    role: Kind = "member"
    admin: bool = Field(False, description="Only the owner may name administrators.")


class UserPatch(Input):
    """Only the fields sent change; null is refused (leave a field out to keep it)."""

    role: Kind = Field(None, description="member or coach.")  # type: ignore[assignment]
    active: bool = Field(None, description="false disables them at once.")  # type: ignore[assignment]
    admin: bool = Field(None, description="Only the owner may change it.")  # type: ignore[assignment]


class UserInvitationIn(Input):
    role: Kind = "member"
    username: Text = Field("", description="Their user name; empty lets them choose.")
    days: int = Field(invitations.DEFAULT_DAYS, description="1 to 90 days.")


class UserInvitationOut(Schema):
    id: int
    role: Kind
    username: str | None
    link: str = Field(description="Shown only this once: only its hash is kept.")
    expires_at: Timestamp


def _admin(request: HttpRequest) -> AbstractBaseUser:
    user = owner(request)
    if not roles.is_admin(user):
        raise HttpError(403, NOT_ADMIN)
    return user


def _out(user: Any) -> dict[str, Any]:
    row = getattr(user, "role", None)
    return {
        "id": user.pk,
        "username": user.get_username(),
        "role": roles.role_of(user),
        "is_owner": bool(user.is_superuser),
        "is_admin": bool(user.is_superuser) or bool(row is not None and row.is_admin),
        "is_active": user.is_active,
        "date_joined": iso(user.date_joined),
        "last_login": iso(user.last_login),
    }


def _fresh(user_id: int) -> dict[str, Any]:
    return _out(users().get(pk=user_id))


@router.get(
    "/users",
    response={200: UsersOut, 401: Error, 403: Error, 429: Error},
    summary="Everyone who uses this install",
)
def list_users(request: HttpRequest) -> dict[str, Any]:
    """Everyone who can (or could) sign in, owners first, with their role. Owner and
    administrators only."""
    _admin(request)
    items = [_out(user) for user in users()]
    return {"count": len(items), "items": items}


@router.post(
    "/users",
    response={201: UserOut, 401: Error, 403: Error, 422: FieldErrors, 429: Error},
    summary="Add a user or coach",
)
def create_user(request: HttpRequest, payload: UserIn) -> Status[dict[str, Any]]:
    """Add someone who signs in with their own records. A taken name or a weak password
    answers 422 naming the field."""
    by = _admin(request)
    if payload.admin and not roles.is_owner(by):
        raise HttpError(403, NOT_OWNER)
    user = account_services.create_user_as(
        by=by,
        username=payload.username,
        password=payload.password,
        role=payload.role,
        admin=payload.admin,
    )
    return Status(201, _fresh(user.pk))


@router.patch(
    "/users/{user_id}",
    response={200: UserOut, 401: Error, 403: Error, 404: Error, 422: FieldErrors, 429: Error},
    summary="Change a user's role, administrator or enabled",
)
def patch_user(request: HttpRequest, user_id: Id, payload: UserPatch) -> dict[str, Any]:
    """Change what you send: `role`, `active` (false disables them at once: their sessions and
    tokens stop; their records stay), `admin` (the owner only). A refusal (disabling yourself,
    unnaming the owner) answers 422 and changes nothing."""
    by = _admin(request)
    changes = payload.model_dump(exclude_unset=True)
    if "admin" in changes and not roles.is_owner(by):
        raise HttpError(403, NOT_OWNER)
    users().get(pk=user_id)  # 404 before any change
    try:
        with transaction.atomic():  # both or neither
            if "role" in changes or "admin" in changes:
                roles.set_role(
                    by=by, user_id=user_id, role=changes.get("role"), admin=changes.get("admin")
                )
            if "active" in changes:
                account_services.set_active(by=by, user_id=user_id, active=changes["active"])
    except PermissionDenied:
        raise HttpError(403, NOT_OWNER) from None
    return _fresh(user_id)


@router.post(
    "/invitations",
    response={201: UserInvitationOut, 401: Error, 403: Error, 422: FieldErrors, 429: Error},
    summary="Make an invitation link",
)
def create_invitation(request: HttpRequest, payload: UserInvitationIn) -> Status[dict[str, Any]]:
    """A single-use link that lets someone choose their own password (and user name, unless
    given), working for `days` days. The link is in this answer only: only its hash is kept.
    It starts with MUTUALS_BASE_URL when set, else with this request's address."""
    by = _admin(request)
    made = invitations.create_invitation(
        by=by, role=payload.role, username=payload.username, days=payload.days
    )
    link = invitations.invitation_link(made.code, base=_base(request))
    return Status(
        201,
        {
            "id": made.invitation.pk,
            "role": made.invitation.kind,
            "username": made.invitation.username or None,
            "link": link,
            "expires_at": iso(made.invitation.expires_at),
        },
    )


def _base(request: HttpRequest) -> str:
    return settings.MUTUALS_BASE_URL or request.build_absolute_uri("/").rstrip("/")
