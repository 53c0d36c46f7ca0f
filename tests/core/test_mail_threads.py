"""core.mail.threads: threads, conversations (one per thread and day), offers."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.mail.threads import (
    MAX_RECIPIENTS,
    ThreadMessage,
    clean_subject,
    conversations,
    likely_me,
    thread_key,
    thread_keys,
    worth_offering,
)

ME = "me@x.org"
T0 = dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)


def tm(mid, sender, to, hours=0, thread="t", reply=False, subject="Lunch"):
    return ThreadMessage(
        message_id=mid,
        thread=thread,
        sent_at=T0 + dt.timedelta(hours=hours),
        sender=sender,
        recipients=tuple(to),
        subject=subject,
        is_reply=reply,
    )


def talks(messages, people):
    return conversations(
        messages, is_me=lambda a: a == ME, people=people, day_of=lambda d: d.date()
    )


def test_linked_messages_share_a_thread_keyed_by_the_smallest_id():
    keys = thread_keys({"c": ("a", "b"), "b": ("a", ""), "z": ("", ""), "y": ("", "ghost")})
    assert keys["b"] == keys["c"] == thread_key("a")
    assert keys["z"] == thread_key("z")
    assert keys["y"] == thread_key("ghost")


def test_a_chain_of_replies_is_one_thread():
    keys = thread_keys({"d": ("", "c"), "c": ("", "b"), "b": ("", "a")})
    assert len(set(keys.values())) == 1


@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), max_size=30), st.randoms())
def test_threads_do_not_depend_on_order(edges, rnd):
    links = {}
    for a, b in edges:
        links.setdefault(f"{a}@x", set()).add(f"{b}@x")
    items = list(links.items())
    rnd.shuffle(items)
    assert thread_keys(dict(items)) == thread_keys(links)


def test_one_conversation_per_thread_and_day():
    rosa = "rosa@x.org"
    found = talks(
        [
            tm("1", ME, [rosa], 0, subject="Lunch"),
            tm("2", rosa, [ME], 1, reply=True, subject="Re: Lunch"),
            tm("3", rosa, [ME], 50, reply=True, subject="RE: Lunch"),
        ],
        {rosa: 7},
    )
    assert [(c.day.day, c.messages, c.initiated_by, c.summary, c.person_ids) for c in found] == [
        (2, 2, "me", "E-mail (2 messages): Lunch", (7,)),
        (4, 1, "", "E-mail (1 message): Lunch", (7,)),
    ]
    assert found[0].key == "email:t:2026-11-02"


def test_days_with_none_of_your_people_make_nothing_and_the_starter_waits():
    rosa = "rosa@x.org"
    found = talks(
        [tm("1", "stranger@x.org", [ME], 0), tm("2", ME, ["stranger@x.org", rosa], 30)],
        {rosa: 7},
    )
    assert [(c.day.day, c.initiated_by) for c in found] == [(3, "them")]


def test_announcements_are_left_out():
    people = {f"p{i}@x.org": i for i in range(MAX_RECIPIENTS + 1)}
    assert talks([tm("1", ME, list(people))], people) == []
    assert len(talks([tm("1", ME, list(people)[:MAX_RECIPIENTS])], people)) == 1


def test_the_subject_loses_its_reply_prefixes():
    assert clean_subject("Re: Fwd: AW: [2] Coffee?") == "[2] Coffee?"
    assert clean_subject("RE[2]: SV: Coffee?") == "Coffee?"
    assert clean_subject("Regards from Lisbon") == "Regards from Lisbon"


def test_offers_need_both_ways_and_several_messages():
    assert worth_offering(1, 2)
    assert worth_offering(2, 1)
    assert not worth_offering(0, 9)
    assert not worth_offering(9, 0)
    assert not worth_offering(1, 1)


def test_likely_me_is_on_most_messages_and_more_than_anyone():
    mail = [("a@x", ["me@x"]), ("me@x", ["b@x"]), ("c@x", ["me@x", "a@x"])]
    assert likely_me(mail) == "me@x"
    assert likely_me([("a@x", ["me@x"])]) is None  # a tie
    assert likely_me([]) is None


def test_conversations_do_not_depend_on_message_order():
    rosa, sam = "rosa@x.org", "sam@x.org"
    messages = [
        tm(str(i), random.choice([ME, rosa, sam]), [ME, rosa], i * 7, thread=f"t{i % 3}")
        for i in range(20)
    ]
    shuffled = messages[:]
    random.Random(4).shuffle(shuffled)
    assert talks(messages, {rosa: 1, sam: 2}) == talks(shuffled, {rosa: 1, sam: 2})
