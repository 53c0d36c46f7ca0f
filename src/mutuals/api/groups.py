"""/api/groups: groups, joining them, what you pool, and the pooled search.

A group you do not belong to does not exist for you (404). Creating a group takes an
administrator of the install; inviting and listing members take a group administrator (a
member: 403). The pooled search answers counts only, a count below the threshold as "a few".
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
from mutuals.groups import administration, invitations, requests, selectors, serialize, services

router = Router(tags=["groups"])

Scope = Literal["none", "all", "circles", "people"]
Shown = int | Literal["a few", "many"]
T = TypeVar("T")


def _allowed(call: Callable[[], T]) -> T:
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


class SearchFilters(Schema):
    person: Text | None = Field(None, max_length=320, description="A person's full name.")
    organisation: Text | None = Field(None, max_length=200, description="An organisation.")
    words: Text | None = Field(None, max_length=300, description="At least two words.")


class SearchOut(Schema):
    members: Shown = Field(
        description='How many members know someone matching (or "a few", or "many").'
    )
    well: Shown = Field(description="Of them, how many know them well or are close.")
    close: Shown = Field(description="Of them, how many are close.")
    words: str = Field(description="The answer in a sentence.")
    threshold: int = Field(description='Counts below it read "a few".')
    many_from: int = Field(description='Counts from it up read "many" (and are not counted).')


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
    group = _allowed(
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


@router.post(
    "/groups/{group_id}/link",
    response={201: GroupLinkOut, 403: Error, 404: Error},
    summary="A new join code for the group",
)
def new_link(request: HttpRequest, group_id: Id) -> Status[dict[str, Any]]:
    """The previous code stops working."""
    user = owner(request)
    code = _allowed(lambda: services.new_link_code(by=user, group_id=group_id))
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
)
def invite(
    request: HttpRequest, group_id: Id, payload: GroupInvitationsIn
) -> Status[dict[str, Any]]:
    """A bad line is named and no one is invited. With a mail server set (and `send`), the
    list is sent in the background: 202 with its progress, to follow at
    GET …/invitations/{id}; the codes are only in the e-mails. Without one (or `send` false):
    201 with a code for each address, to hand out."""
    user = owner(request)
    made = _allowed(
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
    progress = _allowed(lambda: invitations.batch_of(by=user, group_id=group_id, batch_id=batch_id))
    rows = invitations.addresses_of(batch=progress, failed_only=filters.failed_only)
    page = rows[paging.offset : paging.offset + paging.limit]
    return {**progress.as_dict(), "count": len(rows), "items": [r.as_dict() for r in page]}


@router.post(
    "/groups/{group_id}/invitations/{batch_id}/retry",
    response={202: InvitationBatchOut, 403: Error, 404: Error, 422: FieldErrors},
    summary="Send a list's failed invitations again",
)
def retry_invitations(request: HttpRequest, group_id: Id, batch_id: Id) -> Status[dict[str, Any]]:
    """Each failed one goes again with a new code; the sent ones are never sent twice (422
    when none failed)."""
    user = owner(request)
    progress = _allowed(
        lambda: invitations.retry_failed(by=user, group_id=group_id, batch_id=batch_id)
    )
    return Status(202, progress.as_dict())


@router.get(
    "/groups/{group_id}/members",
    response={200: MemberPage, 403: Error, 404: Error},
    summary="A group's members (group administrators)",
)
def members(request: HttpRequest, group_id: Id, paging: Query[Paging]) -> dict[str, Any]:
    """Who belongs and whether they pool; never whom they pool."""
    user = owner(request)
    group = _allowed(lambda: services.group_for_admin(by=user, group_id=group_id))
    found = selectors.members_of(group=group)
    page = found[paging.offset : paging.offset + paging.limit]
    return {"count": len(found), "items": [serialize.member_to_dict(m) for m in page]}


@router.get(
    "/groups/{group_id}/report",
    response={200: GroupReportOut, 403: Error, 404: Error},
    summary="A group's numbers per month (group administrators)",
)
def report(request: HttpRequest, group_id: Id) -> dict[str, Any]:
    """Members, how many pool, and per month for the last 12: who joined, pooled searches,
    introductions requested, accepted, made and thanked. Counts only, never who or whom."""
    from django.utils import timezone

    user = owner(request)
    group = _allowed(lambda: services.group_for_admin(by=user, group_id=group_id))
    found = selectors.admin_report(group=group, today=timezone.localdate())
    return {"group": {"id": group.pk, "name": group.name}, **found.as_dict()}


@router.post(
    "/groups/{group_id}/admins",
    response={200: MemberOut, 403: Error, 404: Error, 422: FieldErrors},
    summary="Name a member a group administrator",
)
def name_admin(request: HttpRequest, group_id: Id, payload: AdminIn) -> dict[str, Any]:
    user = owner(request)
    member = _allowed(
        lambda: administration.name_admin(by=user, group_id=group_id, username=payload.username)
    )
    return serialize.member_to_dict(member)


@router.delete(
    "/groups/{group_id}/admins/{username}",
    response={200: MemberOut, 403: Error, 404: Error, 422: FieldErrors},
    summary="Make a group administrator a member again",
)
def remove_admin(request: HttpRequest, group_id: Id, username: str) -> dict[str, Any]:
    """They stay in the group. The last administrator cannot be removed (422)."""
    user = owner(request)
    member = _allowed(
        lambda: administration.remove_admin(by=user, group_id=group_id, username=username)
    )
    return serialize.member_to_dict(member)


@router.get(
    "/groups/{group_id}/search",
    response={200: SearchOut, 404: Error, 422: FieldErrors, 429: Error},
    summary="Pooled search: how many members know someone",
)
def search(request: HttpRequest, group_id: Id, filters: Query[SearchFilters]) -> Any:
    """Counts only, never who: a person by full name, an organisation by name, or at least two
    words. Each search counts against your daily limit in the group."""
    try:
        answer, sentence = services.search(
            user=owner(request),
            group_id=group_id,
            person=filters.person,
            organisation=filters.organisation,
            words=filters.words,
        )
    except services.SearchLimitReached as limit:
        return Status(429, {"detail": str(limit)})
    return serialize.answer_to_dict(answer, sentence)


# ---- introduction requests through the pool ----------------------------------------------


class PoolRequestIn(Input):
    person: Text | None = Field(None, max_length=320, description="A person's full name.")
    organisation: Text | None = Field(None, max_length=200, description="An organisation.")
    words: Text | None = Field(None, max_length=300, description="At least two words.")
    note: str = Field(
        "",
        max_length=1000,
        description="Your note to the member asked; drafted for you when empty. A notice for "
        "the person in the pool, of where their name came from, is always added.",
    )


class GroupRef(Schema):
    id: int
    name: str


class PoolRequestOut(Schema):
    id: int
    group: GroupRef
    target: str = Field(description="Whom you asked for, in the words you searched.")
    state: Literal["waiting", "accepted", "no introduction"]
    state_words: str
    introducer: str | None = Field(
        description="The member who agreed to introduce you: only once they accepted."
    )
    requested_at: Timestamp
    thanked_at: Timestamp | None = Field(
        description="When you thanked the member who introduced you (POST …/thank)."
    )


class PoolRequestPage(Schema):
    count: int
    items: list[PoolRequestOut]


class PoolAskedOut(Schema):
    id: int
    group: GroupRef
    requester: str = Field(description="The member asking (their name only).")
    note: str = Field(description="Their note, with the notice for the person in the pool.")
    person_id: int | None = Field(description="Which of your people it is for.")
    person: str | None
    status: Literal["open", "accepted", "declined", "cancelled"]
    introduction_id: int | None = Field(description="The introduction started on acceptance.")
    requested_at: Timestamp
    answered_at: Timestamp | None


class PoolAskedPage(Schema):
    count: int
    items: list[PoolAskedOut]


class PoolAnswerIn(Input):
    answer: Literal["accept", "decline"]


@router.get(
    "/groups/{group_id}/requests",
    response={200: PoolRequestPage, 404: Error},
    summary="Your introduction requests in a group",
)
def my_requests(request: HttpRequest, group_id: Id, paging: Query[Paging]) -> dict[str, Any]:
    """Waiting, accepted (with the member's name) or no introduction this time; who was asked
    is never said before they accept."""
    from django.utils import timezone

    found = selectors.requests_of(user=owner(request), group_id=group_id)
    now = timezone.now()
    page = found[paging.offset : paging.offset + paging.limit]
    return {"count": len(found), "items": [serialize.my_request_to_dict(r, now) for r in page]}


@router.post(
    "/groups/{group_id}/requests",
    response={201: PoolRequestOut, 404: Error, 422: FieldErrors, 429: Error},
    summary="Ask the pool for an introduction",
)
def request_introduction(request: HttpRequest, group_id: Id, payload: PoolRequestIn) -> Any:
    """For a target you searched in the last day, with the same words. The member who knows
    them best is asked, without telling you who. Three requests a day per group."""
    from django.utils import timezone

    try:
        made = requests.request_introduction(
            user=owner(request),
            group_id=group_id,
            person=payload.person,
            organisation=payload.organisation,
            words=payload.words,
            note=payload.note,
        )
    except requests.RequestLimitReached as limit:
        return Status(429, {"detail": str(limit)})
    return Status(201, serialize.my_request_to_dict(made, timezone.now()))


@router.get(
    "/groups/{group_id}/asked",
    response={200: PoolAskedPage, 404: Error},
    summary="Introduction requests asked of you in a group",
)
def asked(request: HttpRequest, group_id: Id, paging: Query[Paging]) -> dict[str, Any]:
    """Open ones first: who asks and their note; nothing else of theirs."""
    found = selectors.asked_of(user=owner(request), group_id=group_id)
    page = found[paging.offset : paging.offset + paging.limit]
    return {"count": len(found), "items": [serialize.asked_request_to_dict(r) for r in page]}


@router.post(
    "/groups/requests/{request_id}",
    response={200: PoolAskedOut, 404: Error, 422: FieldErrors},
    summary="Accept or decline a request asked of you",
)
def answer(request: HttpRequest, request_id: Id, payload: PoolAnswerIn) -> dict[str, Any]:
    """Accepting tells each side the other's name and starts the introduction's double opt-in
    with your person; declining tells the requester nothing."""
    user = owner(request)
    requests.answer_request(user=user, request_id=request_id, accept=payload.answer == "accept")
    found = selectors.asked_request(user=user, request_id=request_id)
    return serialize.asked_request_to_dict(found)


@router.post(
    "/groups/requests/{request_id}/thank",
    response={200: PoolRequestOut, 404: Error, 422: FieldErrors},
    summary="Thank the member who accepted your request",
)
def thank(request: HttpRequest, request_id: Id) -> dict[str, Any]:
    """Once, for an accepted request of yours: the member joins your people (when not there
    yet) and the introduction is recorded as received from them, thanked, on your ledger."""
    from django.utils import timezone

    thanked = requests.thank(user=owner(request), request_id=request_id)
    return serialize.my_request_to_dict(thanked, timezone.now())
