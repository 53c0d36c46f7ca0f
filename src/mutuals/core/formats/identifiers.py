"""Identifiers, and whether each is personal or shared: one person's email, or a switchboard?

An identifier is kept as a key: "email rosa@example.org", "phone +442079460000" or
"LinkedIn profile rosa-nunez". A company switchboard, a family's address or jobs@ appear on the
records of several people, so sharing one proves nothing. An email or phone is

- *personal* when every record carrying it has a name that agrees with the others'
  (`identity.names_agree`; a record without a name is no evidence either way);
- *shared* when two of those names disagree (Alice and Bob on one phone), or when it is a role
  address (info@, jobs@: `role_addresses.py`) whatever the names;
- *crowded* when three names that pairwise disagree carry it (an office of many), or it is
  seen with `MAX_NAMES` different spellings of names: it then pairs nobody by itself, since a
  30-person office would otherwise make 435 pairs to review.

The status depends only on the set of names seen with the identifier, never on their order.
A LinkedIn profile is always personal: its address is one person's own page.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from mutuals.core.formats.identity import names_agree
from mutuals.core.formats.role_addresses import is_role_address

PERSONAL: Final = 0
SHARED: Final = 1
CROWDED: Final = 2
MAX_NAMES = 32

EMAIL = "email"
PHONE = "phone"
PROFILE = "LinkedIn profile"
KINDS = (PROFILE, EMAIL, PHONE)  # the order reasons name them in


def key_kind(key: str) -> str:
    """ "email", "phone" or "LinkedIn profile"."""
    return EMAIL if key[0] == "e" else PHONE if key[0] == "p" else PROFILE


def key_value(key: str) -> str:
    """The address, number or profile the key is made of."""
    return key[len(key_kind(key)) + 1 :]


def is_role_key(key: str) -> bool:
    """True for the key of a role address ("email info@acme.com")."""
    return key_kind(key) == EMAIL and is_role_address(key_value(key))


class SharedIdentifiers:
    """The names seen with each email and phone key, and each key's status."""

    def __init__(self) -> None:
        self._names: dict[str, list[str]] = {}
        self._status: dict[str, int] = {}  # from the names alone; role addresses come on top
        self._roles: dict[str, bool] = {}

    def note(self, keys: Iterable[str], name: str) -> None:
        """Record that someone called `name` carries these keys."""
        name = name.strip()
        for key in keys:
            names = self._names.get(key)
            if names is None:
                if key_kind(key) != PROFILE:
                    self._names[key] = [name] if name else []
                    self._status[key] = PERSONAL
            elif name and self._status[key] != CROWDED and name not in names:
                self._status[key] = self._with(key, names, name)
                names.append(name)

    def status(self, key: str, name: str = "") -> int:
        """The key's status, counting also someone called `name` who carries it."""
        names = self._names.get(key)
        status = PERSONAL
        if names is not None:
            status = self._status[key]
            name = name.strip()
            if status != CROWDED and name and name not in names:
                status = self._with(key, names, name)
        if status == PERSONAL and key_kind(key) == EMAIL:
            role = self._roles.get(key)
            if role is None:
                role = self._roles[key] = is_role_key(key)
            return SHARED if role else PERSONAL
        return status

    def _with(self, key: str, names: list[str], name: str) -> int:
        """The status once `name` joins `names` (whose status is known)."""
        if len(names) + 1 >= MAX_NAMES:
            return CROWDED
        others = [known for known in names if not names_agree(name, known)]
        if any(not names_agree(a, b) for i, a in enumerate(others) for b in others[i + 1 :]):
            return CROWDED
        return max(self._status[key], SHARED if others else PERSONAL)
