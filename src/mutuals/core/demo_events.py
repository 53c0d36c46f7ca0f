"""The demo network's events and communities (PRODUCT.md P7): the meetups, runs, conference
days and volunteering where its people were met, and two communities that recur.

Deterministic like `core.demo`: the same network always gives the same events. Each place
comes from how the demo's people were met ("Riverside Product Guild meetup", …): everyone met
there in the last year was first met at an event on the day they became known (marked "first
met here"), with a few of the regulars met earlier; the two communities also have recent
events with their regulars and one still to come.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mutuals.core.demo import DemoNetwork, DemoPerson

RECENT_DAYS = 400  # people met within this many days get the event where you met them
REGULARS_PER_EVENT = 4


@dataclass(frozen=True, slots=True)
class DemoCommunity:
    name: str
    kind: str
    notes: str


@dataclass(frozen=True, slots=True)
class DemoEvent:
    name: str
    kind: str
    day: dt.date
    place: str
    community: str  # a DemoCommunity's name, or ""
    people: tuple[tuple[int, bool], ...]  # (DemoPerson key, first met here)


@dataclass(frozen=True, slots=True)
class DemoEvents:
    communities: tuple[DemoCommunity, ...]
    events: tuple[DemoEvent, ...]


@dataclass(frozen=True, slots=True)
class _Place:
    how_met: str  # the demo people's `how_met` that says they were met here
    name: str
    kind: str
    place: str
    community: str
    regular_days: tuple[int, ...]  # days from today of its recurring events (negative: past)


COMMUNITIES = (
    DemoCommunity(
        "Riverside Product Guild",
        "association",
        "Product people in Portland; a meetup at the library on the first Thursday of the month.",
    ),
    DemoCommunity("Eastside Runners Club", "club", "Saturday morning runs along the river."),
)
PLACES = (
    _Place(
        "Riverside Product Guild meetup",
        "Riverside Product Guild meetup",
        "meetup",
        "Riverside Library",
        "Riverside Product Guild",
        (-63, -35, -7, 23),
    ),
    _Place(
        "Eastside Runners Club",
        "Saturday run",
        "other",
        "Eastside Park",
        "Eastside Runners Club",
        (-42, -14, 4),
    ),
    _Place("product conference", "Product conference", "conference", "Convention Center", "", ()),
    _Place(
        "volunteering at the Harbor City Food Bank",
        "Food bank volunteering day",
        "volunteering",
        "Harbor City Food Bank",
        "",
        (-20,),
    ),
)


def generate_events(network: DemoNetwork) -> DemoEvents:
    """The events of `network`, oldest first, and its two communities."""
    events: list[DemoEvent] = []
    for place in PLACES:
        members = sorted(
            (p for p in network.people if p.how_met == place.how_met),
            key=lambda p: (p.known_since, p.key),
        )
        met = _where_met(place, members, network.today)
        taken = {event.day for event in met}
        regular = _regular(place, members, network.today)
        events += met + [e for e in regular if not _near(e.day, taken)]
    events.sort(key=lambda e: (e.day, e.name))
    return DemoEvents(COMMUNITIES, tuple(events))


def _where_met(place: _Place, members: list[DemoPerson], today: dt.date) -> list[DemoEvent]:
    """An event on each day someone was met here in the last year, with a few met before."""
    recent = [p for p in members if (today - p.known_since).days <= RECENT_DAYS]
    days = sorted({p.known_since for p in recent})
    events = []
    for number, day in enumerate(days):
        met = [(p.key, True) for p in recent if p.known_since == day]
        earlier = [p for p in members if p.known_since < day]
        there = _rotating(earlier, number, 2)
        people = (*met, *((p.key, False) for p in there))
        events.append(DemoEvent(place.name, place.kind, day, place.place, place.community, people))
    return events


def _regular(place: _Place, members: list[DemoPerson], today: dt.date) -> list[DemoEvent]:
    """The recurring events: past ones with some of the regulars, a future one with nobody yet."""
    events = []
    for number, offset in enumerate(place.regular_days):
        day = today + dt.timedelta(days=offset)
        known = [p for p in members if p.known_since < day]
        there = _rotating(known, number, REGULARS_PER_EVENT) if offset < 0 else []
        people = tuple((p.key, False) for p in there)
        events.append(DemoEvent(place.name, place.kind, day, place.place, place.community, people))
    return events


def _near(day: dt.date, days: set[dt.date]) -> bool:
    """Whether a recurring event would fall within a week of a day someone was met there."""
    return any(abs((day - other).days) < 7 for other in days)


def _rotating(people: list[DemoPerson], number: int, size: int) -> list[DemoPerson]:
    """`size` of `people`, starting further along for each `number`, so regulars take turns."""
    if not people:
        return []
    start = (number * max(1, size // 2)) % len(people)
    chosen = [people[(start + i) % len(people)] for i in range(min(size, len(people)))]
    return sorted(chosen, key=lambda p: p.key)
