import contextlib
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.formats.ical import FeedEvent, fold_line, parse_calendar, write_feed
from mutuals.core.formats.records import FileRejected

SAMPLES = Path(__file__).parent / "samples"
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def sample() -> bytes:
    return (SAMPLES / "google_calendar.ics").read_bytes()


def meeting_on_line(line: int):
    return next(m for m in parse_calendar(sample(), now=NOW).records if m.line == line)


def one_event(*lines: str) -> bytes:
    body = "".join(line + "\r\n" for line in lines)
    return f"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n{body}END:VEVENT\r\nEND:VCALENDAR\r\n".encode()


def skip_reason(line: int) -> str:
    return next(s.reason for s in parse_calendar(sample(), now=NOW).skipped if s.line == line)


# Reading


def test_past_meetings_are_read_in_file_order_with_the_line_of_begin_vevent():
    assert [m.line for m in parse_calendar(sample(), now=NOW).records] == [26, 44, 61, 88]


def test_a_zoned_start_is_converted_to_utc():
    assert meeting_on_line(26).start == datetime(2025, 6, 10, 8, 30, tzinfo=UTC)


def test_the_end_is_converted_to_utc():
    assert meeting_on_line(26).end == datetime(2025, 6, 10, 9, 0, tzinfo=UTC)


def test_attendees_are_lower_cased_without_mailto_with_the_organiser_and_no_repeats():
    assert meeting_on_line(26).attendee_emails == (
        "jordan.example@gmail.com",
        "rosa.nunez@example.org",
    )


def test_the_organiser_email_is_kept_separately():
    assert meeting_on_line(26).organizer_email == "jordan.example@gmail.com"


def test_summary_location_and_description_are_unescaped_text():
    meeting = meeting_on_line(26)
    assert (meeting.uid, meeting.summary, meeting.location, meeting.description) == (
        "coffee-001@google.com",
        "Coffee with Rosa",
        "Café Nero, 12 High St, London",
        "Talk about the data team, and intros.\nBring CV.",
    )


def test_an_all_day_event_starts_at_midnight_utc():
    meeting = meeting_on_line(44)
    assert (meeting.start, meeting.end) == (
        datetime(2025, 7, 4, tzinfo=UTC),
        datetime(2025, 7, 5, tzinfo=UTC),
    )


def test_a_cancelled_event_is_skipped():
    assert "cancelled" in skip_reason(52)


def test_a_recurring_event_counts_once_at_its_first_occurrence():
    assert meeting_on_line(61).start == datetime(2025, 1, 6, 9, 0, tzinfo=UTC)


def test_a_changed_occurrence_of_a_recurring_event_is_skipped():
    assert "recurring" in skip_reason(71)


def test_a_future_event_is_skipped():
    assert "future" in skip_reason(80)


def test_a_floating_time_is_taken_as_utc_and_a_duration_gives_the_end():
    meeting = meeting_on_line(88)
    assert (meeting.start, meeting.end) == (
        datetime(2025, 3, 20, 14, 0, tzinfo=UTC),
        datetime(2025, 3, 20, 14, 45, tzinfo=UTC),
    )


def test_an_event_without_uid_gets_the_same_made_up_uid_each_time():
    first = meeting_on_line(88).uid
    again = next(m for m in parse_calendar(sample(), now=NOW).records if m.line == 88).uid
    assert first.startswith("no-uid-")
    assert first == again


def test_an_event_without_an_end_has_none():
    ics = one_event("UID:a", "DTSTART:20240101T100000Z")
    assert parse_calendar(ics, now=NOW).records[0].end is None


def test_an_event_with_an_unreadable_start_is_skipped_with_its_line():
    ics = one_event("UID:a", "DTSTART:soon").replace(b"\r\n", b"\r\nVERSION:2.0\r\n", 1)
    assert parse_calendar(ics, now=NOW).skipped[0].line == 3


def test_an_event_starting_exactly_now_is_not_in_the_past():
    ics = one_event("UID:a", "DTSTART:20260101T000000Z")
    assert parse_calendar(ics, now=NOW).records == ()


def test_a_bom_and_bare_newlines_are_tolerated():
    ics = b"\xef\xbb\xbf" + one_event("UID:a", "DTSTART:20240101T100000Z").replace(b"\r\n", b"\n")
    assert len(parse_calendar(ics, now=NOW).records) == 1


def test_a_vcard_is_rejected_as_not_a_calendar():
    with pytest.raises(FileRejected, match="BEGIN:VCALENDAR"):
        parse_calendar(b"BEGIN:VCARD\r\nFN:Rosa\r\nEND:VCARD\r\n", now=NOW)


def test_an_empty_file_is_rejected():
    with pytest.raises(FileRejected, match="empty"):
        parse_calendar(b"", now=NOW)


def test_a_broken_line_is_rejected_with_its_line_number():
    ics = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nthis is not ical\r\nEND:VCALENDAR\r\n"
    with pytest.raises(FileRejected) as caught:
        parse_calendar(ics, now=NOW)
    assert caught.value.line == 3


def test_a_calendar_cut_short_is_rejected():
    with pytest.raises(FileRejected, match="incomplete"):
        parse_calendar(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\n", now=NOW)


@given(st.binary(max_size=300))
def test_reading_arbitrary_bytes_raises_nothing_but_file_rejected(data):
    with contextlib.suppress(FileRejected):
        parse_calendar(data, now=NOW)


@given(st.text(max_size=200))
def test_reading_arbitrary_calendar_bodies_raises_nothing_but_file_rejected(body):
    ics = f"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n{body}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    with contextlib.suppress(FileRejected):
        parse_calendar(ics.encode("utf-8", "surrogatepass"), now=NOW)


# Writing

STAMP = datetime(2026, 3, 2, 8, 15, 0, tzinfo=UTC)


def test_the_feed_is_exactly_the_expected_text():
    feed = write_feed(
        [FeedEvent("due-7@mutuals", date(2026, 3, 9), "Catch up: Rosa; Sam, Lee", "Say hi\\")],
        name="Keep in touch",
        now=STAMP,
    )
    assert feed == (
        "BEGIN:VCALENDAR\r\n"
        "VERSION:2.0\r\n"
        "PRODID:-//mutuals//Keep in touch feed//EN\r\n"
        "CALSCALE:GREGORIAN\r\n"
        "METHOD:PUBLISH\r\n"
        "X-WR-CALNAME:Keep in touch\r\n"
        "NAME:Keep in touch\r\n"
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n"
        "X-PUBLISHED-TTL:PT1H\r\n"
        "BEGIN:VEVENT\r\n"
        "UID:due-7@mutuals\r\n"
        "DTSTAMP:20260302T081500Z\r\n"
        "DTSTART;VALUE=DATE:20260309\r\n"
        "DTEND;VALUE=DATE:20260310\r\n"
        "SUMMARY:Catch up: Rosa\\; Sam\\, Lee\r\n"
        "DESCRIPTION:Say hi\\\\\r\n"
        "TRANSP:TRANSPARENT\r\n"
        "END:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )


def test_an_empty_feed_is_still_a_calendar_with_its_name():
    feed = write_feed([], name="Keep in touch", now=STAMP)
    assert "X-WR-CALNAME:Keep in touch\r\n" in feed
    assert "BEGIN:VEVENT" not in feed


def test_dtstamp_is_written_in_utc():
    later = datetime(2026, 3, 2, 9, 15, tzinfo=UTC).astimezone(
        __import__("zoneinfo").ZoneInfo("Europe/Paris")
    )
    feed = write_feed([FeedEvent("u", date(2026, 3, 9), "x")], name="n", now=later)
    assert "DTSTAMP:20260302T091500Z\r\n" in feed


def test_a_long_line_is_folded_at_75_octets_with_a_leading_space():
    folded = fold_line("SUMMARY:" + "a" * 100)
    assert folded.split("\r\n") == ["SUMMARY:" + "a" * 67, " " + "a" * 33]


def test_folding_never_splits_a_multibyte_character():
    folded = fold_line("SUMMARY:" + "é" * 60)
    assert [len(part.encode()) for part in folded.split("\r\n")] == [74, 1 + 54]


def test_a_url_loses_spaces_and_line_breaks():
    feed = write_feed(
        [FeedEvent("u", date(2026, 3, 9), "x", url="https://ex.org/a b\r\nc")],
        name="n",
        now=STAMP,
    )
    assert "URL:https://ex.org/abc\r\n" in feed


feed_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=120)
feed_events = st.builds(
    FeedEvent,
    uid=st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-@.", min_size=1, max_size=30),
    day=st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)),
    summary=feed_text | st.sampled_from(["Café, ☕; 👩‍👩‍👧‍👦\nnew line", "a\\b\r\nc"]),
    description=feed_text,
)


@given(st.lists(feed_events, max_size=4), feed_text)
def test_every_feed_line_is_crlf_terminated_and_at_most_75_octets(events, name):
    feed = write_feed(events, name=name, now=STAMP).encode("utf-8")
    assert feed.endswith(b"\r\n")
    lines = feed[:-2].split(b"\r\n")
    assert all(b"\r" not in line and b"\n" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines)


@given(st.lists(feed_events, min_size=1, max_size=4), feed_text)
def test_the_feed_parses_and_validates_with_icalendar(events, name):
    calendar = icalendar.Calendar.from_ical(write_feed(events, name=name, now=STAMP))
    calendar.validate()
    problems = [c.errors for c in calendar.walk() if c.errors]
    assert problems == []
    assert (str(calendar["VERSION"]), str(calendar["METHOD"])) == ("2.0", "PUBLISH")


def expected_text(text: str) -> str:
    cleaned = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in cleaned if c in "\t\n" or (ord(c) >= 0x20 and ord(c) != 0x7F))


@given(st.lists(feed_events, min_size=1, max_size=4), feed_text)
def test_icalendar_reads_back_every_events_fields(events, name):
    calendar = icalendar.Calendar.from_ical(write_feed(events, name=name, now=STAMP))
    read = [
        (
            str(e["UID"]),
            e["DTSTART"].dt,
            e["DTEND"].dt - e["DTSTART"].dt,
            str(e["SUMMARY"]),
            str(e.get("DESCRIPTION", "")),
            str(e["TRANSP"]),
            e["DTSTAMP"].dt,
        )
        for e in calendar.walk("VEVENT")
    ]
    assert read == [
        (
            e.uid,
            e.day,
            timedelta(days=1),
            expected_text(e.summary),
            expected_text(e.description),
            "TRANSPARENT",
            STAMP,
        )
        for e in events
    ]
    assert rfc5545_unescape(str(calendar["X-WR-CALNAME"])) == expected_text(name)


def rfc5545_unescape(raw: str) -> str:
    # icalendar keeps unknown X- properties raw, so TEXT unescaping (RFC 5545 3.3.11) is here.
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], raw)


def test_line_numbers_count_only_real_line_breaks():
    ics = one_event("UID:a", "DTSTART:20240101T100000Z", "SUMMARY:one\u2028two") + one_event(
        "UID:b", "DTSTART:20240102T100000Z"
    )
    assert [m.line for m in parse_calendar(ics, now=NOW).records] == [2, 9]
