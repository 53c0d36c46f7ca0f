"""Writes for outreach: "I sent it" turns a message into the conversation it was.

A sent message is logged through `interactions.services` (kind from its channel, the summary
from its purpose and first line, the whole text as notes, you reached out), so the person's
last contact moves to that day and their keep-in-touch item leaves the agenda. A thank-you also
marks as thanked what it thanked for (`ledger.services.mark_thanked`), so it leaves the
agenda's thank-yous too. `undo_sent` takes both back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from mutuals.core.drafts import Purpose
from mutuals.core.reciprocity import Direction
from mutuals.core.sent_messages import Channel, interaction_kind, sent_summary
from mutuals.interactions import services as interactions
from mutuals.interactions.models import Interaction
from mutuals.ledger import services as ledger
from mutuals.ledger.models import Exchange
from mutuals.ledger.selectors import exchanges_for
from mutuals.outreach.selectors import MESSAGE_MAX
from mutuals.people.services import owned_person

CHANNELS = tuple(channel.value for channel in Channel)
PURPOSES = tuple(purpose.value for purpose in Purpose)


@dataclass(frozen=True)
class Sent:
    """The conversation logged, and the receive it thanked for (a thank-you), if any."""

    interaction: Interaction
    thanked: Exchange | None


@transaction.atomic
def record_sent(
    *,
    owner: AbstractBaseUser,
    person_id: int,
    text: str,
    purpose: str = "",
    channel: str = Channel.EMAIL.value,
    exchange_id: int | None = None,
    on: dt.date | None = None,
) -> Sent:
    """You sent `text` to one of your people: log it as a conversation you started. For a
    thank-you, `exchange_id` is what it thanks for (default: the latest thing you received
    from them, which is what a drafted thank-you names), marked thanked unless it was."""
    _check(text=text, purpose=purpose, channel=channel)
    person = owned_person(owner=owner, person_id=person_id)
    thanked = _thanked_for(owner, person.pk, exchange_id) if purpose == Purpose.THANKS else None
    interaction = interactions.log_interaction(
        owner=owner,
        person_ids=[person.pk],
        summary=sent_summary(text, purpose),
        occurred_on=on,
        kind=interaction_kind(channel),
        initiated_by="me",
        notes=text,
    )
    if thanked is not None:
        thanked = ledger.mark_thanked(
            owner=owner,
            exchange_id=thanked.pk,
            on=max(interaction.occurred_on, thanked.occurred_on),
        )
    return Sent(interaction=interaction, thanked=thanked)


@transaction.atomic
def undo_sent(
    *, owner: AbstractBaseUser, interaction_id: int, exchange_id: int | None = None
) -> None:
    """Take back "I sent it": delete the conversation, and the thanks it marked."""
    interactions.delete_interaction(owner=owner, interaction_id=interaction_id)
    if exchange_id is not None:
        ledger.unmark_thanked(owner=owner, exchange_id=exchange_id)


def _check(*, text: str, purpose: str, channel: str) -> None:
    errors: dict[str, list[str]] = {}
    if not text.strip():
        errors["text"] = ["Give the message you sent."]
    elif len(text) > MESSAGE_MAX:
        errors["text"] = [f"That message is too long; keep it under {MESSAGE_MAX:,} characters."]
    if purpose and purpose not in PURPOSES:
        errors["purpose"] = [f"Choose one of: {', '.join(PURPOSES)}."]
    if channel not in CHANNELS:
        errors["channel"] = [f"Choose one of: {', '.join(CHANNELS)}."]
    if errors:
        raise ValidationError(errors)


def _thanked_for(
    owner: AbstractBaseUser, person_id: int, exchange_id: int | None
) -> Exchange | None:
    """The receive a thank-you to this person thanks for, when it is still owed."""
    received = exchanges_for(owner=owner, person_id=person_id).filter(
        direction=Direction.RECEIVED.value
    )
    if exchange_id is None:
        latest = received.order_by("-occurred_on", "-id").first()
        return latest if latest is not None and latest.thanked_on is None else None
    exchange = received.filter(pk=exchange_id).first()
    if exchange is None:
        raise ValidationError(
            {"exchange": ["That is not something you received from this person."]}
        )
    return exchange if exchange.thanked_on is None else None
