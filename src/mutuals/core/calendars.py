"""Calendars that log themselves (issue 18): the occurrences of a subscribed calendar's events
inside one bounded window and who they are with (how an upcoming one reads on the agenda is
core.calendar_words).

- The window: WINDOW_BACK before now to WINDOW_AHEAD after it (400 days back, so a year of past
  meetings becomes conversations; 60 days ahead, enough for the agenda). Nothing outside it is
  read, so a calendar with a weekly meeting since 2009 costs what its last 460 days do.
- Recurring events are expanded by `recurring-ical-events` (RRULE, RDATE, EXDATE, moved and
  cancelled occurrences), one event (one UID, with its changed occurrences) at a time, so an
  event the library cannot read is left out and counted (`Expanded.broken`), not the calendar.
- Each occurrence is known by its event's UID and, for an occurrence of a recurring event, its
  RECURRENCE-ID (its original start, in UTC): a moved occurrence keeps its key, so a sync
  updates it rather than adding it again. A single event's recurrence id is "".
- Cancelled events and occurrences (STATUS:CANCELLED) are left out.
- Attendees and the organiser are matched to your people by e-mail address (lower-cased,
  without `mailto:`), as the one-off .ics import does (core.formats.ical).

Plain data; the `icalendar` and `recurring-ical-events` libraries, no Django, no I/O. The
readers (core.formats) load when a calendar is read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

WINDOW_BACK = timedelta(days=400)
WINDOW_AHEAD = timedelta(days=60)
MAX_OCCURRENCES = 50_000  # in the window, all calendars of an account together
TITLE_MAX = 200


class TooManyOccurrences(ValueError):
    """The calendar holds more than MAX_OCCURRENCES occurrences inside the window."""


@dataclass(frozen=True, slots=True)
class Occurrence:
    uid: str
    recurrence_id: str  # "" for a single event; else its original start (UTC, ISO 8601)
    start: datetime  # UTC
    end: datetime | None  # UTC
    all_day: bool
    title: str
    emails: tuple[str, ...]  # the organiser first, then the attendees; lower-case

    @property
    def key(self) -> tuple[str, str]:
        return (self.uid, self.recurrence_id)


@dataclass(frozen=True, slots=True)
class Expanded:
    occurrences: tuple[Occurrence, ...]
    broken: int  # events left out because they could not be read


def window(now: datetime) -> tuple[datetime, datetime]:
    """The bounded window a sync reads: [now - WINDOW_BACK, now + WINDOW_AHEAD)."""
    moment = _as_utc(now)
    return moment - WINDOW_BACK, moment + WINDOW_AHEAD


def expand(texts: Iterable[str | bytes], *, now: datetime) -> Expanded:
    """Every occurrence inside the window of the calendars' events (each text one VCALENDAR, or
    several), sorted by start then key; one per key. FileRejected (core.formats.records) when
    a text is not a calendar at all; TooManyOccurrences past MAX_OCCURRENCES."""
    from mutuals.core.formats.ical import _decode, _read_calendars
    from mutuals.core.formats.text import clean

    start, end = window(now)
    found: dict[tuple[str, str], Occurrence] = {}
    broken = 0
    for text in texts:
        decoded = clean(_decode(text) if isinstance(text, bytes) else text)
        for calendar in _read_calendars(decoded):
            for group in _by_uid(calendar):
                try:
                    occurrences = list(_expand_event(calendar, group, start, end))
                except Exception:  # any library error: this one event is unreadable
                    broken += 1
                    continue
                for occurrence in occurrences:
                    found[occurrence.key] = occurrence
                if len(found) > MAX_OCCURRENCES:
                    raise TooManyOccurrences(str(MAX_OCCURRENCES))
    ordered = sorted(found.values(), key=lambda o: (o.start, o.key))
    return Expanded(tuple(ordered), broken)


def _by_uid(calendar: Any) -> list[list[Any]]:
    """The calendar's events, grouped by UID (a series with its changed occurrences)."""
    groups: dict[str, list[Any]] = {}
    for number, event in enumerate(calendar.walk("VEVENT")):
        uid = str(event.get("UID", "")).strip() or f"no-uid-{number}"
        groups.setdefault(uid, []).append(event)
    return list(groups.values())


def _expand_event(calendar: Any, group: list[Any], start: datetime, end: datetime) -> Any:
    import icalendar
    import recurring_ical_events  # type: ignore[import-untyped]

    from mutuals.core.formats.ical import _attendees, _email
    from mutuals.core.formats.text import clean

    single = len(group) == 1 and not any(
        name in group[0] for name in ("RRULE", "RDATE", "RECURRENCE-ID")
    )
    alone = icalendar.Calendar()
    for zone in calendar.walk("VTIMEZONE"):
        alone.add_component(zone)
    for event in group:
        if "DTSTART" not in event:
            raise ValueError("an event without a start")
        alone.add_component(event)
    uid = str(group[0].get("UID", "")).strip()
    for event in recurring_ical_events.of(alone).between(start, end):
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        begins = event["DTSTART"].dt
        all_day = not isinstance(begins, datetime)
        moment = _utc(begins)
        key = "" if single else _recurrence_id(event.get("RECURRENCE-ID"), moment)
        organizer = _email(event.get("ORGANIZER"))
        yield Occurrence(
            uid=uid or _fallback_uid(moment, str(event.get("SUMMARY", ""))),
            recurrence_id=key,
            start=moment,
            end=_end(event),
            all_day=all_day,
            title=clean(str(event.get("SUMMARY", ""))).strip()[:TITLE_MAX],
            emails=_attendees(event.get("ATTENDEE"), organizer),
        )


def _as_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _utc(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return _as_utc(value)
    return datetime.combine(value, time(), tzinfo=UTC)


def _end(event: Any) -> datetime | None:
    value = event.get("DTEND")
    if value is None:
        return None
    found = getattr(value, "dt", None)
    return _utc(found) if isinstance(found, date) else None


def _recurrence_id(value: Any, start: datetime) -> str:
    found = getattr(value, "dt", None)
    if isinstance(found, date):
        return _utc(found).isoformat()
    return start.isoformat()


def _fallback_uid(start: datetime, summary: str) -> str:
    from mutuals.core.formats.ical import _stable_uid

    return _stable_uid(start, summary)


def people_in(occurrence: Occurrence, by_email: Mapping[str, int]) -> tuple[int, ...]:
    """Your people at the occurrence (by the organiser's and attendees' addresses), by id."""
    return tuple(sorted({by_email[e] for e in occurrence.emails if e in by_email}))
