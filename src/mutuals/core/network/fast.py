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
"""

from __future__ import annotations

import numpy as np

from mutuals.core.network.arrays import Bools, Floats, Floats32, Int32s, Ints
from mutuals.core.network.graph import ContactView, Network
from mutuals.core.network.model import Hop, Mode, Path


def scored_paths(
    net: Network, wanted: Ints, contacts: Ints, first: Floats, k: int, max_hops: int, mode: Mode
) -> list[Path]:
    """The k best paths of at most `max_hops` <= 3 hops, one per contact, best first (equal
    scores: the contact given first)."""
    view = net._contacts_view()
    if view.contacts is not contacts:  # not the network's own contacts: read them now
        slot = np.full(net.people_count, -1, dtype=np.int32)
        slot[contacts] = np.arange(len(contacts), dtype=np.int32)
        view = ContactView(contacts, net._adjacent(contacts), net._degree_sum(contacts), slot)
    with net._scratch() as (is_target, v1):
        is_target[wanted] = True
        score = first * is_target[contacts]
        touched: Ints | Int32s = np.zeros(0, dtype=np.int64)
        if max_hops == 2:
            _two_hops(net, np.unique(wanted), view, first, is_target, score)
        elif max_hops == 3:
            touched = _three_hops(net, np.unique(wanted), view, first, is_target, v1, score)
        on_target = is_target[contacts]
        score[on_target] = first[on_target]
        best = _best(score, k)
        found = _rebuild(net, contacts[best], first[best], is_target, v1, max_hops, mode)
        is_target[wanted] = False
        v1[touched] = 0.0
    return found


def _two_hops(
    net: Network, targets: Ints, mine: ContactView, first: Floats, is_target: Bools, score: Floats
) -> None:
    if mine.degree <= net._degree_sum(targets):
        owner, m, w = mine.rows
        np.maximum.at(score, owner, first[owner] * w * is_target[m])
    else:
        _, c, w = net._adjacent(targets)
        _into_contacts(score, mine.slot, first, c, w)


def _three_hops(
    net: Network,
    targets: Ints,
    contacts: ContactView,
    first: Floats,
    is_target: Bools,
    v1: Floats32,
    score: Floats,
) -> Ints | Int32s:
    """Fill `score` (and V1 in `v1`, on the positions returned) reading the fewest entries."""
    from_targets, from_contacts = net._degree_sum(targets), contacts.degree
    if from_targets <= from_contacts:
        _, m, w = net._adjacent(targets)
        np.maximum.at(v1, m, w)
        v1[targets] = 0.0
        if net._degree_sum(m) < from_contacts:  # a big address book: stay on this side
            _into_contacts(score, contacts.slot, first, m, w)  # 2 hops
            middles = np.unique(m).astype(np.int64)
            at, c, w_c = net._adjacent(middles)
            _into_contacts(score, contacts.slot, first, c, w_c, v1[middles[at]])
        else:
            _from_contacts(contacts.rows, first, is_target, v1, score)
        return m
    mine = contacts.rows
    middles = np.unique(mine[1]).astype(np.int64)
    if net._degree_sum(middles) < from_targets:  # a big company: V1 from your side
        at, far, w_far = net._adjacent(middles)
        hit = is_target[far]
        np.maximum.at(v1, middles[at[hit]], w_far[hit])
        touched: Ints | Int32s = middles
    else:
        _, touched, w = net._adjacent(targets)
        np.maximum.at(v1, touched, w)
    v1[targets] = 0.0
    _from_contacts(mine, first, is_target, v1, score)
    return touched


def _from_contacts(
    entries: tuple[Ints, Int32s, Floats32],
    first: Floats,
    is_target: Bools,
    v1: Floats32,
    score: Floats,
) -> None:
    owner, m, w = entries
    onward = np.where(is_target[m], 1.0, v1[m])
    np.maximum.at(score, owner, first[owner] * w * onward)


def _into_contacts(
    score: Floats,
    slot: Int32s,
    first: Floats,
    people: Int32s,
    w: Floats32,
    onward: Floats32 | None = None,
) -> None:
    """score[c] = max(score[c], first[c] * w * onward) over the entries whose neighbour is a
    contact c (its position among the contacts read from `slot`), in path order."""
    at = slot[people]
    mine = at >= 0
    reach = first[at[mine]] * w[mine]
    if onward is not None:
        reach *= onward[mine]
    np.maximum.at(score, at[mine], reach)


def _best(score: Floats, k: int) -> Ints:
    """The k contacts with the best scores above 0, best first, ties to the lower index."""
    live = np.flatnonzero(score > 0)
    if len(live) > k:
        cut = np.partition(score[live], len(live) - k)[len(live) - k]
        live = live[score[live] >= cut]
    return live[np.lexsort((live, -score[live]))][:k]


def _rebuild(
    net: Network,
    winners: Ints,
    first: Floats,
    is_target: Bools,
    v1: Floats32,
    max_hops: int,
    mode: Mode,
) -> list[Path]:
    """One best path through each winning contact, from two rows each, read for all winners
    at once; the score is the product in path order (the very number the scoring gave)."""
    hops: list[list[tuple[int, float, int]]] = [[] for _ in winners]  # (person, strength, code)
    go = np.flatnonzero(~is_target[winners]) if max_hops > 1 else np.zeros(0, np.int64)
    if len(go):
        owner, m, w, code = net._entries(winners[go])
        onward = np.where(is_target[m], 1.0, v1[m] if max_hops == 3 else 0.0)
        pick = _first_best(owner, first[go][owner] * w * onward)
        for g, p in zip(go.tolist(), pick.tolist(), strict=True):
            hops[g].append((int(m[p]), float(w[p]), int(code[p])))
        middles = m[pick]
        on = np.flatnonzero(~is_target[middles])
        if len(on):
            owner, far, w, code = net._entries(middles[on])
            pick = _first_best(owner, np.where(is_target[far], w, 0))
            for g, p in zip(go[on].tolist(), pick.tolist(), strict=True):
                hops[g].append((int(far[p]), float(w[p]), int(code[p])))
    ids, tie = net._ids, net._tie
    paths = []
    for c, weight, more in zip(winners.tolist(), first.tolist(), hops, strict=True):
        people, score = [net.me, ids[c]], weight
        steps = [Hop(net.me, ids[c], float(tie[c]), weight, "", yours=True)]
        for person, strength, at in more:
            score *= strength
            source = net._sources[at]
            steps.append(Hop(people[-1], ids[person], strength, strength, source, yours=False))
            people.append(ids[person])
        paths.append(Path(tuple(people), score, tuple(steps), mode))
    return paths


def _first_best(owner: Ints, value: Floats) -> Ints:
    """For each owner (0, 1, ...; each with an entry), its entry of the highest value, the
    first one given among equals."""
    order = np.lexsort((-value, owner))
    first = np.concatenate(([True], owner[order][1:] != owner[order][:-1]))
    return order[first]
