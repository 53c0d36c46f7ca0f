"""Which of your people's organisations a text names ("Copperleaf Systems is hiring…").

Names are compared word by word after folding (no case, no accents) and without legal
suffixes: "Copperleaf Systems Ltd." and "copperleaf systems" are one name. A name is also
found by its distinctive part, without trailing generic words ("Copperleaf" for "Copperleaf
Systems", "Orion" for "Orion Labs Inc."), when that part is a word of at least
SHORT_NAME_MIN letters. In the text, a name must start with a capital letter or a digit, as
names do: "orion" in lower case is a word, not the company. The longest name wins where two
start at the same word; each organisation is reported once, in the order of its first mention.
Names that say no employer ("Freelance", "Self-employed", "Retired") are never looked for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from mutuals.core.matching.analyzer import STOP_WORDS
from mutuals.core.names import fold

_LEGAL_SUFFIXES_TEXT = """
    inc incorporated ltd limited llc llp plc gmbh ag sa sas sarl bv nv oy ab co corp
    corporation company pty srl spa kg kgaa se"""
LEGAL_SUFFIXES = frozenset(_LEGAL_SUFFIXES_TEXT.split())
_GENERIC_WORDS_TEXT = """
    systems system labs lab technologies technology tech group holdings solutions software
    partners consulting international global studio studios digital ventures services
    industries agency media networks"""
GENERIC_WORDS = frozenset(_GENERIC_WORDS_TEXT.split())
NO_EMPLOYER = frozenset(
    {
        ("freelance",),
        ("freelancer",),
        ("self", "employed"),
        ("self",),
        ("retired",),
        ("student",),
        ("unemployed",),
        ("independent",),
        ("none",),
        ("n", "a"),
        ("various",),
        ("stealth",),
        ("stealth", "startup"),
        ("confidential",),
    }
)
SHORT_NAME_MIN = 4
_OPTIONAL = LEGAL_SUFFIXES | GENERIC_WORDS | {"the"}  # words a key may leave out
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Mention:
    """An organisation the text names: its id and name, and where the text first names it."""

    organisation_id: int
    name: str
    start: int
    end: int


def name_keys(name: str) -> set[tuple[str, ...]]:
    """The word sequences `name` is found by: the whole name without legal suffixes, and its
    distinctive part without generic trailing words when that part says enough."""
    return _keys(_WORD.findall(_folded(name)))


def _keys(words: list[str]) -> set[tuple[str, ...]]:
    if words[:1] == ["the"]:
        words = words[1:]
    while words and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    if not words or tuple(words) in NO_EMPLOYER or _common(words):
        return set()
    keys = {tuple(words)}
    short = list(words)
    while len(short) > 1 and short[-1] in GENERIC_WORDS:
        short.pop()
    if len(short) < len(words) and not _common(short) and len("".join(short)) >= SHORT_NAME_MIN:
        keys.add(tuple(short))
    return keys


def _folded(text: str) -> str:
    """`names.fold` without its cost for plain ASCII (most names and postings)."""
    return text.lower() if text.isascii() else fold(text)


def _common(words: list[str]) -> bool:
    """A name made only of everyday words ("The Company", "Labs") names no one in a text."""
    return all(
        word in STOP_WORDS or word in GENERIC_WORDS or word in LEGAL_SUFFIXES for word in words
    )


def organisations_named(text: str, organisations: Iterable[tuple[int, str]]) -> list[Mention]:
    """The organisations (id, name) that `text` names, in the order of their first mention."""
    words = [(_folded(found.group()), found.start(), found.end()) for found in _WORD.finditer(text)]
    said = {word for word, _, _ in words}
    keys: dict[tuple[str, ...], list[tuple[int, str]]] = {}
    for organisation_id, name in organisations:
        name_words = _WORD.findall(_folded(name))
        # Every key holds the name's words that are neither generic nor legal suffixes: most
        # names lack one of them in the text, and are passed over cheaply.
        if not all(word in said for word in name_words if word not in _OPTIONAL):
            continue
        for key in _keys(name_words):
            keys.setdefault(key, []).append((organisation_id, name))
    if not keys:
        return []
    longest = max(len(key) for key in keys)
    mentions: dict[int, Mention] = {}
    i = 0
    while i < len(words):
        length = _name_at(words, i, keys, longest, text)
        if not length:
            i += 1
            continue
        start, end = words[i][1], words[i + length - 1][2]
        key = tuple(word for word, _, _ in words[i : i + length])
        for organisation_id, name in keys[key]:
            mentions.setdefault(organisation_id, Mention(organisation_id, name, start, end))
        i += length
    return list(mentions.values())


def _name_at(
    words: list[tuple[str, int, int]],
    i: int,
    keys: dict[tuple[str, ...], list[tuple[int, str]]],
    longest: int,
    text: str,
) -> int:
    first = text[words[i][1]]
    if not (first.isupper() or first.isdigit()):
        return 0
    for length in range(min(longest, len(words) - i), 0, -1):
        if tuple(word for word, _, _ in words[i : i + length]) in keys:
            return length
    return 0
