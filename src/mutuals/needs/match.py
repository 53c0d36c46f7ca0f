"""Reads for Match: a pasted text's matches in groups, and the organisations it names.

One call answers the whole page (web, CLI and API alike): the open needs the text serves, as
leads (people hiring or offering), things to share (people looking) and your own
(core.matching.groups), best first within each group with their relevance in words; and, for
each of your people's organisations the text names (core.matching.organisations), the people
you know there and the best warm paths to them, found by the same search as the Network page
(network.paths: `targets(kind="company")` and `warm_paths`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from mutuals.core.matching import (
    GROUPS,
    Match,
    Mention,
    Relevance,
    group_of,
    grouped,
    organisations_named,
    relevance,
)
from mutuals.needs import fulltext
from mutuals.people import selectors as people_selectors
from mutuals.people.models import Person

if TYPE_CHECKING:  # numpy loads only when a text names an organisation
    from mutuals.network.paths import WarmPath

PER_GROUP = 10  # matches shown in each group, as `mutuals match` shows by default
POOL_GROUPS = len(GROUPS)  # the best PER_GROUP x this many overall are grouped
MAX_ORGANISATIONS = 3  # organisations a text names that get their people and paths
MAX_PEOPLE = 10  # people listed at each organisation (`people_count` says how many in all)
MAX_PATHS = 3  # warm paths to each organisation


@dataclass(frozen=True)
class MatchedNeed:
    """One open need the text serves: the match, the need's text (spans index into it), its
    group (`lead`, `share` or `yours`) and its relevance in words."""

    match: Match
    need_text: str
    group: str
    relevance: Relevance


@dataclass(frozen=True)
class OrganisationFound:
    """An organisation the text names, the people you know there (closest ties first) and the
    best warm paths to anyone there."""

    mention: Mention
    people_count: int
    contacts_count: int  # of `people_count`, your contacts; the others you only know of
    people: list[Person]  # at most MAX_PEOPLE
    paths: list[WarmPath]

    @property
    def known_of_count(self) -> int:
        return self.people_count - self.contacts_count

    @property
    def summary(self) -> str:
        """ "You know 5 people at Copperleaf Systems", and how many more you only know of."""
        name, known_of = self.mention.name, self.known_of_count
        if not self.contacts_count:
            return f"You know of {_people(known_of)} at {name}"
        said = f"You know {_people(self.contacts_count)} at {name}"
        return f"{said}, and know of {known_of} more" if known_of else said


@dataclass(frozen=True)
class MatchResult:
    needs: list[MatchedNeed]  # lead, then share, then yours; best first within each
    organisations: list[OrganisationFound] = field(default_factory=list)

    def group(self, name: str) -> list[MatchedNeed]:
        return [found for found in self.needs if found.group == name]

    @property
    def leads(self) -> list[MatchedNeed]:
        return self.group("lead")

    @property
    def to_share(self) -> list[MatchedNeed]:
        return self.group("share")

    @property
    def yours(self) -> list[MatchedNeed]:
        return self.group("yours")


def _people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def match_text(
    *,
    owner: AbstractBaseUser,
    text: str,
    per_group: int = PER_GROUP,
    today: dt.date | None = None,
) -> MatchResult:
    """What `text` (a posting, an article, a note) means for the owner's network."""
    return MatchResult(
        needs=grouped_needs(owner=owner, text=text, per_group=per_group),
        organisations=organisations_in(owner=owner, text=text, today=today),
    )


def grouped_needs(*, owner: AbstractBaseUser, text: str, per_group: int) -> list[MatchedNeed]:
    """The open needs `text` serves, in groups, at most `per_group` in each, taken from the
    best `per_group` x 3 overall; relevance is said against the best of them."""
    found = fulltext.search(owner=owner, text=text, k=per_group * POOL_GROUPS)
    texts = {match.need_id: need_text for match, need_text in found}
    best = max((match.score for match, _ in found), default=0.0)
    groups = grouped((match for match, _ in found), per_group)
    return [
        MatchedNeed(
            match,
            texts[match.need_id],
            group_of(match),
            relevance(match.score, best, match.coverage),
        )
        for name in GROUPS
        for match in groups[name]
    ]


def organisations_in(
    *, owner: AbstractBaseUser, text: str, today: dt.date | None = None
) -> list[OrganisationFound]:
    """The owner's people's organisations `text` names (at most MAX_ORGANISATIONS, in the order
    of their first mention), each with its people and the best warm paths to it."""
    # Every organisation of the owner (one plain read); one with nobody there any more is
    # dropped below, by the Network page's own search.
    names = people_selectors.organizations_for(owner=owner).values_list("id", "name")
    mentions = organisations_named(text, names)
    if not mentions:
        return []
    from mutuals.network import paths  # numpy: only when a text names an organisation

    aimed = []
    for mention in mentions:
        if len(aimed) == MAX_ORGANISATIONS:
            break
        try:
            targets = paths.targets(owner=owner, kind="company", value=mention.name)
        except ValidationError:  # nobody there any more
            continue
        aimed.append(
            (mention, targets, paths.warm_paths(owner=owner, targets=targets, k=MAX_PATHS))
        )
    everyone = frozenset().union(*(targets.ids for _, targets, _ in aimed))
    people = list(
        people_selectors.people_list(
            owner=owner, today=today or timezone.localdate(), sort="strength"
        ).filter(pk__in=everyone)
    )
    found = []
    for mention, targets, warm in aimed:
        there = [person for person in people if person.pk in targets.ids]
        contacts = sum(1 for person in there if person.tier is not None)
        found.append(OrganisationFound(mention, len(there), contacts, there[:MAX_PEOPLE], warm))
    return found
