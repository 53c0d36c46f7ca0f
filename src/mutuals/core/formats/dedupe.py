"""Finding the same person twice: record linkage with blocking (Fellegi & Sunter 1969 in spirit).

Identifiers are an email, a phone or a LinkedIn profile. A LinkedIn profile is always one
person's; an email or phone may be *shared* (a switchboard, a family address, info@) or
*crowded* (seen with three or more different names), as `identifiers.py` works out from
every record the caller knows of. Two records sharing an identifier are:

- *certainly* one person when an identifier they share is personal and their names agree
  (`identity.names_agree`: nicknames, accents, initials, order, compound family names);
- *likely* one person, for the user to review, when their names disagree ("same phone
  (+12125550100) but different names"), or when the identifiers they share are all shared
  ones (a family address is no proof);
- not paired by a crowded identifier at all, nor when they have two different LinkedIn
  profiles.

Without an identifier in common, two records are *likely* the same when their names are close
(rapidfuzz token_sort_ratio of the folded names at least 90, or the same name key: first and
last name, accents and case folded, common nicknames mapped so Bob Smith is Robert Smith) and
their organisations agree or one side has none. Comparing everyone with everyone is O(n²), so
only records sharing a *block* are compared: an identifier that is not crowded, the name key,
the last name with the first initial, the first name with the last name's first three
letters, or the two names in either order. (A first name with only the last initial made
blocks of hundreds.)

Normalisation is deliberately conservative, because merging two people loses more than
missing a duplicate: emails are only trimmed and lower-cased (dots and `+tags` are ignored by
Gmail but are different mailboxes elsewhere); phones keep their digits and a leading `+`
(`00` becomes `+`), lose extensions, and gain a country code only when one is given; a
LinkedIn profile is its address's slug, percent-decoded and case-folded.

`Index` is built once from the people already known, is told the records of the incoming file
(`note_incoming`, so two cards of one file sharing a phone make it shared), and answers "who is
this?" for each incoming record, so re-importing a file updates people instead of creating
them again.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import re
import urllib.parse
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from mutuals.core.formats import match_reasons
from mutuals.core.formats.identifiers import (
    CROWDED,
    EMAIL,
    PERSONAL,
    PHONE,
    PROFILE,
    SharedIdentifiers,
)
from mutuals.core.formats.identity import name_is_empty, names_agree
from mutuals.core.formats.nicknames import NICKNAMES
from mutuals.core.names import fold

SIMILAR_NAME = 90.0
MIN_PHONE_DIGITS = 7


@functools.cache
def _name_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Titles, suffixes and joining words: where these stand, nameparser's answer may differ
    from "first word, last word". (nameparser loads on first use: the CLI starts faster.)"""
    from nameparser.config import CONSTANTS

    return (
        frozenset(CONSTANTS.titles),
        frozenset(itertools.chain(CONSTANTS.suffix_acronyms, CONSTANTS.suffix_not_acronyms)),
        frozenset(itertools.chain(CONSTANTS.prefixes, CONSTANTS.conjunctions)),
    )


# nameparser reorders some scripts (CJK family names first), so only plain Latin is fast.
_PLAIN_WORD = re.compile(r"[a-z]+(?:['-][a-z]+)*")
_EXTENSION = re.compile(r"(?i)ext|[x#,;]")  # "x12", "ext. 12", "#12", ";ext=12", ",12"
_NON_DIGIT = re.compile(r"[^0-9]")
_PROFILE = re.compile(r"linkedin\.com/in/([^/?#\s]+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Candidate:
    """What dedupe compares of a person (or of an incoming record, with a temporary id)."""

    id: int
    full_name: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    linkedin_url: str = ""
    organization: str = ""


@dataclass(frozen=True, slots=True)
class Match:
    """Two records that are the same person: `a` and `b` are ids, `reasons` say why."""

    a: int
    b: int
    certainty: Literal["certain", "likely"]
    reasons: tuple[str, ...]
    score: float


def normalize_email(email: str) -> str:
    """The address trimmed and lower-cased; nothing else, so distinct mailboxes stay distinct."""
    return email.strip().lower()


def normalize_phone(phone: str, default_country_code: str = "") -> str:
    """Digits with a leading + when international; "" when too short to identify anyone."""
    extension = _EXTENSION.search(phone)
    text = (phone[: extension.start()] if extension else phone).lstrip(" (")
    plus = text.startswith("+")
    digits = _NON_DIGIT.sub("", text)
    if not plus and digits.startswith("00"):
        digits, plus = digits[2:], True
    country = _NON_DIGIT.sub("", default_country_code)
    if not plus and country:
        # A national number: its trunk prefix 0 gives way to the country code.
        digits, plus = country + digits.removeprefix("0"), True
    if len(digits) < MIN_PHONE_DIGITS:
        return ""
    return ("+" if plus else "") + digits


def name_key(full_name: str) -> str:
    """First and last name, folded, with the first name's common nickname resolved."""
    first, last = _first_last(_fold(full_name))
    return f"{NICKNAMES.get(first, first)} {last}".strip()


def _fold(text: str) -> str:
    # Most names are ASCII; folding them needs no Unicode decomposition (10x faster).
    return " ".join(text.lower().split()) if text.isascii() else fold(text)


@functools.lru_cache(maxsize=1 << 16)
def _first_last(folded: str) -> tuple[str, str]:
    words = folded.split()
    if not words:
        return "", ""
    if _is_plain(folded, words):
        # nameparser takes ~300 µs a name; plain names need only their first and last word.
        return words[0], words[-1] if len(words) > 1 else ""
    from nameparser import HumanName

    parsed = HumanName(folded)
    first, last = fold(str(parsed.first)).strip("."), fold(str(parsed.last)).strip(".")
    return (first, last) if first or last else (words[0], "")


def _is_plain(folded: str, words: list[str]) -> bool:
    titles, suffixes, joiners = _name_words()
    return (
        len(words) <= 3
        and "," not in folded
        and (len(words) == 1 or (words[0] not in titles and words[-1] not in suffixes))
        and not any(word in joiners for word in words)
        and all(_PLAIN_WORD.fullmatch(word) for word in words)
    )


def _profile_key(url: str) -> str:
    """The profile's slug, percent-decoded (ren%C3%A9 is rené) and case-folded."""
    found = _PROFILE.search(url)
    slug = found.group(1) if found else url.strip().rstrip("/")
    return (urllib.parse.unquote(slug) if "%" in slug else slug).casefold()


@dataclass(frozen=True, slots=True)
class _Keys:
    id: int
    full_name: str  # as written, for names_agree
    name: str
    key: str
    organization: str
    exact: frozenset[str]  # "email x@y", "phone +44...", "LinkedIn profile slug"
    blocks: tuple[str, ...]
    profile: str = ""  # the LinkedIn profile key: two different profiles are two people


def _exact_keys(person: Candidate) -> tuple[frozenset[str], str]:
    exact = [f"{EMAIL} {e}" for e in map(normalize_email, person.emails) if "@" in e]
    exact += [f"{PHONE} {p}" for p in map(normalize_phone, person.phones) if p]
    profile = _profile_key(person.linkedin_url) if person.linkedin_url.strip() else ""
    if profile:
        exact.append(f"{PROFILE} {profile}")
    return frozenset(exact), profile


def _keys(person: Candidate, exact_keys: tuple[frozenset[str], str] | None = None) -> _Keys:
    exact, profile = exact_keys or _exact_keys(person)
    name = _fold(person.full_name)
    first, last = _first_last(name)
    first = NICKNAMES.get(first, first)
    key = f"{first} {last}".strip()
    blocks: tuple[str, ...] = ()
    if key:
        # Same key; or a typo in the first or the last name; or the names in either order.
        pair = f"{first} {last}" if first <= last else f"{last} {first}"
        blocks = (f"k:{key}", f"l:{last}:{first[:1]}", f"f:{first}:{last[:3]}", f"s:{pair}")
    return _Keys(
        person.id, person.full_name, name, key, _fold(person.organization), exact, blocks, profile
    )


def _unnamed(person: Candidate, exact: frozenset[str], profile: str) -> _Keys:
    """Keys enough to be found by identifiers (names are worked out only when needed)."""
    return _Keys(person.id, person.full_name, "", "", "", exact, (), profile)


# How a pair sharing identifiers is ranked against pairs by name: certain first, then a shared
# identifier with agreeing names, then close names (by score), then different names.
_CERTAIN, _SHARED_AGREE, _BY_NAME, _DIFFERENT_NAMES = 3, 2, 1, 0


def _judge(x: _Keys, y: _Keys, status: dict[str, int]) -> tuple[int, Match] | None:
    """The pair's match and its rank; `status` holds the status of every key they share."""
    common = [k for k in x.exact & y.exact if status[k] != CROWDED]
    if not common:
        match = _compare_names(x, y)
        return None if match is None else (_BY_NAME, match)
    if x.profile and y.profile and x.profile != y.profile:
        return None  # two LinkedIn profiles: two people, whatever address they share
    if not names_agree(x.full_name, y.full_name):
        reason = match_reasons.different_names(common)
        return _DIFFERENT_NAMES, Match(x.id, y.id, "likely", (reason,), 0.5)
    unnamed = name_is_empty(x.full_name) + name_is_empty(y.full_name)
    named = not unnamed
    personal = [k for k in common if status[k] == PERSONAL]
    about_names = () if named else (match_reasons.NAMES_MISSING[unnamed],)
    if personal:
        reasons = (match_reasons.same(personal, named=named), *about_names)
        return _CERTAIN, Match(x.id, y.id, "certain", reasons, 1.0)
    reasons = (
        *(about_names or (match_reasons.SAME_NAME,)),
        *map(match_reasons.shared, sorted(common)),
    )
    return _SHARED_AGREE, Match(x.id, y.id, "likely", reasons, 0.95)


def _similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz  # loaded on first use, like nameparser

    return float(fuzz.token_sort_ratio(a, b, score_cutoff=SIMILAR_NAME))


def _compare_names(x: _Keys, y: _Keys) -> Match | None:
    if not x.key or not y.key:
        return None
    if x.profile and y.profile and x.profile != y.profile:
        return None  # namesakes with their own LinkedIn profiles are different people
    if x.organization and y.organization and x.organization != y.organization:
        return None
    ratio = 100.0 if x.name == y.name else _similarity(x.name, y.name)
    if x.key == y.key:
        reasons, score = ["same name"], max(ratio, SIMILAR_NAME)
    elif ratio >= SIMILAR_NAME:
        reasons, score = [f"similar name ({ratio:.0f}%)"], ratio
    else:
        return None
    if x.organization and y.organization:
        reasons.append("same organisation")
    elif x.organization or y.organization:
        reasons.append("organisation missing on one side")
    return Match(x.id, y.id, "likely", tuple(reasons), round(score / 100, 4))


def _block_pairs(people: Sequence[_Keys], status: dict[str, int]) -> set[tuple[int, int]]:
    blocks: defaultdict[str, list[int]] = defaultdict(list)
    for position, person in enumerate(people):
        for block in itertools.chain(person.exact, person.blocks):
            if status.get(block) != CROWDED:
                blocks[block].append(position)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        pairs.update(itertools.combinations(members, 2))
    return pairs


def find_duplicates(people: Sequence[Candidate]) -> list[Match]:
    """Every pair of records that looks like one person, sorted by ids (a < b). Which
    identifiers are shared is worked out from `people` themselves."""
    keyed = [_keys(person) for person in people]
    shared = SharedIdentifiers()
    for person in keyed:
        shared.note(person.exact, person.full_name)
    status = {key: shared.status(key) for person in keyed for key in person.exact}
    matches = {}
    for i, j in _block_pairs(keyed, status):
        x, y = sorted((keyed[i], keyed[j]), key=lambda k: k.id)
        if x.id == y.id:
            continue
        judged = _judge(x, y, status)
        if judged is not None:
            matches[(x.id, y.id)] = judged[1]
    return [matches[pair] for pair in sorted(matches)]


class Index:
    """The people already known, looked up by email, phone, profile and name blocks.

    `incoming`, like `note_incoming`, declares the records about to be looked up."""

    def __init__(
        self, existing: Iterable[Candidate] = (), *, incoming: Iterable[Candidate] = ()
    ) -> None:
        self._people: dict[int, _Keys] = {}
        self._blocks: defaultdict[str, list[int]] = defaultdict(list)
        self._shared = SharedIdentifiers()
        self._noted: dict[Candidate, tuple[frozenset[str], str]] = {}  # their keys, worked out
        self._last: tuple[Candidate, _Keys, bool] | None = None  # bool: names worked out
        self._named = 0  # how many people can be found by name
        for person in existing:
            self.add(person)
        self.note_incoming(incoming)

    def __len__(self) -> int:
        return len(self._people)

    def note_incoming(self, candidates: Iterable[Candidate]) -> None:
        """Declare the records of the file about to be looked up, before looking any up: an
        email or phone that two of them carry under different names (a switchboard, a family
        address) is then shared, even in an empty account. Noting a record twice is harmless."""
        for candidate in candidates:
            exact_keys = _exact_keys(candidate)
            with contextlib.suppress(TypeError):  # lists where tuples belong: not kept
                self._noted[candidate] = exact_keys
            self._shared.note(exact_keys[0], candidate.full_name)

    def add(self, person: Candidate, *, as_id: int | None = None, by_name: bool = True) -> None:
        """Know this person too (e.g. just created by an import, so later rows find them),
        under `as_id` when given. Adding the record last looked up reuses its keys. With
        `by_name=False` only a shared email, phone or profile finds them again (an import
        pairs likely duplicates with people you had, not with other rows of the file).
        Adding someone already known under the same id adds to their identifiers."""
        cached = self._last
        if cached is not None and cached[0] is person and (cached[2] or not by_name):
            keyed = cached[1]
        else:
            keyed = _keys(person)
        known = self._people.get(keyed.id if as_id is None else as_id)
        if as_id is not None or known is not None:
            keyed = _Keys(
                keyed.id if as_id is None else as_id,
                keyed.full_name,
                keyed.name,
                keyed.key,
                keyed.organization,
                keyed.exact | known.exact if known else keyed.exact,
                keyed.blocks,
                keyed.profile or (known.profile if known else ""),
            )
        self._people[keyed.id] = keyed
        self._shared.note(keyed.exact, keyed.full_name)
        if by_name:
            self._named += 1
        for block in itertools.chain(keyed.exact, keyed.blocks) if by_name else keyed.exact:
            self._blocks[block].append(keyed.id)

    def lookup(self, incoming: Candidate) -> Match | None:
        """The best match among known people, `a` being theirs: certain first, then a shared
        identifier with agreeing names, then the closest name, then an identifier carried
        under a different name. Names are worked out only when someone is findable by name
        (an empty account skips them)."""
        try:
            exact, profile = self._noted.get(incoming) or _exact_keys(incoming)
        except TypeError:  # lists where tuples belong make the record unhashable
            exact, profile = _exact_keys(incoming)
        probe = _unnamed(incoming, exact, profile)
        found = self._by_identifiers(probe)
        if found and found[0][0] == _CERTAIN:
            self._last = (incoming, probe, False)
            return found[0][1]
        if self._named:
            probe = _keys(incoming, (exact, profile))
            found += self._by_name(probe, {match.a for _, match in found})
            found.sort(key=_best_first)
        self._last = (incoming, probe, bool(self._named))
        return found[0][1] if found else None

    def _by_identifiers(self, probe: _Keys) -> list[tuple[int, Match]]:
        status: dict[str, int] = {}
        ids: set[int] = set()
        for key in probe.exact:
            holders = self._blocks.get(key)
            if holders:
                status[key] = self._shared.status(key, probe.full_name)
                if status[key] != CROWDED:
                    ids.update(holders)
        if not ids:
            return []
        judged = (_judge(self._people[i], probe, status) for i in ids)
        return sorted((j for j in judged if j is not None), key=_best_first)

    def _by_name(self, probe: _Keys, judged: set[int]) -> list[tuple[int, Match]]:
        ids = {i for block in probe.blocks for i in self._blocks.get(block, ())} - judged
        matches = (_compare_names(self._people[i], probe) for i in ids)
        return [(_BY_NAME, m) for m in matches if m is not None]


def _best_first(judged: tuple[int, Match]) -> tuple[int, float, int]:
    rank, match = judged
    return -rank, -match.score, match.a


def match_incoming(incoming: Candidate, existing_index: Index) -> Match | None:
    """The known person an incoming record is, if any (see Index.lookup)."""
    return existing_index.lookup(incoming)
