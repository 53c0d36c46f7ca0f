"""Ranking needs against a text: Okapi BM25 with k1 = 0 over the needs' terms.

Formula in words: the collection is every open need searched over. A long text is first cut
to its QUERY_TERMS most telling terms (Lucene's MoreLikeThis: the highest count in the text x
idf). A need's score is the sum, over those terms it contains, of
  idf = ln(1 + (needs - needs with the term + 0.5) / (needs with the term + 0.5)).
Only needs sharing a term with the text are results (every score is above 0); ties go to the
lower need id. See the package docstring and docs/algorithms/matching.md.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from mutuals.core.matching.analyzer import Token, analyze
from mutuals.core.matching.direction import LOOKING, OFFERING


@dataclass(frozen=True, slots=True)
class NeedDoc:
    """An open need as matching sees it; `person_id` None means it is the user's own need;
    `direction` is `looking` (they look for it) or `offering` (they hire or offer it)."""

    id: int
    person_id: int | None
    person_name: str
    text: str
    kind: str
    direction: str = LOOKING


@dataclass(frozen=True, slots=True)
class Match:
    need_id: int
    person_id: int | None
    person_name: str
    score: float
    matched_terms: tuple[str, ...]
    need_spans: tuple[tuple[int, int], ...]
    text_spans: tuple[tuple[int, int], ...]
    action: str
    direction: str = LOOKING
    coverage: float = 0.0  # the share of the need's own distinct terms the text contains


def action_for(need: NeedDoc) -> str:
    """One line saying what to do with the text for this need, e.g. "share with Rosa"; for
    someone hiring or offering, a lead for you: "ask Sam about the role"."""
    first = need.person_name.split()[0] if need.person_name.split() else ""
    if need.person_id is None and not first:
        return "keep this for yourself"
    first = first or "them"
    kind = need.kind.replace("_", " ")  # stored kinds are identifiers: "job_lead"
    if need.direction == OFFERING:
        return f"ask {first} about the role" if kind == "hire" else f"ask {first} about it"
    if kind in ("job lead", "referral", "hire"):
        return f"share with {first}"
    if kind == "introduction":
        return f"offer {first} an introduction"
    if kind in ("information", "advice"):
        return f"send {first} this"
    return f"tell {first}"


@dataclass(frozen=True, slots=True)
class CollectionStats:
    """What ranking needs to know about the needs searched: how many there are and how many
    contain each of the text's terms."""

    needs: int
    document_frequency: Mapping[str, int]


QUERY_TERMS = 25  # a long text is matched on its most telling terms (Lucene's MoreLikeThis: 25)


def idf(needs: int, with_term: int) -> float:
    return math.log(1 + (needs - with_term + 0.5) / (with_term + 0.5))


def telling_terms(query: Sequence[Token], stats: CollectionStats) -> dict[str, float]:
    """The text's terms that needs contain, at most QUERY_TERMS of them, each with its idf.

    A 300-word posting has ~75 distinct terms and most are common ("team", "work"); as in
    Lucene's MoreLikeThis, a text keeps the terms with the highest (times in the text x idf),
    ties to the alphabetically first. A short text (QUERY_TERMS or fewer) keeps them all.
    """
    times = term_counts(token.term for token in query)
    weights = {
        term: idf(stats.needs, stats.document_frequency[term])
        for term in times
        if stats.document_frequency.get(term, 0) > 0
    }
    kept = sorted(weights, key=lambda term: (-times[term] * weights[term], term))[:QUERY_TERMS]
    return {term: weights[term] for term in kept}


def score(terms: Iterable[str], weights: Mapping[str, float]) -> float:
    """A need's score from its distinct terms; `weights` maps the text's terms to their idf."""
    return math.fsum(weights[term] for term in terms if term in weights)


def best_sums(postings: Sequence[tuple[float, Sequence[int]]], size: int) -> list[int]:
    """The ids of the `size` needs with the highest sum of the weights of the posting lists
    they appear in, best first, ties to the lower id: each posting list is (a term's weight,
    the ids of the needs containing it). Vectorised: a 300-word posting's 25 terms can have
    tens of thousands of postings over 100,000 needs."""
    import numpy as np  # here, not at the top: every CLI command would pay for the import

    if size <= 0 or not any(len(ids) for _, ids in postings):
        return []
    ids = np.concatenate([np.asarray(ids, dtype=np.int64) for _, ids in postings])
    weights = np.repeat([weight for weight, _ in postings], [len(ids) for _, ids in postings])
    needs, where = np.unique(ids, return_inverse=True)
    sums = np.bincount(where, weights=weights)
    best = np.lexsort((needs, -sums))[:size]
    return [int(need) for need in needs[best]]


def rank(
    needs: Iterable[tuple[int, Iterable[str]]], weights: Mapping[str, float], k: int
) -> list[tuple[float, int]]:
    """The `k` best (score, need id), best first, ties to the lower id, from each need's
    distinct terms; needs sharing no term with the text are left out."""
    scored = ((-score(terms, weights), i) for i, terms in needs)
    best = heapq.nsmallest(k, ((negative, i) for negative, i in scored if negative < 0))
    return [(-negative, need_id) for negative, need_id in best]


def explain(need: NeedDoc, score: float, query: Sequence[Token]) -> Match:
    """The match of one ranked need: which terms it shares with the text, where, and what to do."""
    tokens = analyze(need.text)
    own = {token.term for token in tokens}
    shared = {token.term for token in query} & own
    return Match(
        need_id=need.id,
        person_id=need.person_id,
        person_name=need.person_name,
        score=score,
        matched_terms=tuple(dict.fromkeys(t.term for t in tokens if t.term in shared)),
        need_spans=tuple(sorted({(t.start, t.end) for t in tokens if t.term in shared})),
        text_spans=tuple(sorted({(t.start, t.end) for t in query if t.term in shared})),
        action=action_for(need),
        direction=need.direction,
        coverage=len(shared) / len(own) if own else 0.0,
    )


def term_counts(terms: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for term in terms:
        counts[term] = counts.get(term, 0) + 1
    return counts


class NeedIndex:
    """Open needs in memory (term -> ids of the needs containing it), kept up by `add` and
    `remove`; the reference the databases' full-text search is tested against."""

    def __init__(self, needs: Iterable[NeedDoc] = ()) -> None:
        self._needs: dict[int, tuple[NeedDoc, frozenset[str]]] = {}
        self._postings: dict[str, set[int]] = {}
        for need in needs:
            self.add(need)

    def __len__(self) -> int:
        return len(self._needs)

    def add(self, need: NeedDoc) -> None:
        """Index `need`; a need already indexed under the same id is replaced."""
        self.remove(need.id)
        terms = frozenset(token.term for token in analyze(need.text))
        self._needs[need.id] = (need, terms)
        for term in terms:
            self._postings.setdefault(term, set()).add(need.id)

    def remove(self, need_id: int) -> None:
        """Forget a need (done, dropped or deleted); unknown ids are ignored."""
        entry = self._needs.pop(need_id, None)
        if entry is None:
            return
        for term in entry[1]:
            postings = self._postings[term]
            postings.discard(need_id)
            if not postings:
                del self._postings[term]

    def document_frequency(self, term: str) -> int:
        return len(self._postings.get(term, ()))

    def search(self, text: str, k: int = 10) -> list[Match]:
        """The `k` needs `text` serves best, best first; only needs sharing a term with it."""
        query = analyze(text)
        terms = {token.term for token in query}
        stats = CollectionStats(len(self), {t: self.document_frequency(t) for t in terms})
        weights = telling_terms(query, stats)
        candidates = set().union(*(self._postings[term] for term in weights))
        ranked = rank(((i, self._needs[i][1]) for i in candidates), weights, k)
        return [explain(self._needs[i][0], found, query) for found, i in ranked]


def score_all_naive(needs: Iterable[NeedDoc], text: str, k: int | None = None) -> list[Match]:
    """The baseline without an index: analyze and score every need; same ranking as `search`."""
    query = analyze(text)
    terms = {token.term for token in query}
    analyzed = [(need, {t.term for t in analyze(need.text)}) for need in needs]
    frequency = {t: sum(1 for _, found in analyzed if t in found) for t in terms}
    weights = telling_terms(query, CollectionStats(len(analyzed), frequency))
    scored = [
        (-score(found, weights), need.id, need)
        for need, found in analyzed
        if weights.keys() & found
    ]
    count = len(scored) if k is None else k
    return [explain(need, -negative, query) for negative, _, need in heapq.nsmallest(count, scored)]
