"""Warm-path search on a synthetic social graph: 1,000,000 people, 20,000,000 knows edges.

The graph (seeded, generated with numpy): organisations of Zipf sizes (rank^-1, 30,000 of them,
the largest about 90,000 people), people laid out organisation by organisation in a shuffled
order; each edge starts at a person drawn by a log-normal activity (so some people know far
more than others) and ends, 55% of the time, at a colleague in the same organisation, 30% at
someone "nearby" (neighbouring organisations in the layout: a city or an industry), and 15% at
anyone. Strengths are Beta-distributed (colleagues stronger). You have a few hundred contacts,
most of them near one place in the layout.

Measured: building `core.network.Network` from the arrays, its memory, and the top-5 warm paths
to a random organisation (200 queries, organisations drawn uniformly, and also drawn by size:
"the company of a random person"). Baseline: networkx enumerating every simple path of at most
3 hops on a 100,000-person slice (`nx.all_simple_paths`, the test oracle), the same queries on
the same slice with our engine, scores checked equal. Also a 30,000-contact personal network.
Needs no database: `python -m bench.network` runs it alone.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import math
import time
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from bench.results import Result, median, report, timings_ms
from mutuals.core.network import ME, Network, warm_paths

PEOPLE = 1_000_000
EDGES = 20_000_000
ORGS = 30_000
SLICE = 100_000
CONTACTS = 300
BIG_CONTACTS = 30_000
QUERIES = 200
NX_QUERIES = 5
BUILD_GOAL_S = 30.0
MEMORY_GOAL_GB = 3.0
QUERY_GOAL_MS = 50.0


@dataclass
class Graph:
    ids: np.ndarray  # person id by position (ascending, with gaps, like database keys)
    a: np.ndarray  # edge endpoints, positions
    b: np.ndarray
    strength: np.ndarray
    code: np.ndarray
    sources: list[str]
    org_start: np.ndarray
    org_size: np.ndarray


def generate(people: int = PEOPLE, edges: int = EDGES, orgs: int = ORGS, seed: int = 4) -> Graph:
    rng = np.random.default_rng(seed)
    orgs = max(1, min(orgs, people // 30))
    raw = 1.0 / np.arange(1, orgs + 1)
    size = np.maximum(1, np.floor(raw / raw.sum() * people)).astype(np.int64)
    size[0] += people - size.sum()
    layout = rng.permutation(orgs)  # where each organisation sits in the layout
    start = np.zeros(orgs, dtype=np.int64)
    start[layout] = np.concatenate(([0], np.cumsum(size[layout])[:-1]))
    org_of = np.repeat(layout.astype(np.int32), size[layout])
    activity = np.cumsum(rng.lognormal(0.0, 1.0, people))
    activity /= activity[-1]

    def someone(count: int) -> np.ndarray:
        # Sorted keys make the binary search fast; the permutation undoes the order.
        found = np.searchsorted(activity, np.sort(rng.random(count)))
        return rng.permutation(np.minimum(found, people - 1))

    a = someone(edges)
    kind = rng.random(edges)
    colleague, nearby = kind < 0.55, (kind >= 0.55) & (kind < 0.85)
    b = someone(edges)  # anyone, unless replaced below
    o = org_of[a[colleague]]
    b[colleague] = start[o] + (rng.random(len(o)) * size[o]).astype(np.int64)
    shift = np.rint(rng.normal(0.0, 2000.0, int(nearby.sum()))).astype(np.int64)
    b[nearby] = np.clip(a[nearby] + shift, 0, people - 1)
    strength = rng.beta(1.2, 5.0, edges)
    strength[colleague] = rng.beta(2.0, 3.0, int(colleague.sum()))
    strength = np.maximum(strength, 0.01).astype(np.float32)
    labels = ["met at an event", "neighbours", "studied together"]
    code = rng.integers(1, 4, edges).astype(np.int32)
    code[colleague] = 4 + org_of[a[colleague]]
    sources = ["", *labels, *(f"worked together at Org {i}" for i in range(orgs))]
    ids = np.arange(people, dtype=np.int64) * 3 + 7
    return Graph(ids, a.astype(np.int32), b.astype(np.int32), strength, code, sources, start, size)


def my_ties(graph: Graph, count: int, seed: int) -> dict[int, float]:
    """Most contacts near one place in the layout (your city, your field), some anywhere."""
    rng = np.random.default_rng(seed)
    people = len(graph.ids)
    home = int(rng.integers(0, people))
    draws = 3 * count
    near = np.clip(home + rng.normal(0, 20_000, draws), 0, people - 1).astype(np.int64)
    anywhere = rng.integers(0, people, draws)
    chosen = np.where(rng.random(draws) < 0.7, near, anywhere)
    _, first = np.unique(chosen, return_index=True)
    chosen = chosen[np.sort(first)][:count]  # `count` different people
    strengths = rng.beta(2.0, 2.5, count)
    return {int(graph.ids[i]): float(max(s, 0.01)) for i, s in zip(chosen, strengths, strict=True)}


def build(graph: Graph, ties: dict[int, float]) -> Network:
    return Network.from_arrays(
        people=graph.ids,
        person=graph.ids[graph.a],
        knows=graph.ids[graph.b],
        strength=graph.strength,
        source=graph.code,
        sources=graph.sources,
        tie_people=np.fromiter(ties, dtype=np.int64, count=len(ties)),
        tie_strength=np.fromiter(ties.values(), dtype=np.float64, count=len(ties)),
    )


def org_members(graph: Graph, org: int) -> list[int]:
    start, size = int(graph.org_start[org]), int(graph.org_size[org])
    return graph.ids[start : start + size].tolist()


def query_orgs(graph: Graph, count: int, seed: int, *, by_size: bool) -> list[int]:
    rng = np.random.default_rng(seed)
    if not by_size:
        return rng.integers(0, len(graph.org_size), count).tolist()
    weights = graph.org_size / graph.org_size.sum()
    return rng.choice(len(graph.org_size), size=count, p=weights).tolist()


def p95(values: list[float]) -> float:
    return float(np.percentile(values, 95))


def time_queries(net: Network, graph: Graph, orgs: list[int]) -> list[float]:
    timings = []
    for org in orgs:
        targets = org_members(graph, org)
        started = time.perf_counter()
        warm_paths(net, targets, k=5)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def rss_kb(field: str) -> int | None:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def measured_build(graph: Graph, ties: dict[int, float]) -> tuple[Network, float, float | None]:
    """Build, returning the seconds and the peak RSS growth in GB while building (Linux: the
    peak is reset through /proc/self/clear_refs; None where that is not possible)."""
    gc.collect()
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
        before = rss_kb("VmRSS")
    except OSError:
        before = None
    started = time.perf_counter()
    net = build(graph, ties)
    seconds = time.perf_counter() - started
    peak = rss_kb("VmHWM")
    grown = None if before is None or peak is None else (peak - before) / 1024**2
    return net, seconds, grown


ECHO = False  # print each figure as it comes (when run alone; `python -m bench` prints them)


def _echo(figure: Result) -> None:
    if ECHO:
        report(figure)


def run(people: int = PEOPLE, edges: int = EDGES) -> list[Result]:
    started = time.perf_counter()
    graph = generate(people, edges)
    generated = time.perf_counter() - started
    ties = my_ties(graph, CONTACTS, seed=5)
    net, seconds, grown = measured_build(graph, ties)
    scale = f"{people:,} people, {edges:,} knows edges"
    results = [
        Result.of(f"generating the synthetic graph ({scale}, numpy)", generated, "s"),
        Result.of(f"building the graph ({scale})", seconds, "s", goal=BUILD_GOAL_S),
        Result.of("graph arrays held (nbytes)", net.nbytes / 1024**3, "GB"),
    ]
    if grown is not None:
        results.append(
            Result.of("graph memory: peak RSS growth while building", grown, "GB", goal=3.0)
        )
    for figure in results:
        _echo(figure)
    results += _queries(net, graph, f"{len(net.contacts())} contacts")
    results += _changes(net, graph)
    results += _against_networkx(graph, people)
    net.set_ties(my_ties(graph, BIG_CONTACTS, seed=6))
    results += _queries(net, graph, f"{len(net.contacts()):,} contacts", by_size=False)
    total = time.perf_counter() - started
    results.append(Result.of("whole graph bench, for reference", total, "s"))
    _echo(results[-1])
    return results


def _queries(net: Network, graph: Graph, who: str, *, by_size: bool = True) -> list[Result]:
    warm_paths(net, org_members(graph, 0)[:10], k=5)  # first touch of the arrays
    uniform = time_queries(net, graph, query_orgs(graph, QUERIES, seed=7, by_size=False))
    figures = [
        Result.of(
            f"top-5 paths to an organisation, {who}, 200 random organisations (p95)",
            p95(uniform),
            "ms",
            goal=QUERY_GOAL_MS,
        ),
        Result.of(f"top-5 paths to an organisation, {who} (median)", median(uniform), "ms"),
    ]
    if by_size:
        sized = time_queries(net, graph, query_orgs(graph, QUERIES, seed=8, by_size=True))
        figures.append(
            Result.of(
                f"top-5 paths to the organisation of a random person, {who} (p95)",
                p95(sized),
                "ms",
            )
        )
        largest = time_queries(net, graph, [0] * 5)
        figures.append(
            Result.of(
                f"top-5 paths to the largest organisation ({int(graph.org_size[0]):,} people, "
                f"median of 5)",
                median(largest),
                "ms",
            )
        )
    for figure in figures:
        _echo(figure)
    return figures


def _changes(net: Network, graph: Graph) -> list[Result]:
    """Adding edges to the built graph, the search right after, and merging the changes."""
    rng = np.random.default_rng(10)
    pairs = rng.integers(0, len(graph.ids), (100, 2))
    orgs = query_orgs(graph, len(pairs), seed=11, by_size=False)
    add_ms, search_ms = [], []
    for (a, b), org in zip(pairs.tolist(), orgs, strict=True):
        if a == b:
            continue
        started = time.perf_counter()
        net.set_knows(int(graph.ids[a]), int(graph.ids[b]), 0.5, "met at an event")
        add_ms.append((time.perf_counter() - started) * 1000)
        targets = org_members(graph, org)
        started = time.perf_counter()
        warm_paths(net, targets, k=5)
        search_ms.append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    net.compact()
    merged = time.perf_counter() - started
    figures = [
        Result.of("adding a knows edge to the built graph (median)", median(add_ms), "ms"),
        Result.of("top-5 paths right after an edge was added (median)", median(search_ms), "ms"),
        Result.of("merging the added edges into the arrays (compact)", merged, "s"),
    ]
    for figure in figures:
        _echo(figure)
    return figures


def _against_networkx(graph: Graph, people: int) -> list[Result]:
    import networkx as nx

    size = min(SLICE, people)
    inside = (graph.a < size) & (graph.b < size)
    part = Graph(
        graph.ids[:size],
        graph.a[inside],
        graph.b[inside],
        graph.strength[inside],
        graph.code[inside],
        graph.sources,
        graph.org_start,
        graph.org_size,
    )
    rng = np.random.default_rng(9)
    chosen, strengths = rng.integers(0, size, CONTACTS), rng.beta(2.0, 2.5, CONTACTS)
    ties = {int(part.ids[i]): float(s) for i, s in zip(chosen, strengths, strict=True)}
    ours = build(part, ties)
    nxg = nx.Graph()
    weakest_first = np.argsort(part.strength, kind="stable")  # a duplicate keeps the strongest
    nxg.add_weighted_edges_from(
        zip(
            part.ids[part.a[weakest_first]].tolist(),
            part.ids[part.b[weakest_first]].tolist(),
            part.strength[weakest_first].tolist(),
            strict=True,
        )
    )
    nxg.remove_edges_from(nx.selfloop_edges(nxg))
    nxg.add_weighted_edges_from((ME, p, float(np.float32(s))) for p, s in ties.items())
    whole = np.flatnonzero(graph.org_start + graph.org_size <= size)
    orgs = rng.choice(whole, NX_QUERIES, replace=False).tolist()
    nx_ms, our_ms = [], []
    for org in orgs:
        targets = org_members(graph, org)
        started = time.perf_counter()
        expected = _networkx_top(nxg, targets, k=5)
        nx_ms.append((time.perf_counter() - started) * 1000)
        found = warm_paths(ours, targets, k=5)
        our_ms.append(median(timings_ms(lambda t=targets: warm_paths(ours, t, k=5), 5)))
        got = [p.score for p in found]
        assert len(got) == len(expected), "our warm paths and networkx's disagree"
        assert all(math.isclose(g, e, rel_tol=1e-6) for g, e in zip(got, expected, strict=True)), (
            "our warm paths and networkx's disagree"
        )
    figure = Result.of(
        f"top-5 paths on a {size:,}-person slice ({ours.edge_count:,} edges), "
        f"ours vs networkx all_simple_paths (median of {NX_QUERIES} organisations)",
        median(our_ms),
        "ms",
        baseline=median(nx_ms),
    )
    _echo(figure)
    return [figure]


def _networkx_top(graph, targets: list[int], *, k: int) -> list[float]:
    """What the test oracle does: every simple path of at most 3 hops, best per first hop."""
    import networkx as nx

    wanted = {t for t in targets if t in graph}
    best: dict[int, float] = defaultdict(float)
    if not wanted:
        return []
    for path in nx.all_simple_paths(graph, ME, wanted, cutoff=3):
        if any(v in wanted for v in path[1:-1]):
            continue
        score = math.prod(graph[u][v]["weight"] for u, v in itertools.pairwise(path))
        best[path[1]] = max(best[path[1]], score)
    return sorted(best.values(), reverse=True)[:k]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.network", description=__doc__)
    parser.add_argument("--people", type=int, default=PEOPLE)
    parser.add_argument("--edges", type=int, default=EDGES)
    args = parser.parse_args()
    global ECHO
    ECHO = True
    run(args.people, args.edges)


if __name__ == "__main__":
    main()
