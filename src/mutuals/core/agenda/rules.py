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
The job search (see `search`): interview prep the day before, a referrer's thank-you from the
day of the referral, an application's follow-up after a quiet week; and follow-ups after an
event (see `events`). Assignments a coach set you (see `assignments`) until you mark them
done. Within a kind: score high to low, then name. Each kind is cut to its
limit after counting it; kinds come in the order promise, assignment, interview, referral
thanks, occasion, introduction, application, thank you, event follow-up, new acquaintance,
keep in touch, ask unanswered, need review, dormant.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from mutuals.core.agenda.assignments import assignment_items
from mutuals.core.agenda.events import event_items
from mutuals.core.agenda.give_and_take import (
    ask_item,
    introduction_item,
    need_review_item,
    occasion_item,
    thank_you_item,
)
from mutuals.core.agenda.ranking import rank_key
from mutuals.core.agenda.search import search_items
from mutuals.core.agenda.states import (
    DEFAULT_LIMITS,
    KIND_ORDER,
    Agenda,
    AgendaItem,
    AgendaLimits,
    AskState,
    AssignmentState,
    ContactState,
    EventState,
    IntroductionState,
    ItemKind,
    LeadState,
    NeedState,
    PromiseState,
    ReceiveState,
)
from mutuals.core.agenda.wording import how_long, sentence, while_ago
from mutuals.core.cadence import (
    DAYS_PER_YEAR,
    Tier,
    describe_ago,
    describe_cadence,
    describe_span,
    effective_cadence,
    keep_in_touch_due_on,
    maintenance_cadence,
)
from mutuals.core.occasions import OccasionState
from mutuals.core.strength import tie_score

NEW_ACQUAINTANCE_DAYS = 7
DORMANT_MIN_SILENCE_DAYS = 365
DORMANT_MIN_PEAK = 5.0
DORMANT_FULL_PEAK = 20.0
DORMANT_FULL_SILENCE_YEARS = 3.0
DORMANT_BASE_SCORE = 0.1
OVERDUE_RATIO_CAP = 4.0
REVIVE_NOTE = "reconnecting with dormant ties brings fresh help"


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
    leads: Iterable[LeadState] = (),
    events: Iterable[EventState] = (),
    assignments: Iterable[AssignmentState] = (),
    maintenance: bool = False,
) -> Agenda:
    """What to do today and why, following the rules in the module docstring; `maintenance`
    (keep-in-touch mode, after landing a job) relaxes every cadence (`relaxed`)."""
    if maintenance:
        contacts = [relaxed(contact) for contact in contacts]
    items = [item for promise in promises if (item := _promise_item(promise, today))]
    promised = {item.person_id for item in items}
    items += [
        item
        for contact in contacts
        if contact.id not in promised and (item := _contact_item(contact, today))
    ]
    items += [item for receive in receives if (item := thank_you_item(receive, today))]
    items += [item for ask in asks if (item := ask_item(ask, today))]
    items += [item for need in needs if (item := need_review_item(need, today))]
    items += [item for intro in introductions if (item := introduction_item(intro, today))]
    items += [item for occasion in occasions if (item := occasion_item(occasion, today))]
    items += search_items(leads, today)
    items += event_items(events, today)
    items += assignment_items(assignments, today)
    by_kind: dict[ItemKind, list[AgendaItem]] = {kind: [] for kind in KIND_ORDER}
    for item in items:
        by_kind[item.kind].append(item)
    for same_kind in by_kind.values():
        same_kind.sort(key=rank_key)
    return Agenda(
        items=tuple(item for kind in KIND_ORDER for item in by_kind[kind][: limits.for_kind(kind)]),
        totals={kind: len(by_kind[kind]) for kind in KIND_ORDER},
    )


def relaxed(contact: ContactState) -> ContactState:
    """The contact with its cadence relaxed to maintenance (core.cadence.maintenance_cadence).
    A relaxed due date is never earlier, so `is_candidate` stays a superset."""
    tie = contact.tie
    days = maintenance_cadence(effective_cadence(tie.tier, tie.cadence_days))
    return replace(contact, tie=replace(tie, cadence_days=days))


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
        reason="Due today." if overdue == 0 else f"{describe_span(overdue).capitalize()} overdue.",
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
        reason = f"Added {describe_ago(met_days)} and not contacted yet."
    else:
        met = "You met today" if met_days == 0 else f"You met {describe_ago(met_days)}"
        reason = f"{met}, with no follow-up yet."
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
    reason = sentence(_dormant_history(contact, silence))
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
        # `added_on` is when they joined your network (for an import, when you connected)
        reason = (
            f"In your network for {how_long(max(silence, 1))} with no conversation logged yet; "
            f"you aim to be in touch {every}."
        )
    else:
        reason = f"Last talked {while_ago(silence)}; you aim to be in touch {every}."
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
