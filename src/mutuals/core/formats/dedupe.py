"""Finding the same person twice: record linkage with blocking (Fellegi & Sunter 1969 in spirit).

Two records are *certainly* the same person when they share a normalised email address,
LinkedIn profile or phone number. They are *likely* the same when their names are close
(rapidfuzz token_sort_ratio of the folded names at least 90, or the same name key: first and
last name, accents and case folded, common nicknames mapped so Bob Smith is Robert Smith) and
their organisations agree or one side has none. Comparing everyone with everyone is O(n²), so
only records sharing a *block* are compared: an exact key, the name key, the last name with
the first initial, the first name with the last name's first three letters, or the two names
in either order. (A first name with only the last initial made blocks of hundreds.)

Normalisation is deliberately conservative, because merging two people loses more than
missing a duplicate: emails are only trimmed and lower-cased (dots and `+tags` are ignored by
Gmail but are different mailboxes elsewhere); phones keep their digits and a leading `+`
(`00` becomes `+`), lose extensions, and gain a country code only when one is given.

`Index` is built once from the people already known and answers "who is this?" for each
incoming record, so re-importing a file updates people instead of creating them again.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from mutuals.core.names import fold

SIMILAR_NAME = 90.0
MIN_PHONE_DIGITS = 7

NICKNAMES = {
    "abby": "abigail", "alex": "alexander", "andy": "andrew", "becky": "rebecca",
    "beth": "elizabeth", "betty": "elizabeth", "bill": "william", "billy": "william",
    "bob": "robert", "bobby": "robert", "cathy": "catherine", "chris": "christopher",
    "dan": "daniel", "danny": "daniel", "dave": "david", "dick": "richard", "ed": "edward",
    "eddie": "edward", "greg": "gregory", "jeff": "jeffrey", "jen": "jennifer",
    "jenny": "jennifer", "jim": "james", "jimmy": "james", "joe": "joseph", "jon": "jonathan",
    "josh": "joshua", "kate": "katherine", "kathy": "katherine", "katie": "katherine",
    "ken": "kenneth", "liz": "elizabeth", "maggie": "margaret", "matt": "matthew",
    "meg": "margaret", "mike": "michael", "nick": "nicholas", "peggy": "margaret",
    "rich": "richard", "rick": "richard", "rob": "robert", "steve": "stephen",
    "steven": "stephen", "sue": "susan", "ted": "edward", "tim": "timothy", "tom": "thomas",
    "tony": "anthony", "will": "william",
}  # fmt: skip


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
    found = _PROFILE.search(url)
    return found.group(1).lower() if found else url.strip().lower().rstrip("/")


@dataclass(frozen=True, slots=True)
class _Keys:
    id: int
    name: str
    key: str
    organization: str
    exact: frozenset[str]  # "email x@y", "phone +44...", "LinkedIn profile slug"
    blocks: tuple[str, ...]
    profile: str = ""  # the LinkedIn profile key: two different profiles are two people


def _exact_keys(person: Candidate) -> tuple[frozenset[str], str]:
    exact = [f"email {e}" for e in map(normalize_email, person.emails) if "@" in e]
    exact += [f"phone {p}" for p in map(normalize_phone, person.phones) if p]
    profile = _profile_key(person.linkedin_url) if person.linkedin_url.strip() else ""
    if profile:
        exact.append(f"LinkedIn profile {profile}")
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
    return _Keys(person.id, name, key, _fold(person.organization), exact, blocks, profile)


def _compare(x: _Keys, y: _Keys) -> Match | None:
    common = x.exact & y.exact
    if common:
        return Match(x.id, y.id, "certain", _shared(common), 1.0)
    return _compare_names(x, y)


def _shared(keys: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(f"same {key}" for key in keys))


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


def _block_pairs(people: Sequence[_Keys]) -> set[tuple[int, int]]:
    blocks: defaultdict[str, list[int]] = defaultdict(list)
    for position, person in enumerate(people):
        for block in itertools.chain(person.exact, person.blocks):
            blocks[block].append(position)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        pairs.update(itertools.combinations(members, 2))
    return pairs


def find_duplicates(people: Sequence[Candidate]) -> list[Match]:
    """Every pair of records that looks like one person, sorted by ids (a < b)."""
    keyed = [_keys(person) for person in people]
    matches = {}
    for i, j in _block_pairs(keyed):
        x, y = sorted((keyed[i], keyed[j]), key=lambda k: k.id)
        if x.id == y.id:
            continue
        match = _compare(x, y)
        if match is not None:
            matches[(x.id, y.id)] = match
    return [matches[pair] for pair in sorted(matches)]


class Index:
    """The people already known, looked up by email, phone, profile and name blocks."""

    def __init__(self, existing: Iterable[Candidate] = ()) -> None:
        self._people: dict[int, _Keys] = {}
        self._blocks: defaultdict[str, list[int]] = defaultdict(list)
        self._last: tuple[Candidate, _Keys, bool] | None = None  # bool: names worked out
        self._named = 0  # how many people can be found by name
        for person in existing:
            self.add(person)

    def __len__(self) -> int:
        return len(self._people)

    def add(self, person: Candidate, *, as_id: int | None = None, by_name: bool = True) -> None:
        """Know this person too (e.g. just created by an import, so later rows find them),
        under `as_id` when given. Adding the record last looked up reuses its keys. With
        `by_name=False` only a shared email, phone or profile finds them again (an import
        pairs likely duplicates with people you had, not with other rows of the file)."""
        cached = self._last
        if cached is not None and cached[0] is person and (cached[2] or not by_name):
            keyed = cached[1]
        else:
            keyed = _keys(person)
        if as_id is not None:
            keyed = _Keys(
                as_id,
                keyed.name,
                keyed.key,
                keyed.organization,
                keyed.exact,
                keyed.blocks,
                keyed.profile,
            )
        self._people[keyed.id] = keyed
        if by_name:
            self._named += 1
        for block in itertools.chain(keyed.exact, keyed.blocks) if by_name else keyed.exact:
            self._blocks[block].append(keyed.id)

    def lookup(self, incoming: Candidate) -> Match | None:
        """The best match among known people (certain before likely), `a` being theirs.

        A shared email, phone or profile settles it; names are compared only without one, and
        only worked out when someone is findable by name (an empty account skips them)."""
        exact, profile = _exact_keys(incoming)
        people = self._people
        ids = {i for block in exact for i in self._blocks.get(block, ())}
        if ids:
            self._last = None
            found = [
                Match(people[i].id, incoming.id, "certain", _shared(people[i].exact & exact), 1.0)
                for i in ids
            ]
            return min(found, key=lambda m: m.a)
        if not self._named:
            partial = _Keys(incoming.id, "", "", "", exact, (), profile)
            self._last = (incoming, partial, False)
            return None
        keyed = _keys(incoming, (exact, profile))
        self._last = (incoming, keyed, True)
        found = self._matches(keyed, keyed.blocks, exact=False)
        return min(found, key=lambda m: (-m.score, m.a)) if found else None

    def _matches(self, keyed: _Keys, blocks: Iterable[str], exact: bool) -> list[Match]:
        ids = {i for block in blocks for i in self._blocks.get(block, ())}
        # The exact pass has already found nothing shared, so the name pass compares names only.
        compare = _compare if exact else _compare_names
        people = self._people
        matches = (compare(people[i], keyed) for i in ids)
        return [match for match in matches if match is not None]


def match_incoming(incoming: Candidate, existing_index: Index) -> Match | None:
    """The known person an incoming record is, if any (see Index.lookup)."""
    return existing_index.lookup(incoming)
