"""Occasions: the days that come back every year (birthdays, anniversaries) and how the agenda
mentions them.

Idea: a word on someone's birthday or anniversary is one of the cheapest ways to keep a tie
warm, and it only works on time, so the agenda shows each of a contact's dates from three days
before it up to the day itself. In words:
- The next occurrence of a date is the first day on or after today with its month and day; a
  29 February falls on 28 February in years that have no 29th.
- An occasion item appears when that occurrence is 0 to 3 days away; score = (4 - days) / 4,
  so today's come first.
- The reason names the day in words ("today", "tomorrow", "on Friday"); "turns 40" or "10
  years" only when the year is known; a date without a year never mentions an age or a count.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from mutuals.core.names import first_word

OCCASION_LEAD_DAYS = 3
OCCASION_NOTE = "a short note means a lot"
KINDS = ("birthday", "anniversary", "other")
EARLIEST_YEAR = 1900


@dataclass(frozen=True, slots=True)
class OccasionState:
    """One important date of a contact; `year` is None when unknown."""

    id: int
    person_id: int
    person_name: str
    kind: str
    label: str
    year: int | None
    month: int
    day: int


@dataclass(frozen=True, slots=True)
class Occasion:
    """An occasion due soon: its day this time, how far away, and the words for it."""

    on: date
    days_away: int
    reason: str
    score: float


def is_valid_date(month: int, day: int, year: int | None) -> bool:
    """A real calendar day; 29 February is fine without a year (it comes back every 4 years)."""
    if not 1 <= month <= 12 or day < 1:
        return False
    if year is None:
        return day <= (29 if month == 2 else calendar.monthrange(2001, month)[1])
    return day <= calendar.monthrange(year, month)[1]


def occurrence_in(year: int, month: int, day: int) -> date:
    """The day a month/day falls on in `year` (29 February on the 28th in common years)."""
    if month == 2 and day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return date(year, month, day)


def next_occurrence(month: int, day: int, today: date) -> date:
    """The first day on or after `today` that celebrates this month/day."""
    this_year = occurrence_in(today.year, month, day)
    return this_year if this_year >= today else occurrence_in(today.year + 1, month, day)


def upcoming_days(today: date) -> list[date]:
    """The days whose occasions show today: today and the next OCCASION_LEAD_DAYS."""
    return [date.fromordinal(today.toordinal() + n) for n in range(OCCASION_LEAD_DAYS + 1)]


def _when(days_away: int, on: date) -> str:
    if days_away == 0:
        return "today"
    if days_away == 1:
        return "tomorrow"
    return f"on {on.strftime('%A')}"


def _label(label: str, fallback: str) -> str:
    """The label as a phrase inside a sentence: "Work anniversary" -> "work anniversary"."""
    text = label.strip() or fallback
    first = text.split()[0]
    if first[:1].isupper() and first[1:].islower():  # "Work", not "IBM" or "McDonald's"
        return text[0].lower() + text[1:]
    return text


def describe(state: OccasionState, today: date) -> Occasion | None:
    """The occasion if it is 0 to OCCASION_LEAD_DAYS days away, else None."""
    on = next_occurrence(state.month, state.day, today)
    days_away = (on - today).days
    if days_away > OCCASION_LEAD_DAYS:
        return None
    first, when = first_word(state.person_name), _when(days_away, on)
    years = on.year - state.year if state.year is not None else None
    if state.kind == "birthday":
        reason = f"{first}'s birthday is {when}"
        if years is not None and years > 0:
            reason += f": {first} turns {years}"
    elif state.kind == "anniversary":
        reason = f"{_label(state.label, 'anniversary')} with {first} is {when}"
        if years is not None and years > 0:
            reason += f" ({years} {'year' if years == 1 else 'years'})"
    else:
        reason = f"{_label(state.label, 'a day that matters')} for {first} is {when}"
    score = (OCCASION_LEAD_DAYS + 1 - days_away) / (OCCASION_LEAD_DAYS + 1)
    return Occasion(on=on, days_away=days_away, reason=f"{reason} — {OCCASION_NOTE}", score=score)
