"""Flags on a coach's dashboard: the few signs that a client may need a word from their coach
(PRODUCT.md P9: practitioners check that their clients practise networking; P1: a client who
only asks becomes a "moocher"; P5: conversations, not contacts, are what count).

The rules, in words (each threshold is a named constant below):

- *quiet*: no meaningful conversation in the last 14 days (today included);
- *asking without giving*: three asks or more and not one give in the last 30 days;
- *goals missed*: the last two finished weeks were both missed and this week is not kept yet
  (`core.progress` decides what a kept and a missed week are);
- *applied and waiting*: at least one lead has stayed at "applied" for 3 weeks or more.

Flags carry a code (for JSON and for sorting) and a sentence (for screens). Counts only: a flag
never names a person, an organisation or a lead. Plain data, no Django.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

NO_CONVERSATION_DAYS: Final = 14
ASKS_WITHOUT_GIVES: Final = 3
GIVE_AND_ASK_DAYS: Final = 30
MISSED_WEEKS_RUNNING: Final = 2
APPLIED_WAIT_DAYS: Final = 21

QUIET: Final = "quiet"
ASKING_NOT_GIVING: Final = "asking_not_giving"
GOALS_MISSED: Final = "goals_missed"
APPLIED_WAITING: Final = "applied_waiting"
# In the order a coach reads them: the relationship habits first.
FLAG_CODES: Final = (QUIET, ASKING_NOT_GIVING, GOALS_MISSED, APPLIED_WAITING)


@dataclass(frozen=True, slots=True)
class Flag:
    code: str
    words: str


@dataclass(frozen=True, slots=True)
class Activity:
    """What the rules read about one client, as of `today`: the days of meaningful
    conversations, gives and asks (at least the last 30 days of each, with how many that day),
    the week states of `core.progress` (oldest first, this week last) and the days each lead now
    at "applied" reached it."""

    today: dt.date
    conversation_days: Mapping[dt.date, int]
    give_days: Mapping[dt.date, int]
    ask_days: Mapping[dt.date, int]
    week_states: Sequence[str]
    applied_since: Sequence[dt.date]


def since(today: dt.date, days: int) -> dt.date:
    """The first day of the `days` days ending with `today`."""
    return today - dt.timedelta(days=days - 1)


def _within(days: Mapping[dt.date, int], today: dt.date, window: int) -> int:
    first = since(today, window)
    return sum(n for day, n in days.items() if first <= day <= today)


def is_quiet(activity: Activity) -> bool:
    return _within(activity.conversation_days, activity.today, NO_CONVERSATION_DAYS) == 0


def is_asking_not_giving(activity: Activity) -> bool:
    asks = _within(activity.ask_days, activity.today, GIVE_AND_ASK_DAYS)
    gives = _within(activity.give_days, activity.today, GIVE_AND_ASK_DAYS)
    return asks >= ASKS_WITHOUT_GIVES and gives == 0


def missed_running(week_states: Sequence[str]) -> bool:
    """The last MISSED_WEEKS_RUNNING finished weeks were all missed and this week (the last
    state) is not kept yet."""
    if not week_states or week_states[-1] == "kept":
        return False
    last = list(week_states[:-1])[-MISSED_WEEKS_RUNNING:]
    return len(last) == MISSED_WEEKS_RUNNING and all(state == "missed" for state in last)


def applied_waiting(applied_since: Iterable[dt.date], today: dt.date) -> int:
    """How many leads have waited at "applied" for APPLIED_WAIT_DAYS days or more."""
    return sum(1 for day in applied_since if (today - day).days >= APPLIED_WAIT_DAYS)


def flags(activity: Activity) -> list[Flag]:
    """Every flag that holds, in FLAG_CODES order."""
    found: list[Flag] = []
    if is_quiet(activity):
        found.append(Flag(QUIET, f"No conversation in {NO_CONVERSATION_DAYS} days"))
    if is_asking_not_giving(activity):
        asks = _within(activity.ask_days, activity.today, GIVE_AND_ASK_DAYS)
        found.append(
            Flag(ASKING_NOT_GIVING, f"{asks} asks and no gives in {GIVE_AND_ASK_DAYS} days")
        )
    if missed_running(activity.week_states):
        found.append(Flag(GOALS_MISSED, "Goals missed two weeks running"))
    waiting = applied_waiting(activity.applied_since, activity.today)
    if waiting:
        leads = "A lead has" if waiting == 1 else f"{waiting} leads have"
        weeks = APPLIED_WAIT_DAYS // 7
        found.append(Flag(APPLIED_WAITING, f"{leads} waited at “applied” for {weeks} weeks"))
    return found
