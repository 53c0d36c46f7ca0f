"""Forgiving name resolution: "rosa" finds "Rosa Núñez".

Idea: people type names the way they say them, without accents or capitals and often only the
start of a word. Names are compared after Unicode folding (NFKD compatibility decomposition,
combining marks dropped, case folded, whitespace collapsed; Unicode Standard Annex #15 and
section 3.13 of the Unicode Standard), and near misses are suggested with difflib's
Ratcliff/Obershelp similarity (Ratcliff & Metzener, "Pattern matching: the gestalt approach",
Dr. Dobb's Journal, 1988).

Rule in words, first that applies:
1. the folded query equals a folded full name: one such person is found, several are ambiguous;
2. the folded query starts the full name, or each query word starts a word of the name, in
   order ("ro nu" finds "Rosa Núñez"): one is found, several are ambiguous (up to 10 listed,
   sorted by name);
3. otherwise the name is missing, with up to 5 similar names (ratio 0.6 or more) suggested.
"""

from __future__ import annotations

import difflib
import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

MAX_AMBIGUOUS = 10
MAX_CLOSE = 5
CLOSE_CUTOFF = 0.6


@functools.lru_cache(maxsize=1 << 14)  # the agenda sorts by folded names; names repeat
def fold(text: str) -> str:
    """Text reduced for comparison: no accents, no case, single spaces, no outer spaces."""
    if text.isascii():  # most names: nothing to decompose, and casefold is lower
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.split())


@dataclass(frozen=True, slots=True)
class NameMatch:
    status: Literal["found", "ambiguous", "missing"]
    person_id: int | None
    suggestions: tuple[tuple[int, str], ...]


@dataclass(frozen=True, slots=True)
class _Candidate:
    id: int
    name: str
    folded: str


def first_word(name: str | None, fallback: str = "them") -> str:
    """What a sentence calls someone from their display name: its first word, or `fallback`
    for a name with none ("Rosa Núñez" -> "Rosa")."""
    words = (name or "").split()
    return words[0] if words else fallback


def resolve_name(query: str, candidates: Iterable[tuple[int, str]]) -> NameMatch:
    """The person a typed name means, or why it cannot be told (ambiguous or missing)."""
    wanted = fold(query)
    people = sorted(
        (_Candidate(pid, name, fold(name)) for pid, name in candidates),
        key=lambda c: (c.folded, c.name, c.id),
    )
    if not wanted:
        return NameMatch("missing", None, ())
    exact = [c for c in people if c.folded == wanted]
    if exact:
        return _decide(exact, limit=len(exact))
    prefixed = [c for c in people if _starts(wanted, c.folded)]
    if prefixed:
        return _decide(prefixed, limit=MAX_AMBIGUOUS)
    return NameMatch("missing", None, _close_matches(wanted, people))


def _decide(matches: list[_Candidate], *, limit: int) -> NameMatch:
    if len(matches) == 1:
        return NameMatch("found", matches[0].id, ())
    return NameMatch("ambiguous", None, tuple((c.id, c.name) for c in matches[:limit]))


def _starts(query: str, name: str) -> bool:
    """True when `query` starts `name`, or its words start words of `name` in order."""
    if name.startswith(query):
        return True
    words = iter(name.split())
    return all(any(word.startswith(part) for word in words) for part in query.split())


def _close_matches(query: str, people: list[_Candidate]) -> tuple[tuple[int, str], ...]:
    """Up to MAX_CLOSE people whose full name, or a word of it, looks like the query."""
    keys: dict[str, list[_Candidate]] = {}
    for person in people:
        for key in dict.fromkeys([person.folded, *person.folded.split()]):
            keys.setdefault(key, []).append(person)
    close = difflib.get_close_matches(query, list(keys), n=MAX_CLOSE, cutoff=CLOSE_CUTOFF)
    found: dict[int, str] = {}
    for key in close:
        for person in keys[key]:
            found.setdefault(person.id, person.name)
    return tuple(found.items())[:MAX_CLOSE]
