"""Scoring every contact at once (the common query) gives what the general search gives."""

from collections import defaultdict

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutuals.core.network import INFO_PEAK, ME, Knows, Network, searched_paths, warm_paths
from mutuals.core.network.fast import info_weights

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


# ---- which path, among equals ---------------------------------------------------------------

tied = st.sampled_from([0.25, 0.5, 1.0])  # few values: equal scores and equal edges abound


@st.composite
def tied_graphs(draw):
    people = list(range(draw(st.integers(2, 14))))
    person = st.sampled_from(people)
    ties = draw(st.dictionaries(person, tied | strengths, max_size=8))
    edges = draw(st.lists(st.tuples(person, person, tied), max_size=60))
    targets = draw(st.sets(st.sampled_from([*people, 404]), min_size=1, max_size=6))
    return ties, [Knows(a, b, s) for a, b, s in edges], targets


def f32(value):
    return float(np.float32(value))


def rows_of(knows, added=()):
    """Each person's edge entries in the order the network keeps them: the edges given to
    `build` where the person comes first, then where they come second, then added ones."""
    kept = [e for e in knows if f32(e.strength) > 0 and e.person != e.knows]
    rows = defaultdict(list)
    for e in kept:
        rows[e.person].append((e.knows, f32(e.strength)))
    for e in kept:
        rows[e.knows].append((e.person, f32(e.strength)))
    for e in added:
        rows[e.person].append((e.knows, f32(e.strength)))
        rows[e.knows].append((e.person, f32(e.strength)))
    return rows


def written_out(ties, rows, targets, k, hops, mode):
    """The common query written out slowly, to pin which path is shown among equals: each
    contact's first entry (in its row's order) of the best value, then that person's first
    strongest edge to a target; contacts of equal score in the order of their ids."""
    wanted = {t for t in targets if t in rows or t in ties}
    contacts = sorted(p for p, s in ties.items() if f32(s) > 0)
    tie = np.array([f32(ties[p]) for p in contacts], dtype=np.float64)
    first = info_weights(tie, INFO_PEAK) if mode == "info" else tie

    def to_target(m):
        return max((w for t, w in rows[m] if t in wanted), default=0.0)

    def onward(m):
        return 1.0 if m in wanted else to_target(m) if hops == 3 else 0.0

    found = []
    for c, weight in zip(contacts, first.tolist(), strict=True):
        if c in wanted:
            found.append((weight, [ME, c]))
            continue
        best, path = 0.0, None
        for m, w in rows[c] if hops > 1 else []:
            if weight * w * onward(m) > best:
                best, path = weight * w * onward(m), [ME, c, m]
        if path and path[-1] not in wanted:
            w2 = to_target(path[-1])
            path.append(next(t for t, w in rows[path[-1]] if t in wanted and w == w2))
        if path:
            found.append((best, path))
    found.sort(key=lambda f: -f[0])  # stable: equal scores keep the contacts' order
    return [(path, score) for score, path in found[:k]]


@settings(max_examples=300, deadline=None)
@given(tied_graphs(), st.integers(1, 6), st.integers(1, 3), st.sampled_from(["intro", "info"]))
def test_among_equal_paths_the_first_in_the_rows_is_shown(graph, k, hops, mode):
    ties, knows, targets = graph
    net = Network.build(ties, knows)
    got = warm_paths(net, targets, k=k, max_hops=hops, mode=mode)
    want = written_out(ties, rows_of(knows), targets, k, hops, mode)
    assert [(list(p.people), p.score) for p in got] == want
    general = searched_paths(net, targets, k=k, max_hops=hops, mode=mode)
    assert [p.first_hop for p in got] == [p.first_hop for p in general]  # equal scores too


@settings(max_examples=150, deadline=None)
@given(tied_graphs(), st.lists(st.tuples(st.integers(0, 14), st.integers(0, 14), tied)))
def test_added_edges_come_after_the_built_ones_among_equals(graph, more):
    ties, knows, targets = graph
    net = Network.build(ties, knows, people=range(15))
    linked = {frozenset((e.person, e.knows)) for e in knows}
    added = []
    for a, b, s in more:
        if a != b and frozenset((a, b)) not in linked:
            linked.add(frozenset((a, b)))
            net.set_knows(a, b, s)
            added.append(Knows(a, b, s))
    got = warm_paths(net, targets, k=4)
    want = written_out(ties, rows_of(knows, added), targets, 4, 3, "intro")
    assert [(list(p.people), p.score) for p in got] == want


def test_replacing_every_tie_is_seen_by_the_next_search():
    """What a search keeps about your contacts (their weights, their edges) must not outlive
    `set_ties`, even when it leaves you with no contact at all."""
    net, company = clustered(2, contacts=40, company=40, spread=400)
    assert warm_paths(net, company, k=3)
    for mode in ("intro", "info"):
        warm_paths(net, company, k=3, mode=mode)
    net.set_ties({})
    assert warm_paths(net, company, k=3) == []
    net.set_ties({7: 0.5})
    assert {p.first_hop for p in warm_paths(net, company, k=3, mode="info")} <= {7}
    assert warm_paths(net, company, k=3) == searched_paths(net, company, k=3)
