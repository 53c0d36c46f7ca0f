"""Scoring every contact at once: the common search (at most 3 hops, one path per contact).

With one path per contact, the answer is the k contacts with the best score, each with one
path that reaches it. For 3 hops every walk you -> c -> m -> t that stops at the first target
is a simple path (you are not in the graph, and c and m are not targets), so a contact's best
score is

    score(c) = w(c)                                        when c is a target, else
    score(c) = max over c's neighbours m of w(c) * s(c, m) * (1 if m is a target else V1(m))
    V1(m)    = max over m's neighbours t that are targets of s(m, t)

with w(c) your tie's weight. It is computed over whole arrays, meeting in the middle: V1 from
the targets' edges and the score from your contacts' edges (or, when one side is far larger,
both steps from the other side: a big company from your contacts' neighbours, a big address
book from the targets' neighbours). Products are taken in path order, so the scores are the
very numbers the general search gives. Only the k winning paths are then rebuilt, from two
rows each.

One array per person carries what is left of a path: 1 on the targets (the path ends there),
V1 where it was computed, 0 elsewhere; so a contact's score is the best of first * s * V over
its entries, one gather and one product per entry, and each contact's maximum is a reduction
over its run of entries (they are grouped by contact) rather than a scatter.
"""

from __future__ import annotations

import numpy as np

from mutuals.core.network.arrays import Bools, Floats, Floats32, Int32s, Ints
from mutuals.core.network.graph import ContactView, Network
from mutuals.core.network.model import Hop, Mode, Path

SORT_ALL = 2048  # up to this many contacts, one stable sort finds the best; above, a partition


def info_weights(ties: Floats, peak: float) -> Floats:
    """The info-mode weight of each tie (`model.info_weight`, vectorised)."""
    x = ties / peak
    return np.asarray(x * np.exp(1.0 - x), dtype=np.float64)


def first_weights(net: Network, view: ContactView, mode: Mode, peak: float) -> Floats:
    """Your ties' weights in `mode`, in the order of `view.contacts`; kept with the view."""
    key = (mode, peak if mode == "info" else None)
    first = view.kept.first.get(key)
    if first is None:
        ties = net._tie[view.contacts].astype(np.float64)
        first = view.kept.first[key] = info_weights(ties, peak) if mode == "info" else ties
    return first


def scored_paths(
    net: Network, wanted: Ints, contacts: Ints, first: Floats, k: int, max_hops: int, mode: Mode
) -> list[Path]:
    """The k best paths of at most `max_hops` <= 3 hops, one per contact, best first (equal
    scores: the contact given first)."""
    view = net._contacts_view()
    if view.contacts is not contacts:  # not the network's own contacts: read them now
        view = net._view_of(contacts)
    pair = net._take_scratch()  # handed back below; dropped if anything raises
    is_target, onward = pair
    is_target[wanted] = True
    onward[wanted] = 1.0  # what is left of a path at a target: nothing, a factor 1
    touched: Ints | Int32s | None = None
    values: Floats | None = None
    if max_hops == 1:
        score = np.zeros(len(contacts), dtype=np.float64)
    elif max_hops == 2:
        if view.degree <= net._degree_sum(wanted):
            values = _along(view, first, onward)
            score = _row_max(view, values)
        else:
            score = _into_contacts(net, view, first, onward, wanted)
    else:
        score, values, touched = _three_hops(net, wanted, view, first, is_target, onward)
    score = np.where(is_target[contacts], first, score)
    winners = _best(score, k)
    found = _rebuild(net, view, winners, first, is_target, onward, values, max_hops, mode)
    is_target[wanted] = False
    onward[wanted] = 0.0
    if touched is not None:
        onward[touched] = 0.0
    net._give_scratch(pair)
    return found


def _three_hops(
    net: Network,
    targets: Ints,
    view: ContactView,
    first: Floats,
    is_target: Bools,
    onward: Floats32,
) -> tuple[Floats, Floats | None, Ints | Int32s]:
    """Every contact's score (with the values along its entries when they were computed), V1
    written into `onward` on the positions returned: reading the fewest entries."""
    from_targets, from_contacts = net._degree_sum(targets), view.degree
    if from_targets <= from_contacts:
        _, m, w = net._adjacent(targets)
        np.maximum.at(onward, m, w)  # V1; the targets stay at 1 (every weight is <= 1)
        if net._degree_sum(m) < from_contacts:  # a big address book: stay on this side
            rows = np.unique(np.concatenate((targets, m)))
            return _into_contacts(net, view, first, onward, rows), None, m
        values = _along(view, first, onward)
        return _row_max(view, values), values, m
    middles, degree = _middles(net, view)
    if degree < from_targets:  # a big company: V1 from your side, on your contacts' neighbours
        at, far, w_far = net._adjacent(middles)
        hit = is_target[far]
        np.maximum.at(onward, middles[at[hit]], w_far[hit])
        touched: Ints | Int32s = middles
    else:
        _, touched, w = net._adjacent(targets)
        np.maximum.at(onward, touched, w)
    values = _along(view, first, onward)
    return _row_max(view, values), values, touched


def _middles(net: Network, view: ContactView) -> tuple[Ints, int]:
    """Your contacts' neighbours and their edge count, kept with the view."""
    found = view.kept.middles
    if found is None:
        middles = np.unique(view.rows[1]).astype(np.int64)
        found = view.kept.middles = (middles, net._degree_sum(middles))
    return found


def _along(view: ContactView, first: Floats, onward: Floats32) -> Floats:
    """For each of your contacts' entries (c, m): first(c) * s(c, m) * onward(m), in path
    order."""
    along: Floats = _first_times_s(view, first)[0] * onward[view.rows[1]]
    return along


def _first_times_s(view: ContactView, first: Floats) -> tuple[Floats, list[float]]:
    """first(c) * s(c, m) for each of your contacts' entries, and `first` as a list: kept
    with the view."""
    kept = view.kept.along
    found = kept.get(id(first))
    if found is None or found[0] is not first:
        if len(kept) >= 4:  # callers passing weights of their own: keep the latest few
            kept.clear()
        owner, _, w, _ = view.rows
        found = kept[id(first)] = (first, first[owner] * w, first.tolist())
    return found[1], found[2]


def _row_max(view: ContactView, values: Floats) -> Floats:
    """Each contact's largest value among its entries (0 without any)."""
    runs = view.kept.runs
    if runs is None:
        lengths = np.diff(view.bounds)
        some = np.flatnonzero(lengths > 0)
        runs = view.kept.runs = (some, view.bounds[some], len(some) == len(lengths))
    some, starts, everyone = runs
    best: Floats = np.maximum.reduceat(values, starts) if len(some) else values[:0]
    if everyone:
        return best
    score = np.zeros(len(view.contacts), dtype=np.float64)
    score[some] = best
    return score


def _into_contacts(
    net: Network, view: ContactView, first: Floats, onward: Floats32, rows: Ints
) -> Floats:
    """Each contact c's best first(c) * s(c, r) * onward(r) over the entries of `rows` that
    reach a contact (read from the targets' side), in path order."""
    at, c, w = net._adjacent(rows)
    slot = view.slot[c]
    hit = slot >= 0
    mine = slot[hit]
    reach = first[mine] * w[hit]
    reach *= onward[rows[at[hit]]]
    score = np.zeros(len(view.contacts), dtype=np.float64)
    np.maximum.at(score, mine, reach)
    return score


def _best(score: Floats, k: int) -> list[int]:
    """The k contacts with the best scores above 0, best first, ties to the lower index."""
    if len(score) <= SORT_ALL:
        top = np.argsort(-score, kind="stable")[:k]
        return [i for i, s in zip(top.tolist(), score[top].tolist(), strict=True) if s > 0]
    live = np.flatnonzero(score > 0)
    if len(live) > k:
        cut = np.partition(score[live], len(live) - k)[len(live) - k]
        live = live[score[live] >= cut]
    return live[np.lexsort((live, -score[live]))][:k].tolist()  # type: ignore[no-any-return]


def _rebuild(
    net: Network,
    view: ContactView,
    winners: list[int],
    first: Floats,
    is_target: Bools,
    onward: Floats32,
    values: Floats | None,
    max_hops: int,
    mode: Mode,
) -> list[Path]:
    """One best path through each winning contact: its entry of the best value (the first
    among equals, as the rows give them), then, unless that is a target, the middle person's
    strongest edge to a target. The score is the product in path order: the very number the
    scoring gave. A path has at most 3 hops and each numpy call costs more than the
    arithmetic of a few rows: numbers are read for all winners at once, and what does not
    change between searches (your contacts, their weights) is kept with the view as lists."""
    _, middle, strength, code = view.rows
    contacts, bounds, ties = _lists(net, view)
    weights = _first_times_s(view, first)[1]
    going = [i for i in winners if not is_target[contacts[i]]] if max_hops > 1 else []
    ats = []
    for i in going:
        start, end = bounds[i], bounds[i + 1]
        if values is None:  # the scores came from the other side: these entries only
            run = _first_times_s(view, first)[0][start:end] * onward[middle[start:end]]
        else:
            run = values[start:end]
        ats.append(start + int(run.argmax()))
    middles = middle[ats].tolist()
    further = [m for m in middles if not is_target[m]] if max_hops == 3 else []
    seconds = dict(zip(further, _to_targets(net, further, is_target, onward), strict=True))
    ids, me, sources = net._ids, net.me, net._sources
    onward_of = {
        i: (m, s, sources[source])
        for i, m, s, source in zip(
            going, middles, strength[ats].tolist(), code[ats].tolist(), strict=True
        )
    }
    paths = []
    for i in winners:
        person, weight = ids[contacts[i]], weights[i]
        hops = [Hop(me, person, ties[i], weight, "", yours=True)]
        people, score = [me, person], weight
        if i in onward_of:
            m, s, source = onward_of[i]
            hops.append(Hop(person, ids[m], s, s, source, yours=False))
            people.append(ids[m])
            score *= s
            if m in seconds:
                t, s, source = seconds[m]
                hops.append(Hop(ids[m], ids[t], s, s, sources[source], yours=False))
                people.append(ids[t])
                score *= s
        paths.append(Path(tuple(people), score, tuple(hops), mode))
    return paths


def _lists(net: Network, view: ContactView) -> tuple[list[int], list[int], list[float]]:
    """Your contacts' positions, where their entries start, your ties: lists, kept."""
    kept = view.kept.lists
    if kept is None:
        ties = net._tie[view.contacts].tolist()
        kept = view.kept.lists = (view.contacts.tolist(), view.bounds.tolist(), ties)
    return kept


def _to_targets(
    net: Network, middles: list[int], is_target: Bools, onward: Floats32
) -> list[tuple[int, float, int]]:
    """Each middle person's strongest edge to a target (the first among equals, added edges
    after the arrays' own): the target, the strength, the source code. The strength is known,
    V1 in `onward`: look for it along the row (in Python: rows are short, and a numpy call
    costs more), rather than look up every neighbour."""
    indptr, indices, codes = net._indptr, net._indices, net._codes
    found = []
    for m in middles:
        start, end, best = int(indptr[m]), int(indptr[m + 1]), float(onward[m])
        row, pick, at = net._weights[start:end].tolist(), None, 0
        while pick is None:
            try:
                at = row.index(best, at)
            except ValueError:  # only among the added edges
                break
            if is_target[indices[start + at]]:
                pick = (int(indices[start + at]), best, int(codes[start + at]))
            at += 1
        for x in [] if pick else net._extra_rows.get(m, []):
            _, t, s, source = net._extra[x]
            if s == best and is_target[t]:
                pick = (t, s, source)
                break
        if pick is None:
            raise AssertionError("V1 is the strength of one of the middle person's edges")
        found.append(pick)
    return found
