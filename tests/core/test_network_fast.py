"""Scoring every contact at once (the common query) gives what the general search gives."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutuals.core.network import Knows, Network, searched_paths, warm_paths

strengths = st.sampled_from([0.1, 0.35, 0.5, 0.8, 1.0]) | st.floats(0, 1)


@st.composite
def graphs(draw):
    people = list(range(draw(st.integers(2, 30))))
    person = st.sampled_from(people)
    ties = draw(st.dictionaries(person, strengths, max_size=12))
    edges = draw(st.lists(st.tuples(person, person, strengths), max_size=120))
    targets = draw(st.sets(st.sampled_from([*people, 404]), min_size=1, max_size=12))
    return ties, [Knows(a, b, s) for a, b, s in edges], targets


def same_answers(got, want):
    assert [p.score for p in got] == [p.score for p in want]
    scores = [p.score for p in want]
    for mine, theirs in zip(got, want, strict=True):
        if scores.count(theirs.score) == 1 and theirs.score != scores[-1]:
            assert mine.first_hop == theirs.first_hop  # equal scores may swap places
        assert len(mine.hops) <= 3
        assert mine.score == pytest.approx(np.prod([h.weight for h in mine.hops]), rel=1e-12)


@settings(max_examples=400, deadline=None)
@given(graphs(), st.integers(1, 6), st.integers(1, 3), st.sampled_from(["intro", "info"]))
def test_scoring_every_contact_equals_the_general_search(graph, k, hops, mode):
    ties, knows, targets = graph
    net = Network.build(ties, knows)
    options = {"k": k, "max_hops": hops, "mode": mode}
    same_answers(warm_paths(net, targets, **options), searched_paths(net, targets, **options))


@settings(max_examples=100, deadline=None)
@given(graphs(), st.data())
def test_edges_added_after_the_build_are_scored_too(graph, data):
    ties, knows, targets = graph
    net = Network.build(ties, knows[: len(knows) // 2])
    for edge in knows[len(knows) // 2 :]:
        if edge.person != edge.knows:
            net.set_knows(edge.person, edge.knows, edge.strength)
    hops = data.draw(st.integers(1, 3))
    same_answers(
        warm_paths(net, targets, max_hops=hops), searched_paths(net, targets, max_hops=hops)
    )


def clustered(seed, *, contacts, company, spread):
    """Your contacts among 0..spread, a company of `company` people at 1000.., edges around."""
    rng = np.random.default_rng(seed)
    ties = {int(p): float(rng.uniform(0.05, 1)) for p in rng.choice(spread, contacts, False)}
    staff = np.arange(1000, 1000 + company)
    inside = rng.choice(staff, (company * 4, 2))
    reach = np.stack((rng.integers(0, spread, 600), rng.integers(0, spread, 600)), axis=1)
    bridge = np.stack((rng.integers(0, spread, 200), rng.choice(staff, 200)), axis=1)
    pairs = np.vstack((inside, reach, bridge))
    knows = [Knows(int(a), int(b), float(rng.uniform(0.01, 1))) for a, b in pairs]
    return Network.build(ties, knows), set(staff.tolist())


@pytest.mark.parametrize(
    "shape",
    [
        {"contacts": 5, "company": 300, "spread": 400},  # a big company: from your side
        {"contacts": 350, "company": 3, "spread": 400},  # a big address book: from theirs
        {"contacts": 40, "company": 40, "spread": 400},  # meeting in the middle
    ],
)
@pytest.mark.parametrize("seed", range(4))
def test_each_side_the_scoring_reads_from_gives_the_same_answers(shape, seed):
    net, company = clustered(seed, **shape)
    for mode in ("intro", "info"):
        got = warm_paths(net, company, k=8, mode=mode)
        assert got, "the shape should leave some path"
        same_answers(got, searched_paths(net, company, k=8, mode=mode))


def test_a_search_leaves_the_network_as_it_found_it():
    net, company = clustered(1, contacts=40, company=40, spread=400)
    first = warm_paths(net, company, k=8)
    warm_paths(net, {1000, 1001}, k=3)
    assert warm_paths(net, company, k=8) == first


@settings(max_examples=150, deadline=None)
@given(graphs(), st.data())
def test_what_a_search_keeps_about_your_contacts_follows_every_change(graph, data):
    """A search keeps your contacts' edges between searches; each kind of change after one
    (a new edge, a changed or removed one, a tie, merging the side list) must be seen."""
    ties, knows, targets = graph
    net = Network.build(ties, knows)
    people = list(range(40))
    for _ in range(data.draw(st.integers(1, 6))):
        warm_paths(net, targets)  # keeps what it read
        change = data.draw(st.sampled_from(["edge", "rewrite", "remove", "tie", "compact"]))
        a, b = data.draw(st.sampled_from(people)), data.draw(st.sampled_from(people))
        if change in {"rewrite", "remove"} and knows:  # an edge that exists, maybe a contact's
            edge = data.draw(st.sampled_from(knows))
            a, b = edge.person, edge.knows
        if change in {"edge", "rewrite"} and a != b:
            net.set_knows(a, b, data.draw(strengths))
        elif change == "remove":
            net.remove_knows(a, b)
        elif change == "tie":
            net.set_tie(a, data.draw(strengths))
        elif change == "compact":
            net.compact()
        same_answers(warm_paths(net, targets), searched_paths(net, targets))
