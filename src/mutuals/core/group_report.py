"""What a group's administrators see of it: aggregates per month, never anyone's network.

Idea: a career centre running a group wants to know whether it works (PRODUCT.md, P10): how
many joined, how many of them pool, how often the pool is searched, and how many introductions
it led to. None of that needs to know who searched whom or whom anyone pools, so the report is
made only of counts the app already keeps per day (searches by kind, requests made and
accepted) and of the dates introductions started by pooled requests were made and thanked.

- Months: the last `MONTHS` calendar months, this one included, oldest first.
- Pooling rate: members who pool anything, as a whole percentage of all members (rounded
  down, so "100%" means every one); no members, no rate.
- Each figure is a plain count per month; the report's totals are their sums.
- Members and pooling at each month's end: their number now, minus what changed after that
  month (joined - left; started - stopped pooling), from counts kept per day as it happened.
  So a month's figures stay what they were when someone leaves later, and the current month's
  are always exact; a count below 0 (changes the log missed) reads 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

MONTHS: Final = 12
# The monthly figures, in the order tables and charts show them, with their words.
FIGURES: Final = ("joined", "left", "searches", "requested", "accepted", "made", "thanked")
FIGURE_WORDS: Final = {
    "joined": "Members who joined",
    "left": "Members who left",
    "searches": "Pooled searches",
    "requested": "Introductions requested",
    "accepted": "Requests accepted",
    "made": "Introductions made",
    "thanked": "Introductions thanked",
}
# How one of each is counted, for a chart's description ("12 pooled searches").
FIGURE_UNITS: Final = {
    "joined": ("member joined", "members joined"),
    "left": ("member left", "members left"),
    "searches": ("pooled search", "pooled searches"),
    "requested": ("introduction requested", "introductions requested"),
    "accepted": ("request accepted", "requests accepted"),
    "made": ("introduction made", "introductions made"),
    "thanked": ("introduction thanked", "introductions thanked"),
}


def month_of(day: dt.date) -> dt.date:
    """The first day of the day's month."""
    return day.replace(day=1)


def last_months(today: dt.date, count: int = MONTHS) -> list[dt.date]:
    """The first days of the last `count` months, this one included, oldest first."""
    year, month = today.year, today.month
    found = []
    for _ in range(count):
        found.append(dt.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return found[::-1]


def by_month(days: Iterable[tuple[dt.date, int]], months: list[dt.date]) -> list[int]:
    """Counts per day folded into `months` (first days, as `last_months` gives); days outside
    them are left out."""
    totals = dict.fromkeys(months, 0)
    for day, count in days:
        first = month_of(day)
        if first in totals:
            totals[first] += count
    return [totals[month] for month in months]


def pooling_rate(members: int, pooling: int) -> int | None:
    """Members who pool, as a whole percentage (rounded down); None with no members."""
    if members <= 0:
        return None
    return 100 * pooling // members


def at_month_ends(
    now: int, changes: Iterable[tuple[dt.date, int]], months: list[dt.date]
) -> list[int]:
    """A number at the end of each of `months` (the last one: now), from its value now and
    its changes per day (+ in, - out): now minus what changed after each month."""
    changed = by_month(changes, months)
    found, running = [], now
    for index in range(len(months) - 1, -1, -1):
        found.append(max(running, 0))
        running -= changed[index]
    return found[::-1]


@dataclass(frozen=True)
class Month:
    month: dt.date
    figures: dict[str, int]
    members: int = 0  # at the month's end (this month: now)
    pooling: int = 0

    @property
    def rate(self) -> int | None:
        return pooling_rate(self.members, self.pooling)


@dataclass(frozen=True)
class GroupReport:
    """A group's report: members and pooling now, and `FIGURES` for each of the months."""

    members: int
    pooling: int
    months: tuple[Month, ...]

    @property
    def rate(self) -> int | None:
        return pooling_rate(self.members, self.pooling)

    def totals(self) -> dict[str, int]:
        return {name: sum(m.figures[name] for m in self.months) for name in FIGURES}

    def series(self, name: str) -> list[tuple[dt.date, int]]:
        return [(m.month, m.figures[name]) for m in self.months]

    def pooling_words(self) -> str:
        """Members and how many pool, in a sentence: "40 members; 12 pool (30%)."."""
        if self.members == 0:
            return "No members yet."
        members = "1 member" if self.members == 1 else f"{self.members} members"
        if self.pooling == 0:
            return f"{members}; none pools yet."
        verb = "pools" if self.pooling == 1 else "pool"
        return f"{members}; {self.pooling} {verb} who they know ({self.rate}%)."

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON: numbers, months as "YYYY-MM"."""
        return {
            "members": self.members,
            "pooling": self.pooling,
            "pooling_rate": self.rate,
            "months": [
                {
                    "month": f"{m.month:%Y-%m}",
                    **m.figures,
                    "members": m.members,
                    "pooling": m.pooling,
                    "pooling_rate": m.rate,
                }
                for m in self.months
            ],
            "totals": self.totals(),
        }


def make_report(
    *,
    members: int,
    pooling: int,
    months: list[dt.date],
    daily: dict[str, Iterable[tuple[dt.date, int]]],
) -> GroupReport:
    """The report from per-day counts of each figure (a figure missing counts 0), and of
    pooling started and stopped ("started_pooling", "stopped_pooling")."""
    daily = {name: list(days) for name, days in daily.items()}
    folded = {name: by_month(daily.get(name, ()), months) for name in FIGURES}
    moved = [*daily.get("joined", ()), *((d, -n) for d, n in daily.get("left", ()))]
    pooled = [
        *daily.get("started_pooling", ()),
        *((d, -n) for d, n in daily.get("stopped_pooling", ())),
    ]
    member_ends = at_month_ends(members, moved, months)
    pooling_ends = at_month_ends(pooling, pooled, months)
    return GroupReport(
        members=members,
        pooling=pooling,
        months=tuple(
            Month(
                month,
                {name: folded[name][n] for name in FIGURES},
                member_ends[n],
                min(pooling_ends[n], member_ends[n]),
            )
            for n, month in enumerate(months)
        ),
    )


def count_words(name: str, count: int) -> str:
    one, many = FIGURE_UNITS[name]
    return f"{count} {one if count == 1 else many}"


def describe(report: GroupReport, name: str) -> str:
    """One figure's months in words, for a chart's description."""
    series = report.series(name)
    _this_month, count = series[-1]
    best_month, best = max(series, key=lambda item: (item[1], item[0]))
    total = sum(c for _, c in series)
    sentence = f"{count_words(name, count)} this month; {total} in the last {len(series)} months"
    if best:
        sentence += f"; the most, {best}, in {best_month:%B %Y}"
    return sentence + "."
