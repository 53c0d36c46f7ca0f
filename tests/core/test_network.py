import itertools
import math
import re
from collections import defaultdict

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutuals.core.network import (
    COMPACT_MIN,
    INFO_PEAK,
    ME,
    Knows,
    Network,
    describe_hop,
    describe_path,
    info_weight,
    warm_paths,
    who_they_know,
)
from mutuals.core.network.search import _from_your_side

# ---- the networkx oracle --------------------------------------------------------------------


def f32(value: float) -> float:
    return float(np.float32(value))


def oracle_graph(ties, edges):
    graph = nx.Graph()
    graph.add_node(ME)
    for a, b, strength, source in edges:
        s = f32(strength)
        if a == b or s == 0:
            continue
        if not graph.has_edge(a, b) or graph[a][b]["w"] < s:
            graph.add_edge(a, b, w=s, source=source)
    for person, strength in ties.items():
        if f32(strength) > 0:
            graph.add_edge(ME, person, w=f32(strength))
    return graph


def oracle_scores(ties, edges, targets, *, k, max_hops, mode, per_first_hop):
    """Every simple path from me to a target (stopping at the first target), scored as the
    product of its weights, at most `per_first_hop` per first hop, the k best scores."""
    graph = oracle_graph(ties, edges)
    wanted = {t for t in targets if t in graph and t != ME}
    if not wanted:
        return []
    by_first = defaultdict(list)
    for path in nx.all_simple_paths(graph, ME, wanted, cutoff=max_hops):
        if any(v in wanted for v in path[1:-1]):
            continue
        weights = [graph[u][v]["w"] for u, v in itertools.pairwise(path)]
        if mode == "info":
            weights[0] = info_weight(weights[0])
        by_first[path[1]].append(math.prod(weights))
    scores = [s for group in by_first.values() for s in sorted(group, reverse=True)[:per_first_hop]]
    return sorted(scores, reverse=True)[:k]


strengths = st.sampled_from([0.0, 0.1, 0.35, 0.5, 0.8, 1.0]) | st.floats(0, 1)
sources = st.sampled_from(["", "worked together at Orion", "neighbours"])


@st.composite
def networks(draw, size=9):
    people = list(range(draw(st.integers(1, size))))
    person = st.sampled_from(people)
    ties = draw(st.dictionaries(person, strengths, max_size=len(people)))
    edges = draw(st.lists(st.tuples(person, person, strengths, sources), max_size=25))
    return people, ties, edges


def build(people, ties, edges):
    knows = [Knows(a, b, s, source) for a, b, s, source in edges]
    return Network.build(ties, knows, people=people)


searches = st.fixed_dictionaries(
    {
        "k": st.integers(1, 6),
        "max_hops": st.integers(1, 4),
        "mode": st.sampled_from(["intro", "info"]),
        "per_first_hop": st.integers(1, 3),
    }
)


@settings(max_examples=400, deadline=None)
@given(networks(), st.data(), searches)
def test_the_scores_equal_networkx_enumerating_every_simple_path(network, data, search):
    people, ties, edges = network
    targets = data.draw(st.sets(st.sampled_from([*people, ME, 99]), max_size=4))
    paths = warm_paths(build(people, ties, edges), targets, **search)
    expected = oracle_scores(ties, edges, targets, **search)
    assert [p.score for p in paths] == pytest.approx(expected, rel=1e-9, abs=1e-300)


@settings(max_examples=300, deadline=None)
@given(networks(), st.data(), searches)
def test_every_path_is_simple_short_enough_and_scored_as_its_hops(network, data, search):
    people, ties, edges = network
    targets = data.draw(st.sets(st.sampled_from(people), max_size=4))
    graph = oracle_graph(ties, edges)
    paths = warm_paths(build(people, ties, edges), targets, **search)
    scores = [p.score for p in paths]
    assert scores == sorted(scores, reverse=True)
    firsts = defaultdict(int)
    for path in paths:
        assert path.people[0] == ME
        assert len(set(path.people)) == len(path.people)
        assert 1 <= len(path.hops) <= search["max_hops"]
        assert path.people[-1] in targets
        assert not set(path.people[1:-1]) & targets
        assert 0 < path.score <= 1
        assert path.score == pytest.approx(math.prod(h.weight for h in path.hops), rel=1e-12)
        assert path.mode == search["mode"]
        for hop, (u, v) in zip(path.hops, itertools.pairwise(path.people), strict=True):
            assert (hop.from_id, hop.to_id) == (u, v)
            assert hop.strength == graph[u][v]["w"]
        firsts[path.first_hop] += 1
    assert all(count <= search["per_first_hop"] for count in firsts.values())


def acquaintances(net, person):
    # Which source shows for equally strong duplicates is not specified; the rest is.
    return [(a.person, a.strength) for a in who_they_know(net, person, limit=None)]


@settings(max_examples=200, deadline=None)
@given(networks(size=7), st.data())
def test_changes_in_place_give_what_a_fresh_build_gives(network, data):
    people, ties, edges = network
    net = build(people, ties, edges)
    state = {}
    for a, b, s, source in edges:
        if a != b and f32(s) > 0 and f32(s) > state.get(frozenset((a, b)), (0.0, ""))[0]:
            state[frozenset((a, b))] = (f32(s), source)
    ties = {p: s for p, s in ties.items()}
    everyone = st.integers(0, len(people) + 2)
    for _ in range(data.draw(st.integers(0, 12))):
        kind = data.draw(st.sampled_from(["knows", "remove", "tie"]))
        a = data.draw(everyone)
        if kind == "tie":
            s = data.draw(strengths)
            net.set_tie(a, s)
            ties[a] = s
            continue
        b = data.draw(everyone.filter(lambda x, a=a: x != a))
        if kind == "remove":
            net.remove_knows(a, b)
            state.pop(frozenset((a, b)), None)
        else:
            s, source = data.draw(strengths), data.draw(sources)
            net.set_knows(a, b, s, source)
            if f32(s) > 0:
                state[frozenset((a, b))] = (f32(s), source)
            else:
                state.pop(frozenset((a, b)), None)
    fresh = Network.build(
        ties, [Knows(*sorted(pair), s, src) for pair, (s, src) in state.items()], people=people
    )
    targets = data.draw(st.sets(everyone, max_size=3))
    for _ in range(2):  # as changed, then merged into the arrays
        for mode in ("intro", "info"):
            got = [p.score for p in warm_paths(net, targets, mode=mode, per_first_hop=2)]
            want = [p.score for p in warm_paths(fresh, targets, mode=mode, per_first_hop=2)]
            assert got == pytest.approx(want, rel=1e-9)
        for person in range(len(people) + 3):
            assert acquaintances(net, person) == acquaintances(fresh, person)
        net.compact()


# ---- cases ----------------------------------------------------------------------------------

BRUCE, ALICE, CARMEN, DEV, ERIN = 1, 2, 3, 4, 5
NAMES = {BRUCE: "Bruce", ALICE: "Alice", CARMEN: "Carmen", DEV: "Dev", ERIN: "Erin"}


def test_it_finds_the_warm_path_through_a_friend():
    net = Network.build({BRUCE: 0.9}, [Knows(BRUCE, ALICE, 0.8, "worked together at Orion")])
    (path,) = warm_paths(net, {ALICE})
    assert path.people == (ME, BRUCE, ALICE)
    assert path.score == pytest.approx(f32(0.9) * f32(0.8))


def test_it_finds_no_path_when_the_target_is_out_of_reach():
    net = Network.build({BRUCE: 0.9}, [Knows(ALICE, CARMEN, 0.8)])
    assert warm_paths(net, {CARMEN}) == []


def test_a_direct_contact_is_a_one_hop_path_scored_by_your_tie():
    net = Network.build({BRUCE: 0.9, CARMEN: 0.5}, [Knows(CARMEN, BRUCE, 0.9)])
    paths = warm_paths(net, {BRUCE})
    assert [p.people for p in paths] == [(ME, BRUCE), (ME, CARMEN, BRUCE)]
    assert paths[0].score == f32(0.9)


def test_asking_for_a_path_to_yourself_finds_none():
    net = Network.build({BRUCE: 0.9}, [Knows(BRUCE, ALICE, 0.8)])
    assert warm_paths(net, {ME}) == []


def test_unknown_targets_are_ignored():
    net = Network.build({BRUCE: 0.9}, [Knows(BRUCE, ALICE, 0.8)])
    assert [p.people for p in warm_paths(net, {ALICE, 404})] == [(ME, BRUCE, ALICE)]


def test_a_duplicate_edge_counts_at_its_strongest_with_its_source():
    edges = [Knows(BRUCE, ALICE, 0.3, "met once"), Knows(ALICE, BRUCE, 0.8, "worked together")]
    (path,) = warm_paths(Network.build({BRUCE: 1.0}, edges), {ALICE})
    assert path.hops[1].strength == pytest.approx(0.8)
    assert path.hops[1].source == "worked together"


def test_zero_strength_edges_and_ties_are_no_edges():
    net = Network.build(
        {BRUCE: 0.9, CARMEN: 0.0}, [Knows(BRUCE, ALICE, 0.0), Knows(CARMEN, ALICE, 1)]
    )
    assert warm_paths(net, {ALICE}) == []
    assert net.contacts() == [BRUCE]


def test_self_loops_are_dropped():
    net = Network.build({BRUCE: 0.9}, [Knows(BRUCE, BRUCE, 1.0), Knows(BRUCE, ALICE, 0.5)])
    assert [p.people for p in warm_paths(net, {ALICE, BRUCE}, k=5)] == [(ME, BRUCE)]
    assert net.strength(BRUCE, BRUCE) == 0


def test_isolated_people_change_nothing():
    net = Network.build({BRUCE: 0.9}, [Knows(BRUCE, ALICE, 0.5)], people=[DEV, ERIN])
    assert net.people_count == 4
    assert [p.people for p in warm_paths(net, {ALICE, DEV})] == [(ME, BRUCE, ALICE)]


def test_top_paths_go_through_different_friends():
    edges = [Knows(BRUCE, t, 0.9) for t in (10, 11, 12)] + [Knows(CARMEN, 10, 0.2)]
    net = Network.build({BRUCE: 0.9, CARMEN: 0.9}, edges)
    assert [p.first_hop for p in warm_paths(net, {10, 11, 12})] == [BRUCE, CARMEN]
    assert [p.first_hop for p in warm_paths(net, {10, 11, 12}, per_first_hop=2)] == [
        BRUCE,
        BRUCE,
        CARMEN,
    ]


def test_info_mode_prefers_a_moderately_weak_tie_and_says_so():
    edges = [Knows(BRUCE, ALICE, 0.8), Knows(CARMEN, ALICE, 0.8)]
    net = Network.build({BRUCE: 0.95, CARMEN: 0.35}, edges)
    assert [p.first_hop for p in warm_paths(net, {ALICE})] == [BRUCE, CARMEN]
    info = warm_paths(net, {ALICE}, mode="info")
    assert [p.first_hop for p in info] == [CARMEN, BRUCE]
    assert {p.mode for p in info} == {"info"}
    assert info[0].hops[0].weight == pytest.approx(1.0, abs=1e-6)


def test_the_info_weight_peaks_at_moderately_weak_ties():
    assert info_weight(INFO_PEAK) == pytest.approx(1.0)
    assert info_weight(1.0) < info_weight(0.1) < info_weight(0.2) < info_weight(INFO_PEAK)
    assert info_weight(0.0) == 0


def test_no_path_is_longer_than_max_hops():
    chain = [Knows(BRUCE, ALICE, 1), Knows(ALICE, CARMEN, 1), Knows(CARMEN, DEV, 1)]
    net = Network.build({BRUCE: 1.0}, chain)
    assert warm_paths(net, {DEV}, max_hops=3) == []
    assert [p.people for p in warm_paths(net, {DEV}, max_hops=4)] == [
        (ME, BRUCE, ALICE, CARMEN, DEV)
    ]


def test_a_path_ends_at_the_first_target_it_reaches():
    net = Network.build({BRUCE: 1.0}, [Knows(BRUCE, ALICE, 0.5), Knows(ALICE, CARMEN, 1)])
    assert [p.people for p in warm_paths(net, {ALICE, CARMEN})] == [(ME, BRUCE, ALICE)]


def test_k_zero_finds_nothing():
    net = Network.build({BRUCE: 0.9}, [Knows(BRUCE, ALICE, 0.5)])
    assert warm_paths(net, {ALICE}, k=0) == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"mode": "gossip"}, "mode"),
        ({"max_hops": 0}, "hops"),
        ({"max_hops": 5}, "hops"),
        ({"k": -1}, "k is"),
        ({"per_first_hop": 0}, "per_first_hop"),
    ],
)
def test_it_rejects_a_search_it_cannot_run(options, message):
    with pytest.raises(ValueError, match=message):
        warm_paths(Network.build({}, []), {ALICE}, **options)


@pytest.mark.parametrize("strength", [-0.1, 1.5, math.nan])
def test_it_rejects_a_strength_outside_zero_to_one(strength):
    with pytest.raises(ValueError, match="between 0 and 1"):
        Network.build({}, [Knows(BRUCE, ALICE, strength)])


def test_it_rejects_an_edge_that_involves_you():
    with pytest.raises(ValueError, match="own ties"):
        Network.build({}, [Knows(ME, ALICE, 0.5)])


def test_arrays_build_the_same_network_as_plain_values():
    people = np.array([30, 10, 20, 40])
    net = Network.from_arrays(
        people=people,
        person=np.array([10, 20]),
        knows=np.array([20, 40]),
        strength=np.array([0.6, 0.7]),
        source=np.array([1, 0]),
        sources=["", "school"],
        tie_people=np.array([10]),
        tie_strength=np.array([0.5]),
    )
    (path,) = warm_paths(net, {40})
    assert path.people == (ME, 10, 20, 40)
    assert path.hops[1].source == "school"


def test_arrays_must_name_only_known_people():
    with pytest.raises(ValueError, match="not among the people"):
        Network.from_arrays(
            people=[1, 2],
            person=[1],
            knows=[3],
            strength=[0.5],
            tie_people=[],
            tie_strength=[],
        )


def test_new_people_and_edges_join_without_a_rebuild():
    net = Network.build({BRUCE: 0.9}, [])
    net.set_knows(BRUCE, ALICE, 0.6, "neighbours")
    net.set_tie(CARMEN, 0.8)
    net.set_knows(CARMEN, ALICE, 0.9)
    assert [p.first_hop for p in warm_paths(net, {ALICE})] == [CARMEN, BRUCE]
    net.remove_knows(CARMEN, ALICE)
    assert [p.first_hop for p in warm_paths(net, {ALICE})] == [BRUCE]


def test_many_new_edges_are_merged_into_the_arrays():
    net = Network.build({0: 1.0}, [])
    for person in range(1, 5000):
        net.set_knows(person - 1, person, 1.0)
    assert len(net._extra) <= COMPACT_MIN  # merged whenever the side list passed its limit
    assert net.edge_count == 4999
    assert [p.people for p in warm_paths(net, {2})] == [(ME, 0, 1, 2)]


def test_who_they_know_lists_people_you_do_not_know_strongest_first():
    edges = [
        Knows(BRUCE, ALICE, 0.4, "school"),
        Knows(BRUCE, DEV, 0.9),
        Knows(BRUCE, CARMEN, 0.8),
        Knows(BRUCE, ERIN, 0.1),
    ]
    net = Network.build({BRUCE: 0.9, CARMEN: 0.5}, edges)
    known = who_they_know(net, BRUCE)
    assert [a.person for a in known] == [DEV, ALICE, ERIN]
    assert known[1].source == "school"
    assert [a.person for a in who_they_know(net, BRUCE, limit=1)] == [DEV]
    assert who_they_know(net, 404) == []


def test_each_hop_is_explained_in_words():
    net = Network.build({BRUCE: 0.72}, [Knows(BRUCE, ALICE, 0.8, "worked together at Orion")])
    (path,) = warm_paths(net, {ALICE})
    assert describe_path(path, NAMES) == [
        "You know Bruce: a very strong tie",
        "Bruce knows Alice (worked together at Orion), estimated very strong",
    ]


def test_an_info_mode_first_hop_says_when_it_is_the_kind_that_helps_most():
    net = Network.build({BRUCE: 0.4}, [Knows(BRUCE, ALICE, 0.2)])
    (path,) = warm_paths(net, {ALICE}, mode="info")
    assert describe_hop(path.hops[0], NAMES, mode="info") == (
        "You know Bruce: a steady tie, the kind that helps most when asking for information"
    )
    assert describe_hop(path.hops[1], {}) == "person 1 knows person 2, estimated weak"


def test_an_info_mode_first_hop_through_a_very_strong_tie_says_no_more():
    net = Network.build({BRUCE: 0.9}, [Knows(BRUCE, ALICE, 0.2)])
    (path,) = warm_paths(net, {ALICE}, mode="info")
    assert describe_hop(path.hops[0], NAMES, mode="info") == "You know Bruce: a very strong tie"


@given(st.floats(0.01, 1))
def test_a_hop_in_words_carries_no_number(strength):
    net = Network.build({BRUCE: strength}, [Knows(BRUCE, ALICE, strength)])
    for mode in ("intro", "info"):
        (path,) = warm_paths(net, {ALICE}, mode=mode)
        for hop in path.hops:
            assert not re.search(r"\d", describe_hop(hop, NAMES, mode=mode))


@pytest.mark.parametrize("seed", range(6))
def test_a_large_company_searched_from_your_side_scores_as_networkx(seed):
    # Many targets who know each other and few contacts: the search starts from your side.
    rng = np.random.default_rng(seed)
    company = set(range(100, 160))
    ties = {person: float(rng.uniform(0.05, 1)) for person in range(3)}
    inside = rng.integers(100, 160, (400, 2))
    around = np.stack((rng.integers(0, 30, 60), rng.integers(0, 160, 60)), axis=1)
    edges = [
        (int(a), int(b), float(rng.uniform(0.01, 1)), "") for a, b in np.vstack((inside, around))
    ]
    net = build([], ties, edges)
    is_target = np.zeros(net.people_count, dtype=bool)
    wanted = net._find(company)
    is_target[wanted] = True
    assert _from_your_side(net, net._contact_indices(), wanted, is_target) is not None
    for mode in ("intro", "info"):
        got = [p.score for p in warm_paths(net, company, mode=mode, per_first_hop=2)]
        want = oracle_scores(ties, edges, company, k=5, max_hops=3, mode=mode, per_first_hop=2)
        assert got == pytest.approx(want, rel=1e-9)


def test_ids_far_apart_are_found_too():
    far, farther = 10**12, 5 * 10**12
    net = Network.build({far: 0.9}, [Knows(far, farther, 0.5)], people=[1])
    assert [p.people for p in warm_paths(net, [farther, 2])] == [(ME, far, farther)]
