"""Who the demo's people are, as duplicate finding sees them: names, addresses and numbers that
belong to nobody real and never to two demo people, except a single line shared on purpose.

No two people have the same name, nor names that read as one mistyped: two names sharing a first
or a last name and alike at `CLOSE_NAMES` or more (difflib's ratio of the folded full names, as
"Mara Patel" and "Marta Patel") are not both drawn. Duplicate finding calls names similar from
0.90; the margin keeps clear of it.

Numbers come only from ranges set aside for fiction: 555-0100 to 555-0199 in every North
American area code (NANPA), and the Bundesnetzagentur's "drama numbers" for Berlin, 030 23125
000 to 999 (Amtsblatt 7/2021, Mitteilung 148). A person's number is drawn from the ranges of
where they live (Portland's for anyone remote, or when a city's range runs out) without
replacement, so no two people get the same one. Portland's three area codes hold more numbers
than the demo has people, so the draw never runs dry.

Addresses use reserved domains only (RFC 2606): `first.last@company.example.com` at work and
`first.last<n>@example.org` at home. The demo's names are unique once folded, so their addresses
are too.

The one shared line: the front desk of the clinic where the family doctor and the
physiotherapist work is on both their cards, labelled "work", so the duplicates review has one
realistic "same phone, different names" pair to show.
"""

from __future__ import annotations

import difflib
import random
from collections import defaultdict
from dataclasses import dataclass

from mutuals.core.names import fold


@dataclass(frozen=True, slots=True)
class Labelled:
    """An email address or phone number with its label ("work", "personal", "mobile")."""

    value: str
    label: str


CLOSE_NAMES = 0.88
OFFICE = "Maple Street Clinic"
OFFICE_LINE = Labelled("+1 503 555 0100", "work")

_BERLIN = "Berlin, Germany"
_HOME_AREA_CODES = ("503", "971", "360")  # Portland, OR and across the river in Vancouver, WA
_AREA_CODES = {
    "Portland, OR": _HOME_AREA_CODES,
    "Seattle, WA": ("206",),
    "Oakland, CA": ("510",),
    "Denver, CO": ("303", "720"),
    "Austin, TX": ("512",),
    "Chicago, IL": ("312", "773"),
    "Boston, MA": ("617",),
    "Vancouver, BC": ("604",),
    "Toronto, ON": ("416",),
}


def _numbers(location: str) -> list[Labelled]:
    if location == _BERLIN:
        return [Labelled(f"+49 30 23125 {n:03d}", "home") for n in range(1000)]
    codes = _AREA_CODES[location]
    numbers = [Labelled(f"+1 {code} 555 01{n:02d}", "mobile") for code in codes for n in range(100)]
    return [number for number in numbers if number.value != OFFICE_LINE.value]


class PhoneBook:
    """Hands out fictional numbers, each at most once. It draws from its own generator, so
    numbering people never shifts the rest of the demo drawn from the same seed."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(f"demo phone numbers {seed}")
        self._free: dict[str, list[Labelled]] = {}

    def number_for(self, location: str) -> Labelled:
        """A number nobody else in the demo has, local to `location` when one is left."""
        free = self._free_in(location) or self._free_in("Portland, OR")
        if not free:
            raise ValueError("The demo has more people than fictional phone numbers.")
        return free.pop()

    def _free_in(self, location: str) -> list[Labelled]:
        known = location in _AREA_CODES or location == _BERLIN
        key = location if known else "Portland, OR"  # "Remote" and anywhere else: home
        if key not in self._free:
            numbers = _numbers(key)
            self._rng.shuffle(numbers)
            self._free[key] = numbers
        return self._free[key]


def work_email(slug: str, organization: str) -> Labelled:
    """`slug` is the person's folded "first.last"; the domain is the company's, reserved."""
    domain = "".join(ch for ch in fold(organization) if ch.isascii() and ch.isalnum())
    return Labelled(f"{slug}@{domain}.example.com", "work")


def personal_email(slug: str, number: int | None = None) -> Labelled:
    return Labelled(f"{slug}{number or ''}@example.org", "personal")


class Names:
    """The names given out so far; a name is taken only when no one has it or one close to it."""

    def __init__(self) -> None:
        self._slugs: set[str] = set()
        self._namesakes: defaultdict[str, list[str]] = defaultdict(list)  # by first, by last

    def take(self, first: str, last: str) -> str | None:
        """The name's slug (folded "first.last", for addresses) if it is free, else None."""
        slug = _slug(f"{first}.{last}")
        full, buckets = fold(f"{first} {last}"), (f"first {fold(first)}", f"last {fold(last)}")
        if slug in self._slugs or self._close_to_a_namesake(full, buckets):
            return None
        self._slugs.add(slug)
        for bucket in buckets:
            self._namesakes[bucket].append(full)
        return slug

    def _close_to_a_namesake(self, full: str, buckets: tuple[str, str]) -> bool:
        matcher = difflib.SequenceMatcher(b=full)  # analyses `full` once for every comparison
        for other in (other for bucket in buckets for other in self._namesakes[bucket]):
            matcher.set_seq1(other)
            if matcher.quick_ratio() >= CLOSE_NAMES and matcher.ratio() >= CLOSE_NAMES:
                return True
        return False


def _slug(text: str) -> str:
    ascii_text = fold(text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in ascii_text if ch.isalnum() or ch == ".")
