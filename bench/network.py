"""Warm-path search on a synthetic social graph: 1,000,000 people, 20,000,000 knows edges.

The graph (seeded, generated with numpy): organisations of Zipf sizes (rank^-1, 30,000 of them,
the largest about 90,000 people), people laid out organisation by organisation in a shuffled
order; each edge starts at a person drawn by a log-normal activity (so some people know far
more than others) and ends, 55% of the time, at a colleague in the same organisation, 30% at
someone "nearby" (neighbouring organisations in the layout: a city or an industry), and 15% at
anyone. Strengths are Beta-distributed (colleagues stronger). You have a few hundred contacts,
most of them near one place in the layout.

Measured: building `core.network.Network` from the arrays (given as id arrays, prepared before
the clock starts), its memory, the top-5 warm paths to a random organisation (200 queries,
organisations drawn uniformly, and by size: "the company of a random person"), and the hard
case: 300 contacts around one place and the companies there as targets, against a numpy floor
(scores only, on the same arrays: `bench/network_baselines.py`), on the 1M/20M graph and on a
100,000-person, 2,000,000-edge one. On the smaller graph, the same queries the way a user would
write them: networkx (a bounded 2-hop expansion), scipy.sparse, and a two-join SQL query when a
PostgreSQL URL is given (MUTUALS_BENCH_POSTGRES, or MUTUALS_DATABASE_URL when run alone); every
answer is checked equal to ours. Also a 30,000-contact address book.
Needs no database: `python -m bench.network` runs it alone.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import time
from dataclasses import dataclass

import numpy as np

from bench.network_baselines import (
    NumpyFloor,
    ScipyScores,
    SqlScores,
    deduplicated,
    networkx_graph,
    networkx_scores,
)
from bench.results import Result, median, report, timings_ms
from mutuals.core.network import Network, warm_paths

PEOPLE = 1_000_000
EDGES = 20_000_000
ORGS = 30_000
SMALL_PEOPLE = 100_000
SMALL_EDGES = 2_000_000
CONTACTS = 300
BIG_CONTACTS = 30_000
QUERIES = 200
HARD_QUERIES = 200
HARD_SPREAD = 2_000  # positions in the layout: the scale of the "nearby" edges
BASELINE_QUERIES = 20
BUILD_GOAL_S = 30.0
MEMORY_GOAL_GB = 1.2
QUERY_GOAL_MS = 50.0
FLOOR_MEDIAN_GOAL = 3.0  # times the numpy floor
FLOOR_P95_GOAL = 2.0


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


def inputs(graph: Graph, ties: dict[int, float]) -> dict[str, object]:
    """What a caller hands `Network.from_arrays`: ids, not positions."""
    return {
        "people": graph.ids,
        "person": graph.ids[graph.a],
        "knows": graph.ids[graph.b],
        "strength": graph.strength,
        "source": graph.code,
        "sources": graph.sources,
        "tie_people": np.fromiter(ties, dtype=np.int64, count=len(ties)),
        "tie_strength": np.fromiter(ties.values(), dtype=np.float64, count=len(ties)),
    }


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
    given = inputs(graph, ties)
    gc.collect()
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
        before = rss_kb("VmRSS")
    except OSError:
        before = None
    started = time.perf_counter()
    net = Network.from_arrays(**given)  # type: ignore[arg-type]
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
            Result.of(
                "graph memory: peak RSS growth while building", grown, "GB", goal=MEMORY_GOAL_GB
            )
        )
    for figure in results:
        _echo(figure)
    results += _queries(net, graph, f"{len(net.contacts())} contacts")
    results += _hard_case(net, graph, f"{people:,} people", baselines=False)
    net.set_ties(ties)
    results += _changes(net, graph)
    net.set_ties(my_ties(graph, BIG_CONTACTS, seed=6))
    results += _queries(net, graph, f"{len(net.contacts()):,} contacts", by_size=False)
    del net, graph
    small_people, small_edges = min(SMALL_PEOPLE, people), min(SMALL_EDGES, edges)
    small = generate(small_people, small_edges)
    net = Network.from_arrays(**inputs(small, {}))  # type: ignore[arg-type]
    results += _hard_case(net, small, f"{small_people:,} people", baselines=True)
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


def _hard_case(net: Network, graph: Graph, scale: str, *, baselines: bool) -> list[Result]:
    """300 contacts around one place in the layout and targets there too: most contacts reach
    the target company, many in two hops, so every contact's score must be computed."""
    home = hard_home(graph)
    ties = near_ties(graph, CONTACTS, home, seed=13)
    net.set_ties(ties)
    queries = [
        graph.ids[graph.org_start[o] : graph.org_start[o] + graph.org_size[o]]
        for o in near_orgs(graph, home, HARD_QUERIES, seed=14)
    ]
    floor = NumpyFloor(net)
    for targets in queries:
        _same(floor.scores(targets), [p.score for p in warm_paths(net, targets)], "numpy floor")
    warm_paths(net, queries[0]), floor.scores(queries[0])  # first touch
    (ours, ours_cpu), (lowest, lowest_cpu) = _clocked_pair(
        lambda t: warm_paths(net, t, k=5), floor.scores, queries
    )
    what = f"top-5 paths, hard case ({scale}, {CONTACTS} contacts near the targets)"
    figures = [
        Result.of(
            f"{what}, median, against the numpy floor", median(ours), "ms", baseline=median(lowest)
        ),
        Result.of(
            f"{what}, p95, against the numpy floor's p95", p95(ours), "ms", baseline=p95(lowest)
        ),
    ]
    # On a shared machine a wall-clock p95 of sub-millisecond calls mostly counts the 4 ms
    # scheduler slices lost to other processes; the goals are on this process's CPU time.
    for name, mine, theirs, goal in (
        ("median", median(ours_cpu), median(lowest_cpu), FLOOR_MEDIAN_GOAL),
        ("p95", p95(ours_cpu), p95(lowest_cpu), FLOOR_P95_GOAL),
    ):
        figures.append(Result.of(f"{what}: {name} CPU time", mine, "ms", baseline=theirs))
        figures.append(
            Result.of(
                f"{what}: {name} CPU time, times the numpy floor's", mine / theirs, "x", goal=goal
            )
        )
    for figure in figures:
        _echo(figure)
    if baselines:
        figures += _baselines(net, graph, ties, queries[:BASELINE_QUERIES], what)
    return figures


Clocked = tuple[list[float], list[float]]  # each query's wall-clock and CPU milliseconds


def _clocked_pair(ours, theirs, queries: list[np.ndarray]) -> tuple[Clocked, Clocked]:
    """Both searches on each query in turn, each going first every other query: on a shared
    machine both then run under the same load (and neither always finds the rows the other
    just read in the cache), so their ratio means something even when the times drift."""
    mine: Clocked = ([], [])
    other: Clocked = ([], [])
    for n, targets in enumerate(queries):
        turns = ((ours, mine), (theirs, other))
        for search, into in turns if n % 2 == 0 else turns[::-1]:
            started, used = time.perf_counter(), time.thread_time()
            search(targets)
            into[1].append((time.thread_time() - used) * 1000)
            into[0].append((time.perf_counter() - started) * 1000)
    return mine, other


def _baselines(
    net: Network, graph: Graph, ties: dict[int, float], queries: list[np.ndarray], what: str
) -> list[Result]:
    """The same queries the way a user would write them, on positions; answers checked equal.
    Building each one's structure is not timed, only the queries."""
    people = len(graph.ids)
    ties_at = dict(
        zip(
            np.searchsorted(graph.ids, np.fromiter(ties, np.int64)).tolist(),
            (float(np.float32(s)) for s in ties.values()),
            strict=True,
        )
    )
    targets = [np.searchsorted(graph.ids, q) for q in queries]
    expected = [[p.score for p in warm_paths(net, q)] for q in queries]
    mine = median([timings_ms(lambda q=q: warm_paths(net, q), 1)[0] for q in queries])
    rows, cols, w = deduplicated(graph.a, graph.b, graph.strength, people)
    ways = [("networkx bounded 2-hop expansion", _networkx_way(graph, ties_at))]
    ways.append(("scipy.sparse", ScipyScores(rows, cols, w, people, ties_at).scores))
    url = os.environ.get("MUTUALS_BENCH_POSTGRES") or os.environ.get("MUTUALS_DATABASE_URL", "")
    sql = None
    if url.startswith("postgres"):
        sql = SqlScores(url, rows, cols, w, ties_at)
        ways.append(("a two-join SQL query in PostgreSQL", sql.scores))
    else:
        print(
            "  (no PostgreSQL: the SQL baseline is skipped; set MUTUALS_BENCH_POSTGRES to a "
            "postgres:// URL, e.g. inside scripts/with_postgres.py, to run it)",
            flush=True,
        )
    figures = []
    try:
        for name, scores in ways:
            for t, want in zip(targets, expected, strict=True):
                _same(scores(t), want, name)
            taken = median([timings_ms(lambda t=t, s=scores: s(t), 1)[0] for t in targets])
            figure = Result.of(
                f"{what}, ours vs {name} (median of {len(queries)})", mine, "ms", baseline=taken
            )
            _echo(figure)
            figures.append(figure)
    finally:
        if sql is not None:
            sql.close()
    return figures


def _networkx_way(graph: Graph, ties: dict[int, float]):
    nxg = networkx_graph(graph.a, graph.b, graph.strength, ties)
    return lambda targets: networkx_scores(nxg, ties, targets.tolist())


def _same(got: list[float], want: list[float], name: str) -> None:
    agree = len(got) == len(want)
    agree = agree and all(math.isclose(g, e, rel_tol=1e-5) for g, e in zip(got, want, strict=True))
    if not agree:
        raise AssertionError(f"our warm paths and {name} disagree: {got} against {want}")


def hard_home(graph: Graph) -> int:
    """Where you live in the layout: the start of a random small organisation (inside one of
    the largest, every company near you would be that one)."""
    rng = np.random.default_rng(12)
    return int(graph.org_start[rng.choice(np.flatnonzero(graph.org_size <= 50))])


def near_ties(graph: Graph, count: int, home: int, seed: int) -> dict[int, float]:
    """Your contacts around `home` in the layout, at the scale of the "nearby" edges."""
    rng = np.random.default_rng(seed)
    people = len(graph.ids)
    chosen = np.clip(home + rng.normal(0, HARD_SPREAD, 4 * count), 0, people - 1).astype(int)
    _, first = np.unique(chosen, return_index=True)
    chosen = chosen[np.sort(first)][:count]
    strengths = np.maximum(rng.beta(2.0, 2.5, len(chosen)), 0.01)
    return {int(graph.ids[i]): float(s) for i, s in zip(chosen, strengths, strict=True)}


def near_orgs(graph: Graph, home: int, count: int, seed: int) -> list[int]:
    """Organisations drawn uniformly among those within two spreads of `home` in the layout:
    a random company near you (most are small; a few of the biggest may be among them)."""
    rng = np.random.default_rng(seed)
    start, end = graph.org_start, graph.org_start + graph.org_size
    near = np.flatnonzero((start <= home + 2 * HARD_SPREAD) & (end >= home - 2 * HARD_SPREAD))
    return rng.choice(near, count).tolist()


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
