"""Forgiving dates: the words people type for a day, turned into a date.

Idea: on a command line people say "yesterday", "3 days ago" or "friday" far more often than
they type an ISO date, so every date option accepts those too.

Rule in words (case and extra spaces do not matter):
- "YYYY-MM-DD" is that day (ISO 8601 calendar date);
- "today", "yesterday" and "tomorrow" are what they say;
- "N days ago" / "N weeks ago" count back from today, "in N days" / "in N weeks" forward
  ("a day", "a week" and "1 day" work too);
- a weekday ("friday", "fri", "next friday") is the next such day strictly after today, so on a
  Friday "friday" means a week later;
- anything else is an error that says which forms work.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ACCEPTED_FORMS = (
    "YYYY-MM-DD, today, yesterday, tomorrow, '3 days ago', 'in 2 weeks' or a weekday like 'friday'"
)

_ISO = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_AMOUNT = r"(?P<n>\d{1,6}|an?)\s+(?P<unit>days?|weeks?)"
_AGO = re.compile(_AMOUNT + r"\s+ago")
_IN = re.compile(r"in\s+" + _AMOUNT)
_RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1}


class DateParseError(ValueError):
    """The text is not a date mutuals understands; the message lists the forms that work."""


def parse_date(text: str, today: date) -> date:
    """The day `text` names, counted from `today`; raises DateParseError otherwise."""
    words = " ".join(text.casefold().split())
    try:
        return _parse(words, today)
    except OverflowError:
        raise DateParseError(f"'{text.strip()}' is too far away to be a date.") from None


def _parse(words: str, today: date) -> date:
    if words in _RELATIVE_DAYS:
        return today + timedelta(days=_RELATIVE_DAYS[words])
    if _ISO.fullmatch(words):
        return _iso(words)
    if match := _AGO.fullmatch(words):
        return today - _span(match)
    if match := _IN.fullmatch(words):
        return today + _span(match)
    weekday = _weekday(words.removeprefix("next "))
    if weekday is not None:
        ahead = (weekday - today.weekday() - 1) % 7 + 1
        return today + timedelta(days=ahead)
    raise DateParseError(f"'{words}' is not a date I understand. Use {ACCEPTED_FORMS}.")


def _iso(words: str) -> date:
    year, month, day = (int(part) for part in words.split("-"))
    try:
        return date(year, month, day)
    except ValueError:
        raise DateParseError(f"'{words}' is not a day of the calendar.") from None


def _span(match: re.Match[str]) -> timedelta:
    raw = match["n"]
    n = 1 if raw in {"a", "an"} else int(raw)
    return timedelta(weeks=n) if match["unit"].startswith("week") else timedelta(days=n)


def _weekday(word: str) -> int | None:
    if len(word) < 3:
        return None
    for index, name in enumerate(WEEKDAYS):
        if name.startswith(word):
            return index
    return None
