"""Reasons a person would write (core.agenda.reasons and wording)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.agenda import AgendaItem, ItemKind
from mutuals.core.agenda.reasons import PersonContext, word_day, write_reason
from mutuals.core.agenda.wording import (
    NEXT_STEPS,
    agree_articles,
    article_for,
    first_sentence,
    how_long,
)

TODAY = date(2026, 3, 2)


def item(kind=ItemKind.KEEP_IN_TOUCH, person=1, reason="Last talked 3 months ago.") -> AgendaItem:
    return AgendaItem(
        kind=kind, person_id=person, person_name="Mina Wójcik", reason=reason, score=1
    )


@pytest.mark.parametrize(
    ("word", "article"),
    [
        ("operations", "an"),
        ("engineering", "an"),
        ("data", "a"),
        ("UX", "a"),
        ("MBA", "an"),
        ("hour", "an"),
        ("university", "a"),
        ("one-off", "a"),
        ("intro", "an"),
    ],
)
def test_the_article_follows_the_sound_of_the_next_word(word, article):
    assert article_for(word) == article


def test_articles_are_made_to_agree_keeping_their_capital():
    assert agree_articles("Referred me for a operations manager role") == (
        "Referred me for an operations manager role"
    )
    assert agree_articles("A engineer and an UX designer") == "An engineer and a UX designer"


def test_a_reason_names_the_last_conversation_their_need_and_a_next_step():
    context = PersonContext(
        last_on=TODAY - timedelta(days=20),
        last_kind="coffee",
        last_summary="Coffee about her move to Bergen. Long chat.",
        need="Looking for a UX role in healthcare",
    )
    reason = write_reason(item(), context, TODAY)
    assert reason.startswith(
        "Last talked 3 months ago. Last time: coffee about her move to Bergen. "
        "Their open need: looking for a UX role in healthcare. "
    )
    assert reason.endswith(".")


def test_without_a_summary_the_last_conversation_is_named_by_its_kind():
    context = PersonContext(last_on=TODAY - timedelta(days=21), last_kind="call")
    reason = write_reason(item(ItemKind.PROMISE, reason="Due today."), context, TODAY)
    assert "Last talked 3 weeks ago: a call." in reason


def test_a_reached_out_summary_says_nothing_so_the_kind_is_used():
    context = PersonContext(last_on=TODAY, last_kind="message", last_summary="Reached out")
    assert "Last talked today: a message." in write_reason(item(ItemKind.THANK_YOU), context, TODAY)


def test_a_day_never_says_the_same_next_step_twice_while_wordings_last():
    items = [item(person=7) for _ in range(len(NEXT_STEPS[ItemKind.KEEP_IN_TOUCH]))]
    reasons = [i.reason for i in word_day(items, {}, TODAY)]
    assert len(set(reasons)) == len(reasons)


def test_the_wording_is_chosen_by_the_person_so_it_stays_the_same_each_day():
    first = word_day([item(person=3)], {}, TODAY)[0].reason
    assert word_day([item(person=3)], {}, TODAY + timedelta(days=1))[0].reason == first


@given(st.integers(0, 5000))
def test_lengths_of_time_are_whole_words(days):
    said = how_long(days)
    number, unit = said.split()
    assert number.isdigit()
    assert unit.rstrip("s") in {"day", "week", "month", "year"}


def test_the_first_sentence_drops_the_rest_and_its_full_stop():
    assert first_sentence("Coffee about Bergen. Then more.") == "Coffee about Bergen"
    assert first_sentence("  Call  about\nthe job  ") == "Call about the job"
