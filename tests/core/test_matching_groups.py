"""Leads, things to share and your own needs; relevance in words."""

from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.matching import (
    GROUPS,
    LEAD,
    LOOKING,
    OFFERING,
    SHARE,
    YOURS,
    NeedDoc,
    NeedIndex,
    action_for,
    group_of,
    grouped,
    relevance,
    score_all_naive,
)
from mutuals.core.matching.groups import RELEVANCE_STEPS, RELEVANCE_WORDS

POSTING = "Copperleaf Systems is hiring a backend engineer (Python, Postgres) in Leeds."


def need(id, text, direction, person=True, kind="job_lead", name="Sam Okafor"):
    return NeedDoc(
        id=id,
        person_id=100 + id if person else None,
        person_name=name if person else "",
        text=text,
        kind=kind,
        direction=direction,
    )


def test_someone_hiring_is_a_lead_and_someone_looking_is_a_thing_to_share():
    needs = [
        need(1, "Hiring a backend engineer at Copperleaf", OFFERING, kind="hire"),
        need(2, "Looking for a backend engineer role", LOOKING, name="Mina Wójcik"),
        need(3, "Backend engineer roles in Leeds", LOOKING, person=False),
    ]
    found = {m.need_id: group_of(m) for m in score_all_naive(needs, POSTING)}
    assert found == {1: LEAD, 2: SHARE, 3: YOURS}


def test_a_lead_says_to_ask_them_and_a_share_to_pass_it_on():
    hiring = need(1, "Hiring a backend engineer", OFFERING, kind="hire")
    offering = need(2, "Offering mentoring to new engineers", OFFERING, kind="other")
    looking = need(3, "Looking for a backend role", LOOKING, name="Mina Wójcik")
    assert action_for(hiring) == "ask Sam about the role"
    assert action_for(offering) == "ask Sam about it"
    assert action_for(looking) == "share with Mina"


def test_your_own_need_stays_yours_whichever_its_direction():
    mine = need(1, "Hiring a backend engineer", OFFERING, person=False, kind="hire")
    [found] = score_all_naive([mine], POSTING)
    assert (group_of(found), found.action) == (YOURS, "keep this for yourself")


def test_grouped_keeps_the_order_within_each_group_and_caps_each():
    needs = [need(i, f"Backend engineer {i}", OFFERING if i % 2 else LOOKING) for i in range(1, 9)]
    ranked = NeedIndex(needs).search("backend engineer", k=10)
    groups = grouped(ranked, per_group=2)
    assert set(groups) == set(GROUPS)
    assert [m.need_id for m in groups[LEAD]] == [
        m.need_id for m in ranked if m.direction == OFFERING
    ][:2]
    assert [m.need_id for m in groups[SHARE]] == [
        m.need_id for m in ranked if m.direction == LOOKING
    ][:2]
    assert groups[YOURS] == []


def test_the_best_need_covering_its_words_is_a_very_close_match():
    assert relevance(10.0, 10.0, 1.0).words == "very close match"


def test_a_weak_need_sharing_one_word_of_many_is_a_loose_match():
    assert relevance(1.0, 10.0, 0.1).words == "loose match"


def test_relevance_with_no_best_score_is_loose_not_an_error():
    assert relevance(0.0, 0.0, 0.0).steps == 1


def test_the_words_match_the_steps():
    for steps, words in RELEVANCE_WORDS.items():
        assert 1 <= steps <= RELEVANCE_STEPS
        assert words.endswith("match")


doc_texts = st.lists(
    st.sampled_from(
        ["hiring", "backend", "engineer", "Python", "Leeds", "role", "nurse", "we're looking for a"]
    ),
    min_size=1,
    max_size=6,
).map(" ".join)
docs = st.lists(
    st.tuples(
        doc_texts,
        st.sampled_from([LOOKING, OFFERING]),
        st.booleans(),
        st.sampled_from(["hire", "job_lead", "advice", "other"]),
    ),
    max_size=12,
)


@given(docs, st.integers(min_value=1, max_value=5))
def test_a_hiring_need_never_lands_in_share(rows, per_group):
    needs = [need(i, text, d, person, kind) for i, (text, d, person, kind) in enumerate(rows, 1)]
    groups = grouped(score_all_naive(needs, POSTING), per_group)
    by_id = {n.id: n for n in needs}
    assert all(by_id[m.need_id].direction == LOOKING for m in groups[SHARE])
    assert all(by_id[m.need_id].direction == OFFERING for m in groups[LEAD])
    assert all(by_id[m.need_id].person_id is None for m in groups[YOURS])
    assert all(len(members) <= per_group for members in groups.values())


@given(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(allow_nan=True, allow_infinity=True),
)
def test_relevance_never_raises_and_stays_on_the_scale(score, best, coverage):
    found = relevance(score, best, coverage)
    assert 1 <= found.steps <= RELEVANCE_STEPS
    assert found.words == RELEVANCE_WORDS[found.steps]


@given(
    st.floats(min_value=0, max_value=100),
    st.floats(min_value=0, max_value=100),
    st.floats(min_value=0.01, max_value=100),
    st.floats(min_value=0, max_value=1),
)
def test_a_higher_score_is_never_said_to_be_less_relevant(a, b, best, coverage):
    low, high = sorted((a, b))
    assert relevance(low, best, coverage).steps <= relevance(high, best, coverage).steps
