"""Which of your people's organisations a text names."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.matching import name_keys, organisations_named

ORGS = [
    (1, "Copperleaf Systems"),
    (2, "Orion Labs Inc."),
    (3, "Acme"),
    (4, "Freelance"),
    (5, "The Company"),
    (6, "Driftwood Labs"),
]


def named(text, orgs=ORGS):
    return [m.name for m in organisations_named(text, orgs)]


def test_a_full_name_in_a_posting_is_found_with_where_it_is():
    text = "About us: Copperleaf Systems builds billing software."
    [mention] = organisations_named(text, ORGS)
    assert (mention.organisation_id, text[mention.start : mention.end]) == (
        1,
        "Copperleaf Systems",
    )


def test_the_distinctive_part_of_a_name_is_enough():
    assert named("Join Copperleaf as a backend engineer.") == ["Copperleaf Systems"]
    assert named("Orion is growing.") == ["Orion Labs Inc."]


def test_case_accents_and_legal_suffixes_do_not_matter():
    orgs = [(1, "Café Núñez GmbH")]
    assert named("CAFE NUNEZ is hiring", orgs) == ["Café Núñez GmbH"]


def test_a_name_in_lower_case_is_a_word_not_the_company():
    assert named("we saw orion in the night sky and an acme of success") == []


def test_names_that_say_no_employer_are_never_found():
    assert named("Freelance or The Company? Both welcome.") == []


def test_each_organisation_once_in_the_order_of_first_mention():
    text = "Driftwood Labs partners with Acme. Acme and Driftwood Labs, again."
    assert named(text) == ["Driftwood Labs", "Acme"]


def test_the_longest_name_wins_where_two_start_together():
    orgs = [(1, "Copperleaf"), (2, "Copperleaf Capital")]
    assert named("Copperleaf Capital invests.", orgs) == ["Copperleaf Capital"]


def test_two_organisations_with_the_same_short_name_are_both_found():
    orgs = [(1, "Copperleaf Systems"), (2, "Copperleaf Labs")]
    assert named("Copperleaf is hiring.", orgs) == ["Copperleaf Systems", "Copperleaf Labs"]


def test_a_short_part_of_three_letters_is_not_enough():
    assert name_keys("Arc Systems") == {("arc", "systems")}


@pytest.mark.parametrize("name", ["", "Inc.", "Labs", "The", "—", "Self-employed"])
def test_empty_or_generic_names_have_no_keys(name):
    assert name_keys(name) == set()


@given(st.text(max_size=200), st.lists(st.tuples(st.integers(), st.text(max_size=30)), max_size=8))
def test_finding_names_never_raises_and_spans_lie_in_the_text(text, orgs):
    found = organisations_named(text, orgs)
    assert len({m.organisation_id for m in found}) == len(found)
    for mention in found:
        assert 0 <= mention.start < mention.end <= len(text)


@given(
    st.lists(
        st.sampled_from(["Copperleaf", "Systems", "is", "hiring", "in", "Leeds", "."]), max_size=12
    )
)
def test_every_mention_is_of_a_known_organisation(words):
    text = " ".join(words)
    assert {m.organisation_id for m in organisations_named(text, ORGS)} <= {1}
