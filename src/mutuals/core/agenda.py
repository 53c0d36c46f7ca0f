"""Today's agenda: who to reach out to today, and why (PRODUCT.md, principle P3).

Idea: relationships are kept by steady contact at the pace their closeness calls for (Dunbar's
layers, see `cadence`), new acquaintances fade unless followed up within days, and dormant ties,
out of touch for years, give more novel help than current ones with trust intact (Levin, Walter
& Murnighan, "Dormant ties", Organization Science 2011). People prefer to revive the ties they
were last closest to, so the ranking also rewards long silences. Relationships also stay two-way
(see `reciprocity`): thank whoever helped you before asking again, follow up an ask left
unanswered, and review what your people need so you notice what could help (PRODUCT.md, P1, P2).

Rules in words for keeping in touch (each contact gives at most one of these items, in this order
of precedence):
- Promise: a promise due today or earlier and not snoozed; most overdue first; never limited. A
  person with a promise on the agenda gets no other item: keeping the promise is the contact.
- Snoozed contacts (snoozed until after today) give nothing.
- New acquaintance: first conversation (or, when none, the day added) 0 to 7 days ago, nothing
  since that first day, and not known from before; score 1 for today down to 1/8 for 7 days ago.
- Dormant: silent at least max(365 days, 2 x cadence) and either once intense (peak intensity 5
  or more) or marked dormant; score = min(1, peak / 20) x min(1, years silent / 3) + 0.1.
- Keep in touch: has a cadence and last conversation (or the day added) + cadence <= today;
  score = (0.5 + tie strength) x min(days silent / cadence, 4).

The give-and-take items (PRODUCT.md, P1 and P2) are about one thing each (a receive, an ask, a
need), so a person can have several of them besides a keep-in-touch item:
- Thank you: something received 14 to 180 days ago, not marked thanked, with nothing given to
  that person on or after that day; score = kind weight (reciprocity.KIND_WEIGHTS) x
  min(days since / 14, 4).
- Ask unanswered: an ask with no answer, asked at least 7 days ago; score = min(weeks since, 4).
- Need review: an open need (a contact's or yours) whose last review (or, never reviewed, the day
  it was noted) is at least 30 days ago; score = days since / 30, so the longest waiting first.
- Introduction (see `introductions`): one you were given and have not thanked the introducer
  for (score 3 + days since, capped at 7); one made at least 2 days ago whose new contact you
  have not been in touch with since (score 2, until 30 days on); one you offered to make and
  have not asked about for 2 days (score 1.5), asked about a week ago without an answer
  (score 1), or that both said yes to (score 2.5: make it).
Occasions (see `occasions`): each important date of a contact (closeness set, not archived;
snoozing does not hide a birthday) from 3 days before it up to the day itself; score =
(4 - days away) / 4. A person can have an occasion besides any other item.
Within a kind: score high to low, then name. Each kind is cut to its limit after counting it;
kinds come in the order promise, occasion, introduction, thank you, new acquaintance, keep in
touch, ask unanswered, need review, dormant.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from mutuals.core.cadence import (
    DAYS_PER_YEAR,
    Tier,
    describe_ago,
    describe_cadence,
    describe_span,
    effective_cadence,
    keep_in_touch_due_on,
)
from mutuals.core.names import fold
from mutuals.core.occasions import OccasionState
from mutuals.core.occasions import describe as describe_occasion
from mutuals.core.reciprocity import KIND_PHRASES, KIND_WEIGHTS, ExchangeKind
from mutuals.core.strength import TieInputs, tie_score

NEW_ACQUAINTANCE_DAYS = 7
DORMANT_MIN_SILENCE_DAYS = 365
DORMANT_MIN_PEAK = 5.0
DORMANT_FULL_PEAK = 20.0
DORMANT_FULL_SILENCE_YEARS = 3.0
DORMANT_BASE_SCORE = 0.1
OVERDUE_RATIO_CAP = 4.0
REVIVE_NOTE = "reconnecting with dormant ties brings fresh help"
THANK_YOU_AFTER_DAYS = 14
THANK_YOU_HORIZON_DAYS = 180
THANK_YOU_WAIT_CAP = 4.0
ASK_ANSWER_DAYS = 7
ASK_WAIT_CAP = 4.0
NEED_REVIEW_DAYS = 30


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


def build_agenda(
    promises: Iterable[PromiseState],
    contacts: Iterable[ContactState],
    today: date,
    limits: AgendaLimits = DEFAULT_LIMITS,
    *,
    receives: Iterable[ReceiveState] = (),
    asks: Iterable[AskState] = (),
    needs: Iterable[NeedState] = (),
    introductions: Iterable[IntroductionState] = (),
    occasions: Iterable[OccasionState] = (),
) -> Agenda:
    """What to do today and why, following the rules in the module docstring."""
    items = [item for promise in promises if (item := _promise_item(promise, today))]
    promised = {item.person_id for item in items}
    items += [
        item
        for contact in contacts
        if contact.id not in promised and (item := _contact_item(contact, today))
    ]
    items += [item for receive in receives if (item := _thank_you_item(receive, today))]
    items += [item for ask in asks if (item := _ask_item(ask, today))]
    items += [item for need in needs if (item := _need_review_item(need, today))]
    items += [item for intro in introductions if (item := _introduction_item(intro, today))]
    items += [item for occasion in occasions if (item := _occasion_item(occasion, today))]
    by_kind = {kind: sorted((i for i in items if i.kind == kind), key=_rank) for kind in KIND_ORDER}
    return Agenda(
        items=tuple(item for kind in KIND_ORDER for item in by_kind[kind][: limits.for_kind(kind)]),
        totals={kind: len(by_kind[kind]) for kind in KIND_ORDER},
    )


def is_candidate(contact: ContactState, today: date) -> bool:
    """Cheap pre-test: true for every contact that could produce an item (maybe a few more).

    It is the SQL prefilter the agenda selector uses, in words: not snoozed past today, and one of
    - coalesce(last_contact_on, added_on) + cadence <= today (keep in touch due);
    - first_contact_on or added_on >= today - NEW_ACQUAINTANCE_DAYS (maybe a new acquaintance);
    - last_contact_on <= today - DORMANT_MIN_SILENCE_DAYS and peak_intensity >= DORMANT_MIN_PEAK;
    - tier = dormant.
    """
    if _snoozed(contact.snoozed_until, today):
        return False
    tie, stats = contact.tie, contact.tie.stats
    due = _due_on(contact)
    return (
        (due is not None and due <= today)
        or _lately(stats.first_contact_on, today)
        or _lately(contact.added_on, today)
        or (
            _silence_days(contact, today) >= DORMANT_MIN_SILENCE_DAYS
            and stats.peak_intensity >= DORMANT_MIN_PEAK
        )
        or tie.tier == Tier.DORMANT
    )


def _rank(item: AgendaItem) -> tuple[float, str, int, int, int, int, int, int, int]:
    return (
        -item.score,
        fold(item.person_name or ""),
        item.person_id or 0,
        item.promise_id or 0,
        item.need_id or 0,
        item.exchange_id or 0,
        item.ask_id or 0,
        item.introduction_id or 0,
        item.date_id or 0,
    )


def _days(start: date, today: date) -> int:
    return (today - start).days


def _lately(day: date | None, today: date) -> bool:
    return day is not None and _days(day, today) <= NEW_ACQUAINTANCE_DAYS


def _snoozed(snoozed_until: date | None, today: date) -> bool:
    return snoozed_until is not None and snoozed_until > today


def _promise_item(promise: PromiseState, today: date) -> AgendaItem | None:
    overdue = _days(promise.due_on, today)
    if overdue < 0 or _snoozed(promise.snoozed_until, today):
        return None
    return AgendaItem(
        kind=ItemKind.PROMISE,
        person_id=promise.person_id,
        person_name=promise.person_name,
        reason="due today" if overdue == 0 else f"{describe_span(overdue)} overdue",
        score=float(overdue),
        promise_id=promise.id,
        due_on=promise.due_on,
        overdue_days=overdue,
        text=promise.text,
    )


def _contact_item(contact: ContactState, today: date) -> AgendaItem | None:
    if _snoozed(contact.snoozed_until, today):
        return None
    return (
        _new_acquaintance_item(contact, today)
        or _dormant_item(contact, today)
        or _keep_in_touch_item(contact, today)
    )


def _item(
    contact: ContactState, today: date, kind: ItemKind, reason: str, score: float
) -> AgendaItem:
    return AgendaItem(
        kind=kind,
        person_id=contact.id,
        person_name=contact.name,
        reason=reason,
        score=score,
        strength=tie_score(contact.tie, today),
    )


def _new_acquaintance_item(contact: ContactState, today: date) -> AgendaItem | None:
    stats, known = contact.tie.stats, contact.tie.known_since
    start = stats.first_contact_on or contact.added_on
    if not 0 <= _days(start, today) <= NEW_ACQUAINTANCE_DAYS:
        return None
    if stats.last_contact_on not in (None, stats.first_contact_on):
        return None  # they have already been followed up
    if known is not None and _days(known, today) > NEW_ACQUAINTANCE_DAYS:
        return None  # known from before: not new (keeps bulk imports of old contacts out)
    met_days = _days(min(start, known or start), today)
    if stats.first_contact_on is None and known is None:
        reason = f"added {describe_ago(met_days)}; not contacted yet — a short hello keeps it going"
    else:
        ago = describe_ago(met_days)
        reason = f"met {ago}; no follow-up yet — a short thank-you note keeps it going"
    score = (NEW_ACQUAINTANCE_DAYS + 1 - met_days) / (NEW_ACQUAINTANCE_DAYS + 1)
    return _item(contact, today, ItemKind.NEW_ACQUAINTANCE, reason, score)


def _silence_days(contact: ContactState, today: date) -> int:
    """Days since the last conversation, or since they met or were added when there was none."""
    tie = contact.tie
    return _days(tie.stats.last_contact_on or tie.known_since or contact.added_on, today)


def _dormant_item(contact: ContactState, today: date) -> AgendaItem | None:
    tie, stats = contact.tie, contact.tie.stats
    cadence = effective_cadence(tie.tier, tie.cadence_days) or 0
    silence = _silence_days(contact, today)
    once_close = stats.peak_intensity >= DORMANT_MIN_PEAK
    if silence < max(DORMANT_MIN_SILENCE_DAYS, 2 * cadence):
        return None
    if not (once_close or tie.tier == Tier.DORMANT):
        return None
    peak_part = min(1.0, stats.peak_intensity / DORMANT_FULL_PEAK)
    silence_part = min(1.0, silence / DAYS_PER_YEAR / DORMANT_FULL_SILENCE_YEARS)
    score = peak_part * silence_part + DORMANT_BASE_SCORE
    reason = f"{_dormant_history(contact, silence)} — {REVIVE_NOTE}"
    return _item(contact, today, ItemKind.DORMANT, reason, score)


def _dormant_history(contact: ContactState, silence: int) -> str:
    stats, span = contact.tie.stats, describe_span(silence)
    if stats.last_contact_on is None:
        since = "you met" if contact.tie.known_since else "added"
        return f"marked dormant and never contacted; {since} {span} ago"
    if stats.peak_intensity < DORMANT_MIN_PEAK:
        return f"marked dormant, silent for {span}"
    when = (
        f"peak in {stats.peak_on.year}"
        if stats.peak_on
        else f"last talked in {stats.last_contact_on.year}"
    )
    return f"close once ({when}), silent for {span}"


def _due_on(contact: ContactState) -> date | None:
    tie = contact.tie
    return keep_in_touch_due_on(
        last_contact_on=tie.stats.last_contact_on,
        since=contact.added_on,
        cadence_days=effective_cadence(tie.tier, tie.cadence_days),
    )


def _keep_in_touch_item(contact: ContactState, today: date) -> AgendaItem | None:
    due = _due_on(contact)
    cadence = effective_cadence(contact.tie.tier, contact.tie.cadence_days)
    if due is None or cadence is None or due > today:
        return None
    last = contact.tie.stats.last_contact_on
    silence = _days(last or contact.added_on, today)
    every = describe_cadence(cadence)
    if last is None:
        reason = f"added {describe_ago(silence)} and not yet contacted; you aim for {every}"
    else:
        reason = f"last talked {describe_ago(silence)}; you meet {every}"
    strength = tie_score(contact.tie, today)
    return AgendaItem(
        kind=ItemKind.KEEP_IN_TOUCH,
        person_id=contact.id,
        person_name=contact.name,
        reason=reason,
        score=(0.5 + strength) * min(silence / cadence, OVERDUE_RATIO_CAP),
        due_on=due,
        overdue_days=_days(due, today),
        strength=strength,
    )


def describe_weeks(days: int) -> str:
    """A wait in words, in weeks once it is two weeks or more: "9 days", "6 weeks", "2 years"."""
    if days < 2 * 7 or days >= 365:  # from a year on, describe_span counts whole years
        return describe_span(days)
    return f"{days // 7} weeks"


def _first_name(name: str) -> str:
    return name.split()[0] if name.split() else "them"


def _thank_you_item(receive: ReceiveState, today: date) -> AgendaItem | None:
    days = _days(receive.occurred_on, today)
    if not THANK_YOU_AFTER_DAYS <= days <= THANK_YOU_HORIZON_DAYS:
        return None
    if receive.thanked_on is not None:
        return None
    if receive.last_given_on is not None and receive.last_given_on >= receive.occurred_on:
        return None  # something went back since: the give is the thanks
    first = _first_name(receive.person_name)
    reason = (
        f"{first} gave you {KIND_PHRASES[receive.kind]} {describe_weeks(days)} ago and nothing "
        f"has gone back since: {receive.text}"
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


def _ask_item(ask: AskState, today: date) -> AgendaItem | None:
    days = _days(ask.asked_on, today)
    if ask.answered_on is not None or days < ASK_ANSWER_DAYS:
        return None
    reason = (
        f"you asked {_first_name(ask.person_name)} {describe_weeks(days)} ago and have no "
        f"answer yet: {ask.text}"
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


def _need_review_item(need: NeedState, today: date) -> AgendaItem | None:
    since = need_review_since(need)
    days = _days(since, today)
    if days < NEED_REVIEW_DAYS:
        return None
    whose = f"{_first_name(need.person_name or '')}'s" if need.person_id is not None else "your"
    reason = f"{whose} need has not been reviewed for {describe_weeks(days)}: {need.text}"
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


INTRO_FOLLOW_UP_AFTER_DAYS = 2
INTRO_FOLLOW_UP_HORIZON_DAYS = 30
INTRO_OFFER_ASK_DAYS = 2
INTRO_ANSWER_DAYS = 7


def _introduction_item(intro: IntroductionState, today: date) -> AgendaItem | None:
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
            who = _first_name(intro.introducer_name)
            reason = (
                f"{who} introduced you to {target} {describe_ago(days)}: "
                "say thank you, and later how it went"
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
        reason = f"you thought of introducing {seeker} to {target}: ask {_first_name(seeker)} first"
        return (seeker_id, seeker, reason, 1.5, due) if due <= today else None
    if intro.status == "asked" and intro.asked_on is not None:
        due = intro.asked_on + timedelta(days=INTRO_ANSWER_DAYS)
        reason = f"no answer yet about meeting {target}: a gentle nudge, or let it go"
        return (seeker_id, seeker, reason, 1.0, due) if due <= today else None
    if intro.status == "accepted":
        due = intro.accepted_on or intro.requested_on
        return seeker_id, seeker, f"said yes to meeting {target}: make the introduction", 2.5, due
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
    who = _first_name(intro.introducer_name or "")
    reason = f"{who} introduced you {describe_ago(days)}: follow up while the introduction is warm"
    due = made + timedelta(days=INTRO_FOLLOW_UP_AFTER_DAYS)
    return intro.target_id, intro.target_name, reason, 2.0, due


def _occasion_item(state: OccasionState, today: date) -> AgendaItem | None:
    found = describe_occasion(state, today)
    if found is None:
        return None
    return AgendaItem(
        kind=ItemKind.OCCASION,
        person_id=state.person_id,
        person_name=state.person_name,
        reason=found.reason,
        score=found.score,
        due_on=found.on,
        text=state.label,
        date_id=state.id,
    )
