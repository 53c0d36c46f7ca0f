"""Why two records are paired, in the words a user reads in a report.

"same LinkedIn profile", "same email and name", "same phone (+12125550100) but different names",
"same name" with "shared phone (+12125550100)" or "role address (info@acme.com)". Values are
shown where the user must judge (a pair to review), not where the match is certain.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from mutuals.core.formats.identifiers import KINDS, PROFILE, is_role_key, key_kind, key_value

NAMES_MISSING = {1: "name missing on one side", 2: "no name on either side"}
SAME_NAME = "same name"


def same(keys: Iterable[str], *, named: bool) -> str:
    """A certain match: "same LinkedIn profile", "same email and name", "same email, phone
    and name" (a LinkedIn profile is the person's own page: it needs no name beside it)."""
    return _same(frozenset(map(key_kind, keys)), named)


@functools.lru_cache(maxsize=64)
def _same(kinds: frozenset[str], named: bool) -> str:
    words = [kind for kind in KINDS if kind in kinds]
    if named and PROFILE not in kinds:
        words.append("name")
    return f"same {_and(words)}"


def different_names(keys: Iterable[str]) -> str:
    """ "same phone (+12125550100) but different names"."""
    return f"same {_listed(sorted(keys))} but different names"


def shared(key: str) -> str:
    """ "shared phone (+12125550100)", "role address (info@acme.com)"."""
    if is_role_key(key):
        return f"role address ({key_value(key)})"
    return f"shared {key_kind(key)} ({key_value(key)})"


def _listed(keys: list[str]) -> str:
    """ "phone (+12125550100)", "email (a@x.org) and phone (+44..., +44...)"."""
    values: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for key in keys:
        values[key_kind(key)].append(key_value(key))
    return _and([f"{kind} ({', '.join(values[kind])})" for kind in KINDS if values[kind]])


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
