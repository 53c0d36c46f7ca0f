"""What a user would write instead of mutuals' warm paths, and a numpy floor.

All compute the same thing: for each of your contacts, the best product of a path of at most
3 hops to a target that stops at the first target (your tie, then knows edges), and the top 5
scores. `NumpyFloor` computes only the scores, over mutuals' own arrays, with nothing but numpy
calls: what no Python wrapper can beat. `networkx_scores` is the bounded 2-hop expansion one
writes with networkx (from the targets one hop, from the contacts one hop, meet), `ScipyScores`
the same with scipy.sparse (rows of the adjacency, an element-wise product and a max), and
`SqlScores` a two-join query in PostgreSQL over an indexed edge table.
"""

from __future__ import annotations

import io

import numpy as np

from mutuals.core.network import Network


def _gather(indptr: np.ndarray, nodes: np.ndarray) -> np.ndarray:
    starts = indptr[nodes]
    lengths = indptr[nodes + 1] - starts
    shift = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    return np.arange(int(lengths.sum()), dtype=np.int64) + shift, lengths


class NumpyFloor:
    """Scores only, on the network's arrays: V1 from the targets' rows, then your contacts'
    rows, in float32, two scratch arrays kept between queries."""

    def __init__(self, net: Network) -> None:
        self.indptr, self.indices, self.weights = net._indptr, net._indices, net._weights
        self.low, self.table = net._lookup.low, net._lookup.table
        self.contacts = net._contact_indices()
        self.tie = net._tie[self.contacts]
        self.v1 = np.zeros(net.people_count, dtype=np.float32)
        self.is_target = np.zeros(net.people_count, dtype=np.bool_)

    def scores(self, target_ids: np.ndarray, k: int = 5) -> list[float]:
        t = self.table[target_ids - self.low]
        pos, _ = _gather(self.indptr, t)
        middle = self.indices[pos]
        np.maximum.at(self.v1, middle, self.weights[pos])
        self.v1[t] = 1.0
        self.is_target[t] = True
        pos, lengths = _gather(self.indptr, self.contacts)
        owner = np.repeat(np.arange(len(self.contacts)), lengths)
        best = np.zeros(len(self.contacts), dtype=np.float32)
        np.maximum.at(best, owner, self.weights[pos] * self.v1[self.indices[pos]])
        best[self.is_target[self.contacts]] = 1.0
        score = self.tie * best
        self.v1[middle], self.v1[t], self.is_target[t] = 0.0, 0.0, False
        top = np.argpartition(-score, k)[:k] if len(score) > k else np.arange(len(score))
        return sorted((float(s) for s in score[top] if s > 0), reverse=True)


def networkx_graph(a, b, strength, ties: dict[int, float]):
    """An nx.Graph of positions; a duplicate edge keeps the strongest (added last)."""
    import networkx as nx

    graph = nx.Graph()
    order = np.argsort(strength, kind="stable")
    graph.add_weighted_edges_from(
        zip(a[order].tolist(), b[order].tolist(), strength[order].tolist(), strict=True)
    )
    graph.remove_edges_from(nx.selfloop_edges(graph))
    return graph


def networkx_scores(graph, ties: dict[int, float], targets, k: int = 5) -> list[float]:
    """The bounded 2-hop expansion: one hop out from the targets, one from your contacts."""
    wanted = set(targets)
    v1: dict[int, float] = {}
    for t in wanted:
        if t not in graph:
            continue
        for m, edge in graph[t].items():
            if m not in wanted and edge["weight"] > v1.get(m, 0.0):
                v1[m] = edge["weight"]
    scores = []
    for c, tie in ties.items():
        if c in wanted:
            scores.append(tie)
            continue
        if c not in graph:
            continue
        best = 0.0
        for m, edge in graph[c].items():
            onward = 1.0 if m in wanted else v1.get(m, 0.0)
            best = max(best, edge["weight"] * onward)
        if best > 0:
            scores.append(tie * best)
    return sorted(scores, reverse=True)[:k]


def deduplicated(a, b, strength, people: int):
    """Both directions, one entry per pair at its strongest, no self loops."""
    rows, cols = np.concatenate((a, b)).astype(np.int64), np.concatenate((b, a)).astype(np.int64)
    w = np.concatenate((strength, strength))
    keep = rows != cols
    rows, cols, w = rows[keep], cols[keep], w[keep]
    key = rows * people + cols
    order = np.lexsort((-w, key))  # the strongest first within a pair
    key, w = key[order], w[order]
    first = np.concatenate(([True], key[1:] != key[:-1]))
    return key[first] // people, key[first] % people, w[first]


class ScipyScores:
    """scipy.sparse: V1 = the max over the targets' rows, then your contacts' rows times V1."""

    def __init__(self, rows, cols, w, people: int, ties: dict[int, float]) -> None:
        import scipy.sparse as sp

        self.matrix = sp.csr_array((w, (rows, cols)), shape=(people, people))
        self.contacts = np.array(sorted(ties), dtype=np.int64)
        self.tie = np.array([ties[c] for c in self.contacts.tolist()], dtype=np.float32)

    def scores(self, targets: np.ndarray, k: int = 5) -> list[float]:
        v1 = self.matrix[targets].max(axis=0).toarray().ravel()
        v1[targets] = 1.0
        best = self.matrix[self.contacts].multiply(v1[None, :]).max(axis=1).toarray().ravel()
        best[np.isin(self.contacts, targets)] = 1.0
        score = self.tie * best
        return sorted((float(s) for s in score if s > 0), reverse=True)[:k]


QUERY = """
WITH t AS (SELECT DISTINCT unnest(%(targets)s::int[]) AS id),
v AS (
    SELECT k.a AS m, max(k.w) AS v FROM knows k JOIN t ON t.id = k.b GROUP BY k.a
    UNION ALL SELECT id, 1.0 FROM t
),
best AS (
    SELECT k.a AS c, max(k.w * v.v) AS onward
    FROM contact c JOIN knows k ON k.a = c.id JOIN v ON v.m = k.b GROUP BY k.a
    UNION ALL SELECT id, 1.0 FROM contact WHERE id IN (SELECT id FROM t)
)
SELECT c.tie * max(best.onward) AS score FROM best JOIN contact c ON c.id = best.c
GROUP BY c.id, c.tie ORDER BY score DESC LIMIT %(k)s
"""


class SqlScores:
    """A two-join query in PostgreSQL (an indexed edge table in both directions)."""

    def __init__(self, url: str, rows, cols, w, ties: dict[int, float]) -> None:
        import psycopg

        self.connection = psycopg.connect(url, autocommit=True)
        with self.connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS knows, contact")
            cursor.execute("CREATE UNLOGGED TABLE knows (a int, b int, w real)")
            cursor.execute("CREATE UNLOGGED TABLE contact (id int PRIMARY KEY, tie real)")
            for table, columns in (("knows", (rows, cols, w)), ("contact", _ties(ties))):
                with cursor.copy(f"COPY {table} FROM STDIN") as copy:
                    copy.write(_tsv(*columns))
            cursor.execute("CREATE INDEX ON knows (a)")
            cursor.execute("CREATE INDEX ON knows (b)")
            cursor.execute("ANALYZE knows")
            cursor.execute("ANALYZE contact")

    def scores(self, targets: np.ndarray, k: int = 5) -> list[float]:
        with self.connection.cursor() as cursor:
            cursor.execute(QUERY, {"targets": targets.tolist(), "k": k})
            return [float(score) for (score,) in cursor.fetchall()]

    def close(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS knows, contact")
        self.connection.close()


def _ties(ties: dict[int, float]):
    return np.fromiter(ties, dtype=np.int64), np.fromiter(ties.values(), dtype=np.float32)


def _tsv(*columns) -> bytes:
    out = io.StringIO()
    for row in zip(*(c.tolist() for c in columns), strict=True):
        out.write("\t".join(map(repr, row)))
        out.write("\n")
    return out.getvalue().encode()
