"""Warm paths from the database: the graph built once per owner and reused until it changes.

`core.network` does the search on arrays; this module feeds it. The graph of an owner (your
ties: your contacts' stored tie strengths; who knows whom: `Knows` rows plus every "introduced
by" as an edge) is built on the first search and kept in memory like every answer computed from
an owner's records: on a `changes.kept` shelf (`GRAPHS`), under the owner's stamp (one query of
their records version), so any change to their records, in any process, builds it again at the
next search, and a search never reads the whole graph from the ORM unless something changed.

Targets: a person, anyone at an organisation (name contains the words), or anyone whose title,
organisation, notes, interests, location or how you met match words ("engineering manager
fintech": every term, after the same analysis the needs' matching uses; when no one matches
them all, those who match the most, at least half).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from mutuals.changes.kept import Kept, Shelf
from mutuals.core import network as graph
from mutuals.core.matching import analyze
from mutuals.core.names import fold
from mutuals.core.network import Mode
from mutuals.network.models import SOURCE_CHOICES, Knows
from mutuals.people import selectors as people_selectors
from mutuals.people.models import Person

INTRODUCED_BY_STRENGTH = 0.5
MIN_TIE = 0.01
PREFIX = 5  # characters of a query word the database looks for before the analysis decides
SOURCE_LABELS = dict(SOURCE_CHOICES)
QUIET_SOURCES = frozenset({"told", "import", "other"})  # nothing worth saying without a note
_TEXT_FIELDS = ("title", "organization__name", "notes", "interests", "location", "how_met")


@dataclass(frozen=True)
class Graph:
    """An owner's network with the names and details paths are explained with."""

    network: graph.Network
    names: dict[int, str]


# The most recently searched owners' graphs; the least recently used is dropped beyond
# MAX_GRAPHS, so a server with many users holds a bounded number of them.
MAX_GRAPHS = 32
GRAPHS = Shelf("warm-path graphs", MAX_GRAPHS)


def graph_for(*, owner: AbstractBaseUser, today: dt.date | None = None) -> Graph:
    """The owner's graph, kept until their records change (or the day does: stored strengths
    are brought to the day). Kept answers are shared by threads: nobody changes a graph."""
    kept = Kept(owner, today or timezone.localdate())
    return kept.get("warm-path graph", lambda: _build(owner), shelf=GRAPHS)


def forget_graphs() -> None:
    """Drop every kept graph (tests)."""
    GRAPHS.clear()


def _build(owner: AbstractBaseUser) -> Graph:
    people = Person.objects.filter(owner=owner, archived_at__isnull=True)
    rows = list(people.values_list("id", "full_name", "tier", "strength", "introduced_by_id"))
    names = {pk: name for pk, name, _, _, _ in rows}
    # A contact is never a stranger to the search, even before any conversation scores the tie.
    ties = [(pk, max(MIN_TIE, min(1.0, s))) for pk, _, tier, s, _ in rows if tier is not None]
    edges: dict[tuple[int, int], graph.Knows] = {}
    for a, b, strength, source, note in Knows.objects.filter(owner=owner).values_list(
        "person_id", "knows_id", "strength", "source", "note"
    ):
        if a in names and b in names:
            edges[(a, b)] = graph.Knows(a, b, strength, _source_words(source, note))
    for pk, _, _, _, introducer in rows:
        if introducer in names and introducer != pk:
            pair = (min(pk, introducer), max(pk, introducer))
            if pair not in edges:
                words = "introduced you"
                edges[pair] = graph.Knows(introducer, pk, INTRODUCED_BY_STRENGTH, words)
    network = graph.Network.build(ties, edges.values(), people=names)
    return Graph(network=network, names=names)


def _source_words(source: str, note: str) -> str:
    if note:
        return note
    return "" if source in QUIET_SOURCES else SOURCE_LABELS.get(source, source).lower()


# ---- targets ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Targets:
    """Who a search aims at, and the words that say so ("anyone at Orion")."""

    ids: frozenset[int]
    label: str
    note: str = ""


TARGET_KINDS = ("to", "company", "match")


def targets(*, owner: AbstractBaseUser, kind: str, value: str) -> Targets:
    """Who a search aims at: `to` a person, anyone at a `company`, or anyone who `match`es."""
    if kind == "to":
        return person_target(owner=owner, name=value)
    if kind == "company":
        return company_target(owner=owner, company=value)
    if kind == "match":
        return words_target(owner=owner, words=value)
    raise ValidationError({"kind": [f"Choose one of: {', '.join(TARGET_KINDS)}."]})


def person_target(*, owner: AbstractBaseUser, name: str) -> Targets:
    match = people_selectors.resolve_person(owner=owner, query=name)
    if match.status == "found" and match.person_id is not None:
        person = Person.objects.get(owner=owner, pk=match.person_id)
        return Targets(frozenset({person.pk}), person.full_name)
    if match.status == "ambiguous":
        names = ", ".join(n for _, n in match.suggestions[:4])
        raise ValidationError({"to": [f"'{name}' could be several people: {names}."]})
    raise ValidationError({"to": [f"No one called '{name}' in your records."]})


def company_target(*, owner: AbstractBaseUser, company: str) -> Targets:
    key = fold(company)
    if not key:
        raise ValidationError({"company": ["Name an organisation, like Orion."]})
    people = Person.objects.filter(
        owner=owner, archived_at__isnull=True, organization__search_name__contains=key
    )
    found = dict(people.values_list("id", "organization__name"))
    if not found:
        raise ValidationError(
            {"company": [f"No one at an organisation called '{company}' in your records."]}
        )
    orgs = sorted(set(found.values()))
    label = "anyone at " + (orgs[0] if len(orgs) == 1 else f"{', '.join(orgs[:3])}")
    return Targets(frozenset(found), label)


def words_target(*, owner: AbstractBaseUser, words: str) -> Targets:
    tokens = analyze(words)
    wanted = {token.term for token in tokens}
    if not wanted:
        raise ValidationError({"match": ["Give a few words, like 'engineering manager fintech'."]})
    prefixes = {fold(words[t.start : t.end]).split(" ")[0][:PREFIX] for t in tokens}
    terms = _people_terms(owner, prefixes)
    full = frozenset(pk for pk, have in terms.items() if wanted <= have)
    if full:
        return Targets(full, f"anyone matching “{words.strip()}”")
    counts = {pk: len(wanted & have) for pk, have in terms.items()}
    best = max(counts.values(), default=0)
    if best * 2 < len(wanted) or best == 0:
        raise ValidationError({"match": [f"No one in your records matches '{words.strip()}'."]})
    ids = frozenset(pk for pk, n in counts.items() if n == best)
    note = f"No one matches every word; these match {best} of {len(wanted)}."
    return Targets(ids, f"anyone matching “{words.strip()}”", note)


def _people_terms(owner: AbstractBaseUser, prefixes: set[str]) -> dict[int, frozenset[str]]:
    """Terms of the people whose texts contain the start of a query word: the database
    narrows, the analysis decides (a synonym the text spells differently is missed)."""
    mention = Q()
    for prefix in prefixes:
        for name in _TEXT_FIELDS:
            mention |= Q(**{f"{name}__icontains": prefix})
    people = Person.objects.filter(owner=owner, archived_at__isnull=True).filter(mention)
    found: dict[int, frozenset[str]] = {}
    for pk, *texts in people.values_list("id", *_TEXT_FIELDS):
        found[pk] = frozenset(t.term for t in analyze(" \n".join(x or "" for x in texts)))
    return found


# ---- paths -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PathStep:
    person_id: int | None  # None: you
    name: str
    why: str  # how this person is reached from the one before ("" for you)


@dataclass(frozen=True)
class WarmPath:
    steps: tuple[PathStep, ...]
    score: float
    mode: str
    kind: str  # "direct" (you know them), "introduction" (2 hops), "discovery" (3 hops)
    introducer_id: int | None  # whom to ask: the first hop, for an introduction
    target_id: int

    @property
    def why(self) -> list[str]:
        return [step.why for step in self.steps[1:]]


MODE_NOTES = {
    "intro": "Ranked for an introduction: the strongest ties along the path first.",
    "info": (
        "Ranked for information: moderately weak first ties first (a 2022 LinkedIn field "
        "experiment found them the most useful for finding work), strong ties after."
    ),
}


def warm_paths(
    *, owner: AbstractBaseUser, targets: Targets, mode: str = "intro", k: int = 5
) -> list[WarmPath]:
    """The k best paths to any of the targets, at most one through each of your contacts."""
    if mode not in graph.MODES:
        raise ValidationError({"mode": ["Choose intro or info."]})
    if not 1 <= k <= 50:
        raise ValidationError({"k": ["Ask for between 1 and 50 paths."]})
    built = graph_for(owner=owner)
    found = graph.warm_paths(built.network, targets.ids, k=k, max_hops=3, mode=cast(Mode, mode))
    return [_explain(path, built.names) for path in found]


def _explain(path: graph.Path, names: dict[int, str]) -> WarmPath:
    steps = [PathStep(None, "You", "")]
    for hop in path.hops:
        why = graph.describe_hop(hop, names, mode=path.mode)
        steps.append(PathStep(hop.to_id, names.get(hop.to_id, "?"), why))
    hops = len(path.hops)
    kind = {1: "direct", 2: "introduction"}.get(hops, "discovery")
    return WarmPath(
        steps=tuple(steps),
        score=path.score,
        mode=path.mode,
        kind=kind,
        introducer_id=path.people[1] if hops >= 2 else None,
        target_id=path.people[-1],
    )


@dataclass(frozen=True)
class Acquaintance:
    person_id: int
    name: str
    strength: float
    source: str


def who_they_know(
    *, owner: AbstractBaseUser, person_id: int, limit: int | None = 20
) -> list[Acquaintance]:
    """The people someone knows who are not your contacts, strongest first."""
    people_selectors.get_person(owner=owner, person_id=person_id)
    built = graph_for(owner=owner)
    found = graph.who_they_know(built.network, person_id, limit=limit)
    return [
        Acquaintance(a.person, built.names.get(a.person, "?"), a.strength, a.source) for a in found
    ]
