"""Matching: which open needs does a pasted text (a posting, article, event, note) serve?

Idea: classic ranked retrieval. Each need is a short document; the pasted text is the query.
Words are reduced to terms by an analyzer (Unicode folding as in `names.fold`, stop words,
a table of synonyms and phrases, and the Porter stemmer: M. F. Porter, "An algorithm for
suffix stripping", Program 14(3), 1980). Needs are ranked by Okapi BM25 (Robertson & Zaragoza,
"The probabilistic relevance framework: BM25 and beyond", 2009).

Formula in words: the collection is every open need searched over. A long text is first cut
to its QUERY_TERMS most telling terms (Lucene's MoreLikeThis: the highest count in the text x
idf). A need's score is the sum, over those terms it contains, of
  idf = ln(1 + (needs - needs with the term + 0.5) / (needs with the term + 0.5)).
That is BM25 with k1 = 0 (and so no length normalisation): in a one-line need a term said twice
("management" and "manager" both stem to "manag") says no more than said once, and a score that
depends only on which terms a need contains is one a database's full-text index can add up
itself (mutuals.needs.fulltext). Only needs sharing a term with the text are results (every
score is above 0); ties go to the lower need id.
"""

from __future__ import annotations

import functools
import heapq
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from mutuals.core.names import fold

_STOP_WORDS_TEXT = """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in into
    is it its itself just me more most my myself no nor not now of off on once only or other our
    ours ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    s t d ll m re ve etc eg ie via per within across upon us may might must shall
    get gets getting got want wants wanted like looking look need needs needed someone anyone
    somebody anybody something anything help helps please know knows new one"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
# Request filler ("looking for", "would like", "needs help") says nothing about the subject.

SYNONYMS: dict[str, tuple[str, ...]] = {
    "ux": ("ux", "user experience", "ux design", "ux designer"),
    "ui": ("ui", "user interface"),
    "productmanager": ("pm", "product manager", "product management", "product owner"),
    "projectmanager": ("project manager", "project management"),
    "engmanager": ("eng manager", "engineering manager", "engineering management"),
    "machinelearning": ("ml", "machine learning"),
    "ai": ("ai", "artificial intelligence"),
    "javascript": ("js", "javascript", "ecmascript"),
    "typescript": ("ts", "typescript"),
    "datascience": ("data scientist", "data science"),
    "sre": ("sre", "site reliability", "site reliability engineer", "site reliability engineering"),
    "fintech": ("fintech", "financial technology"),
    "nonprofit": ("nonprofit", "non profit", "not for profit"),
    "hr": ("hr", "human resources"),
    "vc": ("vc", "venture capital", "venture capitalist"),
    "ceo": ("ceo", "chief executive", "chief executive officer"),
    "cto": ("cto", "chief technology officer"),
    "cfo": ("cfo", "chief financial officer"),
    "swe": ("swe", "software engineer", "software developer", "software development"),
    "frontend": ("frontend", "front end"),
    "backend": ("backend", "back end"),
    "qa": ("qa", "quality assurance"),
    "seo": ("seo", "search engine optimization", "search engine optimisation"),
    "nyc": ("nyc", "new york", "new york city"),
    "sf": ("sf", "san francisco"),
    "remote": ("remote", "work from home", "wfh", "remotely"),
    "kubernetes": ("kubernetes", "k8s"),
    "postgres": ("postgres", "postgresql"),
    "opensource": ("open source", "opensource", "oss"),
    "healthtech": ("healthtech", "health tech", "digital health"),
    "edtech": ("edtech", "education technology"),
    "phd": ("phd", "ph.d", "doctorate"),
    "resume": ("resume", "cv", "curriculum vitae"),
}
# Each variant, stemmed word by word, maps to its canonical term (never stemmed again).

TOKEN_PATTERN = re.compile(
    r"(?:[^\W_][\u0300-\u036f]*)+(?:\.(?:[^\W_][\u0300-\u036f]*)+)*(?:\+\+|#)?"
)
MAX_WORD_LENGTH = 64  # longer "words" are pasted junk (URLs, hashes), never a need's subject
DOTTED_PART_MAX = 3  # "node.js", "asp.net", "ph.d" stay whole; "done.Then" splits
TIME_MARKERS = frozenset({"am", "pm"})


@dataclass(frozen=True, slots=True)
class Token:
    """A term and where it came from: `text[start:end]` is the word or phrase it stands for."""

    term: str
    start: int
    end: int


def analyze(text: str) -> list[Token]:
    """The terms of `text`, in order, with spans into `text` itself (for highlighting)."""
    words = _words(text)
    stems = [_stem(word) for word, _, _ in words]
    tokens: list[Token] = []
    i = 0
    while i < len(words):
        length, canonical = (0, "") if _is_clock_time(words, i) else _phrase_at(stems, i)
        if canonical:
            tokens.append(Token(canonical, words[i][1], words[i + length - 1][2]))
            i += length
            continue
        word, start, end = words[i]
        if word not in STOP_WORDS and not _is_clock_time(words, i):  # "6 pm" is no manager
            tokens.append(Token(stems[i], start, end))
        i += 1
    return tokens


def _words(text: str) -> list[tuple[str, int, int]]:
    words: list[tuple[str, int, int]] = []
    for found in TOKEN_PATTERN.finditer(text):
        start, raw = found.start(), found.group()
        parts = raw.split(".")
        if len(parts) > 1 and any(len(part) > DOTTED_PART_MAX for part in parts[1:]):
            for part in parts:
                words.append((_fold_word(part), start, start + len(part)))
                start += len(part) + 1
        else:
            words.append((_fold_word(raw), start, found.end()))
    return [word for word in words if 0 < len(word[0]) <= MAX_WORD_LENGTH]


def _fold_word(word: str) -> str:
    return word.lower() if word.isascii() else fold(word)


def _is_clock_time(words: list[tuple[str, int, int]], i: int) -> bool:
    return words[i][0] in TIME_MARKERS and i > 0 and words[i - 1][0][-1:].isdigit()


def _phrase_at(stems: list[str], i: int) -> tuple[int, str]:
    if stems[i] not in PHRASE_STARTS:
        return 0, ""
    for length in range(min(PHRASE_MAX, len(stems) - i), 0, -1):
        canonical = PHRASES.get(tuple(stems[i : i + length]))
        if canonical:
            return length, canonical
    return 0, ""


# ---- Porter (1980) stemmer, original rules; applied only to plain ASCII-letter words ----------

_STEP2 = (
    ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
    ("abli", "able"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
    ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
    ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
)  # fmt: skip
_STEP3 = (
    ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"),
    ("ful", ""), ("ness", ""),
)  # fmt: skip
_STEP4 = (
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion",
    "ou", "ism", "ate", "iti", "ous", "ive", "ize",
)  # fmt: skip


@functools.lru_cache(maxsize=1 << 16)  # vocabularies are small; stemming is the slow part
def _stem(word: str) -> str:
    if len(word) <= 2 or not (word.isascii() and word.isalpha()):
        return word
    w = _step1(word)
    w = _replace_longest(w, _STEP2, 0)
    w = _replace_longest(w, _STEP3, 0)
    w = _step4(w)
    return _step5(w)


def _cons(w: str, i: int) -> bool:
    if w[i] in "aeiou":
        return False
    if w[i] == "y":
        return i == 0 or not _cons(w, i - 1)
    return True


def _measure(stem: str) -> int:
    shape = "".join("c" if _cons(stem, i) else "v" for i in range(len(stem)))
    return len(re.findall("v+c+", shape))


def _has_vowel(stem: str) -> bool:
    return any(not _cons(stem, i) for i in range(len(stem)))


def _double_cons(w: str) -> bool:
    return len(w) >= 2 and w[-1] == w[-2] and _cons(w, len(w) - 1)


def _cvc(w: str) -> bool:
    n = len(w)
    return (
        n >= 3
        and _cons(w, n - 3)
        and not _cons(w, n - 2)
        and _cons(w, n - 1)
        and w[-1] not in "wxy"
    )


def _step1(w: str) -> str:
    if w.endswith("sses") or w.endswith("ies"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    if w.endswith("eed"):
        if _measure(w[:-3]) > 0:
            w = w[:-1]
    elif (w.endswith("ed") and _has_vowel(w[:-2])) or (w.endswith("ing") and _has_vowel(w[:-3])):
        w = w[:-2] if w.endswith("ed") else w[:-3]
        if w.endswith(("at", "bl", "iz")):
            w += "e"
        elif _double_cons(w) and w[-1] not in "lsz":
            w = w[:-1]
        elif _measure(w) == 1 and _cvc(w):
            w += "e"
    if w.endswith("y") and _has_vowel(w[:-1]):
        w = w[:-1] + "i"
    return w


def _replace_longest(w: str, rules: tuple[tuple[str, str], ...], min_measure: int) -> str:
    for suffix, replacement in sorted(rules, key=lambda rule: -len(rule[0])):
        if w.endswith(suffix):
            stem = w[: -len(suffix)]
            return stem + replacement if _measure(stem) > min_measure else w
    return w


def _step4(w: str) -> str:
    for suffix in sorted(_STEP4, key=len, reverse=True):
        if w.endswith(suffix):
            stem = w[: -len(suffix)]
            if suffix == "ion" and not stem.endswith(("s", "t")):
                return w
            return stem if _measure(stem) > 1 else w
    return w


def _step5(w: str) -> str:
    if w.endswith("e"):
        m = _measure(w[:-1])
        if m > 1 or (m == 1 and not _cvc(w[:-1])):
            w = w[:-1]
    if _measure(w) > 1 and _double_cons(w) and w.endswith("l"):
        w = w[:-1]
    return w


PHRASES: dict[tuple[str, ...], str] = {
    tuple(_stem(fold(word)) for word in re.split(r"[\s-]+", variant)): canonical
    for canonical, variants in SYNONYMS.items()
    for variant in variants
}
PHRASE_MAX = max(len(key) for key in PHRASES)
PHRASE_STARTS = frozenset(key[0] for key in PHRASES)


# ---- needs, matches and the index -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NeedDoc:
    """An open need as matching sees it; `person_id` None means it is the user's own need."""

    id: int
    person_id: int | None
    person_name: str
    text: str
    kind: str


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


def action_for(need: NeedDoc) -> str:
    """One line saying what to do with the text for this need, e.g. "share with Rosa"."""
    first = need.person_name.split()[0] if need.person_name.split() else ""
    if need.person_id is None and not first:
        return "keep this for yourself"
    first = first or "them"
    kind = need.kind.replace("_", " ")  # stored kinds are identifiers: "job_lead"
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
    shared = {token.term for token in query} & {token.term for token in tokens}
    return Match(
        need_id=need.id,
        person_id=need.person_id,
        person_name=need.person_name,
        score=score,
        matched_terms=tuple(dict.fromkeys(t.term for t in tokens if t.term in shared)),
        need_spans=tuple(sorted({(t.start, t.end) for t in tokens if t.term in shared})),
        text_spans=tuple(sorted({(t.start, t.end) for t in query if t.term in shared})),
        action=action_for(need),
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
