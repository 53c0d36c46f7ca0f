"""/api/drafts and /api/coach/drafts: drafts sent to a coach for comments.

The client sends a draft to a coach linked at plan level or above (`POST /api/drafts`), reads
their reviews with the outreach review of each (`GET /api/drafts/{id}`), accepts or ignores
each comment and writes in the thread. The coach lists the drafts sent to them, comments on a
passage (offsets `start`/`end`, or the exact words as `passage`) with suggested wording, and
writes in the thread. A coach whose link ended or is below plan gets 404 for every draft.
"""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.responses import Status

from mutuals.api.auth import owner
from mutuals.api.outreach import FindingOut
from mutuals.api.schemas import FieldErrors, Id, Input, Text, Timestamp
from mutuals.feedback import selectors, services
from mutuals.feedback.models import COMMENT_MAX, SUBJECT_MAX, TEXT_MAX, DraftReview
from mutuals.feedback.serialize import comment_to_dict, review_to_dict
from mutuals.outreach.serialize import review_to_dict as outreach_to_dict

router = Router(tags=["drafts"])


class DraftUserRef(Schema):
    id: int
    name: str


class DraftRecipientRef(Schema):
    id: int | None = Field(description="The person's id; null for the coach.")
    name: str


class DraftCommentOut(Schema):
    id: int
    author: Literal["coach", "client"]
    start: int | None = Field(
        description="Offset into the draft's current text; null in the thread."
    )
    end: int | None
    quote: str = Field(description="The passage as it read when the comment was made.")
    comment: str
    suggestion: str = Field(description="Wording to replace the passage with; may be empty.")
    state: Literal["open", "accepted", "ignored", "outdated"]
    created_at: Timestamp


class DraftOutreachOut(Schema):
    verdict: str
    score: int
    findings: list[FindingOut]


class DraftReviewOut(Schema):
    id: int
    state: Literal["open", "closed"]
    subject: str
    text: str
    purpose: str
    created_at: Timestamp
    coach: DraftUserRef
    client: DraftUserRef
    to: DraftRecipientRef | None
    open_comments: int = Field(description="Comments waiting to be accepted or ignored.")
    comments: list[DraftCommentOut] = Field(
        description="Comments on passages and the thread, oldest first."
    )


class ClientDraftReviewOut(DraftReviewOut):
    outreach: DraftOutreachOut = Field(description="The outreach review of the current text.")


class DraftReviewList(Schema):
    items: list[DraftReviewOut]


class DraftReviewIn(Input):
    coach: str = Field(max_length=150, description="Your coach's user name (linked at plan).")
    text: Text = Field(max_length=TEXT_MAX)
    subject: Text = Field("", max_length=SUBJECT_MAX)
    purpose: Text = Field("", max_length=20)
    to: Id | None = Field(None, description="Who the message is for (a person's id).")


class DraftReplyIn(Input):
    text: Text = Field(max_length=COMMENT_MAX)


class DraftCommentIn(Input):
    start: int | None = Field(None, ge=0, le=TEXT_MAX, description="Where the passage starts.")
    end: int | None = Field(None, ge=0, le=TEXT_MAX, description="Where it ends: text[start:end].")
    passage: Text = Field(
        "", max_length=TEXT_MAX, description="Or the exact words, when start and end are left out."
    )
    comment: Text = Field(max_length=COMMENT_MAX)
    suggestion: Text = Field("", max_length=COMMENT_MAX)


def _client_detail(review: DraftReview) -> dict[str, Any]:
    found = selectors.outreach_review(review=review, today=timezone.localdate())
    data = review_to_dict(review)
    data["outreach"] = {k: v for k, v in outreach_to_dict(found).items() if k != "to"}
    return data


@router.get("/drafts", response=DraftReviewList, summary="List the drafts you sent for review")
def list_drafts(request: HttpRequest) -> dict[str, Any]:
    """Newest first, each with its comments and thread."""
    reviews = selectors.reviews_for_client(client=owner(request)).prefetch_related("comments")
    return {"items": [review_to_dict(review) for review in reviews]}


@router.post(
    "/drafts",
    response={201: ClientDraftReviewOut, 422: FieldErrors},
    summary="Send a draft to a coach",
)
def send_draft(request: HttpRequest, payload: DraftReviewIn) -> Status[dict[str, Any]]:
    """To one of your coaches, linked at plan level or above."""
    client = owner(request)
    coach = selectors.coach_named(client=client, name=payload.coach)
    if coach is None:
        raise ValidationError({"coach": [services.NOT_LINKED]})
    review = services.send_for_review(
        client=client,
        coach_id=coach.pk,
        text=payload.text,
        subject=payload.subject,
        purpose=payload.purpose,
        recipient_id=payload.to,
    )
    return Status(201, _client_detail(review))


@router.get("/drafts/{draft_id}", response=ClientDraftReviewOut, summary="Show a draft you sent")
def show_draft(request: HttpRequest, draft_id: Id) -> dict[str, Any]:
    """The text, the coach's comments, the thread and the outreach review of the current text."""
    return _client_detail(selectors.review_for_client(client=owner(request), review_id=draft_id))


@router.post(
    "/drafts/{draft_id}/replies",
    response={201: DraftCommentOut, 422: FieldErrors},
    summary="Write in a draft's thread",
)
def reply_as_client(
    request: HttpRequest, draft_id: Id, payload: DraftReplyIn
) -> Status[dict[str, Any]]:
    review = selectors.review_for_client(client=owner(request), review_id=draft_id)
    made = services.reply(user=owner(request), review_id=review.pk, text=payload.text)
    return Status(201, comment_to_dict(made))


@router.post("/drafts/{draft_id}/close", response=ClientDraftReviewOut, summary="Close a review")
def close_draft(request: HttpRequest, draft_id: Id) -> dict[str, Any]:
    """The coach can no longer comment or write in the thread; `reopen` undoes it."""
    return _client_detail(services.close(client=owner(request), review_id=draft_id))


@router.post("/drafts/{draft_id}/reopen", response=ClientDraftReviewOut, summary="Reopen a review")
def reopen_draft(request: HttpRequest, draft_id: Id) -> dict[str, Any]:
    return _client_detail(services.reopen(client=owner(request), review_id=draft_id))


@router.post(
    "/drafts/comments/{comment_id}/accept",
    response={200: ClientDraftReviewOut, 422: FieldErrors},
    summary="Accept a coach's comment",
)
def accept_comment(request: HttpRequest, comment_id: Id) -> dict[str, Any]:
    """Its suggestion (if any) replaces its passage; the other comments' offsets move with the
    text, and those whose passage changed become `outdated`."""
    made = services.accept(client=owner(request), comment_id=comment_id)
    return _client_detail(
        selectors.review_for_client(client=owner(request), review_id=made.review_id)
    )


@router.post(
    "/drafts/comments/{comment_id}/ignore",
    response={200: ClientDraftReviewOut, 422: FieldErrors},
    summary="Ignore a coach's comment",
)
def ignore_comment(request: HttpRequest, comment_id: Id) -> dict[str, Any]:
    made = services.ignore(client=owner(request), comment_id=comment_id)
    return _client_detail(
        selectors.review_for_client(client=owner(request), review_id=made.review_id)
    )


@router.post(
    "/drafts/comments/{comment_id}/undo",
    response={200: ClientDraftReviewOut, 422: FieldErrors},
    summary="Undo accepting a comment",
)
def undo_comment(request: HttpRequest, comment_id: Id) -> dict[str, Any]:
    """The text and every comment as they were before; refused once a later change touched
    the text."""
    made = services.undo_accept(client=owner(request), comment_id=comment_id)
    return _client_detail(
        selectors.review_for_client(client=owner(request), review_id=made.review_id)
    )


@router.get("/coach/drafts", response=DraftReviewList, summary="List the drafts sent to you")
def coach_list(request: HttpRequest) -> dict[str, Any]:
    """From clients whose link is active at plan level or above; newest first."""
    reviews = selectors.reviews_for_coach(coach=owner(request))
    return {"items": [review_to_dict(review, for_coach=True) for review in reviews]}


@router.get("/coach/drafts/{draft_id}", response=DraftReviewOut, summary="Show a draft sent to you")
def coach_show(request: HttpRequest, draft_id: Id) -> dict[str, Any]:
    review = selectors.review_for_coach(coach=owner(request), review_id=draft_id)
    return review_to_dict(review, for_coach=True)


@router.post(
    "/coach/drafts/{draft_id}/comments",
    response={201: DraftCommentOut, 422: FieldErrors},
    summary="Comment on a passage of a draft",
)
def coach_comment(
    request: HttpRequest, draft_id: Id, payload: DraftCommentIn
) -> Status[dict[str, Any]]:
    """On text[start:end], or on the first place the draft says `passage`; `suggestion` is
    wording the client can accept in its place."""
    coach = owner(request)
    if payload.start is not None and payload.end is not None:
        made = services.comment(
            coach=coach,
            review_id=draft_id,
            start=payload.start,
            end=payload.end,
            comment=payload.comment,
            suggestion=payload.suggestion,
        )
    else:
        made = services.comment_on_passage(
            coach=coach,
            review_id=draft_id,
            passage=payload.passage,
            comment=payload.comment,
            suggestion=payload.suggestion,
        )
    return Status(201, comment_to_dict(made))


@router.post(
    "/coach/drafts/{draft_id}/replies",
    response={201: DraftCommentOut, 422: FieldErrors},
    summary="Write in the thread of a draft sent to you",
)
def reply_as_coach(
    request: HttpRequest, draft_id: Id, payload: DraftReplyIn
) -> Status[dict[str, Any]]:
    coach = owner(request)
    selectors.review_for_coach(coach=coach, review_id=draft_id)
    made = services.reply(user=coach, review_id=draft_id, text=payload.text)
    return Status(201, comment_to_dict(made))
