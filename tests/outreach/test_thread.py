"""The thread before a draft, read from the interaction log: how many of your messages to the
recipient went unanswered, and how long ago you last wrote (outreach.selectors.thread_with).
Owner-scoped, one query; runs on SQLite and on PostgreSQL (scripts/with_postgres.py)."""

import datetime as dt

from mutuals.interactions import services as interactions
from mutuals.outreach import selectors
from tests.factories import make_person

TODAY = dt.date(2026, 11, 20)
ASK = "Hi Rosa, could you introduce me to Dana at Acme?"


def said(owner, person, days, kind="email", by="me", summary="A note"):
    return interactions.log_interaction(
        owner=owner,
        person_ids=[person.pk],
        summary=summary,
        occurred_on=TODAY - dt.timedelta(days=days),
        kind=kind,
        initiated_by=by,
    )


def thread(owner, person):
    return selectors.thread_with(owner=owner, person_id=person.pk, today=TODAY)


def test_your_last_two_messages_without_a_reply_are_two_unanswered(jordan):
    rosa = make_person(jordan)
    said(jordan, rosa, 40, kind="coffee", by="them")
    said(jordan, rosa, 30, by="them")
    said(jordan, rosa, 20, kind="message")
    said(jordan, rosa, 9)
    found = thread(jordan, rosa)
    assert (found.unanswered, found.days_since_you_wrote) == (2, 9)
    context = selectors.recipient(owner=jordan, person_id=rosa.pk, today=TODAY).context
    assert (context.unanswered, context.days_since_you_wrote) == (2, 9)


def test_when_they_wrote_last_nothing_is_unanswered_and_your_last_message_is_still_dated(jordan):
    rosa = make_person(jordan)
    said(jordan, rosa, 12)
    said(jordan, rosa, 5, by="them")
    found = thread(jordan, rosa)
    assert (found.unanswered, found.days_since_you_wrote) == (0, 12)


def test_a_call_or_a_coffee_after_your_message_is_an_answer(jordan):
    rosa = make_person(jordan)
    said(jordan, rosa, 12)
    said(jordan, rosa, 3, kind="call", by="me")
    assert thread(jordan, rosa).unanswered == 0


def test_a_message_whose_sender_was_not_recorded_is_never_read_as_silence(jordan):
    rosa = make_person(jordan)
    said(jordan, rosa, 12)
    said(jordan, rosa, 3, by="")
    found = thread(jordan, rosa)
    assert (found.unanswered, found.days_since_you_wrote) == (0, 12)


def test_no_thread_at_all_is_nothing_unanswered_and_no_date(jordan):
    rosa = make_person(jordan)
    found = thread(jordan, rosa)
    assert (found.unanswered, found.days_since_you_wrote) == (0, None)


def test_it_is_one_query(jordan, django_assert_num_queries):
    rosa = make_person(jordan)
    for days in (30, 20, 10):
        said(jordan, rosa, days)
    with django_assert_num_queries(1):
        assert thread(jordan, rosa).unanswered == 3


def test_another_users_conversations_never_count(jordan, riley):
    rosa = make_person(jordan)
    theirs = make_person(riley, "Rosa Núñez")
    said(riley, theirs, 2)
    said(riley, theirs, 1)
    said(jordan, rosa, 30, by="them")
    assert thread(jordan, rosa).unanswered == 0
    # Asked for someone else's person, the thread is empty: nothing of theirs is read.
    assert (thread(riley, rosa).unanswered, thread(riley, rosa).days_since_you_wrote) == (0, None)
    assert thread(riley, theirs).unanswered == 2


def test_a_review_for_a_person_knows_the_thread_and_calls_a_second_ask_a_chase(jordan):
    rosa = make_person(jordan)
    said(jordan, rosa, 60, kind="coffee", by="them")
    found, _ = selectors.review_message(owner=jordan, text=ASK, today=TODAY, person_id=rosa.pk)
    assert "chasing" not in {f.code for f in found.findings}
    said(jordan, rosa, 3, summary="Asked for an intro to Dana")
    found, recipient = selectors.review_message(
        owner=jordan, text=ASK, today=TODAY, person_id=rosa.pk
    )
    assert recipient is not None
    assert recipient.context.unanswered == 1
    (chase,) = [f for f in found.findings if f.code == "chasing"]
    assert chase.severity == "problem"
    assert "3 days ago" in chase.message


def test_a_draft_is_reviewed_with_the_thread_too(jordan):
    rosa = make_person(jordan)
    said(jordan, rosa, 4)
    _, _, recipient = selectors.draft_message(
        owner=jordan, person_id=rosa.pk, purpose="reconnect", today=TODAY
    )
    assert (recipient.context.unanswered, recipient.context.days_since_you_wrote) == (1, 4)


def test_sending_through_the_app_counts_as_a_message_you_wrote(jordan):
    from mutuals.outreach import services

    rosa = make_person(jordan)
    said(jordan, rosa, 30, by="them")
    services.record_sent(owner=jordan, person_id=rosa.pk, text=ASK, on=TODAY - dt.timedelta(days=2))
    found = thread(jordan, rosa)
    assert (found.unanswered, found.days_since_you_wrote) == (1, 2)
