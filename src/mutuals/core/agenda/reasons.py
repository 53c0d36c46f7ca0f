"""Reasons a person would write: each planned item says why it is due, what you last talked
about, what they need, and the best next step.

In words, an item's reason is up to four short sentences:
1. why it is due (the item's own sentence, from `rules` and `give_and_take`);
2. what you last talked about: the last conversation's summary (its first sentence; the notes'
   when there is no summary), or its kind ("a call") — "Last time: coffee — talked about the
   job market." ("Last talked 3 weeks ago: …" when the first sentence does not already say
   when);
3. what they need: one open need of theirs, "Their open need: looking for a UX role." (left out
   of a need's own review item);
4. the next step, in one of several wordings (`wording.NEXT_STEPS`; a need-minded one when they
   have an open need): the wording is chosen by the person's number, and the next unused one
   when a day's plan already has it, so no day says the same sentence twice while the wordings
   last.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from mutuals.core.agenda.plan import Plan
from mutuals.core.agenda.states import AgendaItem, ItemKind
from mutuals.core.agenda.wording import (
    CONVERSATION_KINDS,
    DEFAULT_CONVERSATION,
    NEED_STEPS,
    NEXT_STEPS,
    agree_articles,
    as_phrase,
    first_sentence,
    sentence,
    while_ago,
)

# Kinds whose own sentence already says how long it has been since you talked.
_SAYS_WHEN = frozenset({ItemKind.KEEP_IN_TOUCH, ItemKind.DORMANT})
# Kinds whose next step is better said about their need when they have one.
_NEED_MINDED = frozenset(
    {ItemKind.KEEP_IN_TOUCH, ItemKind.DORMANT, ItemKind.NEW_ACQUAINTANCE, ItemKind.OCCASION}
)
# Conversation summaries that say nothing about what was said (the "Reached out" button's).
EMPTY_SUMMARIES = frozenset({"reached out", "reached out today"})


@dataclass(frozen=True, slots=True)
class PersonContext:
    """What mutuals knows that makes a reason personal: the last conversation (its day, kind,
    summary and notes) and one open need of theirs ("" when none)."""

    last_on: date | None = None
    last_kind: str = ""
    last_summary: str = ""
    last_notes: str = ""
    need: str = ""


NO_CONTEXT = PersonContext()


WORDED_DAYS = 14


def worded_items(plan: Plan, days: int = WORDED_DAYS) -> list[AgendaItem]:
    """The items whose reasons `word_plan` writes out: today's and the next `days` days'."""
    until = plan.today + timedelta(days=days)
    return [*plan.items, *(i for day, items in plan.later if day <= until for i in items)]


def word_plan(plan: Plan, contexts: Mapping[int, PersonContext], days: int = WORDED_DAYS) -> Plan:
    """The plan with its reasons written out, day by day (module docstring), for today and the
    next `days` days; further out an item keeps its first sentence (why it is due), which is
    all a glance ahead needs, and a long backlog costs no more to plan than a short one."""
    until = plan.today + timedelta(days=days)
    return dataclasses.replace(
        plan,
        items=word_day(plan.items, contexts, plan.today),
        later=tuple(
            (day, word_day(items, contexts, plan.today) if day <= until else items)
            for day, items in plan.later
        ),
    )


def word_day(
    items: Iterable[AgendaItem], contexts: Mapping[int, PersonContext], today: date
) -> tuple[AgendaItem, ...]:
    """One day's items with their reasons written out, no next step said twice."""
    used: set[str] = set()
    worded = []
    for item in items:
        context = contexts.get(item.person_id, NO_CONTEXT) if item.person_id else NO_CONTEXT
        reason = write_reason(item, context, today, used)
        worded.append(dataclasses.replace(item, reason=reason))
    return tuple(worded)


def write_reason(
    item: AgendaItem, context: PersonContext, today: date, used: set[str] | None = None
) -> str:
    """An item's reason: why, last time, their need, next step (module docstring)."""
    used = set() if used is None else used
    parts = [sentence(item.reason)]
    if item.person_id is not None:
        parts.append(last_time(item, context, today))
        if context.need and item.kind != ItemKind.NEED_REVIEW:
            parts.append(sentence(f"Their open need: {_phrase(context.need)}"))
    steps = NEXT_STEPS[item.kind]
    if context.need and item.kind in _NEED_MINDED:
        steps = NEED_STEPS
    step = _pick(steps, _seed(item), used)
    used.add(step)
    parts.append(step)
    return " ".join(part for part in parts if part)


def last_time(item: AgendaItem, context: PersonContext, today: date) -> str:
    """ "Last time: coffee — talked about X." or "Last talked 3 weeks ago: a call." ("" when
    they have never talked, or when the item's own sentence is about that conversation)."""
    if context.last_on is None:
        return ""
    what = _conversation(context)
    if item.kind in _SAYS_WHEN:
        return sentence(f"Last time: {what}")
    days = (today - context.last_on).days
    if item.kind == ItemKind.NEW_ACQUAINTANCE:
        return sentence(f"When you met: {what}")
    return sentence(f"Last talked {while_ago(days)}: {what}")


def _conversation(context: PersonContext) -> str:
    for text in (context.last_summary, context.last_notes):
        said = first_sentence(text)
        if said and said.lower() not in EMPTY_SUMMARIES:
            return _phrase(said)
    return CONVERSATION_KINDS.get(context.last_kind, DEFAULT_CONVERSATION)


def _phrase(text: str) -> str:
    return agree_articles(as_phrase(first_sentence(text)))


def _seed(item: AgendaItem) -> int:
    return (
        item.person_id
        or item.promise_id
        or item.need_id
        or item.lead_id
        or item.event_id
        or item.assignment_id
        or 0
    )


def _pick(options: tuple[str, ...], seed: int, used: set[str]) -> str:
    """The option the seed points at, or the next one not used yet (all used: the seed's)."""
    for offset in range(len(options)):
        option = options[(seed + offset) % len(options)]
        if option not in used:
            return option
    return options[seed % len(options)]
