"""iCalendar (RFC 5545): past meetings read from .ics files, and the keep-in-touch feed written.

Reading uses the `icalendar` library. Only meetings that already happened count as
interactions, so events starting at or after `now` are left out, and so are cancelled ones
(STATUS:CANCELLED). Quirks handled:
- all-day events (DTSTART;VALUE=DATE) start at midnight UTC of that day;
- times with a TZID are converted to UTC; floating times (no zone) and zones the library
  cannot resolve are taken as UTC, the least surprising guess for a calendar's owner;
- recurring events are not expanded: the master event (its first occurrence) is one meeting,
  and changed occurrences (RECURRENCE-ID) are left out, so a weekly series counts once;
- attendee and organiser addresses lose their `mailto:` and are lower-cased; the organiser is
  also listed among the attendees;
- an event without a UID gets a stable one made from its start and summary, so importing the
  same file twice finds the same meetings.
`Meeting.line` is the physical line of the event's BEGIN:VEVENT.

Writing is done by hand, because one syntax error makes Google drop a whole subscription:
all-day, transparent VEVENTs (calendar apps ignore VTODO in subscriptions) with stable UIDs,
DTSTAMP, X-WR-CALNAME, REFRESH-INTERVAL and X-PUBLISHED-TTL; text escaped (backslash,
semicolon, comma, newline), control characters dropped, lines folded at 75 octets without
splitting a UTF-8 character, and CRLF line ends.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from mutuals.core.formats.records import FileRejected, Meeting, Parsed, Skipped
from mutuals.core.formats.text import clean

if TYPE_CHECKING:  # the library loads when a calendar is read, not when the writer is used
    import icalendar

PRODID = "-//mutuals//Keep in touch feed//EN"
MAX_LINE_OCTETS = 75
_CONTENT_LINE = re.compile(r"^[A-Za-z0-9-]+(;[^:]*)?:")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class FeedEvent:
    """One day in the keep-in-touch feed: a reminder shown as an all-day, free event."""

    uid: str
    day: date
    summary: str
    description: str = ""
    url: str = ""


def parse_calendar(data: bytes, *, now: datetime) -> Parsed[Meeting]:
    """The past meetings of an .ics file, in file order, and the events left out with why."""
    import icalendar

    text = clean(_decode(data))
    calendars = _read_calendars(text)
    lines = _vevent_lines(text)
    meetings: list[Meeting] = []
    skipped: list[Skipped] = []
    events = [
        event
        for calendar in calendars
        for event in calendar.walk("VEVENT")
        if isinstance(event, icalendar.Event)
    ]
    for index, event in enumerate(events):
        line = lines[index] if index < len(lines) else 0
        result = _meeting(event, line, now)
        if isinstance(result, Skipped):
            skipped.append(result)
        else:
            meetings.append(result)
    return Parsed(tuple(meetings), tuple(skipped))


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Old Outlook exports are Windows-1252; latin-1 never fails for what is left.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def _read_calendars(text: str) -> list[icalendar.Calendar]:
    import icalendar

    if not text.strip():
        raise FileRejected("The file is empty; export the calendar again as an .ics file.")
    if not text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        raise FileRejected(
            "This is not a calendar file: an .ics file starts with BEGIN:VCALENDAR.", line=1
        )
    try:
        components = icalendar.Calendar.from_ical(text, multiple=True)
    except ValueError as error:
        raise FileRejected(
            f"The calendar cannot be read ({error}); export it again as an .ics file.",
            line=_first_bad_line(text),
        ) from error
    calendars = [c for c in components if isinstance(c, icalendar.Calendar)]
    if not calendars:
        raise FileRejected("The calendar is incomplete: END:VCALENDAR is missing.")
    return calendars


def _first_bad_line(text: str) -> int | None:
    for number, line in enumerate(_physical_lines(text), start=1):
        if line.strip() and not line[0].isspace() and not _CONTENT_LINE.match(line):
            return number
    return None


def _physical_lines(text: str) -> list[str]:
    # str.splitlines would also split at U+2028 and friends, which editors do not count.
    return re.split(r"\r\n|\r|\n", text)


def _vevent_lines(text: str) -> list[int]:
    return [
        number
        for number, line in enumerate(_physical_lines(text), start=1)
        if line.strip().upper() == "BEGIN:VEVENT"
    ]


def _meeting(event: icalendar.Event, line: int, now: datetime) -> Meeting | Skipped:
    if "RECURRENCE-ID" in event:
        return Skipped(line, "a changed occurrence of a recurring event; only the first counts")
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return Skipped(line, "the event was cancelled")
    start = _utc(_property_value(event, "DTSTART"))
    if start is None:
        return Skipped(line, "the event has no readable start (DTSTART)")
    if start >= _as_utc(now):
        return Skipped(line, "the event is in the future")
    summary = str(event.get("SUMMARY", ""))
    organizer = _email(event.get("ORGANIZER"))
    attendees = _attendees(event.get("ATTENDEE"), organizer)
    return Meeting(
        line=line,
        uid=str(event.get("UID", "")) or _stable_uid(start, summary),
        summary=summary,
        start=start,
        end=_end(event),
        attendee_emails=attendees,
        organizer_email=organizer,
        location=str(event.get("LOCATION", "")),
        description=str(event.get("DESCRIPTION", "")),
    )


def _property_value(event: icalendar.Component, name: str) -> Any:
    import icalendar

    prop = event.get(name)
    try:
        return getattr(prop, "dt", None)
    except icalendar.error.BrokenCalendarProperty:
        return None


def _end(event: icalendar.Event) -> datetime | None:
    import icalendar

    if "DTEND" not in event and "DURATION" not in event:
        return None
    try:
        return _utc(event.end)
    except (icalendar.error.BrokenCalendarProperty, icalendar.error.InvalidCalendar):
        return None


def _utc(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return _as_utc(value)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=UTC)
    return None


def _as_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _email(address: object) -> str:
    if address is None:
        return ""
    text = str(address).strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    text = text.strip().lower()
    return text if "@" in text else ""


def _attendees(value: object, organizer: str) -> tuple[str, ...]:
    listed = value if isinstance(value, list) else [value] if value is not None else []
    emails = [organizer] if organizer else []
    emails.extend(_email(address) for address in listed)
    return tuple(dict.fromkeys(email for email in emails if email))


def _stable_uid(start: datetime, summary: str) -> str:
    digest = hashlib.sha256(f"{start.isoformat()}|{summary}".encode()).hexdigest()
    return f"no-uid-{digest[:24]}"


def write_feed(events: Iterable[FeedEvent], *, name: str, now: datetime) -> str:
    """The iCalendar text of a subscription feed with one all-day event per FeedEvent."""
    stamp = _as_utc(now).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"NAME:{escape_text(name)}",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
    ]
    for event in events:
        lines.extend(_event_lines(event, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)


def _event_lines(event: FeedEvent, stamp: str) -> Iterator[str]:
    yield "BEGIN:VEVENT"
    yield f"UID:{escape_text(event.uid)}"
    yield f"DTSTAMP:{stamp}"
    yield f"DTSTART;VALUE=DATE:{event.day.strftime('%Y%m%d')}"
    yield f"DTEND;VALUE=DATE:{(event.day + timedelta(days=1)).strftime('%Y%m%d')}"
    yield f"SUMMARY:{escape_text(event.summary)}"
    if event.description:
        yield f"DESCRIPTION:{escape_text(event.description)}"
    if event.url:
        # A URI is not escaped like text, but a stray space or line break would break it.
        yield f"URL:{''.join(_CONTROL.sub('', event.url).split())}"
    yield "TRANSP:TRANSPARENT"
    yield "END:VEVENT"


def escape_text(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): `\\ ; ,` escaped, any line break as `\\n`."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold_line(line: str) -> str:
    """The line folded so every physical line is at most 75 octets of UTF-8 (RFC 5545 3.1)."""
    parts: list[str] = []
    current: list[str] = []
    size = 0
    limit = MAX_LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            # Continuation lines start with a space, which counts towards their 75 octets.
            current, size, limit = [], 0, MAX_LINE_OCTETS - 1
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)
