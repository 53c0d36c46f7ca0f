"""backup.words: each kind of record in a backup said in the pages' words, one wording for the
CLI's summaries, the restore's messages and the API's descriptions."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from mutuals.backup.selectors import DOCUMENT_KINDS, KINDS
from mutuals.backup.words import KIND_WORDS, counted, summary


def test_every_kind_of_record_has_its_words_in_the_backups_order():
    assert list(KIND_WORDS) == list(DOCUMENT_KINDS)


def test_no_kind_is_said_with_the_files_key():
    for one, many in KIND_WORDS.values():
        assert "_" not in one + many


def test_one_record_is_said_in_the_singular_and_others_in_the_plural():
    assert counted("people", 1) == "1 person"
    assert counted("people", 0) == "0 people"
    assert counted("draft_reviews", 2) == "2 drafts sent for review"


def test_a_summary_names_the_kinds_with_records_and_joins_the_last_with_and():
    counts = {"people": 1, "interactions": 2, "promises": 0, "draft_reviews": 3}
    assert summary(counts) == "1 person, 2 conversations and 3 drafts sent for review"


def test_a_summary_of_one_kind_is_that_kind_alone():
    assert summary({"people": 0, "assignments": 1}) == "1 assignment"


def test_a_summary_of_no_records_says_nothing():
    assert summary(dict.fromkeys(KINDS, 0)) == "nothing"


@given(st.dictionaries(st.sampled_from(list(KINDS)), st.integers(0, 10_000)))
def test_a_summary_says_each_count_in_order_and_never_a_files_key(counts):
    said = summary(counts)
    assert "_" not in said
    assert [int(n) for n in re.findall(r"\d+", said)] == [n for n in counts.values() if n]
    for kind, count in counts.items():
        if count:
            assert counted(kind, count) in said
