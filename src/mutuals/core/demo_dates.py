"""The demo network's birthdays and anniversaries, so the agenda's "occasion" items have
something to show.

About one contact in four has a birthday (a third of them without a year, as phones often
keep them); two close contacts' birthdays fall in the next three days, so a fresh demo shows
the item; a few work anniversaries. Seeded: the same seed and day give the same dates.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from mutuals.core.cadence import Tier
from mutuals.core.demo import DemoPerson

BIRTHDAY_SHARE = 0.25
YEARLESS_SHARE = 0.35
SOON = (1, 3)  # days ahead for the two birthdays a fresh demo shows


@dataclass(frozen=True, slots=True)
class DemoDate:
    person: int  # key of a DemoPerson
    kind: str  # "birthday" or "anniversary"
    label: str
    year: int | None
    month: int
    day: int


def _day_of_year(rng: random.Random) -> tuple[int, int]:
    day = dt.date(2001, 1, 1) + dt.timedelta(days=rng.randrange(365))
    return day.month, day.day


def generate_dates(
    people: tuple[DemoPerson, ...], *, seed: int, today: dt.date
) -> tuple[DemoDate, ...]:
    rng = random.Random(f"dates-{seed}")
    contacts = [p for p in people if p.tier is not None]
    close = [p for p in contacts if p.tier in (Tier.INNER, Tier.CLOSE, Tier.FRIEND)]
    picked = rng.sample(close, k=min(len(SOON), len(close)))
    soon = {p.key: days for p, days in zip(picked, SOON, strict=False)}
    dates: list[DemoDate] = []
    for person in contacts:
        if person.key in soon:
            ahead = today + dt.timedelta(days=soon[person.key])
            month, day = ahead.month, ahead.day
        elif rng.random() < BIRTHDAY_SHARE:
            month, day = _day_of_year(rng)
        else:
            continue
        year = None if rng.random() < YEARLESS_SHARE else today.year - rng.randint(24, 62)
        dates.append(DemoDate(person.key, "birthday", "", year, month, day))
    for person in rng.sample(close, k=min(3, len(close))):
        month, day = person.known_since.month, person.known_since.day
        dates.append(
            DemoDate(person.key, "anniversary", "Met", person.known_since.year, month, day)
        )
    return tuple(dates)
