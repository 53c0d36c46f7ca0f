"""Warm paths through your network's network: who can introduce you to someone, ranked.

Idea: help and job leads travel through people (Granovetter, "The strength of weak ties",
American Journal of Sociology 78(6), 1973; *Getting a Job*, 1974): a path of people who know
each other, each hop as likely to be taken as the tie is strong. For information rather than
introductions, Rajkumar et al. ("A causal test of the strength of weak ties", Science 377,
2022; a field experiment over 20 million LinkedIn users) found moderately weak ties, not the
strongest, the most useful for job mobility.

The network: you ("me", who is not one of the people), your ties to your contacts (their
strength from `core.strength`, in [0, 1]), and undirected "knows" edges between people with an
estimated strength in (0, 1] and a source ("worked together at Orion"). It is stored once as
CSR arrays (row offsets, int32 neighbour indices, float32 strengths, int32 source codes), each
edge in both directions, with an id <-> index mapping.

Formula in words: a path is you, then a contact (the first hop), then at most `max_hops - 1`
more people, ending at the first target it reaches, never visiting anyone twice. Its score is
the product of its hop weights. A hop's weight is its strength, except in "info" mode, where
the first hop (your own tie, the tie the 2022 experiment measured) weighs
(s / p) * e^(1 - s / p) with p = 0.35: 1 at s = p, 0.45 for the strongest tie, 0.58 at 0.1.
Later hops keep their strength in both modes, because whether an acquaintance passes a
question on still grows with how well they know the next person. Diversity: at most
`per_first_hop` paths through each contact, so the top five go through five different friends.

Search (exact): with T the targets, V_0 = 1 on T, and V_r(v) the best product of a walk of at
most r hops from v to T that stops at the first target (V_r = 1 on T, else the maximum over
v's neighbours u of w(v, u) * V_(r-1)(u)). A contact a can reach T at best at
tie(a) * V_(h-1)(a): removing a cycle from a walk never lowers a product of weights <= 1, so
the best walk's score is the best simple path's. Contacts are visited best bound first, and
each one's paths are found best first with V as an exact upper bound, until the k-th score
beats every remaining bound. The V arrays only touch the targets' neighbourhoods, so a query
costs the degree sum of the targets (and, for 3 hops, of their neighbours or your contacts,
whichever is smaller), not the size of the graph.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import numpy.typing as npt

from mutuals.core.strength import strength_label

Mode = Literal["intro", "info"]
MODES: Final = ("intro", "info")
ME: Final = -1  # your id in paths; people's ids are database keys, never negative
INFO_PEAK: Final = 0.35
MAX_HOPS: Final = 4
COMPACT_MIN: Final = 4096  # changes kept aside before they are merged into the arrays
COMPACT_SHARE: Final = 0.02

Ints = npt.NDArray[np.int64]
Int32s = npt.NDArray[np.int32]
Floats = npt.NDArray[np.float64]
Floats32 = npt.NDArray[np.float32]
Bools = npt.NDArray[np.bool_]
Layer = Floats | Bools  # V_0 is the targets' mask itself


@dataclass(frozen=True, slots=True)
class Knows:
    """`person` knows `knows` (and the other way round), with a strength in [0, 1]."""

    person: int
    knows: int
    strength: float
    source: str = ""


@dataclass(frozen=True, slots=True)
class Hop:
    from_id: int
    to_id: int
    strength: float
    weight: float  # what the ranking used: the strength, or the info-mode weight
    source: str
    yours: bool  # your own tie (the first hop), not a knows edge


@dataclass(frozen=True, slots=True)
class Path:
    people: tuple[int, ...]  # ids, you (the network's `me`) first
    score: float  # the product of the hops' weights
    hops: tuple[Hop, ...]
    mode: Mode

    @property
    def first_hop(self) -> int:
        return self.people[1]


@dataclass(frozen=True, slots=True)
class Acquaintance:
    person: int
    strength: float
    source: str


def info_weight(strength: float, peak: float = INFO_PEAK) -> float:
    """The info-mode weight of your tie: 1 at `peak`, lower for weaker and stronger ties."""
    x = strength / peak
    return float(x * math.exp(1.0 - x))


class Network:
    """You, your ties, and who knows whom, as CSR arrays.

    Build it with `Network.build` (plain Python values) or `Network.from_arrays` (numpy
    arrays, for large graphs). Changes are incremental: a tie is one array write; changing or
    removing a knows edge rewrites its entries in place (O(degree)); a new edge goes to a
    small side list that searches read too, merged into the arrays (a rebuild, O(E log E))
    once it holds more than max(4096, 2% of the edges) entries, or on `compact()`. A new
    person costs an amortised O(1) append.
    """

    def __init__(
        self,
        *,
        me: int,
        ids: list[int],
        tie: Floats32,
        indptr: Ints,
        indices: Int32s,
        weights: Floats32,
        codes: Int32s,
        sources: list[str],
    ) -> None:
        self.me = me
        self._ids = ids
        self._index = {person: i for i, person in enumerate(ids)}
        self._tie = tie
        self._indptr, self._indices, self._weights, self._codes = indptr, indices, weights, codes
        self._sources = sources
        self._source_code = {label: i for i, label in enumerate(sources)}
        self._extra: list[tuple[int, int, float, int]] = []  # (row, column, strength, code)
        self._extra_rows: dict[int, list[int]] = {}
        self._extra_csr: tuple[Ints, Int32s, Floats32, Bools] | None = None
        self._contacts: Ints | None = None
        self._lookup = _IdLookup(np.zeros(0, dtype=np.int64))  # people known when built

    def _find(self, people: Iterable[int]) -> Ints:
        """Positions of the known ones among `people` (vectorised for large sets)."""
        if isinstance(people, np.ndarray):
            query = people.astype(np.int64)
        else:
            query = np.fromiter(people, dtype=np.int64)
        found = self._lookup.find(query)
        later = [self._index.get(p) for p in query[found < 0].tolist()]  # added since built
        known = found[found >= 0].astype(np.int64)
        return np.concatenate((known, np.array([i for i in later if i is not None], np.int64)))

    # ---- building --------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        ties: Mapping[int, float] | Iterable[tuple[int, float]],
        knows: Iterable[Knows],
        *,
        people: Iterable[int] = (),
        me: int = ME,
    ) -> Network:
        """From plain values. Duplicate edges keep the strongest; zero-strength edges and self
        loops are dropped; an edge or tie involving `me` is a ValueError."""
        tie_items = list(ties.items()) if isinstance(ties, Mapping) else list(ties)
        edges = list(knows)
        ids = set(people) | {p for p, _ in tie_items}
        ids.update(e.person for e in edges)
        ids.update(e.knows for e in edges)
        codes: dict[str, int] = {"": 0}
        for e in edges:
            codes.setdefault(e.source, len(codes))
        return cls.from_arrays(
            people=np.array(sorted(ids), dtype=np.int64),
            person=np.array([e.person for e in edges], dtype=np.int64),
            knows=np.array([e.knows for e in edges], dtype=np.int64),
            strength=np.array([e.strength for e in edges], dtype=np.float64),
            source=np.array([codes[e.source] for e in edges], dtype=np.int32),
            sources=list(codes),
            tie_people=np.array([p for p, _ in tie_items], dtype=np.int64),
            tie_strength=np.array([s for _, s in tie_items], dtype=np.float64),
            me=me,
        )

    @classmethod
    def from_arrays(
        cls,
        *,
        people: npt.ArrayLike,
        person: npt.ArrayLike,
        knows: npt.ArrayLike,
        strength: npt.ArrayLike,
        tie_people: npt.ArrayLike,
        tie_strength: npt.ArrayLike,
        source: npt.ArrayLike | None = None,
        sources: Sequence[str] = ("",),
        me: int = ME,
    ) -> Network:
        """From arrays: every person's id once in `people`; edges as parallel arrays of ids
        (`person`, `knows`), strengths and codes into `sources`; your ties as ids and
        strengths. Cost: O(E log E) for the sort by row, vectorised."""
        ids = np.asarray(people, dtype=np.int64)
        if np.any(ids == me):
            raise ValueError("You are not one of the people; give your own ties as ties.")
        lookup = _IdLookup(ids)
        a, b = lookup.positions(person), lookup.positions(knows)
        w = _strengths(strength, len(a), "knows edge")
        if source is None:
            codes = np.zeros(len(a), dtype=np.int32)
        else:
            codes = np.asarray(source, dtype=np.int32)
        if len(codes) != len(a) or (
            len(codes) and (codes.min() < 0 or codes.max() >= len(sources))
        ):
            raise ValueError("Each knows edge needs a source code into `sources`.")
        keep = (w > 0) & (a != b)
        a, b, w, codes = a[keep], b[keep], w[keep], codes[keep]
        n = len(ids)
        rows, cols = np.concatenate((a, b)), np.concatenate((b, a))
        indptr, indices, weights, codes2 = _csr(
            n, rows, cols, np.concatenate((w, w)), np.concatenate((codes, codes))
        )
        tie = np.zeros(n, dtype=np.float32)
        ti = lookup.positions(tie_people)
        np.maximum.at(tie, ti, _strengths(tie_strength, len(ti), "tie"))
        network = cls(
            me=me,
            ids=ids.tolist(),
            tie=tie,
            indptr=indptr,
            indices=indices,
            weights=weights,
            codes=codes2,
            sources=list(sources),
        )
        network._lookup = lookup
        return network

    # ---- reading ---------------------------------------------------------------------------

    @property
    def people_count(self) -> int:
        return len(self._ids)

    @property
    def edge_count(self) -> int:
        """Knows edges with a strength above 0 (a duplicate counts once per copy)."""
        live = int(np.count_nonzero(self._weights))
        return (live + sum(1 for e in self._extra if e[2] > 0)) // 2

    @property
    def nbytes(self) -> int:
        """Bytes held by the arrays (not the id mapping, about 100 bytes a person more)."""
        arrays = (self._tie, self._indptr, self._indices, self._weights, self._codes)
        return sum(x.nbytes for x in arrays)

    def has_person(self, person: int) -> bool:
        return person in self._index

    def tie(self, person: int) -> float:
        """Your tie's strength to `person`, 0 when they are not your contact."""
        i = self._index.get(person)
        return 0.0 if i is None else float(self._tie[i])

    def contacts(self) -> list[int]:
        return [self._ids[i] for i in self._contact_indices().tolist()]

    def strength(self, person: int, knows: int) -> float:
        """The strongest knows edge between the two, 0 when there is none."""
        i, j = self._index.get(person), self._index.get(knows)
        if i is None or j is None:
            return 0.0
        return self._best_entry(i, j)[0]

    # ---- changing --------------------------------------------------------------------------

    def set_tie(self, person: int, strength: float) -> None:
        """Set your tie to `person` (0 ends it). O(1)."""
        if person == self.me:
            raise ValueError("You cannot have a tie with yourself.")
        _check_strength(strength, "tie")
        i = self._ensure(person)  # first: it may replace the array
        self._tie[i] = strength
        self._contacts = None

    def set_ties(self, ties: Mapping[int, float]) -> None:
        """Replace all your ties at once. O(people)."""
        self._tie[:] = 0
        for person, strength in ties.items():
            self.set_tie(person, strength)

    def set_knows(self, person: int, knows: int, strength: float, source: str = "") -> None:
        """Add or update the edge between two people (strength 0 removes it)."""
        if person == knows:
            raise ValueError("Someone cannot know themselves.")
        if self.me in (person, knows):
            raise ValueError("A knows edge is between two people; your own ties are ties.")
        _check_strength(strength, "knows edge")
        strength = float(np.float32(strength))  # as the arrays hold it
        if strength == 0:
            self.remove_knows(person, knows)
            return
        i, j = self._ensure(person), self._ensure(knows)
        code = self._source_code.setdefault(source, len(self._sources))
        if code == len(self._sources):
            self._sources.append(source)
        if not self._rewrite(i, j, strength, code):
            for row, col in ((i, j), (j, i)):
                self._extra_rows.setdefault(row, []).append(len(self._extra))
                self._extra.append((row, col, strength, code))
            self._extra_csr = None
            if len(self._extra) > max(COMPACT_MIN, COMPACT_SHARE * len(self._indices)):
                self.compact()

    def remove_knows(self, person: int, knows: int) -> None:
        i, j = self._index.get(person), self._index.get(knows)
        if i is not None and j is not None:
            self._rewrite(i, j, 0.0, 0)

    def compact(self) -> None:
        """Merge the side list into the arrays and drop removed edges. O(E log E)."""
        n = len(self._ids)
        lengths = np.diff(self._indptr[: n + 1])
        rows = np.repeat(np.arange(n, dtype=np.int32), lengths)
        extra = self._extra
        rows = np.concatenate((rows, np.array([e[0] for e in extra], dtype=np.int32)))
        cols = np.concatenate((self._indices, np.array([e[1] for e in extra], dtype=np.int32)))
        w = np.concatenate((self._weights, np.array([e[2] for e in extra], dtype=np.float32)))
        c = np.concatenate((self._codes, np.array([e[3] for e in extra], dtype=np.int32)))
        keep = w > 0
        self._indptr, self._indices, self._weights, self._codes = _csr(
            n, rows[keep], cols[keep], w[keep], c[keep]
        )
        self._tie = self._tie[:n].copy()
        self._extra, self._extra_rows, self._extra_csr = [], {}, None

    # ---- internals -------------------------------------------------------------------------

    def _ensure(self, person: int) -> int:
        i = self._index.get(person)
        if i is not None:
            return i
        i = len(self._ids)
        self._ids.append(person)
        self._index[person] = i
        if i + 1 >= len(self._indptr):  # grow by half: amortised O(1) per new person
            more = max(16, len(self._ids) // 2)
            self._indptr = np.concatenate(
                (self._indptr, np.full(more, self._indptr[-1], dtype=np.int64))
            )
        if i >= len(self._tie):
            more = max(16, len(self._ids) // 2)
            self._tie = np.concatenate((self._tie, np.zeros(more, dtype=np.float32)))
        self._extra_csr = None
        return i

    def _rewrite(self, i: int, j: int, strength: float, code: int) -> bool:
        found = False
        for row, col in ((i, j), (j, i)):
            start, end = int(self._indptr[row]), int(self._indptr[row + 1])
            for p in (start + np.flatnonzero(self._indices[start:end] == col)).tolist():
                self._weights[p], self._codes[p] = strength, code
                found = True
            for p in self._extra_rows.get(row, []):
                if self._extra[p][1] == col:
                    self._extra[p] = (row, col, strength, code)
                    self._extra_csr, found = None, True
        return found

    def _contact_indices(self) -> Ints:
        if self._contacts is None:
            self._contacts = np.flatnonzero(self._tie[: len(self._ids)] > 0).astype(np.int64)
        return self._contacts

    def _extras(self) -> tuple[Ints, Int32s, Floats32, Bools] | None:
        if not self._extra:
            return None
        if self._extra_csr is None:
            rows = np.array([e[0] for e in self._extra], dtype=np.int32)
            cols = np.array([e[1] for e in self._extra], dtype=np.int32)
            w = np.array([e[2] for e in self._extra], dtype=np.float32)
            indptr, indices, weights, _ = _csr(
                len(self._ids), rows, cols, w, np.zeros(len(rows), dtype=np.int32)
            )
            has = np.zeros(len(self._ids), dtype=np.bool_)
            has[rows] = True
            self._extra_csr = (indptr, indices, weights, has)
        return self._extra_csr

    def _adjacent(self, nodes: Ints) -> tuple[Ints, Int32s, Floats32]:
        """Every edge entry leaving `nodes`: (position in `nodes`, neighbour, strength)."""
        owner, pos = _gather(self._indptr, nodes)
        parts = [(owner, self._indices[pos], self._weights[pos])]
        extras = self._extras()
        if extras is not None:
            some = np.flatnonzero(extras[3][nodes])  # most rows have no added edges
            x_owner, x_pos = _gather(extras[0], nodes[some])
            parts.append((some[x_owner], extras[1][x_pos], extras[2][x_pos]))
        if len(parts) == 1:
            return parts[0]
        return (
            np.concatenate([p[0] for p in parts]),
            np.concatenate([p[1] for p in parts]),
            np.concatenate([p[2] for p in parts]),
        )

    def _degree_sum(self, nodes: Ints) -> int:
        """Edges leaving `nodes`, for choosing a side to search from (added edges not counted:
        an estimate is enough, the answer is exact either way)."""
        return int((self._indptr[nodes + 1] - self._indptr[nodes]).sum())

    def _row(self, i: int) -> list[tuple[int, float, int]]:
        start, end = int(self._indptr[i]), int(self._indptr[i + 1])
        row = list(
            zip(
                self._indices[start:end].tolist(),
                self._weights[start:end].tolist(),
                self._codes[start:end].tolist(),
                strict=True,
            )
        )
        row += [(e[1], e[2], e[3]) for p in self._extra_rows.get(i, []) for e in [self._extra[p]]]
        return [entry for entry in row if entry[1] > 0]

    def _best_entry(self, i: int, j: int) -> tuple[float, str]:
        best = max(((w, c) for col, w, c in self._row(i) if col == j), default=(0.0, 0))
        return best[0], self._sources[best[1]]


class _IdLookup:
    """Ids to array positions, vectorised: a direct table when the ids are dense enough
    (database keys usually are), else a sorted copy and binary search."""

    def __init__(self, ids: Ints) -> None:
        self.low, self.table = 0, np.zeros(0, dtype=np.int32)
        self.order, self.sorted = np.zeros(0, dtype=np.int64), ids
        if not len(ids):
            return
        low, span = int(ids.min()), int(ids.max()) - int(ids.min()) + 1
        if span <= 8 * len(ids) + 1024:
            self.low, self.table = low, np.full(span, -1, dtype=np.int32)
            self.table[ids - low] = np.arange(len(ids), dtype=np.int32)
            unique = np.count_nonzero(self.table >= 0) == len(ids)
        else:
            self.order = np.argsort(ids, kind="stable")
            self.sorted = ids[self.order]
            unique = not np.any(self.sorted[1:] == self.sorted[:-1])
        if not unique:
            raise ValueError("Each person's id must appear once in `people`.")

    def find(self, query: npt.ArrayLike) -> Int32s:
        """Positions, -1 for ids not in the lookup."""
        q = np.asarray(query, dtype=np.int64)
        out = np.full(len(q), -1, dtype=np.int32)
        if len(self.table):
            inside = (q >= self.low) & (q < self.low + len(self.table))
            out[inside] = self.table[q[inside] - self.low]
        elif len(self.sorted):
            # Binary search is far faster on sorted keys (numpy reuses the last answer).
            keys = np.argsort(q, kind="stable")
            at = np.searchsorted(self.sorted, q[keys])
            hit = at < len(self.sorted)
            hit[hit] = self.sorted[at[hit]] == q[keys][hit]
            out[keys[hit]] = self.order[at[hit]]
        return out

    def positions(self, query: npt.ArrayLike) -> Int32s:
        found = self.find(query)
        if np.any(found < 0):
            missing = int(np.asarray(query, dtype=np.int64)[np.argmax(found < 0)])
            raise ValueError(f"Person {missing} is not among the people of the network.")
        return found


def _strengths(values: npt.ArrayLike, count: int, what: str) -> Floats32:
    w = np.asarray(values, dtype=np.float64)
    if len(w) != count:
        raise ValueError(f"Each {what} needs one strength.")
    if len(w) and not (np.isfinite(w).all() and w.min() >= 0 and w.max() <= 1):
        raise ValueError(f"A {what}'s strength must be between 0 and 1.")
    return w.astype(np.float32)


def _check_strength(strength: float, what: str) -> None:
    if not (math.isfinite(strength) and 0 <= strength <= 1):
        raise ValueError(f"A {what}'s strength must be between 0 and 1.")


def _csr(
    n: int, rows: Int32s, cols: Int32s, weights: Floats32, codes: Int32s
) -> tuple[Ints, Int32s, Floats32, Int32s]:
    # Sorting (row, position) packed in one int64 is several times faster than an argsort of
    # the rows, and keeps each row's entries in the order given.
    if len(rows) >= 1 << 32:
        raise ValueError("A network holds fewer than 2**32 edge entries.")
    key = rows.astype(np.int64) << 32
    key |= np.arange(len(rows), dtype=np.int64)
    key.sort()
    indptr = np.zeros(n + 1, dtype=np.int64)
    if len(rows) < n:  # a few added edges: counting is cheaper than n binary searches
        np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    else:
        indptr[:] = np.searchsorted(key, np.arange(n + 1, dtype=np.int64) << 32)
    key &= 0xFFFFFFFF  # now the order, in place: 8 bytes an entry less at the peak
    return indptr, cols[key], weights[key], codes[key]


def _gather(indptr: Ints, nodes: Ints) -> tuple[Ints, Ints]:
    """For CSR rows `nodes`: each entry's position in `nodes` and its position in the arrays."""
    starts = indptr[nodes]
    lengths = indptr[nodes + 1] - starts
    owner = np.repeat(np.arange(len(nodes), dtype=np.int64), lengths)
    shift = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    return owner, np.arange(len(owner), dtype=np.int64) + shift


# ---- search ----------------------------------------------------------------------------------


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
    if mode not in MODES:
        raise ValueError(f"The mode is one of {', '.join(MODES)}.")
    if not 1 <= max_hops <= MAX_HOPS:
        raise ValueError(f"A path has between 1 and {MAX_HOPS} hops.")
    if k < 0 or per_first_hop < 1:
        raise ValueError("k is at least 0 and per_first_hop at least 1.")
    net = network
    wanted = net._find(targets)
    contacts = net._contact_indices()
    if k == 0 or not len(wanted) or not len(contacts):
        return []
    is_target = np.zeros(len(net._ids), dtype=np.bool_)
    is_target[wanted] = True
    forward = _from_your_side(net, contacts, wanted, is_target) if max_hops == 3 else None
    if forward is None:
        layers, support = _reach_layers(net, is_target, wanted, max_hops - 2)
        onward = _onward(net, contacts, layers, support, is_target, max_hops)
    else:
        layers, onward = forward
    ties = net._tie[contacts].astype(np.float64)
    first = _info_weights(ties, info_peak) if mode == "info" else ties
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
    return [_path(net, nodes, score, mode, weight) for score, _, nodes, weight in found[:k]]


def _info_weights(ties: Floats, peak: float) -> Floats:
    x = ties / peak
    return np.asarray(x * np.exp(1.0 - x), dtype=np.float64)


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


# ---- reading paths and people ----------------------------------------------------------------


def who_they_know(network: Network, person: int, *, limit: int | None = 20) -> list[Acquaintance]:
    """The people `person` knows who are not your contacts, strongest first (then by id)."""
    i = network._index.get(person)
    if i is None:
        return []
    best: dict[int, tuple[float, int]] = {}
    for j, w, code in network._row(i):
        if j != i and network._tie[j] == 0 and w > best.get(j, (0.0, 0))[0]:
            best[j] = (w, code)
    ranked = sorted(
        (Acquaintance(network._ids[j], w, network._sources[c]) for j, (w, c) in best.items()),
        key=lambda a: (-a.strength, a.person),
    )
    return ranked if limit is None else ranked[:limit]


def describe_hop(hop: Hop, names: Mapping[int, str], *, mode: Mode = "intro") -> str:
    """One hop in words, e.g. "Bruce knows Alice (worked together at Orion), estimated strong".

    Your own tie reads "You know Bruce: tie strength 0.72 (strong)", with what it weighed in
    info mode; callers usually say more about it from the person's record."""
    to = names.get(hop.to_id, f"person {hop.to_id}")
    if hop.yours:
        text = f"You know {to}: tie strength {hop.strength:.2f} ({strength_label(hop.strength)})"
        if mode == "info":
            text += f", weighing {hop.weight:.2f} when asking for information"
        return text
    giver = names.get(hop.from_id, f"person {hop.from_id}")
    source = f" ({hop.source})" if hop.source else ""
    return f"{giver} knows {to}{source}, estimated {strength_label(hop.strength)}"


def describe_path(path: Path, names: Mapping[int, str]) -> list[str]:
    return [describe_hop(hop, names, mode=path.mode) for hop in path.hops]
