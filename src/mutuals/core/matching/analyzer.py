"""The analyzer: any text to terms, the same way for needs, pasted texts and the index.

Words are runs of letters and digits ("c++", "c#", "node.js" kept whole), folded as in
`names.fold`; a table of synonyms and phrases maps variants to one canonical term; stop words
and request filler are dropped; the rest is stemmed with the Porter stemmer (M. F. Porter, "An
algorithm for suffix stripping", Program 14(3), 1980). Each term keeps the span of its word or
phrase in the original text, for highlighting. Rules in docs/algorithms/matching.md.
"""

from __future__ import annotations

import functools
import re
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
