"""Array helpers of the graph: ids to positions, strengths checked, and compressed sparse rows
built by a counting sort (int32 rows, sorted a chunk at a time, so no 64-bit key is ever held
over all entries: the build's peak is the finished arrays plus one chunk)."""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]
Int32s = npt.NDArray[np.int32]
Floats = npt.NDArray[np.float64]
Floats32 = npt.NDArray[np.float32]
Bools = npt.NDArray[np.bool_]

CHUNK_BITS = 20  # entries sorted at once: 2**20, 8 MB of sort key
CSR = tuple[Ints, Int32s, Floats32, Int32s]


class IdLookup:
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
            at = q - self.low
            if len(at) and at.min() >= 0 and at.max() < len(self.table):  # the usual case
                return self.table[at]
            inside = (at >= 0) & (at < len(self.table))
            out[inside] = self.table[at[inside]]
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


def strengths(values: npt.ArrayLike, count: int, what: str) -> Floats32:
    """Checked strengths as float32 (no copy when they already are)."""
    w = np.asarray(values)
    if w.dtype != np.float32:
        w = w.astype(np.float64)
    if len(w) != count:
        raise ValueError(f"Each {what} needs one strength.")
    if len(w) and not (np.isfinite(w).all() and w.min() >= 0 and w.max() <= 1):
        raise ValueError(f"A {what}'s strength must be between 0 and 1.")
    return w.astype(np.float32, copy=False)


def check_strength(strength: float, what: str) -> None:
    if not (math.isfinite(strength) and 0 <= strength <= 1):
        raise ValueError(f"A {what}'s strength must be between 0 and 1.")


def csr(
    n: int,
    sides: list[tuple[Int32s, Int32s]],
    weights: Floats32,
    codes: Int32s,
    keep: Bools | None = None,
) -> CSR:
    """Rows of `n` people from entries (row, column) in `sides` (each side parallel to
    `weights` and `codes`, entries where `keep` is False left out), each row's entries in the
    order given, side after side. A counting sort: count each row's entries, then place each
    chunk's entries after those already placed in their row."""
    total = 0
    counts = np.zeros(n, dtype=np.int64)
    for rows, _ in sides:
        for part in _chunks(len(rows)):
            r = rows[part] if keep is None else rows[part][keep[part]]
            counts += np.bincount(r, minlength=n)
            total += len(r)
    if total >= 1 << 32:
        raise ValueError("A network holds fewer than 2**32 edge entries.")
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    del counts
    indices = np.empty(total, dtype=np.int32)
    out_w = np.empty(total, dtype=np.float32)
    out_c = np.empty(total, dtype=np.int32)
    placed = indptr[:-1].copy()  # where each row's next entry goes
    for rows, cols in sides:
        for part in _chunks(len(rows)):
            sel = None if keep is None else keep[part]
            r, c = rows[part], cols[part]
            w, code = weights[part], codes[part]
            if sel is not None:
                r, c, w, code = r[sel], c[sel], w[sel], code[sel]
            _place(r, c, w, code, placed, indices, out_w, out_c)
    return indptr, indices, out_w, out_c


def _chunks(count: int) -> list[slice]:
    step = 1 << CHUNK_BITS
    return [slice(s, s + step) for s in range(0, count, step)]


def _place(
    r: Int32s,
    c: Int32s,
    w: Floats32,
    code: Int32s,
    placed: Ints,
    indices: Int32s,
    out_w: Floats32,
    out_c: Int32s,
) -> None:
    if not len(r):
        return
    # (row, position in the chunk) in one int64: a plain sort is stable by construction.
    key = r.astype(np.int64) << CHUNK_BITS
    key |= np.arange(len(r), dtype=np.int64)
    key.sort()
    order = key & ((1 << CHUNK_BITS) - 1)
    row = key >> CHUNK_BITS
    start = np.flatnonzero(np.concatenate(([True], row[1:] != row[:-1])))
    length = np.diff(np.append(start, len(row)))
    rank = np.arange(len(row), dtype=np.int64) - np.repeat(start, length)
    dest = placed[row] + rank
    indices[dest], out_w[dest], out_c[dest] = c[order], w[order], code[order]
    placed[row[start]] += length


def gather(indptr: Ints, nodes: Ints | Int32s) -> tuple[Ints, Ints]:
    """For CSR rows `nodes`: each entry's position in `nodes` and its position in the arrays."""
    starts = indptr[nodes]
    lengths = indptr[nodes + 1] - starts
    owner = np.repeat(np.arange(len(nodes), dtype=np.int64), lengths)
    shift = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    return owner, np.arange(len(owner), dtype=np.int64) + shift
