"""Introductions with double opt-in: the steps, and what each step asks of you next.

Idea: people help those "sent to them" by someone they trust (PRODUCT.md, P4), and a good
introduction asks before it connects: the introducer checks that the person to be introduced
wants it ("double opt-in", the habit of careful connectors and of the forwardable-email
practice), then makes it, then is thanked. An introduction is either one you ask for (you ->
introducer -> target) or one you make between two of your people (a give).

Steps in words: requested (you asked, or you plan to offer one) -> asked (the target was asked
whether they would like it) -> accepted or declined -> made -> thanked. Steps may be skipped
forward (an introducer who simply makes it), never walked back, except that a declined one can
be requested again later. Each step names the message to send next (a `core.drafts` purpose).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final


class Status(StrEnum):
    REQUESTED = "requested"
    ASKED = "asked"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    MADE = "made"
    THANKED = "thanked"


STATUS_ORDER: Final = tuple(Status)
OPEN: Final = frozenset({Status.REQUESTED, Status.ASKED, Status.ACCEPTED})

_NEXT: Final[dict[Status, tuple[Status, ...]]] = {
    Status.REQUESTED: (Status.ASKED, Status.ACCEPTED, Status.DECLINED, Status.MADE),
    Status.ASKED: (Status.ACCEPTED, Status.DECLINED, Status.MADE),
    Status.ACCEPTED: (Status.MADE, Status.DECLINED),
    Status.DECLINED: (Status.REQUESTED,),
    Status.MADE: (Status.THANKED,),
    Status.THANKED: (),
}


def next_statuses(status: Status | str) -> tuple[Status, ...]:
    """Where an introduction can go from `status`, in the order the workflow usually takes."""
    return _NEXT[Status(status)]


def can_move(current: Status | str, wanted: Status | str) -> bool:
    return Status(wanted) in _NEXT[Status(current)]


def describe_status(status: Status | str, *, yours_to_make: bool) -> str:
    """The status as a sentence about who waits for whom."""
    status = Status(status)
    if yours_to_make:
        return {
            Status.REQUESTED: "you plan to offer it: ask them first",
            Status.ASKED: "you asked whether they would like it; waiting for their answer",
            Status.ACCEPTED: "they said yes: make the introduction",
            Status.DECLINED: "they said no, thanks: nothing more to do",
            Status.MADE: "you made the introduction",
            Status.THANKED: "made, and they thanked you",
        }[status]
    return {
        Status.REQUESTED: "you asked for it; waiting for the introducer",
        Status.ASKED: "the introducer asked them; waiting for their answer",
        Status.ACCEPTED: "they said yes; waiting for the introducer to connect you",
        Status.DECLINED: "they said no, thanks: thank the introducer for asking",
        Status.MADE: "you were introduced: thank the introducer and follow up",
        Status.THANKED: "made, and you thanked the introducer",
    }[status]


def draft_purpose(status: Status | str, *, yours_to_make: bool) -> str | None:
    """The `core.drafts` purpose of the message this step calls for, if any."""
    status = Status(status)
    if yours_to_make:
        return {
            Status.REQUESTED: "intro-offer",
            Status.ASKED: "intro-offer",
            Status.ACCEPTED: "introduce",
        }.get(status)
    return {
        Status.REQUESTED: "intro-request",
        Status.MADE: "thanks",
        Status.DECLINED: "thanks",
    }.get(status)
