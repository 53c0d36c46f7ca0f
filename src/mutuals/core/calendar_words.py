"""How a coming meeting reads on the agenda (issue 18): "Coffee with Rosa — tomorrow, 10:00",
and the line of the last conversation with its people. Apart from core.calendars (the
iCalendar reading), so Today, `mutuals today --json` and GET /api/today load only this.

Plain Python: no Django, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

UPCOMING_DAYS = 2  # the agenda shows the meetings of today and the next two days


def when_words(start: datetime, today: date, *, all_day: bool) -> str:
    """When, in words: "today, 10:00", "tomorrow, 10:00", "Sunday, 10:00" (without the time
    for a day-long event); `start` is in the reader's time zone."""
    days = (start.date() - today).days
    if days == 0:
        day = "today"
    elif days == 1:
        day = "tomorrow"
    elif days == -1:
        day = "yesterday"
    elif 1 < days < 7:
        day = start.strftime("%A")
    else:
        day = f"{start.day} {start.strftime('%B')}"
    return day if all_day else f"{day}, {start:%H:%M}"


def meeting_words(
    title: str, names: Sequence[str], start: datetime, today: date, *, all_day: bool
) -> str:
    """A coming meeting in words, "Coffee with Rosa — tomorrow, 10:00": its title, and who when
    the title does not name them; `start` in the reader's time zone."""
    what = title.strip() or "Meeting"
    missing = [name for name in names if name.split(" ")[0].lower() not in what.lower()]
    if missing:
        what = f"{what} with {_names(missing)}"
    return f"{what} — {when_words(start, today, all_day=all_day)}"


def last_time_words(summary: str, notes: str) -> str:
    """The last conversation's line for an upcoming meeting: its notes' first line, else its
    summary; "" when neither says anything."""
    for text in (notes, summary):
        line = next((part.strip() for part in text.splitlines() if part.strip()), "")
        if line:
            return line if len(line) <= 160 else line[:159].rstrip() + "…"
    return ""


def _names(names: Sequence[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    if len(names) == 3:
        return f"{names[0]}, {names[1]} and {names[2]}"
    return f"{names[0]}, {names[1]} and {len(names) - 2} others"
