"""The give-and-take items (PRODUCT.md, P1 and P2) and occasions: thank-yous owed, asks still
unanswered, needs due for review, the next step of an introduction, and important dates. The
rules in words are in `rules`' docstring."""

from __future__ import annotations

from datetime import date, timedelta

from mutuals.core.agenda.states import (
    AgendaItem,
    AskState,
    IntroductionState,
    ItemKind,
    NeedState,
    ReceiveState,
)
from mutuals.core.agenda.wording import as_phrase, quoted, sentence
from mutuals.core.cadence import describe_ago, describe_span
from mutuals.core.names import first_word
from mutuals.core.occasions import OccasionState
from mutuals.core.occasions import describe as describe_occasion
from mutuals.core.reciprocity_words import KIND_PHRASES, KIND_WEIGHTS

THANK_YOU_AFTER_DAYS = 14
THANK_YOU_HORIZON_DAYS = 180
THANK_YOU_WAIT_CAP = 4.0
ASK_ANSWER_DAYS = 7
ASK_WAIT_CAP = 4.0
NEED_REVIEW_DAYS = 30
INTRO_FOLLOW_UP_AFTER_DAYS = 2
INTRO_FOLLOW_UP_HORIZON_DAYS = 30
INTRO_OFFER_ASK_DAYS = 2
INTRO_ANSWER_DAYS = 7


def _days(start: date, today: date) -> int:
    return (today - start).days


def describe_weeks(days: int) -> str:
    """A wait in words, in weeks once it is two weeks or more: "9 days", "6 weeks", "2 years"."""
    if days < 2 * 7 or days >= 365:  # from a year on, describe_span counts whole years
        return describe_span(days)
    return f"{days // 7} weeks"


def thank_you_item(receive: ReceiveState, today: date) -> AgendaItem | None:
    days = _days(receive.occurred_on, today)
    if not THANK_YOU_AFTER_DAYS <= days <= THANK_YOU_HORIZON_DAYS:
        return None
    if receive.thanked_on is not None:
        return None
    if receive.last_given_on is not None and receive.last_given_on >= receive.occurred_on:
        return None  # something went back since: the give is the thanks
    first = first_word(receive.person_name)
    reason = (
        f"{first} gave you {KIND_PHRASES[receive.kind]} {describe_weeks(days)} ago, "
        f"{quoted(receive.text)}, and nothing has gone back since."
    )
    return AgendaItem(
        kind=ItemKind.THANK_YOU,
        person_id=receive.person_id,
        person_name=receive.person_name,
        reason=reason,
        score=KIND_WEIGHTS[receive.kind] * min(days / THANK_YOU_AFTER_DAYS, THANK_YOU_WAIT_CAP),
        due_on=receive.occurred_on + timedelta(days=THANK_YOU_AFTER_DAYS),
        overdue_days=days - THANK_YOU_AFTER_DAYS,
        text=receive.text,
        exchange_id=receive.id,
    )


def ask_item(ask: AskState, today: date) -> AgendaItem | None:
    days = _days(ask.asked_on, today)
    if ask.answered_on is not None or days < ASK_ANSWER_DAYS:
        return None
    reason = (
        f"You asked {first_word(ask.person_name)} {describe_weeks(days)} ago, "
        f"{quoted(ask.text)}, and have no answer yet."
    )
    return AgendaItem(
        kind=ItemKind.ASK_UNANSWERED,
        person_id=ask.person_id,
        person_name=ask.person_name,
        reason=reason,
        score=min(days / ASK_ANSWER_DAYS, ASK_WAIT_CAP),
        due_on=ask.asked_on + timedelta(days=ASK_ANSWER_DAYS),
        overdue_days=days - ASK_ANSWER_DAYS,
        text=ask.text,
        ask_id=ask.id,
    )


def need_review_since(need: NeedState) -> date:
    """The day a need was last looked at: its last review, or the day it was noted."""
    return need.reviewed_on or need.noted_on


def need_review_item(need: NeedState, today: date) -> AgendaItem | None:
    since = need_review_since(need)
    days = _days(since, today)
    if days < NEED_REVIEW_DAYS:
        return None
    whose = f"{first_word(need.person_name or '')}'s" if need.person_id is not None else "Your"
    reason = f"{whose} need {quoted(need.text)} has waited {describe_weeks(days)} for a review."
    return AgendaItem(
        kind=ItemKind.NEED_REVIEW,
        person_id=need.person_id,
        person_name=need.person_name,
        reason=reason,
        score=days / NEED_REVIEW_DAYS,
        due_on=since + timedelta(days=NEED_REVIEW_DAYS),
        overdue_days=days - NEED_REVIEW_DAYS,
        text=need.text,
        need_id=need.id,
    )


def introduction_item(intro: IntroductionState, today: date) -> AgendaItem | None:
    """The one next step an introduction asks of you today, if any (module docstring)."""
    found = _introduction_step(intro, today)
    if found is None:
        return None
    person_id, person_name, reason, score, due_on = found
    return AgendaItem(
        kind=ItemKind.INTRODUCTION,
        person_id=person_id,
        person_name=person_name,
        reason=reason,
        score=score,
        due_on=due_on,
        overdue_days=max(0, _days(due_on, today)),
        introduction_id=intro.id,
    )


def _introduction_step(
    intro: IntroductionState, today: date
) -> tuple[int, str, str, float, date] | None:
    target = intro.target_name
    if intro.introducer_id is not None and intro.introducer_name is not None:
        made = intro.made_on
        if intro.status == "made" and made is not None:
            days = _days(made, today)
            who = first_word(intro.introducer_name)
            reason = (
                f"{who} introduced you to {target} {describe_ago(days)}. "
                "Say thank you now, and later tell them how it went."
            )
            return intro.introducer_id, intro.introducer_name, reason, 3 + min(days, 7), made
        if intro.status in {"made", "thanked"} and made is not None:
            return _follow_up_step(intro, made, today)
        return None
    seeker, seeker_id = intro.seeker_name or "", intro.seeker_id
    if seeker_id is None:
        return None
    if intro.status == "requested":
        due = intro.requested_on + timedelta(days=INTRO_OFFER_ASK_DAYS)
        reason = (
            f"You thought of introducing {seeker} to {target}. "
            f"Ask {first_word(seeker)} first whether they would like to meet."
        )
        return (seeker_id, seeker, reason, 1.5, due) if due <= today else None
    if intro.status == "asked" and intro.asked_on is not None:
        due = intro.asked_on + timedelta(days=INTRO_ANSWER_DAYS)
        reason = f"No answer yet about meeting {target}: a gentle nudge, or let it go."
        return (seeker_id, seeker, reason, 1.0, due) if due <= today else None
    if intro.status == "accepted":
        due = intro.accepted_on or intro.requested_on
        reason = f"{first_word(seeker)} said yes to meeting {target}: make the introduction."
        return seeker_id, seeker, reason, 2.5, due
    return None


def _follow_up_step(
    intro: IntroductionState, made: date, today: date
) -> tuple[int, str, str, float, date] | None:
    days = _days(made, today)
    if not INTRO_FOLLOW_UP_AFTER_DAYS <= days <= INTRO_FOLLOW_UP_HORIZON_DAYS:
        return None
    if intro.followed_up_on is not None:
        return None
    last = intro.target_last_contact_on
    if last is not None and last >= made:
        return None
    who = first_word(intro.introducer_name or "")
    reason = f"{who} introduced you {describe_ago(days)}: follow up while it is warm."
    due = made + timedelta(days=INTRO_FOLLOW_UP_AFTER_DAYS)
    return intro.target_id, intro.target_name, reason, 2.0, due


def occasion_item(state: OccasionState, today: date) -> AgendaItem | None:
    found = describe_occasion(state, today)
    if found is None:
        return None
    return AgendaItem(
        kind=ItemKind.OCCASION,
        person_id=state.person_id,
        person_name=state.person_name,
        reason=_occasion_reason(state, found.on, found.days_away),
        score=found.score,
        due_on=found.on,
        text=state.label,
        date_id=state.id,
    )


def _occasion_reason(state: OccasionState, on: date, days_away: int) -> str:
    """ "Sami turns 49 tomorrow.", "Ana's birthday is on Friday.", "Work anniversary with Bo is
    today (10 years)." """
    first = first_word(state.person_name)
    when = "today" if days_away == 0 else "tomorrow" if days_away == 1 else f"on {on:%A}"
    years = on.year - state.year if state.year is not None else 0
    if state.kind == "birthday":
        return f"{first} turns {years} {when}." if years > 0 else f"{first}'s birthday is {when}."
    label = as_phrase(state.label.strip()) or (
        "anniversary" if state.kind == "anniversary" else "a day that matters"
    )
    if state.kind == "anniversary":
        count = f" ({years} {'year' if years == 1 else 'years'})" if years > 0 else ""
        return sentence(f"{label} with {first} is {when}{count}")
    return sentence(f"{label} for {first} is {when}")
