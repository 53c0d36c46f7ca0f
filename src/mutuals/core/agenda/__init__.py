"""Today's agenda and the daily plan made from it (PRODUCT.md, principles P1 to P3).

- `states`: what the agenda reads (promises, contacts, receives, asks, needs, introductions) and
  the items it gives.
- `rules`: which items are due today and why, in words (`build_agenda`, `is_candidate`);
  `give_and_take`: the thank-you, ask, need-review, introduction and occasion items.
- `ranking`: the order of items within a kind.
- `search`: the job search's items (applications, referrals, interviews) and everyone who
  helped; `events`: follow-ups after an event; `assignments`: what a coach set you.
- `plan`: a few actions for today chosen from everything due, the rest spread over the coming
  days by capacity.
"""

from mutuals.core.agenda.events import (
    EVENT_FOLLOW_UP_AFTER_DAYS,
    EVENT_FOLLOW_UP_HORIZON_DAYS,
    EVENT_SECOND_FOLLOW_UP_DAYS,
)
from mutuals.core.agenda.give_and_take import (
    ASK_ANSWER_DAYS,
    ASK_WAIT_CAP,
    INTRO_ANSWER_DAYS,
    INTRO_FOLLOW_UP_AFTER_DAYS,
    INTRO_FOLLOW_UP_HORIZON_DAYS,
    INTRO_OFFER_ASK_DAYS,
    NEED_REVIEW_DAYS,
    THANK_YOU_AFTER_DAYS,
    THANK_YOU_HORIZON_DAYS,
    THANK_YOU_WAIT_CAP,
    describe_weeks,
    need_review_since,
)
from mutuals.core.agenda.plan import COMING_DAYS, DEFAULT_PLAN_SIZE, Plan, make_plan
from mutuals.core.agenda.rules import (
    DORMANT_BASE_SCORE,
    DORMANT_FULL_PEAK,
    DORMANT_FULL_SILENCE_YEARS,
    DORMANT_MIN_PEAK,
    DORMANT_MIN_SILENCE_DAYS,
    NEW_ACQUAINTANCE_DAYS,
    OVERDUE_RATIO_CAP,
    REVIVE_NOTE,
    build_agenda,
    is_candidate,
)
from mutuals.core.agenda.search import (
    APPLICATION_FOLLOW_UP_DAYS,
    REFERRAL_THANKS_HORIZON_DAYS,
    REFERRED_OR_LATER,
    Help,
    Helper,
    lead_words,
    who_helped,
)
from mutuals.core.agenda.states import (
    CONTACT_KINDS,
    DEFAULT_LIMITS,
    KIND_ORDER,
    NO_LIMITS,
    Agenda,
    AgendaItem,
    AgendaLimits,
    AskState,
    AssignmentState,
    ContactState,
    EventPersonState,
    EventState,
    IntroductionState,
    ItemKind,
    LeadPersonState,
    LeadState,
    NeedState,
    PromiseState,
    ReceiveState,
)

__all__ = [
    "APPLICATION_FOLLOW_UP_DAYS",
    "ASK_ANSWER_DAYS",
    "ASK_WAIT_CAP",
    "COMING_DAYS",
    "CONTACT_KINDS",
    "DEFAULT_LIMITS",
    "DEFAULT_PLAN_SIZE",
    "DORMANT_BASE_SCORE",
    "DORMANT_FULL_PEAK",
    "DORMANT_FULL_SILENCE_YEARS",
    "DORMANT_MIN_PEAK",
    "DORMANT_MIN_SILENCE_DAYS",
    "EVENT_FOLLOW_UP_AFTER_DAYS",
    "EVENT_FOLLOW_UP_HORIZON_DAYS",
    "EVENT_SECOND_FOLLOW_UP_DAYS",
    "INTRO_ANSWER_DAYS",
    "INTRO_FOLLOW_UP_AFTER_DAYS",
    "INTRO_FOLLOW_UP_HORIZON_DAYS",
    "INTRO_OFFER_ASK_DAYS",
    "KIND_ORDER",
    "NEED_REVIEW_DAYS",
    "NEW_ACQUAINTANCE_DAYS",
    "NO_LIMITS",
    "OVERDUE_RATIO_CAP",
    "REFERRAL_THANKS_HORIZON_DAYS",
    "REFERRED_OR_LATER",
    "REVIVE_NOTE",
    "THANK_YOU_AFTER_DAYS",
    "THANK_YOU_HORIZON_DAYS",
    "THANK_YOU_WAIT_CAP",
    "Agenda",
    "AgendaItem",
    "AgendaLimits",
    "AskState",
    "AssignmentState",
    "ContactState",
    "EventPersonState",
    "EventState",
    "Help",
    "Helper",
    "IntroductionState",
    "ItemKind",
    "LeadPersonState",
    "LeadState",
    "NeedState",
    "Plan",
    "PromiseState",
    "ReceiveState",
    "build_agenda",
    "describe_weeks",
    "is_candidate",
    "lead_words",
    "make_plan",
    "need_review_since",
    "who_helped",
]
