"""iCalendar text for the tests: events written by hand, as a calendar server serves them."""

from __future__ import annotations

import datetime as dt

UTC = dt.UTC


def stamp(moment: dt.datetime | dt.date) -> str:
    if isinstance(moment, dt.datetime):
        return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return moment.strftime("%Y%m%d")


def event(
    uid: str,
    start: dt.datetime | dt.date,
    summary: str = "Coffee with Rosa",
    *,
    attendees: tuple[str, ...] = ("rosa@example.com",),
    organizer: str = "jordan@example.org",
    hours: int = 1,
    rrule: str = "",
    recurrence_id: dt.datetime | None = None,
    status: str = "",
    extra: str = "",
) -> str:
    lines = ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20261101T000000Z"]
    if isinstance(start, dt.datetime):
        lines += [f"DTSTART:{stamp(start)}", f"DTEND:{stamp(start + dt.timedelta(hours=hours))}"]
    else:
        lines += [f"DTSTART;VALUE=DATE:{stamp(start)}"]
    lines.append(f"SUMMARY:{summary}")
    if organizer:
        lines.append(f"ORGANIZER:mailto:{organizer}")
    lines += [f"ATTENDEE;CN=Someone:mailto:{address}" for address in attendees]
    if rrule:
        lines.append(f"RRULE:{rrule}")
    if recurrence_id is not None:
        lines.append(f"RECURRENCE-ID:{stamp(recurrence_id)}")
    if status:
        lines.append(f"STATUS:{status}")
    if extra:
        lines.append(extra)
    lines.append("END:VEVENT")
    return "\r\n".join(lines)


def calendar(*events: str) -> str:
    head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//mutuals tests//EN\r\n"
    return head + "".join(e + "\r\n" for e in events) + "END:VCALENDAR\r\n"
