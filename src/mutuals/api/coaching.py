"""/api/coaching: links between coaches and clients, by consent, and the client's audit trail.

List your links (both sides), invite (a client as a coach, or a coach as a client), accept an
invitation by its code, change what a coach sees (the client only), end a link (either side),
and read every time a coach opened your data.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from mutuals.api.auth import owner
from mutuals.api.schemas import Error, FieldErrors, Id, Input, Paging, Timestamp
from mutuals.coaching import links, services

router = Router(tags=["coaching"])

LevelName = Literal["progress", "plan", "network"]


class LinkOut(Schema):
    id: int
    role: Literal["client", "coach"] = Field(description="Your side of this link.")
    coach: str
    client: str | None = Field(description="Null while a coach's invitation waits.")
    level: LevelName
    level_name: str
    level_words: str = Field(description="What this level shows the coach, in words.")
    state: Literal["invited", "active"]
    invited_by: Literal["coach", "client"]
    waiting_for: Literal["coach", "client"] | None = Field(
        description="Who must accept before the link is active; null once active."
    )
    created_at: Timestamp | None
    accepted_at: Timestamp | None
    expires_at: Timestamp | None


class LinkList(Schema):
    items: list[LinkOut]


class InvitationIn(Input):
    coach: str | None = Field(
        None,
        max_length=150,
        description="Invite this user to coach you (you are the client). Leave it out to "
        "invite a client instead (you are the coach): you get a code to send them.",
    )
    level: LevelName = Field(
        "progress", description="What the coach will see, when you invite a coach."
    )
    days: int = Field(
        services.INVITATION_DAYS,
        ge=1,
        le=services.MAX_INVITATION_DAYS,
        description="How many days the code works for.",
    )


class InvitationOut(LinkOut):
    code: str = Field(description="The single-use code, shown only now.")
    path: str = Field(description="The web address (path) that accepts it.")


class AcceptIn(Input):
    code: str = Field(max_length=40, description="The invitation code, like ABCD-EFGH-JKLM.")
    level: LevelName = Field(
        "progress",
        description="What the coach sees, when you accept as the client (progress, the least, "
        "unless you say). Ignored when a coach accepts a client's invitation.",
    )


class LevelPatch(Input):
    level: LevelName


class AccessOut(Schema):
    id: int
    coach: str
    what: str
    at: Timestamp


class AccessPage(Schema):
    count: int
    items: list[AccessOut]


@router.get("/coaching/links", response=LinkList, summary="List your coaching links")
def list_links(request: HttpRequest) -> dict[str, Any]:
    """Your open links, waiting or active: as a client first (your coaches), then as a coach."""
    user = owner(request)
    return {"items": [links.link_to_dict(link, viewer=user) for link in links.mine(user=user)]}


@router.post(
    "/coaching/invitations",
    response={201: InvitationOut, 422: FieldErrors},
    summary="Invite a coach or a client",
)
def invite(request: HttpRequest, payload: InvitationIn) -> Status[dict[str, Any]]:
    """With `coach`: ask that user to coach you at `level` (active once they accept). Without:
    invite a client; anyone who accepts the code becomes your client at the level they choose."""
    user = owner(request)
    if payload.coach is not None:
        link, code = services.invite_coach(
            client=user, coach_username=payload.coach, level=payload.level, days=payload.days
        )
    else:
        link, code = services.invite_client(coach=user, days=payload.days)
    data = links.link_to_dict(link, viewer=user)
    return Status(201, {**data, "code": code, "path": services.join_path(code)})


@router.post(
    "/coaching/accept",
    response={200: LinkOut, 422: FieldErrors},
    summary="Accept an invitation by its code",
)
def accept(request: HttpRequest, payload: AcceptIn) -> dict[str, Any]:
    """A code works once, until it expires; an unknown, used or expired code answers 422."""
    user = owner(request)
    link = services.accept(user=user, code=payload.code, level=payload.level)
    return links.link_to_dict(links.link_of(user=user, link_id=link.pk), viewer=user)


@router.patch(
    "/coaching/links/{link_id}",
    response={200: LinkOut, 404: Error, 422: FieldErrors},
    summary="Change what a coach sees",
)
def change_level(request: HttpRequest, link_id: Id, payload: LevelPatch) -> dict[str, Any]:
    """Only the client may; for the coach (or anyone else) the link is not found."""
    user = owner(request)
    services.set_level(client=user, link_id=link_id, level=payload.level)
    return links.link_to_dict(links.link_of(user=user, link_id=link_id), viewer=user)


@router.delete(
    "/coaching/links/{link_id}",
    response={204: None, 404: Error},
    summary="End a link or cancel an invitation",
)
def end_link(request: HttpRequest, link_id: Id) -> Status[None]:
    """Either side, effective at once: the coach's next look is refused."""
    services.end(user=owner(request), link_id=link_id)
    return Status(204, None)


@router.get("/coaching/activity", response=AccessPage, summary="Your coaches' activity")
def activity(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    """Every time a coach opened your data (who, what, when), newest first."""
    records = links.activity(client=owner(request))
    page = records[paging.offset : paging.offset + paging.limit]
    return {"count": records.count(), "items": [links.record_to_dict(r) for r in page]}
