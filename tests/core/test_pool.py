"""The pool's keys, closeness words and counts (core.pool): pure, no database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core import pool
from mutuals.core.cadence import Tier


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Rosa Núñez", "rosa nunez"),
        ("  NÚÑEZ-García,  Rosa ", "nunez garcia rosa"),
        ("O'Brien", "o brien"),
        ("Straße", "strasse"),
    ],
)
def test_a_name_key_drops_accents_case_and_punctuation(typed, key):
    assert pool.name_key(typed) == key


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Copperleaf Systems Inc.", "copperleaf systems"),
        ("Copperleaf Systems, LLC", "copperleaf systems"),
        ("Müller GmbH & Co. KG", "muller gmbh co kg"),
        ("Co", "co"),  # a legal form alone is the whole name: kept
    ],
)
def test_an_organisation_key_drops_a_trailing_legal_form(typed, key):
    assert pool.organisation_key(typed) == key


@given(st.text(max_size=60))
def test_keys_are_stable_trimmed_lowercase_words(text):
    key = pool.name_key(text)
    assert pool.name_key(key) == key
    assert key == key.strip()
    assert "  " not in key
    assert key == key.casefold() or not key.isascii()


LATIN = st.text(
    alphabet=st.characters(categories=("Lu", "Ll", "Zs", "Pd"), max_codepoint=0x24F), max_size=40
)


@given(LATIN)
def test_case_and_accents_never_change_a_key(text):
    assert pool.name_key(text.upper()) == pool.name_key(text.lower())
    assert pool.organisation_key(f"{text} Inc") == pool.organisation_key(f"{text}, Inc.")


@given(st.text(max_size=60))
def test_a_words_key_is_padded_so_whole_words_match(text):
    key = pool.words_key(text)
    assert key.startswith(" ")
    assert key.endswith(" ")
    for word in pool.text_key(text).split():
        assert f" {word} " in key


def test_meaningful_words_leave_out_stop_words_single_letters_and_repeats():
    assert pool.meaningful_words("The product manager, a Product person at X") == [
        "product",
        "manager",
    ]


@pytest.mark.parametrize(
    ("tier", "words"),
    [
        (Tier.INNER, pool.CLOSE),
        (Tier.CLOSE, pool.CLOSE),
        (Tier.FRIEND, pool.KNOW_WELL),
        (Tier.MEANINGFUL, pool.KNOW_WELL),
        (Tier.ACQUAINTANCE, pool.KNOW),
        (Tier.DORMANT, pool.KNOW),
        (None, None),
    ],
)
def test_closeness_is_three_words_from_the_tier(tier, words):
    assert pool.closeness_of(tier) == words


@given(st.integers(min_value=-5, max_value=10_000))
def test_a_count_leaves_as_a_number_only_between_the_threshold_and_many(count):
    shown = pool.shown_count(count)
    if count <= 0:
        assert shown == 0
    elif count < pool.THRESHOLD:
        assert shown == pool.A_FEW
    elif count < pool.MANY_FROM:
        assert shown == count
    else:
        assert shown == pool.MANY


@given(st.lists(st.integers(min_value=0, max_value=2), max_size=60))
def test_an_answer_counts_members_and_their_warmth_up_to_many(ranks):
    answer = pool.PoolAnswer.of(ranks)
    assert answer.members == min(len(ranks), pool.MANY_FROM)
    assert answer.well == min(sum(rank <= 1 for rank in ranks), pool.MANY_FROM)
    assert answer.close <= answer.well <= answer.members
    shown = answer.shown()
    assert all(
        value in (0, pool.A_FEW, pool.MANY) or pool.THRESHOLD <= value < pool.MANY_FROM
        for value in shown.values()
    )


def test_the_sentence_says_many_from_the_cap_up():
    answer = pool.PoolAnswer.of([0] * 5 + [1] * 10 + [2] * 30)
    assert pool.answer_words(answer, "someone at Copperleaf") == (
        "Many members know someone at Copperleaf, 15 of them well."
    )
    answer = pool.PoolAnswer.of([1] * pool.MANY_FROM)
    assert pool.answer_words(answer, "someone at Copperleaf") == (
        "Many members know someone at Copperleaf, many of them well."
    )
    answer = pool.PoolAnswer.of([2] * (pool.MANY_FROM - 1))
    assert pool.answer_words(answer, "someone at Copperleaf") == (
        f"{pool.MANY_FROM - 1} members know someone at Copperleaf, none of them well yet."
    )


def test_the_sentence_says_a_few_for_small_counts():
    answer = pool.PoolAnswer.of([0, 2])
    assert pool.answer_words(answer, "someone at Copperleaf") == (
        "A few members know someone at Copperleaf, a few of them well."
    )


def test_the_sentence_gives_numbers_from_the_threshold_up():
    answer = pool.PoolAnswer.of([0, 1, 1, 2, 2])
    assert pool.answer_words(answer, "someone at Copperleaf") == (
        "5 members know someone at Copperleaf, 3 of them well."
    )


def test_the_sentence_says_when_no_one_matches():
    assert pool.answer_words(pool.PoolAnswer.of([]), "Rosa Núñez").startswith("No member")


def test_the_never_pooled_wording_names_each_thing_never_pooled_once():
    for thing in pool.NEVER_POOLED:
        assert pool.POOLING_WORDS.count(thing) >= 1
    assert pool.POOLING_WORDS.endswith(pool.NEVER_POOLED_PEOPLE)
    assert "notes" in pool.NEVER_POOLED
    assert "e-mail addresses" in pool.NEVER_POOLED
