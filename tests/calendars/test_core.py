"""core.calendars: the bounded window, recurrences expanded by recurring-ical-events, keys that
survive a moved occurrence, broken events left out, attendees matched by address, and the
agenda's words."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core import calendar_words, calendars
from mutuals.core.formats.records import FileRejected
from tests.calendars.ics import calendar, event

UTC = dt.UTC
NOW = dt.datetime(2026, 11, 20, 12, tzinfo=UTC)


def test_the_window_is_400_days_back_and_60_ahead():
    assert calendars.window(NOW) == (
        NOW - dt.timedelta(days=400),
        NOW + dt.timedelta(days=60),
    )


def test_a_daily_event_is_expanded_only_inside_the_window():
    text = calendar(event("d", NOW - dt.timedelta(days=1000), rrule="FREQ=DAILY"))
    found = calendars.expand([text], now=NOW).occurrences
    assert len(found) == 460
    assert found[0].start >= NOW - dt.timedelta(days=400)
    assert found[-1].start < NOW + dt.timedelta(days=60)
    assert len({o.key for o in found}) == 460


def test_a_single_event_has_no_recurrence_id_and_an_all_day_event_its_day():
    text = calendar(event("one", NOW), event("day", dt.date(2026, 11, 25)))
    one, day = calendars.expand([text], now=NOW).occurrences
    assert (one.key, one.all_day) == (("one", ""), False)
    assert (day.start, day.all_day) == (dt.datetime(2026, 11, 25, tzinfo=UTC), True)


def test_exdates_and_cancelled_occurrences_are_left_out():
    first = dt.datetime(2026, 11, 2, 10, tzinfo=UTC)
    text = calendar(
        event(
            "s",
            first,
            rrule="FREQ=WEEKLY;COUNT=4",
            extra="EXDATE:" + (first + dt.timedelta(days=7)).strftime("%Y%m%dT%H%M%SZ"),
        ),
        event(
            "s",
            first + dt.timedelta(days=14),
            recurrence_id=first + dt.timedelta(days=14),
            status="CANCELLED",
        ),
    )
    starts = [o.start for o in calendars.expand([text], now=NOW).occurrences]
    assert starts == [first, first + dt.timedelta(days=21)]


def test_a_broken_event_is_counted_and_the_others_read():
    text = calendar(event("bad", NOW, extra="RRULE:FREQ=SOMETIMES"), event("good", NOW))
    expanded = calendars.expand([text], now=NOW)
    assert [o.uid for o in expanded.occurrences] == ["good"]
    assert expanded.broken == 1


def test_what_is_not_a_calendar_is_rejected():
    with pytest.raises(FileRejected):
        calendars.expand([b"<html>Sign in</html>"], now=NOW)


def test_too_many_occurrences_are_refused(monkeypatch):
    monkeypatch.setattr(calendars, "MAX_OCCURRENCES", 10)
    text = calendar(event("d", NOW - dt.timedelta(days=30), rrule="FREQ=DAILY"))
    with pytest.raises(calendars.TooManyOccurrences):
        calendars.expand([text], now=NOW)


def test_people_are_matched_by_organiser_and_attendee_address():
    text = calendar(
        event("m", NOW, organizer="Rosa@Example.com", attendees=("bruce@example.com", "x@y.z"))
    )
    (found,) = calendars.expand([text], now=NOW).occurrences
    assert found.emails == ("rosa@example.com", "bruce@example.com", "x@y.z")
    assert calendars.people_in(found, {"rosa@example.com": 7, "bruce@example.com": 3}) == (3, 7)


@pytest.mark.parametrize(
    ("days", "all_day", "words"),
    [
        (0, False, "Coffee with Rosa — today, 10:00"),
        (1, False, "Coffee with Rosa — tomorrow, 10:00"),
        (2, False, "Coffee with Rosa — Sunday, 10:00"),
        (1, True, "Coffee with Rosa — tomorrow"),
        (20, False, "Coffee with Rosa — 10 December, 10:00"),
    ],
)
def test_a_meeting_in_words(days, all_day, words):
    today = dt.date(2026, 11, 20)  # a Friday
    start = dt.datetime.combine(today + dt.timedelta(days=days), dt.time(10))
    assert (
        calendar_words.meeting_words(
            "Coffee with Rosa", ["Rosa Núñez"], start, today, all_day=all_day
        )
        == words
    )


def test_a_title_that_does_not_name_them_gets_their_names():
    start = dt.datetime(2026, 11, 21, 9, 30)
    words = calendar_words.meeting_words(
        "Standup", ["Rosa Núñez", "Bruce Wayne"], start, dt.date(2026, 11, 20), all_day=False
    )
    assert words == "Standup with Rosa Núñez and Bruce Wayne — tomorrow, 09:30"


def test_last_time_is_the_notes_first_line_else_the_summary():
    notes = "\n  Talked about Orion\nmore"
    assert calendar_words.last_time_words("Coffee", notes) == "Talked about Orion"
    assert calendar_words.last_time_words("Coffee", "") == "Coffee"
    assert calendar_words.last_time_words("", "") == ""


@given(st.text(max_size=300))
def test_expanding_any_text_either_reads_or_rejects_it(text):
    with contextlib.suppress(FileRejected):
        calendars.expand([text], now=NOW)


LINES = st.sampled_from(
    [
        "BEGIN:VEVENT",
        "END:VEVENT",
        "UID:a",
        "UID:b",
        "DTSTART:20261110T100000Z",
        "DTSTART;VALUE=DATE:20261111",
        "DTSTART;TZID=Europe/Paris:20261110T100000",
        "DTSTART:nonsense",
        "DTEND:20261110T090000Z",
        "RRULE:FREQ=WEEKLY;COUNT=3",
        "RRULE:FREQ=DAILY",
        "RRULE:FREQ=SOMETIMES",
        "RECURRENCE-ID:20261117T100000Z",
        "EXDATE:20261117T100000Z",
        "STATUS:CANCELLED",
        "ATTENDEE:mailto:rosa@example.com",
        "ORGANIZER:not an address",
        "SUMMARY:Coffee",
        "BEGIN:VTIMEZONE",
        "END:VTIMEZONE",
    ]
)


@given(st.lists(LINES, max_size=30))
def test_any_calendar_of_known_lines_expands_inside_the_window_or_is_rejected(lines):
    text = "BEGIN:VCALENDAR\r\n" + "\r\n".join(lines) + "\r\nEND:VCALENDAR\r\n"
    start, end = calendars.window(NOW)
    try:
        expanded = calendars.expand([text], now=NOW)
    except FileRejected:
        return
    keys = [o.key for o in expanded.occurrences]
    assert len(keys) == len(set(keys))
    assert all(start <= o.start < end or o.all_day for o in expanded.occurrences)
    assert expanded.broken >= 0
