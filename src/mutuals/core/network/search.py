"""Searching warm paths: the k best paths from you to any of the targets.

`warm_paths` scores every contact at once (`fast`) for the common query, at most 3 hops and
one path per contact, and otherwise runs the general search here. With T the targets, V_0 = 1
on T, and V_r(v) the best product of a walk of at most r hops from v to T that stops at the
first target (V_r = 1 on T, else the maximum over v's neighbours u of w(v, u) * V_(r-1)(u)), a
contact a can reach T at best at tie(a) * V_(h-1)(a): removing a cycle from a walk never
lowers a product of weights <= 1, so the best walk's score is the best simple path's. Contacts
are visited best bound first, and each one's paths are found best first with V as an exact
upper bound, until the k-th score beats every remaining bound. The V arrays only touch the
targets' neighbourhoods, so a query costs the degree sum of the targets (and, for 3 hops, of
their neighbours or your contacts, whichever is smaller), not the size of the graph.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable

import numpy as np

from mutuals.core.network.arrays import Bools, Floats, Ints
from mutuals.core.network.fast import first_weights, info_weights, scored_paths
from mutuals.core.network.graph import Network
from mutuals.core.network.model import INFO_PEAK, MAX_HOPS, MODES, Hop, Mode, Path

Layer = Floats | Bools  # V_0 is the targets' mask itself
Found = tuple[float, int, tuple[int, ...], float]  # score, rank, positions, first weight


def warm_paths(
    network: Network,
    targets: Iterable[int],
    *,
    k: int = 5,
    max_hops: int = 3,
    mode: Mode = "intro",
    per_first_hop: int = 1,
    info_peak: float = INFO_PEAK,
) -> list[Path]:
    """The k best paths from you to any of `targets`, best first, at most `per_first_hop`
    through each contact. Unknown targets, and you, are ignored; ties in score go to the
    contact with the lower index (the order people were given in)."""
    options = (k, max_hops, mode, per_first_hop, info_peak)
    return _paths(network, targets, *options, scored=per_first_hop == 1 and max_hops <= 3)


def searched_paths(
    network: Network,
    targets: Iterable[int],
    *,
    k: int = 5,
    max_hops: int = 3,
    mode: Mode = "intro",
    per_first_hop: int = 1,
    info_peak: float = INFO_PEAK,
) -> list[Path]:
    """`warm_paths` by the general search, whatever the query: the reference that scoring
    every contact at once is tested against."""
    options = (k, max_hops, mode, per_first_hop, info_peak)
    return _paths(network, targets, *options, scored=False)


def _paths(
    net: Network,
    targets: Iterable[int],
    k: int,
    max_hops: int,
    mode: Mode,
    per_first_hop: int,
    info_peak: float,
    *,
    scored: bool,
) -> list[Path]:
    if mode not in MODES:
        raise ValueError(f"The mode is one of {', '.join(MODES)}.")
    if not 1 <= max_hops <= MAX_HOPS:
        raise ValueError(f"A path has between 1 and {MAX_HOPS} hops.")
    if k < 0 or per_first_hop < 1:
        raise ValueError("k is at least 0 and per_first_hop at least 1.")
    wanted = net._find(targets)
    if scored:  # your contacts' weights and edges are kept between searches
        view = net._contacts_view()
        if k == 0 or not len(wanted) or not len(view.contacts):
            return []
        first = first_weights(net, view, mode, info_peak)
        return scored_paths(net, wanted, view.contacts, first, k, max_hops, mode)
    contacts = net._contact_indices()
    if k == 0 or not len(wanted) or not len(contacts):
        return []
    ties = net._tie[contacts].astype(np.float64)
    first = info_weights(ties, info_peak) if mode == "info" else ties
    found = _searched(net, wanted, contacts, first, k, max_hops, per_first_hop)
    return [_path(net, nodes, score, mode, weight) for score, _, nodes, weight in found]


def _searched(
    net: Network,
    wanted: Ints,
    contacts: Ints,
    first: Floats,
    k: int,
    max_hops: int,
    per_first_hop: int,
) -> list[Found]:
    """Best-first search, contact by contact, in order of an exact bound (any query)."""
    is_target = np.zeros(len(net._ids), dtype=np.bool_)
    is_target[wanted] = True
    forward = _from_your_side(net, contacts, wanted, is_target) if max_hops == 3 else None
    if forward is None:
        layers, support = _reach_layers(net, is_target, wanted, max_hops - 2)
        onward = _onward(net, contacts, layers, support, is_target, max_hops)
    else:
        layers, onward = forward
    bound = first * onward
    live = np.flatnonzero(bound > 0)
    order = live[np.argsort(-bound[live], kind="stable")]
    found: list[tuple[float, int, tuple[int, ...], float]] = []
    kth: list[float] = []  # a min-heap of the k best scores so far
    for rank, c in enumerate(order.tolist()):
        if len(kth) == k and bound[c] <= kth[0]:
            break
        contact, weight = int(contacts[c]), float(first[c])
        via = _paths_via(net, contact, weight, layers, is_target, per_first_hop, max_hops - 1)
        for score, nodes in via:
            found.append((score, rank, nodes, weight))
            heapq.heappush(kth, score)
            if len(kth) > k:
                heapq.heappop(kth)
    found.sort(key=lambda f: (-f[0], f[1]))
    return found[:k]


def _reach_layers(
    net: Network, is_target: Bools, wanted: Ints, top: int
) -> tuple[list[Layer], Ints]:
    """V_0 .. V_top (V_r: the best product of a walk of at most r hops to a target), and the
    sorted nodes it may be above 0 at. Dense arrays, but only those nodes are written."""
    layers: list[Layer] = [is_target]
    support = np.unique(wanted)
    for _ in range(top):
        previous = layers[-1]
        owner, neighbour, w = net._adjacent(support)
        current = np.zeros(len(is_target), dtype=np.float64)  # calloc: untouched pages are free
        current[support] = previous[support]
        reach = w.astype(np.float64) * previous[support][owner]
        np.maximum.at(current, neighbour.astype(np.intp), reach)
        current[wanted] = 1.0
        support = np.union1d(support, neighbour).astype(np.int64)
        layers.append(current)
    return layers, support


def _from_your_side(
    net: Network, contacts: Ints, targets: Ints, is_target: Bools
) -> tuple[list[Layer], Floats] | None:
    """For 3 hops to a large set of targets (a big company): V_1 on your contacts' neighbours
    only, from their edges, when those are fewer than the targets' edges. None otherwise."""
    from_targets = net._degree_sum(targets)
    if from_targets <= net._degree_sum(contacts):
        return None
    owner, middle_all, w = net._adjacent(contacts)
    middle = np.unique(middle_all).astype(np.int64)
    if net._degree_sum(middle) >= from_targets:
        return None
    at, far, w_far = net._adjacent(middle)
    hit = is_target[far]
    best = np.zeros(len(middle), dtype=np.float64)
    np.maximum.at(best, at[hit], w_far[hit].astype(np.float64))  # same types: numpy's fast path
    v1 = np.zeros(len(is_target), dtype=np.float64)  # exact on `middle` and the targets,
    v1[middle] = best  # the only places it is read
    v1[targets] = 1.0
    onward = np.zeros(len(contacts), dtype=np.float64)
    np.maximum.at(onward, owner, w.astype(np.float64) * v1[middle_all])
    onward[is_target[contacts]] = 1.0
    return [is_target, v1], onward


def _onward(
    net: Network, contacts: Ints, layers: list[Layer], support: Ints, is_target: Bools, hops: int
) -> Floats:
    """V_(hops - 1) at each contact, read from whichever side has fewer edges."""
    onward = np.zeros(len(contacts), dtype=np.float64)
    if hops >= 2:
        last = layers[hops - 2]
        if net._degree_sum(contacts) <= net._degree_sum(support):
            owner, neighbour, w = net._adjacent(contacts)
            np.maximum.at(onward, owner, w.astype(np.float64) * last[neighbour])
        else:  # contacts are sorted: find each neighbour among them by binary search
            owner, neighbour, w = net._adjacent(support)
            at = np.minimum(np.searchsorted(contacts, neighbour), len(contacts) - 1)
            mine = contacts[at] == neighbour
            reach = w.astype(np.float64) * last[support][owner]
            np.maximum.at(onward, at[mine], reach[mine])
    onward[is_target[contacts]] = 1.0
    return onward


def _paths_via(
    net: Network,
    contact: int,
    first: float,
    layers: list[Layer],
    is_target: Bools,
    wanted: int,
    hops_left: int,
) -> list[tuple[float, tuple[int, ...]]]:
    """The best `wanted` paths through one contact, best first (V bounds every completion)."""
    if is_target[contact]:
        return [(first, (contact,))]
    heap: list[tuple[float, int, float, tuple[int, ...]]] = [(-first, 0, first, (contact,))]
    pushed, out = 1, list[tuple[float, tuple[int, ...]]]()
    while heap and len(out) < wanted:
        _, _, product, nodes = heapq.heappop(heap)
        last = nodes[-1]
        if len(nodes) > 1 and is_target[last]:
            out.append((product, nodes))
            continue
        left = hops_left - (len(nodes) - 1)
        if left == 0:
            continue
        _, neighbour, w = net._adjacent(np.array([last], dtype=np.int64))
        priority = product * w.astype(np.float64) * layers[left - 1][neighbour]
        best: dict[int, tuple[float, float]] = {}
        for v, p, weight in zip(neighbour.tolist(), priority.tolist(), w.tolist(), strict=True):
            if p > 0 and v not in nodes and p > best.get(v, (0.0, 0.0))[0]:
                best[v] = (p, weight)
        for v, (p, weight) in best.items():
            heapq.heappush(heap, (-p, pushed, product * weight, (*nodes, v)))
            pushed += 1
    return out


def _path(net: Network, nodes: tuple[int, ...], score: float, mode: Mode, weight: float) -> Path:
    ids = net._ids
    tie = float(net._tie[nodes[0]])
    hops = [Hop(net.me, ids[nodes[0]], tie, weight, "", yours=True)]
    for i, j in itertools.pairwise(nodes):
        strength, source = net._best_entry(i, j)
        hops.append(Hop(ids[i], ids[j], strength, strength, source, yours=False))
    return Path((net.me, *(ids[i] for i in nodes)), score, tuple(hops), mode)
