"""The demo network's network: who knows whom among its people, and a few introductions.

Deterministic like `core.demo`: the same network and seed always give the same edges. People
at the same organisation know each other (colleagues more strongly), so most organisations
have a few pairs rather than everyone knowing everyone (each pair with chance min(1, 6 / n) in
an organisation of n); people seen together at a group conversation often know each other
(each pair with chance 0.3); each person you only know of (seen in a job posting) is known by
one to three of your contacts, so a warm path exists to most of them; and a few random
acquaintances across circles keep it from being only clusters. Three introductions show the
workflow: one made a few days ago and not yet thanked, one asked for and unanswered, one you
offered that both said yes to.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from mutuals.core.cadence import Tier
from mutuals.core.demo import DemoNetwork, DemoPerson

ORG_PAIRS = 6.0
CROSS_LINKS = 40
GROUP_PAIR_CHANCE = 0.3
WORK_CIRCLES = frozenset({"Work", "Former colleagues"})
_Add = Callable[[int, int, float, str, str], None]


@dataclass(frozen=True, slots=True)
class DemoKnows:
    person: int  # DemoPerson keys, person < knows
    knows: int
    strength: float
    source: str
    note: str


@dataclass(frozen=True, slots=True)
class DemoIntroduction:
    introducer: int | None  # None: you make it
    seeker: int | None  # None: you asked for it
    target: int
    reason: str
    status: str
    requested_on: dt.date
    made_on: dt.date | None = None
    accepted_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class DemoWeb:
    knows: tuple[DemoKnows, ...]
    introductions: tuple[DemoIntroduction, ...]


def generate_web(network: DemoNetwork, *, seed: int = 7) -> DemoWeb:
    """Who knows whom in `network`, and three introductions (module docstring)."""
    rng = random.Random(seed * 104729 + 3)
    edges: dict[tuple[int, int], DemoKnows] = {}

    def add(a: int, b: int, strength: float, source: str, note: str) -> None:
        low, high = sorted((a, b))
        if low != high and (low, high) not in edges:
            edges[(low, high)] = DemoKnows(low, high, round(strength, 2), source, note)

    _colleagues(network, rng, add)
    for interaction in network.interactions:
        if len(interaction.people) > 2:
            for one, other in itertools.combinations(interaction.people, 2):
                if rng.random() < GROUP_PAIR_CHANCE:
                    note = f"met at {interaction.summary.lower()}"
                    add(one, other, rng.uniform(0.3, 0.6), "other", note)
    contacts = [p for p in network.people if p.tier is not None]
    _known_of(network, contacts, rng, add)
    for _ in range(CROSS_LINKS):
        first, second = rng.sample(contacts, 2)
        add(first.key, second.key, rng.uniform(0.2, 0.5), "told", "")
    knows = tuple(sorted(edges.values(), key=lambda e: (e.person, e.knows)))
    return DemoWeb(knows, _introductions(network, knows, rng))


def _colleagues(network: DemoNetwork, rng: random.Random, add: _Add) -> None:
    by_org: dict[str, list[DemoPerson]] = defaultdict(list)
    for person in network.people:
        if person.organization:
            by_org[person.organization].append(person)
    for org, people in sorted(by_org.items()):
        chance = min(1.0, ORG_PAIRS / len(people))
        for a, b in itertools.combinations(people, 2):
            if rng.random() < chance:
                worked = bool(WORK_CIRCLES & set(a.circles + b.circles))
                source, note = (
                    ("worked_together", f"worked together at {org}")
                    if worked or a.tier is None or b.tier is None
                    else ("other", f"both at {org}")
                )
                add(a.key, b.key, rng.uniform(0.4, 0.85), source, note)


def _known_of(
    network: DemoNetwork, contacts: list[DemoPerson], rng: random.Random, add: _Add
) -> None:
    brokers = [p for p in contacts if set(p.circles) & {"Former colleagues", "Associations"}]
    for person in network.people:
        if person.tier is not None:
            continue
        for broker in rng.sample(brokers, rng.randint(1, 3)):
            note = f"worked together before {person.organization}"
            add(person.key, broker.key, rng.uniform(0.3, 0.9), "worked_together", note)


def _introductions(
    network: DemoNetwork, knows: tuple[DemoKnows, ...], rng: random.Random
) -> tuple[DemoIntroduction, ...]:
    people = {p.key: p for p in network.people}
    today = network.today
    pairs = [
        (e.person, e.knows) if people[e.knows].tier is None else (e.knows, e.person)
        for e in knows
        if (people[e.person].tier is None) != (people[e.knows].tier is None)
    ]
    pairs = [(a, b) for a, b in pairs if people[a].tier not in (None, Tier.DORMANT)]
    made, waiting = pairs[0], pairs[-1]
    friends = [p.key for p in network.people if p.tier in (Tier.CLOSE, Tier.FRIEND)]
    seeker, target = rng.sample(friends, 2)
    return (
        DemoIntroduction(
            made[0],
            None,
            made[1],
            "to hear how their team hires",
            "made",
            today - dt.timedelta(days=6),
            made_on=today - dt.timedelta(days=3),
        ),
        DemoIntroduction(
            waiting[0],
            None,
            waiting[1],
            "to learn about their data platform",
            "requested",
            today - dt.timedelta(days=9),
        ),
        DemoIntroduction(
            None,
            seeker,
            target,
            "both moving into product management",
            "accepted",
            today - dt.timedelta(days=5),
            accepted_on=today - dt.timedelta(days=1),
        ),
    )
