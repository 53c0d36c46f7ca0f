"""/api/outreach: review a message before it is sent, draft one from what you know, and say
you sent it.

A review or a draft records nothing in your network; `POST /api/outreach/sent` logs the message
as a conversation, and `POST /api/outreach/sent/{id}/undo` takes that back.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.responses import Status

from mutuals.api.auth import owner
from mutuals.api.schemas import Error, FieldErrors, Id, Input, InteractionOut, PersonRef, Text
from mutuals.core.outreach.thread import DAYS_MAX, UNANSWERED_MAX
from mutuals.interactions.selectors import get_interaction
from mutuals.interactions.serialize import interaction_to_dict
from mutuals.outreach import selectors, services
from mutuals.outreach.selectors import FACT_MAX, MESSAGE_MAX, DraftRequest
from mutuals.outreach.serialize import draft_to_dict, review_to_dict

router = Router(tags=["outreach"])

PurposeName = Literal["reconnect", "thanks", "intro-request", "follow-up", "share", "congratulate"]
SentPurpose = Literal[
    "reconnect",
    "thanks",
    "intro-request",
    "follow-up",
    "share",
    "congratulate",
    "intro-offer",
    "introduce",
]


class CheckIn(Input):
    text: Text = Field(max_length=MESSAGE_MAX, description="The message to review.")
    to: Id | None = Field(
        None, description="Who it is for (a person's id): the review then knows your history."
    )
    unanswered: int | None = Field(
        None,
        ge=0,
        le=UNANSWERED_MAX,
        description="How many of your messages to them in a row have had no reply (default: "
        "from your log with them when `to` is given, else 0).",
    )
    days_since_you_wrote: int | None = Field(
        None,
        ge=0,
        le=DAYS_MAX,
        description="Days since your last message to them (default: from your log with them "
        "when `to` is given, else unknown).",
    )
    needs: list[Text] | None = Field(
        None,
        description="Their open needs, one line each: a sentence that answers one is a give "
        "(default: from your records when `to` is given, else none).",
    )
    mutual_contacts: list[Text] | None = Field(
        None,
        description="People you both know, by name: naming one in the message says who sent "
        "you (default: from who knows whom when `to` is given, else none).",
    )


class FindingOut(Schema):
    code: str = Field(description='A stable name for the rule, e.g. "job-request-up-front".')
    severity: Literal["info", "warn", "problem"]
    message: str = Field(description="What will land badly and why.")
    start: int = Field(description="Where the text it concerns starts: text[start:end].")
    end: int
    principle: str = Field(description="The principle behind it.")
    suggestion: str = Field(description="What to do instead.")
    replacement: str | None = Field(description="Text that can replace text[start:end], if any.")


class MessageReviewOut(Schema):
    to: PersonRef | None
    verdict: str = Field(description="ready to send, worth another pass, or likely to land badly.")
    score: int = Field(description="0 to 100.")
    findings: list[FindingOut]


class DraftIn(Input):
    to: Id = Field(description="Who the message is for (a person's id).")
    purpose: PurposeName
    target: Id | None = Field(None, description="intro-request: who you would like to meet.")
    ask: Text = Field("", max_length=FACT_MAX, description="The small thing you would like.")
    share: Text = Field("", max_length=FACT_MAX, description="share: what you are sending.")
    need: Id | None = Field(None, description="share: which of their open needs it serves.")
    occasion: Text = Field("", max_length=FACT_MAX, description="congratulate: their news.")
    received: Text = Field(
        "", max_length=FACT_MAX, description="thanks: what they did (default the latest receive)."
    )
    variant: int = Field(0, ge=0, le=1000, description="Another wording of the same draft.")


class DraftOut(Schema):
    to: PersonRef
    purpose: PurposeName
    subject: str
    text: str
    forwardable: str | None = Field(description="intro-request: the note to pass on as it is.")
    uses: list[str] = Field(description="What the draft drew on, in words.")
    review: MessageReviewOut


@router.post(
    "/check", response={200: MessageReviewOut, 422: FieldErrors}, summary="Review a message"
)
def check(request: HttpRequest, payload: CheckIn) -> dict[str, Any]:
    """Findings on a draft message, each with its span, principle and suggestion."""
    found, recipient = selectors.review_message(
        owner=owner(request),
        text=payload.text,
        today=timezone.localdate(),
        person_id=payload.to,
        unanswered=payload.unanswered,
        days_since_you_wrote=payload.days_since_you_wrote,
        needs=payload.needs,
        mutual=payload.mutual_contacts,
    )
    return review_to_dict(found, recipient.person if recipient else None)


@router.post("/draft", response={200: DraftOut, 422: FieldErrors}, summary="Draft a message")
def draft(request: HttpRequest, payload: DraftIn) -> dict[str, Any]:
    """A message for `purpose` written from what you know about `to`, with its review."""
    written, found, recipient = selectors.draft_message(
        owner=owner(request),
        person_id=payload.to,
        purpose=payload.purpose,
        today=timezone.localdate(),
        request=DraftRequest(
            target_id=payload.target,
            ask=payload.ask,
            share=payload.share,
            need_id=payload.need,
            occasion=payload.occasion,
            received=payload.received,
            variant=payload.variant,
        ),
    )
    return draft_to_dict(written, found, recipient.person)


class SentIn(Input):
    to: Id = Field(description="Who you sent it to (a person's id).")
    text: Text = Field(max_length=MESSAGE_MAX, description="The message as you sent it.")
    purpose: SentPurpose | None = Field(
        None, description="What it was for (a draft's purpose); it names the conversation."
    )
    channel: Literal["email", "linkedin"] = Field(
        "email", description="How you sent it: an e-mail, or a LinkedIn message."
    )
    exchange: Id | None = Field(
        None,
        description="thanks: the receive it thanks for (default the latest one, if not thanked).",
    )


class SentOut(Schema):
    interaction: InteractionOut = Field(description="The conversation logged.")
    thanked: int | None = Field(description="The id of the receive marked thanked, if any.")


@router.post("/sent", response={201: SentOut, 422: FieldErrors}, summary="Log a message you sent")
def sent(request: HttpRequest, payload: SentIn) -> Status[dict[str, Any]]:
    """Log a message you sent as a conversation you started today: kind `email` or `message`
    from the channel, the summary from its purpose and first line, the text as notes. A
    thank-you also marks what it thanks for as thanked (`thanked`). Undo with
    POST /api/outreach/sent/{interaction id}/undo."""
    user = owner(request)
    done = services.record_sent(
        owner=user,
        person_id=payload.to,
        text=payload.text,
        purpose=payload.purpose or "",
        channel=payload.channel,
        exchange_id=payload.exchange,
    )
    interaction = get_interaction(owner=user, interaction_id=done.interaction.pk)
    body = {
        "interaction": interaction_to_dict(interaction),
        "thanked": done.thanked.pk if done.thanked else None,
    }
    return Status(201, body)


class UndoSentIn(Input):
    exchange: Id | None = Field(
        None, description="The receive the message marked thanked (`thanked`), to unmark."
    )


@router.post(
    "/sent/{interaction_id}/undo",
    response={204: None, 404: Error, 422: FieldErrors},
    summary="Undo a message logged as sent",
)
def undo_sent(request: HttpRequest, interaction_id: Id, payload: UndoSentIn) -> Status[None]:
    """Delete the conversation "sent" logged, and unmark the receive it marked thanked."""
    services.undo_sent(
        owner=owner(request), interaction_id=interaction_id, exchange_id=payload.exchange
    )
    return Status(204, None)
