"""Where someone worked and when: the months a position is dated by, and its years in words.

Work histories are dated by the month at most (LinkedIn writes "Mar 2019", people say "2019"),
so a position's day is the first of its month: "Mar 2019" is 1 March 2019 and "2019" is
1 January 2019. Forms read: "2019", "2019-03", "2019-03-14" (the day is dropped), "03/2019",
"3.2019", "Mar 2019", "March 2019", and the month names `file_dates` knows in German, French
and Spanish. The words say years only: "2019-2023", "2019-now" (with an en dash), "until 2023".
"""

from __future__ import annotations

import datetime as dt
import re

EARLIEST_YEAR = 1900
DASH = "\u2013"  # between years, as "2019\u20132023" is printed
_YEAR = re.compile(r"(\d{4})")
_YEAR_MONTH = re.compile(r"(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?")
_MONTH_YEAR = re.compile(r"(\d{1,2})[-/.](\d{4})")
_NAMED = re.compile(r"([^\W\d_]{3,})\.?,?\s+(\d{4})")


def read_month(value: str) -> dt.date | None:
    """The first day of the month `value` names, or None when it names none (or an empty
    value). Years before 1900 or after 9998 are not months anyone worked."""
    value = " ".join(value.split())
    if not value:
        return None
    try:
        year, month = _year_month(value)
        if not EARLIEST_YEAR <= year <= 9998:
            return None
        return dt.date(year, month, 1)
    except (ValueError, KeyError, TypeError):
        return None


def _year_month(value: str) -> tuple[int, int]:
    if found := _YEAR.fullmatch(value):
        return int(found[1]), 1
    if found := _YEAR_MONTH.fullmatch(value):
        return int(found[1]), int(found[2])
    if found := _MONTH_YEAR.fullmatch(value):
        return int(found[2]), int(found[1])
    if found := _NAMED.fullmatch(value):
        # Here, not at the top: the file formats' module is large, and every command loads
        # this one (people.models does).
        from mutuals.core.formats.file_dates import MONTHS

        return int(found[2]), MONTHS[found[1].casefold()]
    raise ValueError(value)


def years(started_on: dt.date | None, ended_on: dt.date | None, *, current: bool) -> str:
    """The years in words, joined by an en dash: "2019-2023", "2019-now" (still there), "2021"
    (within one year), "until 2023" (start unknown), "now" or "" (nothing known)."""
    start = started_on.year if started_on else None
    end = ended_on.year if ended_on else None
    if start is None:
        if end is not None:
            return f"until {end}"
        return "now" if current else ""
    if end is None:
        return f"{start}{DASH}now" if current else f"from {start}"
    return str(start) if start == end else f"{start}{DASH}{end}"


def wrong_date(started_on: dt.date | None, ended_on: dt.date | None, today: dt.date) -> str:
    """Which date is wrong ("started": after today; "ended": before the start), or "".
    Dates are months: a start this month is not in the future."""
    if started_on is not None and started_on > today.replace(day=1):
        return "started"
    if ended_on is not None and started_on is not None and ended_on < started_on:
        return "ended"
    return ""
