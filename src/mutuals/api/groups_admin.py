"""/api/groups/{id}/…: what a group administrator does (an install administrator may too): a
new join link, e-mail invitations from a CSV list and their progress, the members, the
report, naming and removing administrators. A member is refused (403); for anyone else the
group does not exist (404). Counts and names only, never whom a member pools.

The operations' ids are those they had in `api/groups.py` (`kept_id`), so clients generated
from the OpenAPI document keep their names.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from mutuals.api.auth import owner
from mutuals.api.groups import allowed, kept_id
from mutuals.api.schemas import Error, FieldErrors, Id, Input, Paging, Text, Timestamp
from mutuals.groups import administration, invitations, selectors, serialize, services

router = Router(tags=["groups"])


class ReportGroup(Schema):
    id: int
    name: str


class GroupLinkOut(Schema):
    code: str = Field(description="The group's join code, shown only now.")
    path: str


class GroupInvitationsIn(Input):
    emails: Text = Field(
        max_length=500_000, description="A CSV list: one e-mail address at the start of a line."
    )
    days: int = Field(services.INVITATION_DAYS, ge=1, le=60)
    send: bool = Field(
        True, description="E-mail each address its invitation when the install has a mail server."
    )


class GroupInvitationOut(Schema):
    email: str
    code: str = Field(description="The invitation's code, shown only now.")


class GroupInvitationPage(Schema):
    count: int
    words: str
    items: list[GroupInvitationOut]


class FailureReason(Schema):
    reason: str
    count: int


class InvitationAddressOut(Schema):
    email: str
    state: Literal["waiting", "sending", "sent", "failed"]
    state_words: str
    reason: str | None = Field(description="Why it was not sent, in words.")
    sent_at: Timestamp | None


class InvitationBatchOut(Schema):
    id: int = Field(description="The list's id: GET …/invitations/{id} follows it.")
    group_id: int
    created_at: Timestamp
    total: int
    sent: int
    failed: int
    waiting: int = Field(description="Still to send (or being sent now).")
    done: bool
    words: str = Field(description='Where it stands, e.g. "312 of 5,000 sent, 2 failed: …".')
    reasons: list[FailureReason] = Field(description="Why the failed ones failed, with counts.")


class InvitationBatchPage(InvitationBatchOut):
    count: int = Field(description="Addresses in the report (after `failed_only`).")
    items: list[InvitationAddressOut] = Field(description="The failed first, then the rest.")


class BatchFilters(Schema):
    failed_only: bool = Field(False, description="Only the addresses that were not sent.")


class ReportMonth(Schema):
    month: str = Field(description="The month, as YYYY-MM.")
    joined: int
    left: int
    searches: int
    requested: int
    accepted: int
    made: int
    thanked: int
    members: int = Field(description="Members at the month's end (this month: now).")
    pooling: int = Field(description="Members pooling at the month's end.")
    pooling_rate: int | None = Field(description="Of them, in whole percent.")


class ReportTotals(Schema):
    joined: int
    left: int
    searches: int
    requested: int
    accepted: int
    made: int
    thanked: int


class GroupReportOut(Schema):
    group: ReportGroup
    members: int
    pooling: int = Field(description="Members who pool anything now.")
    pooling_rate: int | None = Field(description="Members who pool, in whole percent.")
    months: list[ReportMonth] = Field(description="The last 12 months, oldest first.")
    totals: ReportTotals


class AdminIn(Input):
    username: Text = Field(max_length=150, description="A member's user name.")


class MemberOut(Schema):
    username: str
    role: Literal["member", "admin"]
    pools: bool
    joined_at: Timestamp


class MemberPage(Schema):
    count: int
    items: list[MemberOut]


@router.post(
    "/groups/{group_id}/link",
    response={201: GroupLinkOut, 403: Error, 404: Error},
    summary="A new join code for the group",
    operation_id=kept_id("new_link"),
)
def new_link(request: HttpRequest, group_id: Id) -> Status[dict[str, Any]]:
    """The previous code stops working."""
    user = owner(request)
    code = allowed(lambda: services.new_link_code(by=user, group_id=group_id))
    return Status(201, {"code": code, "path": services.join_path(code)})


@router.post(
    "/groups/{group_id}/invitations",
    response={
        201: GroupInvitationPage,
        202: InvitationBatchOut,
        403: Error,
        404: Error,
        422: FieldErrors,
    },
    summary="Invite e-mail addresses from a CSV list",
    operation_id=kept_id("invite"),
)
def invite(
    request: HttpRequest, group_id: Id, payload: GroupInvitationsIn
) -> Status[dict[str, Any]]:
    """A bad line is named and no one is invited. With a mail server set (and `send`), the
    list is sent in the background: 202 with its progress, to follow at
    GET …/invitations/{id}; the codes are only in the e-mails. Without one (or `send` false):
    201 with a code for each address, to hand out."""
    user = owner(request)
    made = allowed(
        lambda: invitations.invite_by_email(
            by=user,
            group_id=group_id,
            csv_text=payload.emails,
            days=payload.days,
            send=payload.send,
            base=request.build_absolute_uri("/"),
        )
    )
    if isinstance(made, invitations.BatchProgress):
        return Status(202, made.as_dict())
    return Status(201, made.as_dict())


@router.get(
    "/groups/{group_id}/invitations/{batch_id}",
    response={200: InvitationBatchPage, 403: Error, 404: Error},
    summary="A list of e-mail invitations: its progress, address by address",
    operation_id=kept_id("invitation_batch"),
)
def invitation_batch(
    request: HttpRequest,
    group_id: Id,
    batch_id: Id,
    filters: Query[BatchFilters],
    paging: Query[Paging],
) -> dict[str, Any]:
    """Counts and the reasons of the failed ones; then each address and its state, the
    failed first. Never a code."""
    user = owner(request)
    progress = allowed(lambda: invitations.batch_of(by=user, group_id=group_id, batch_id=batch_id))
    rows = invitations.addresses_of(batch=progress, failed_only=filters.failed_only)
    page = rows[paging.offset : paging.offset + paging.limit]
    return {**progress.as_dict(), "count": len(rows), "items": [r.as_dict() for r in page]}


@router.post(
    "/groups/{group_id}/invitations/{batch_id}/retry",
    response={202: InvitationBatchOut, 403: Error, 404: Error, 422: FieldErrors},
    summary="Send a list's failed invitations again",
    operation_id=kept_id("retry_invitations"),
)
def retry_invitations(request: HttpRequest, group_id: Id, batch_id: Id) -> Status[dict[str, Any]]:
    """Each failed one goes again with a new code; the sent ones are never sent twice (422
    when none failed)."""
    user = owner(request)
    progress = allowed(
        lambda: invitations.retry_failed(by=user, group_id=group_id, batch_id=batch_id)
    )
    return Status(202, progress.as_dict())


@router.get(
    "/groups/{group_id}/members",
    response={200: MemberPage, 403: Error, 404: Error},
    summary="A group's members (group administrators)",
    operation_id=kept_id("members"),
)
def members(request: HttpRequest, group_id: Id, paging: Query[Paging]) -> dict[str, Any]:
    """Who belongs and whether they pool; never whom they pool."""
    user = owner(request)
    group = allowed(lambda: services.group_for_admin(by=user, group_id=group_id))
    found = selectors.members_of(group=group)
    page = found[paging.offset : paging.offset + paging.limit]
    return {"count": len(found), "items": [serialize.member_to_dict(m) for m in page]}


@router.get(
    "/groups/{group_id}/report",
    response={200: GroupReportOut, 403: Error, 404: Error},
    summary="A group's numbers per month (group administrators)",
    operation_id=kept_id("report"),
)
def report(request: HttpRequest, group_id: Id) -> dict[str, Any]:
    """Members, how many pool, and per month for the last 12: who joined, pooled searches,
    introductions requested, accepted, made and thanked. Counts only, never who or whom."""
    from django.utils import timezone

    user = owner(request)
    group = allowed(lambda: services.group_for_admin(by=user, group_id=group_id))
    found = selectors.admin_report(group=group, today=timezone.localdate())
    return {"group": {"id": group.pk, "name": group.name}, **found.as_dict()}


@router.post(
    "/groups/{group_id}/admins",
    response={200: MemberOut, 403: Error, 404: Error, 422: FieldErrors},
    summary="Name a member a group administrator",
    operation_id=kept_id("name_admin"),
)
def name_admin(request: HttpRequest, group_id: Id, payload: AdminIn) -> dict[str, Any]:
    user = owner(request)
    member = allowed(
        lambda: administration.name_admin(by=user, group_id=group_id, username=payload.username)
    )
    return serialize.member_to_dict(member)


@router.delete(
    "/groups/{group_id}/admins/{username}",
    response={200: MemberOut, 403: Error, 404: Error, 422: FieldErrors},
    summary="Make a group administrator a member again",
    operation_id=kept_id("remove_admin"),
)
def remove_admin(request: HttpRequest, group_id: Id, username: str) -> dict[str, Any]:
    """They stay in the group. The last administrator cannot be removed (422)."""
    user = owner(request)
    member = allowed(
        lambda: administration.remove_admin(by=user, group_id=group_id, username=username)
    )
    return serialize.member_to_dict(member)
