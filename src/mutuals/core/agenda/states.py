"""What the agenda reads (one state per promise, contact, receive, ask, need, introduction) and
what it gives back (items, each of one kind, and the agenda's totals per kind)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from enum import StrEnum

from mutuals.core.reciprocity_words import ExchangeKind
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


@dataclass(frozen=True, slots=True)
class LeadPersonState:
    """Someone behind a lead (`role`: mentioned, can_help, referrer, interviewer) or, for an
    interview, someone who works at its organisation (`role` ""), with what the search rules
    read about them: your last conversation, your last give, the last time you thanked them for
    something, and (for interview prep) one open need and what you last talked about."""

    person_id: int
    person_name: str
    role: str
    last_contact_on: date | None = None
    last_given_on: date | None = None
    last_thanked_on: date | None = None
    need: str = ""
    last_summary: str = ""


@dataclass(frozen=True, slots=True)
class LeadState:
    """A lead as the search rules read it: its stage and the day it entered it, the day it was
    last referred (None when never), the interview day (None when unknown), the last time you
    noted a follow-up on it, and its people."""

    id: int
    title: str
    organization: str
    stage: str
    stage_on: date
    referred_on: date | None = None
    interview_on: date | None = None
    followed_up_on: date | None = None
    people: tuple[LeadPersonState, ...] = ()


@dataclass(frozen=True, slots=True)
class EventPersonState:
    person_id: int
    person_name: str
    met_here: bool
    last_contact_on: date | None


@dataclass(frozen=True, slots=True)
class EventState:
    """A past event with the people you saw or met there."""

    id: int
    name: str
    day: date
    people: tuple[EventPersonState, ...] = ()


@dataclass(frozen=True, slots=True)
class AssignmentState:
    """An open assignment a coach set you (core.assignments): set on `set_on`, due on `due_on`
    (None: no due date), from a coach you are still linked with unless `former`."""

    id: int
    title: str
    details: str
    coach_name: str
    set_on: date
    due_on: date | None = None
    former: bool = False


class ItemKind(StrEnum):
    PROMISE = "promise"
    ASSIGNMENT = "assignment"
    INTRODUCTION = "introduction"
    KEEP_IN_TOUCH = "keep_in_touch"
    NEW_ACQUAINTANCE = "new_acquaintance"
    DORMANT = "dormant"
    THANK_YOU = "thank_you"
    ASK_UNANSWERED = "ask_unanswered"
    NEED_REVIEW = "need_review"
    OCCASION = "occasion"
    INTERVIEW = "interview"
    REFERRAL_THANKS = "referral_thanks"
    APPLICATION = "application"
    EVENT_FOLLOW_UP = "event_follow_up"


# Interview prep and a referrer's thank-you are as urgent as promises (an interview will not
# wait, a referral is thanked the day it is made); following up an application is like an
# introduction's next step; an event's follow-ups fade like new acquaintances. An assignment
# from your coach is a promise you made to them: it comes right after your promises.
KIND_ORDER = (
    ItemKind.PROMISE,
    ItemKind.ASSIGNMENT,
    ItemKind.INTERVIEW,
    ItemKind.REFERRAL_THANKS,
    ItemKind.OCCASION,
    ItemKind.INTRODUCTION,
    ItemKind.APPLICATION,
    ItemKind.THANK_YOU,
    ItemKind.EVENT_FOLLOW_UP,
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
    lead_id: int | None = None
    event_id: int | None = None
    assignment_id: int | None = None
    # For an item about a lead or an event: its title ("Product Designer at Orion") or name.
    about: str = ""


@dataclass(frozen=True, slots=True)
class AgendaLimits:
    """How many items of each kind to show; promises and assignments are never limited."""

    keep_in_touch: int = 15
    new_acquaintance: int = 10
    dormant: int = 5
    thank_you: int = 5
    ask_unanswered: int = 5
    need_review: int = 5
    introduction: int = 5
    occasion: int = 10
    interview: int = 5
    referral_thanks: int = 5
    application: int = 5
    event_follow_up: int = 5

    def for_kind(self, kind: ItemKind) -> int | None:
        return {
            ItemKind.PROMISE: None,
            ItemKind.ASSIGNMENT: None,
            ItemKind.NEW_ACQUAINTANCE: self.new_acquaintance,
            ItemKind.KEEP_IN_TOUCH: self.keep_in_touch,
            ItemKind.DORMANT: self.dormant,
            ItemKind.THANK_YOU: self.thank_you,
            ItemKind.ASK_UNANSWERED: self.ask_unanswered,
            ItemKind.NEED_REVIEW: self.need_review,
            ItemKind.INTRODUCTION: self.introduction,
            ItemKind.OCCASION: self.occasion,
            ItemKind.INTERVIEW: self.interview,
            ItemKind.REFERRAL_THANKS: self.referral_thanks,
            ItemKind.APPLICATION: self.application,
            ItemKind.EVENT_FOLLOW_UP: self.event_follow_up,
        }[kind]


NO_LIMITS = AgendaLimits(*(10**9,) * len(fields(AgendaLimits)))


DEFAULT_LIMITS = AgendaLimits()


@dataclass(frozen=True, slots=True)
class Agenda:
    items: tuple[AgendaItem, ...]
    totals: dict[ItemKind, int]  # per kind, before limiting
