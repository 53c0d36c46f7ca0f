"""The thread before a draft (core.outreach.thread) and what the review makes of it: an ask or a
push sent while your earlier message is unanswered is a chase, whatever its words; a gracious
follow-up is not."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.outreach import READY, OutreachContext, Severity, review
from mutuals.core.outreach.thread import DAYS_MAX, UNANSWERED_MAX, Entry, thread
from tests.core.outreach_corpus import load
from tests.core.test_outreach_corpus import BODY_SENTENCES, POLITE

TODAY = dt.date(2026, 11, 20)


def day(days_ago):
    return TODAY - dt.timedelta(days=days_ago)


# --- the thread, from the log -------------------------------------------------------------------


def test_your_messages_since_their_last_one_are_unanswered():
    log = [
        Entry(day(3), "email", "me"),
        Entry(day(10), "message", "me"),
        Entry(day(20), "email", "them"),
        Entry(day(30), "email", "me"),
    ]
    assert thread(log, TODAY) == thread(iter(log), TODAY)
    found = thread(log, TODAY)
    assert (found.unanswered, found.days_since_you_wrote) == (2, 3)


@pytest.mark.parametrize(
    "answer",
    [
        Entry(day(2), "email", "them"),
        Entry(day(2), "coffee", "me"),
        Entry(day(2), "call", "them"),
        Entry(day(2), "meeting", ""),
        Entry(day(2), "email", ""),  # who wrote it is not recorded: never read as silence
        Entry(day(2), "other", "me"),
    ],
)
def test_anything_but_a_message_you_wrote_ends_the_count(answer):
    found = thread([answer, Entry(day(9), "email", "me")], TODAY)
    assert found.unanswered == 0
    assert found.days_since_you_wrote == 9


def test_no_log_is_no_thread_and_a_future_date_is_today():
    assert thread([], TODAY).unanswered == 0
    assert thread([], TODAY).days_since_you_wrote is None
    assert thread([Entry(day(-5), "email", "me")], TODAY).days_since_you_wrote == 0


entries = st.builds(
    Entry,
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
    st.sampled_from(["email", "message", "call", "coffee", "meeting", "other"]),
    st.sampled_from(["me", "them", ""]),
)


@given(st.lists(entries, max_size=80))
def test_the_thread_is_bounded_and_counts_only_a_run_of_your_messages(log):
    found = thread(log, TODAY)
    assert 0 <= found.unanswered <= UNANSWERED_MAX
    assert found.unanswered <= len(log)
    assert all(entry.written_by_me for entry in log[: found.unanswered])
    if found.unanswered < min(len(log), UNANSWERED_MAX):
        assert not log[found.unanswered].written_by_me
    days = found.days_since_you_wrote
    assert (days is None) == (not any(entry.written_by_me for entry in log))
    assert days is None or 0 <= days <= DAYS_MAX


# --- what the review makes of it ----------------------------------------------------------------

ASK = "Hi Jo, could you send me the slides from your talk?"
WAITING = OutreachContext(unanswered=1, days_since_you_wrote=20)


def chase(text, context):
    return [f for f in review(text, context).findings if f.code == "chasing"]


def test_an_ask_sent_again_without_an_easy_out_is_a_chase_warning():
    assert chase(ASK, OutreachContext()) == []
    assert chase(ASK, OutreachContext(days_since_you_wrote=20)) == []  # they wrote last
    (found,) = chase(ASK, WAITING)
    assert found.severity is Severity.WARN
    assert ASK[found.start : found.end].startswith("could you send")
    assert "no answer yet" in found.message
    assert "chasing" not in found.message
    assert not any(f"P{n}" in found.message.split() for n in range(1, 11))


def test_a_deadline_or_a_demand_after_an_unanswered_message_is_a_chase_problem():
    for text in (
        "Hi Jo, could you send me the slides by Friday?",
        "Hi Jo, I need you to send me the slides ASAP.",
        "Hi Jo, you promised me those slides. Please send them.",
    ):
        (found,) = chase(text, WAITING)
        assert found.severity is Severity.PROBLEM, text
        assert review(text, WAITING).verdict != READY


def test_writing_again_within_a_week_is_a_problem_and_says_when_you_wrote():
    (found,) = chase(ASK, OutreachContext(unanswered=1, days_since_you_wrote=2))
    assert found.severity is Severity.PROBLEM
    assert "2 days ago" in found.message
    (found,) = chase("Hi Jo?? did u talk to ur boss yet", OutreachContext(unanswered=1))
    assert found.severity is Severity.WARN
    many = OutreachContext(unanswered=3, days_since_you_wrote=30)
    assert chase(ASK, many)[0].severity is Severity.PROBLEM
    assert "Your last 3 messages" in chase(ASK, many)[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Hi Ana, just bumping my note about coffee in case it got buried. No pressure at all if "
        "now isn't a good time. Hope the launch went well!",
        "Hi Ana, I know things are hectic with the launch. How did it go? If you ever have a "
        "free half hour I'd love a coffee, but totally understand if not.",
        "Hey Sam! Saw this piece on heat pumps and thought of your renovation: "
        "https://example.org/heat. Hope the kitchen is coming along!",
        "Hi Sam, how was the wedding? I'd love to hear all about it over a drink sometime.",
    ],
)
def test_a_gracious_follow_up_weeks_later_is_ready(text):
    assert review(text, OutreachContext(unanswered=1, days_since_you_wrote=21)).verdict == READY


def test_a_gracious_follow_up_the_next_day_is_still_too_soon():
    text = (
        "Hi Ana, just bumping my note about coffee in case it got buried. No pressure at all if "
        "now isn't a good time."
    )
    (found,) = chase(text, OutreachContext(unanswered=1, days_since_you_wrote=1))
    assert found.severity is Severity.WARN
    assert "yesterday" in found.message


def test_a_big_ask_again_needs_an_easy_out_not_just_a_question_about_them():
    text = "Hi Jo, how was Lisbon? Could you introduce me to Dana at Acme?"
    assert chase(text, WAITING)
    eased = text + " Totally understand if not."
    assert chase(eased, WAITING) == []


def test_a_fresh_catch_up_when_they_wrote_last_is_ready():
    text = "Hi Jo! How was Lisbon? We should catch up soon, coffee next week?"
    context = OutreachContext(unanswered=0, days_since_you_wrote=40, days_since_last_contact=3)
    assert review(text, context).verdict == READY


def test_the_words_still_make_a_chase_with_no_thread():
    text = "Following up on my last email, which you haven't answered. Please send it today."
    assert chase(text, OutreachContext())[0].severity is Severity.PROBLEM


PUSHES = [
    "Please send the introduction by Friday.",
    "I need you to reply today.",
    "Could you refer me ASAP?",
    "pls send ur bosses email tonight",
    "You owe me this introduction.",
    "Answer me please, the deadline is 5pm.",
]


@given(
    st.lists(st.sampled_from(BODY_SENTENCES), max_size=6),
    st.sampled_from(PUSHES),
    st.sampled_from(POLITE),
    st.integers(0, 7),
    st.integers(0, 7),
    st.integers(1, 4),
    st.one_of(st.none(), st.integers(0, 120)),
)
def test_a_polite_sentence_never_removes_a_chase_from_a_push_while_you_wait_for_an_answer(
    sentences, push, polite, where, polite_at, unanswered, days
):
    context = OutreachContext(unanswered=unanswered, days_since_you_wrote=days)
    pushed = [*sentences[:where], push, *sentences[where:]]
    politer = [*pushed[:polite_at], polite, *pushed[polite_at:]]
    before = chase("Hi Sam,\n\n" + " ".join(pushed), context)
    after = chase("Hi Sam,\n\n" + " ".join(politer), context)
    if before:
        assert after
        assert after[0].severity is Severity.PROBLEM or before[0].severity is Severity.WARN


@pytest.mark.parametrize("push", PUSHES)
def test_each_push_alone_while_you_wait_is_a_chase_problem(push):
    (found,) = chase(f"Hi Sam,\n\n{push}", WAITING)
    assert found.severity is Severity.PROBLEM


# --- the corpus's thread facts ------------------------------------------------------------------


def test_development_has_thread_facts_both_ways():
    threaded = [m for m in load("development") if m.context.unanswered > 0]
    assert len(threaded) >= 30
    ready = [m for m in threaded if m.verdict == "ready"]
    assert len(ready) >= 10
    assert len(threaded) - len(ready) >= 10
    fresh = [
        m
        for m in load("development")
        if m.context.unanswered == 0 and m.context.days_since_you_wrote is not None
    ]
    assert fresh
