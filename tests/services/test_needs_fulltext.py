"""Matching on the database's full-text search (SQLite FTS5, PostgreSQL tsvector).

The whole suite runs on both databases, so every equality with core.matching below also says
that SQLite and PostgreSQL return the same results for the same data.
"""

import re

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutuals.core.matching import NeedDoc, NeedIndex, score_all_naive
from mutuals.needs import fulltext, services
from mutuals.needs.selectors import match_needs
from mutuals.people import services as people_services
from tests.core.matching_cases import CASES, NEEDS
from tests.factories import make_person

DB_EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
WORDS = [
    "UX", "user experience", "designer", "Python", "PostgreSQL", "product manager", "PM",
    "fintech", "nurse", "nursing", "C++", "C#", "Café", "Zoë", "quality", "qa", "node.js",
    "İstanbul", "remote", "grants", "data", "engineer", "the", "for", "3.5",
]  # fmt: skip
need_texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
texts = st.lists(st.sampled_from(WORDS) | st.text(max_size=5), max_size=10).map(" ".join)


def ids(found) -> list[int]:
    return [match.need_id for match, _ in found]


class Rollback(Exception):
    pass


def test_a_need_is_found_as_soon_as_it_is_noted(jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    need = services.add_need(owner=jordan, person_id=rosa.pk, text="Senior UX designer roles")

    [(match, text)] = match_needs(owner=jordan, text="We are hiring a UX designer")

    assert (match.need_id, match.person_name, text) == (need.pk, "Rosa Núñez", need.text)
    assert match.action == "tell Rosa"


def test_editing_a_need_moves_it_to_its_new_words(jordan):
    need = services.add_need(owner=jordan, text="Python jobs")
    services.update_need(owner=jordan, need_id=need.pk, text="Gardening advice")

    assert match_needs(owner=jordan, text="Python developer") == []
    assert ids(match_needs(owner=jordan, text="a gardening club")) == [need.pk]


def test_closed_needs_leave_the_index_and_reopened_ones_return(jordan):
    done = services.add_need(owner=jordan, text="Python jobs")
    helped = services.add_need(owner=jordan, text="Python mentor")
    services.close_need(owner=jordan, need_id=done.pk, status="done")
    services.mark_helped(owner=jordan, need_id=helped.pk)

    assert match_needs(owner=jordan, text="Python") == []
    services.reopen_need(owner=jordan, need_id=done.pk)
    assert ids(match_needs(owner=jordan, text="Python")) == [done.pk]


def test_deleted_needs_and_needs_of_deleted_people_leave_the_index(jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    services.add_need(owner=jordan, person_id=rosa.pk, text="Python jobs")
    mine = services.add_need(owner=jordan, text="Python mentor")
    people_services.delete_person(owner=jordan, person_id=rosa.pk)
    assert ids(match_needs(owner=jordan, text="Python")) == [mine.pk]

    services.delete_need(owner=jordan, need_id=mine.pk)
    assert match_needs(owner=jordan, text="Python") == []


def test_another_owners_needs_are_never_found_and_never_change_your_scores(jordan, riley):
    services.add_need(owner=jordan, text="Python jobs in fintech")
    services.add_need(owner=jordan, text="A gardening club")
    before = match_needs(owner=jordan, text="Python fintech")
    for text in ["Python jobs", "Python mentor", "fintech intro", "python python"]:
        services.add_need(owner=riley, text=text)

    assert match_needs(owner=jordan, text="Python fintech") == before
    assert len(match_needs(owner=riley, text="Python fintech")) == 4


def test_the_evaluation_set_ranks_as_the_in_memory_index_does(jordan):
    saved = {}
    for need in NEEDS:
        person = make_person(jordan, need.person_name) if need.person_id else None
        row = services.add_need(
            owner=jordan, person_id=person.pk if person else None, text=need.text
        )
        saved[row.pk] = need.id
    index = NeedIndex(NEEDS)

    for case in CASES:
        found = [saved[i] for i in ids(match_needs(owner=jordan, text=case.text, k=3))]
        assert found == [match.need_id for match in index.search(case.text, k=3)], case.name


@DB_EXAMPLES
@given(
    needs=st.lists(need_texts, max_size=12),
    text=texts,
    k=st.integers(1, 6),
    pool_extra=st.sampled_from([0, 1, fulltext.POOL_EXTRA]),
)
def test_the_database_ranks_exactly_as_the_plain_scan(
    jordan, monkeypatch, needs, text, k, pool_extra
):
    # A pool of k + 0 makes the database's own ranking decide, even for a dozen needs.
    monkeypatch.setattr(fulltext, "POOL_EXTRA", pool_extra)
    try:
        with transaction.atomic():
            rows = [services.add_need(owner=jordan, text=need) for need in needs]
            docs = [NeedDoc(row.pk, None, "", row.text, row.kind) for row in rows]
            expected = [(m.need_id, round(m.score, 9)) for m in score_all_naive(docs, text)[:k]]
            found = match_needs(owner=jordan, text=text, k=k)
            assert [(m.need_id, round(m.score, 9)) for m, _ in found] == expected
            raise Rollback
    except Rollback:
        pass


@given(st.text(max_size=30), st.text(max_size=30))
def test_tokens_are_plain_ascii_letters_and_digits_and_never_collide(term, other):
    assert re.fullmatch(r"[0-9]+x[a-z0-9]+", fulltext.token(7, term))
    assert fulltext.token(7, term) != fulltext.owner_token(7)
    if term != other:
        assert fulltext.token(7, term) != fulltext.token(7, other)
    assert fulltext.token(7, term) != fulltext.token(71, term)


def test_a_term_that_starts_with_q_is_never_taken_for_an_encoded_one():
    assert fulltext.token(1, "qa") != fulltext.token(1, "\n")
    assert fulltext.token(1, "qa").startswith("1xq")


def test_nothing_is_found_for_an_empty_text_or_k_zero(jordan):
    services.add_need(owner=jordan, text="Python jobs")
    assert match_needs(owner=jordan, text="   ") == []
    assert match_needs(owner=jordan, text="Python", k=0) == []
