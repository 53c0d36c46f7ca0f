"""What the agenda reads (one state per promise, contact, receive, ask, need, introduction) and
what it gives back (items, each of one kind, and the agenda's totals per kind)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from mutuals.core.reciprocity import ExchangeKind
from mutuals.core.strength import TieInputs


@dataclass(frozen=True, slots=True)
class PromiseState:
    id: int
    person_id: int | None
    person_name: str | None
    text: str
    due_on: date
    snoozed_until: date | None


@dataclass(frozen=True, slots=True)
class ContactState:
    id: int
    name: str
    tie: TieInputs
    added_on: date
    snoozed_until: date | None


@dataclass(frozen=True, slots=True)
class NeedState:
    """An open need: a contact's, or yours when `person_id` is None."""

    id: int
    person_id: int | None
    person_name: str | None
    text: str
    noted_on: date
    reviewed_on: date | None
    kind: str = "other"


@dataclass(frozen=True, slots=True)
class ReceiveState:
    """Something received from a person; `last_given_on` is your latest give to them (any day)."""

    id: int
    person_id: int
    person_name: str
    kind: ExchangeKind
    text: str
    occurred_on: date
    thanked_on: date | None
    last_given_on: date | None


@dataclass(frozen=True, slots=True)
class AskState:
    id: int
    person_id: int
    person_name: str
    text: str
    asked_on: date
    answered_on: date | None


@dataclass(frozen=True, slots=True)
class IntroductionState:
    """An introduction: `introducer_name` None when you make it, `seeker_name` None when you
    asked for it; `target_last_contact_on` is your last contact with the target."""

    id: int
    status: str
    introducer_id: int | None
    introducer_name: str | None
    seeker_id: int | None
    seeker_name: str | None
    target_id: int
    target_name: str
    requested_on: date
    asked_on: date | None = None
    accepted_on: date | None = None
    made_on: date | None = None
    thanked_on: date | None = None
    followed_up_on: date | None = None
    target_last_contact_on: date | None = None


class ItemKind(StrEnum):
    PROMISE = "promise"
    INTRODUCTION = "introduction"
    KEEP_IN_TOUCH = "keep_in_touch"
    NEW_ACQUAINTANCE = "new_acquaintance"
    DORMANT = "dormant"
    THANK_YOU = "thank_you"
    ASK_UNANSWERED = "ask_unanswered"
    NEED_REVIEW = "need_review"
    OCCASION = "occasion"


KIND_ORDER = (
    ItemKind.PROMISE,
    ItemKind.OCCASION,
    ItemKind.INTRODUCTION,
    ItemKind.THANK_YOU,
    ItemKind.NEW_ACQUAINTANCE,
    ItemKind.KEEP_IN_TOUCH,
    ItemKind.ASK_UNANSWERED,
    ItemKind.NEED_REVIEW,
    ItemKind.DORMANT,
)
# The kinds about keeping in touch: one per person, and none beside a due promise.
CONTACT_KINDS = frozenset(
    {ItemKind.PROMISE, ItemKind.NEW_ACQUAINTANCE, ItemKind.KEEP_IN_TOUCH, ItemKind.DORMANT}
)


@dataclass(frozen=True, slots=True)
class AgendaItem:
    kind: ItemKind
    person_id: int | None
    person_name: str | None
    reason: str
    score: float
    promise_id: int | None = None
    due_on: date | None = None
    overdue_days: int = 0
    strength: float | None = None
    text: str = ""
    need_id: int | None = None
    exchange_id: int | None = None
    ask_id: int | None = None
    introduction_id: int | None = None
    date_id: int | None = None


@dataclass(frozen=True, slots=True)
class AgendaLimits:
    """How many items of each kind to show; promises are never limited."""

    keep_in_touch: int = 15
    new_acquaintance: int = 10
    dormant: int = 5
    thank_you: int = 5
    ask_unanswered: int = 5
    need_review: int = 5
    introduction: int = 5
    occasion: int = 10

    def for_kind(self, kind: ItemKind) -> int | None:
        return {
            ItemKind.PROMISE: None,
            ItemKind.NEW_ACQUAINTANCE: self.new_acquaintance,
            ItemKind.KEEP_IN_TOUCH: self.keep_in_touch,
            ItemKind.DORMANT: self.dormant,
            ItemKind.THANK_YOU: self.thank_you,
            ItemKind.ASK_UNANSWERED: self.ask_unanswered,
            ItemKind.NEED_REVIEW: self.need_review,
            ItemKind.INTRODUCTION: self.introduction,
            ItemKind.OCCASION: self.occasion,
        }[kind]


NO_LIMITS = AgendaLimits(*(10**9,) * 8)


DEFAULT_LIMITS = AgendaLimits()


@dataclass(frozen=True, slots=True)
class Agenda:
    items: tuple[AgendaItem, ...]
    totals: dict[ItemKind, int]  # per kind, before limiting
