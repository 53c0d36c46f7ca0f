"""The graph in memory: you, your ties, and who knows whom, as compressed sparse rows."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, NamedTuple

import numpy as np
import numpy.typing as npt

from mutuals.core.network.arrays import (
    Bools,
    Floats,
    Floats32,
    IdLookup,
    Int32s,
    Ints,
    check_strength,
    csr,
    gather,
    strengths,
)
from mutuals.core.network.model import ME, Knows

COMPACT_MIN: Final = 4096  # changes kept aside before they are merged into the arrays
COMPACT_SHARE: Final = 0.02


@dataclass
class Kept:
    """What searches derive from a `ContactView` and keep with it (dropped with it): your
    ties' weights per mode and info peak; per weights given, first(c) * s(c, m) along your
    contacts' entries and the weights as a list; your contacts' neighbours and their edge
    count; the contacts with entries and where those start; lists of your contacts, of where
    their entries start, of your ties."""

    first: dict[tuple[str, float | None], Floats] = field(default_factory=dict)
    along: dict[int, tuple[Floats, Floats, list[float]]] = field(default_factory=dict)
    middles: tuple[Ints, int] | None = None
    runs: tuple[Ints, Ints, bool] | None = None
    lists: tuple[list[int], list[int], list[float]] | None = None


class ContactView(NamedTuple):
    """What every search reads about your contacts: their positions; their edge entries
    (position among `contacts`, neighbour, strength, source code), grouped by contact in the
    order the rows give them (added edges after the arrays' own); where each contact's entries
    start (`bounds`, one more than there are contacts); how many entries; `slot`: for each
    person, their position among `contacts`, or -1; and what searches derived from these."""

    contacts: Ints
    rows: tuple[Ints, Int32s, Floats32, Int32s]
    bounds: Ints
    degree: int
    slot: Int32s
    kept: Kept


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
        self._extra_csr: tuple[Ints, Int32s, Floats32, Bools, Int32s] | None = None
        self._contacts: Ints | None = None
        self._contact_view: ContactView | None = None  # from ties and edges; reset on a change
        self._lookup = IdLookup(np.zeros(0, dtype=np.int64))  # people known when built
        self._scratch_free: list[tuple[Bools, Floats32]] = []
        self._scratch_lock = threading.Lock()

    def _find(self, people: Iterable[int]) -> Ints:
        """Positions of the known ones among `people` (vectorised for large sets)."""
        if isinstance(people, np.ndarray):
            query = people.astype(np.int64)
        else:
            query = np.fromiter(people, dtype=np.int64)
        found = self._lookup.find(query)
        missing = found < 0
        if not missing.any():
            return found.astype(np.int64)
        later = [self._index.get(p) for p in query[missing].tolist()]  # added since built
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
        strengths. Cost: O(E) for a counting sort by row, vectorised a chunk at a time; the
        peak memory is the finished arrays, the edges' positions and one chunk."""
        ids = np.asarray(people, dtype=np.int64)
        if np.any(ids == me):
            raise ValueError("You are not one of the people; give your own ties as ties.")
        lookup = IdLookup(ids)
        a, b = lookup.positions(person), lookup.positions(knows)
        w = strengths(strength, len(a), "knows edge")
        if source is None:
            codes = np.zeros(len(a), dtype=np.int32)
        else:
            codes = np.asarray(source, dtype=np.int32)
        if len(codes) != len(a) or (
            len(codes) and (codes.min() < 0 or codes.max() >= len(sources))
        ):
            raise ValueError("Each knows edge needs a source code into `sources`.")
        keep = (w > 0) & (a != b)
        n = len(ids)
        indptr, indices, weights, codes2 = csr(n, [(a, b), (b, a)], w, codes, keep)
        del a, b, keep
        tie = np.zeros(n, dtype=np.float32)
        ti = lookup.positions(tie_people)
        np.maximum.at(tie, ti, strengths(tie_strength, len(ti), "tie"))
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
        check_strength(strength, "tie")
        i = self._ensure(person)  # first: it may replace the array
        self._tie[i] = strength
        self._contacts = self._contact_view = None

    def set_ties(self, ties: Mapping[int, float]) -> None:
        """Replace all your ties at once. O(people)."""
        self._tie[:] = 0
        self._contacts = self._contact_view = None
        for person, strength in ties.items():
            self.set_tie(person, strength)

    def set_knows(self, person: int, knows: int, strength: float, source: str = "") -> None:
        """Add or update the edge between two people (strength 0 removes it)."""
        if person == knows:
            raise ValueError("Someone cannot know themselves.")
        if self.me in (person, knows):
            raise ValueError("A knows edge is between two people; your own ties are ties.")
        check_strength(strength, "knows edge")
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
            self._extra_csr = self._contact_view = None
            if len(self._extra) > max(COMPACT_MIN, COMPACT_SHARE * len(self._indices)):
                self.compact()

    def remove_knows(self, person: int, knows: int) -> None:
        i, j = self._index.get(person), self._index.get(knows)
        if i is not None and j is not None:
            self._rewrite(i, j, 0.0, 0)

    def compact(self) -> None:
        """Merge the side list into the arrays and drop removed edges. O(E)."""
        n = len(self._ids)
        lengths = np.diff(self._indptr[: n + 1])
        rows = np.repeat(np.arange(n, dtype=np.int32), lengths)
        extra = self._extra
        rows = np.concatenate((rows, np.array([e[0] for e in extra], dtype=np.int32)))
        cols = np.concatenate((self._indices, np.array([e[1] for e in extra], dtype=np.int32)))
        w = np.concatenate((self._weights, np.array([e[2] for e in extra], dtype=np.float32)))
        c = np.concatenate((self._codes, np.array([e[3] for e in extra], dtype=np.int32)))
        self._indptr, self._indices, self._weights, self._codes = csr(
            n, [(rows, cols)], w, c, w > 0
        )
        self._tie = self._tie[:n].copy()
        self._extra, self._extra_rows, self._extra_csr = [], {}, None
        self._contact_view = None

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
        self._extra_csr = self._contact_view = None
        return i

    def _rewrite(self, i: int, j: int, strength: float, code: int) -> bool:
        found = False
        for row, col in ((i, j), (j, i)):
            start, end = int(self._indptr[row]), int(self._indptr[row + 1])
            for p in (start + np.flatnonzero(self._indices[start:end] == col)).tolist():
                self._weights[p], self._codes[p] = strength, code
                self._contact_view, found = None, True
            for p in self._extra_rows.get(row, []):
                if self._extra[p][1] == col:
                    self._extra[p] = (row, col, strength, code)
                    self._extra_csr, self._contact_view, found = None, None, True
        return found

    def _contact_indices(self) -> Ints:
        if self._contacts is None:
            self._contacts = np.flatnonzero(self._tie[: len(self._ids)] > 0).astype(np.int64)
        return self._contacts

    def _contacts_view(self) -> ContactView:
        """Your contacts' edge entries and where each contact sits among them, read once and
        kept until a tie or an edge changes: every search starts from the same contacts."""
        view = self._contact_view
        if view is None:
            view = self._view_of(self._contact_indices())
            self._contact_view = view
        return view

    def _view_of(self, contacts: Ints) -> ContactView:
        owner, middle, w, code = self._entries(contacts)
        if self._extra:  # added edges come after all others: group them with their rows
            order = np.argsort(owner, kind="stable")
            owner, middle, w, code = owner[order], middle[order], w[order], code[order]
        bounds = np.zeros(len(contacts) + 1, dtype=np.int64)
        np.cumsum(np.bincount(owner, minlength=len(contacts)), out=bounds[1:])
        slot = np.full(len(self._ids), -1, dtype=np.int32)
        slot[contacts] = np.arange(len(contacts), dtype=np.int32)
        degree = self._degree_sum(contacts)
        return ContactView(contacts, (owner, middle, w, code), bounds, degree, slot, Kept())

    def _extras(self) -> tuple[Ints, Int32s, Floats32, Bools, Int32s] | None:
        if not self._extra:
            return None
        if self._extra_csr is None:
            rows = np.array([e[0] for e in self._extra], dtype=np.int32)
            cols = np.array([e[1] for e in self._extra], dtype=np.int32)
            w = np.array([e[2] for e in self._extra], dtype=np.float32)
            codes = np.array([e[3] for e in self._extra], dtype=np.int32)
            indptr, indices, weights, codes = csr(len(self._ids), [(rows, cols)], w, codes)
            has = np.zeros(len(self._ids), dtype=np.bool_)
            has[rows] = True
            self._extra_csr = (indptr, indices, weights, has, codes)
        return self._extra_csr

    def _entries(self, nodes: Ints | Int32s) -> tuple[Ints, Int32s, Floats32, Int32s]:
        """`_adjacent` with each entry's source code."""
        owner, pos = gather(self._indptr, nodes)
        found = (owner, self._indices[pos], self._weights[pos], self._codes[pos])
        extras = self._extras()
        if extras is None:
            return found
        some = np.flatnonzero(extras[3][nodes])
        x_owner, x_pos = gather(extras[0], nodes[some])
        added = (some[x_owner], extras[1][x_pos], extras[2][x_pos], extras[4][x_pos])
        return (
            np.concatenate((found[0], added[0])),
            np.concatenate((found[1], added[1])),
            np.concatenate((found[2], added[2])),
            np.concatenate((found[3], added[3])),
        )

    def _adjacent(self, nodes: Ints) -> tuple[Ints, Int32s, Floats32]:
        """Every edge entry leaving `nodes`: (position in `nodes`, neighbour, strength)."""
        owner, pos = gather(self._indptr, nodes)
        parts = [(owner, self._indices[pos], self._weights[pos])]
        extras = self._extras()
        if extras is not None:
            some = np.flatnonzero(extras[3][nodes])  # most rows have no added edges
            x_owner, x_pos = gather(extras[0], nodes[some])
            parts.append((some[x_owner], extras[1][x_pos], extras[2][x_pos]))
        if len(parts) == 1:
            return parts[0]
        return (
            np.concatenate([p[0] for p in parts]),
            np.concatenate([p[1] for p in parts]),
            np.concatenate([p[2] for p in parts]),
        )

    def _degree_sum(self, nodes: Ints | Int32s) -> int:
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
        """The strongest edge from `i` to `j` (then the highest source code), without
        reading i's whole row into Python: a person may know thousands."""
        start, end = int(self._indptr[i]), int(self._indptr[i + 1])
        at = start + np.flatnonzero(self._indices[start:end] == j)
        entries = list(zip(self._weights[at].tolist(), self._codes[at].tolist(), strict=True))
        for p in self._extra_rows.get(i, []):
            if self._extra[p][1] == j:
                entries.append(self._extra[p][2:])
        best = max(((w, c) for w, c in entries if w > 0), default=(0.0, 0))
        return best[0], self._sources[best[1]]

    def _take_scratch(self) -> tuple[Bools, Floats32]:
        """A mask and a value per person, all False and 0, for one search, which must hand
        them back so with `_give_scratch` (or, when it fails, drop them). Reused, because
        first writes to fresh pages of a million-person array cost more than a small search;
        one pair per concurrent search, so threads may still share the network."""
        with self._scratch_lock:
            pair = self._scratch_free.pop() if self._scratch_free else None
        if pair is None or len(pair[0]) < len(self._ids):
            n = len(self._ids)
            pair = (np.zeros(n, dtype=np.bool_), np.zeros(n, dtype=np.float32))
        return pair

    def _give_scratch(self, pair: tuple[Bools, Floats32]) -> None:
        with self._scratch_lock:
            self._scratch_free.append(pair)
