"""core.mail.headers: what mutuals reads of a message, forgivingly."""

from __future__ import annotations

import datetime as dt
from email.utils import format_datetime, getaddresses, parsedate_to_datetime

from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.mail.headers import Address, _pairs, is_automated_sender, parse_headers

GOOD = (
    b"Return-Path: <rosa@example.org>\r\n"
    b"From: =?utf-8?q?Rosa_N=C3=BA=C3=B1ez?= <Rosa@Example.org>\r\n"
    b'To: jordan@example.org, "Okafor, Sam" <sam@example.org>\r\n'
    b"Cc: lee@example.net\r\n"
    b"Subject: =?utf-8?b?Q2Fmw6k=?= next\r\n week?\r\n"
    b"Date: Tue, 1 Dec 2026 10:00:00 +0100\r\n"
    b"Message-ID: <abc.123@mail.example.org>\r\n"
    b"In-Reply-To: <parent@x>\r\n"
    b"References: <root@x>\r\n <parent@x>\r\n"
    b"\r\n"
    b"From: not-a-header@example.org\r\n"
)


def test_a_well_formed_message():
    h = parse_headers(GOOD)
    assert h.message_id == "abc.123@mail.example.org"
    assert h.sender == Address("Rosa Núñez", "rosa@example.org")
    assert h.to == (Address("", "jordan@example.org"), Address("Okafor, Sam", "sam@example.org"))
    assert h.cc == (Address("", "lee@example.net"),)
    assert h.subject == "Café next week?"
    assert h.date == dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    assert (h.in_reply_to, h.references) == ("parent@x", ("root@x", "parent@x"))
    assert h.automated is False
    assert [a.email for a in h.recipients] == [
        "jordan@example.org",
        "sam@example.org",
        "lee@example.net",
    ]


def test_the_body_is_never_read():
    h = parse_headers(GOOD + b"List-Id: <x.example>\r\n")
    assert h.automated is False


def test_eight_bit_junk_is_read_as_utf8_else_latin1():
    h = parse_headers(b"From: \xe9l\xe8ve <eleve@example.fr>\nSubject: caf\xc3\xa9 \xff\n")
    assert h.sender == Address("élève", "eleve@example.fr")
    assert h.subject == "cafÃ© ÿ"  # not UTF-8 as a whole: every byte kept, as Latin-1


def test_broken_headers_give_nothing_rather_than_an_error():
    h = parse_headers(b"From: <<<@@>\nTo: ,,,\nDate: yesterday-ish\nSubject: =?bogus?q?x?=\n")
    assert (h.sender, h.to, h.date) == (None, (), None)
    assert h.subject == "=?bogus?q?x?="


def test_a_message_without_an_id_gets_the_same_fingerprint_wherever_it_is_read():
    a = parse_headers(
        b"From: a@b.org\r\nSubject: hi\r\n there\r\nDate: Tue, 1 Dec 2026 10:00:00 +0000\r\n"
    )
    b = parse_headers(b"Date: Tue, 1 Dec 2026 10:00:00 +0000\nFrom: a@b.org\nSubject: hi there\n")
    c = parse_headers(b"From: a@b.org\nSubject: hi there\nDate: Wed, 2 Dec 2026 10:00:00 +0000\n")
    assert a.message_id == b.message_id != c.message_id
    assert a.message_id.endswith("@mutuals.invalid")


def test_a_date_without_a_zone_is_utc_and_an_absurd_one_is_none():
    assert parse_headers(b"Date: 1 Dec 2026 10:00:00 -0000\n").date == dt.datetime(
        2026, 12, 1, 10, tzinfo=dt.UTC
    )
    assert parse_headers(b"Date: 1 Dec 1200 10:00:00 +0000\n").date is None


def test_ids_without_brackets_are_read():
    h = parse_headers(b"Message-ID: abc@x\nIn-Reply-To: parent@x (Rosa's message)\n")
    assert (h.message_id, h.in_reply_to) == ("abc@x", "parent@x")


def test_mail_machines_send_is_automated():
    base = b"From: someone@example.org\n"
    for extra in (
        b"List-Id: <friends.lists.example.org>\n",
        b"List-Unsubscribe: <mailto:u@x>\n",
        b"Precedence: bulk\n",
        b"Precedence: list\n",
        b"Auto-Submitted: auto-replied\n",
        b"X-Autoreply: yes\n",
    ):
        assert parse_headers(base + extra).automated, extra
    assert not parse_headers(base + b"Auto-Submitted: no\n").automated
    assert not parse_headers(base + b"Precedence: first-class\n").automated
    assert parse_headers(b"From: No-Reply+news@shop.example\n").automated


def test_no_reply_senders():
    for address in (
        "noreply@x.org",
        "no-reply@x.org",
        "do_not_reply@x.org",
        "MAILER-DAEMON@x.org",
        "notifications+abc@github.example",
        "bounces@x.org",
    ):
        assert is_automated_sender(address.lower()), address
    for address in ("rosa@x.org", "norbert@x.org", "info@x.org", "news.anchor.rosa@x.org"):
        assert not is_automated_sender(address), address


def test_a_very_long_references_keeps_its_first_and_last_ids():
    ids = b" ".join(b"<%d@x>" % i for i in range(200))
    h = parse_headers(b"References: " + ids + b"\n")
    assert len(h.references) == 50
    assert (h.references[0], h.references[-1]) == ("0@x", "199@x")


@given(st.binary(max_size=2000))
def test_any_bytes_parse_without_an_error(raw):
    h = parse_headers(raw)
    assert h.message_id
    assert h.date is None or h.date.tzinfo is dt.UTC
    assert all(a.email == a.email.lower() and "@" in a.email for a in (*h.to, *h.cc))


header_names = st.sampled_from(
    [
        b"From",
        b"To",
        b"Cc",
        b"Date",
        b"Subject",
        b"Message-ID",
        b"References",
        b"In-Reply-To",
        b"List-Id",
        b"Precedence",
        b"X-Other",
    ]
)


@given(st.lists(st.tuples(header_names, st.binary(max_size=80)), max_size=12))
def test_any_header_block_parses_without_an_error(fields):
    raw = b"".join(name + b": " + value.replace(b"\n", b" ") + b"\r\n" for name, value in fields)
    parse_headers(raw)


@given(
    st.datetimes(min_value=dt.datetime(1901, 1, 1), max_value=dt.datetime(2199, 1, 1)),
    st.integers(-14 * 60, 14 * 60),
)
def test_the_quick_date_reading_agrees_with_the_standard_library(when, minutes):
    zone = dt.timezone(dt.timedelta(minutes=minutes))
    text = format_datetime(when.replace(microsecond=0, tzinfo=zone))
    expected = parsedate_to_datetime(text).astimezone(dt.UTC)
    assert parse_headers(f"Date: {text}\n".encode()).date == expected


plain_names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters='"()\\:;[],<>@\r\n'), max_size=12
)
plain_addresses = st.from_regex(r"[a-z0-9._%+-]{1,10}@[a-z0-9-]{1,8}\.[a-z]{2,4}", fullmatch=True)


@given(st.lists(st.tuples(plain_names, plain_addresses), min_size=1, max_size=4))
def test_the_quick_address_reading_agrees_with_the_standard_library(pairs):
    text = ", ".join(f"{name} <{address}>" if name.strip() else address for name, address in pairs)
    assert [(" ".join(n.split()), a) for n, a in _pairs(text)] == [
        (" ".join(n.split()), a) for n, a in getaddresses([text])
    ]


def test_a_folded_line_that_looks_like_a_field_is_not_one():
    h = parse_headers(b"X-Note: see\n To: fake@example.org\nTo: real@example.org\n")
    assert [a.email for a in h.to] == ["real@example.org"]
