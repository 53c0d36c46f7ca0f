"""Asking for an introduction through the pool (core.pool): who is asked, what the requester
reads, and the notice the note carries. Pure, no database."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from mutuals.core import pool

AT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def test_the_member_who_knows_the_target_best_is_asked():
    assert pool.pick_introducer([(1, 2, 0), (2, 0, 9), (3, 1, 0)]) == 2


def test_a_tie_goes_to_the_member_asked_least_this_month_then_the_earliest():
    assert pool.pick_introducer([(1, 0, 4), (2, 0, 1), (3, 0, 2)]) == 2
    assert pool.pick_introducer([(7, 1, 0), (4, 1, 0)]) == 4


def test_nobody_to_ask_is_none():
    assert pool.pick_introducer([]) is None


@given(st.lists(st.tuples(st.integers(1, 50), st.integers(0, 2), st.integers(0, 9)), max_size=20))
def test_the_one_asked_is_a_candidate_no_other_knows_the_target_better(candidates):
    chosen = pool.pick_introducer(candidates)
    if not candidates:
        assert chosen is None
        return
    ranks = [rank for member, rank, _ in candidates if member == chosen]
    assert ranks
    assert min(ranks) == min(rank for _, rank, _ in candidates)


def test_an_open_request_waits_and_an_accepted_one_is_accepted():
    later = AT + dt.timedelta(days=30)
    assert pool.request_state(pool.OPEN, AT, later) == pool.WAITING
    assert pool.request_state(pool.ACCEPTED, AT, AT) == pool.INTRODUCED


@given(
    st.sampled_from([pool.DECLINED, pool.CANCELLED]),
    st.integers(0, pool.WAIT_DAYS * 24 * 60 - 1),
)
def test_a_decline_reads_exactly_as_waiting_until_the_wait_is_over(status, minutes):
    now = AT + dt.timedelta(minutes=minutes)
    assert pool.request_state(status, AT, now) == pool.request_state(pool.OPEN, AT, now)


def test_after_the_wait_a_decline_reads_no_introduction_this_time():
    after = AT + dt.timedelta(days=pool.WAIT_DAYS)
    assert pool.request_state(pool.DECLINED, AT, after) == pool.NO_INTRODUCTION
    assert pool.STATE_WORDS[pool.NO_INTRODUCTION] == "no introduction this time"


@given(st.text(max_size=300))
def test_the_note_always_carries_the_notice_for_the_person_in_the_pool(note):
    sent = pool.note_with_notice(note, "Northfield alumni")
    assert sent.endswith(pool.NOTICE.format(group="Northfield alumni"))
    assert "Where your name came from" in sent


def test_the_drafted_note_names_the_target_and_the_group():
    note = pool.draft_note("someone at Copperleaf Systems", "Northfield alumni")
    assert "someone at Copperleaf Systems" in note
    assert "Northfield alumni" in note
