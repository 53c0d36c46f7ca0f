"""The daily plan: a few actions for today chosen from everything due, the rest spread over the
coming days, so that a long backlog becomes a short list that can be finished (PRODUCT.md: "a
short plan they can finish — a handful of people, each with why and what to say — not a
backlog").

Idea: a to-do list that never ends is not done at all; a short one with a clear end is. So the
plan takes everything due (the agenda without limits) and gives each day a capacity (the plan
size, 5 unless the user chose another). In words:
- Order: promises first (most overdue first), then occasions, introductions and thank-yous, then
  new acquaintances (they fade within a week), then the strongest overdue ties (keep in touch,
  by strength times how overdue), asks still unanswered, needs to review, and dormant ties last:
  the agenda's kind order, by score within a kind (`ranking`).
- Each item, in that order, goes to the first day from today on that has room, where it is
  allowed: at most one dormant revival a day, at most one item per person a day, and an
  occasion not before its own day (a birthday note is sent on the birthday).
- Today's room is the plan size less what was done today (`done_today`), plus `extra` for each
  "do one more"; every later day holds the plan size. So a backlog of 100 with a plan of 5 is
  worked off in about 20 days, and every item due appears exactly once, today or on a later
  day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from mutuals.core.agenda.ranking import rank_key
from mutuals.core.agenda.states import KIND_ORDER, AgendaItem, ItemKind

DEFAULT_PLAN_SIZE = 5
MAX_DORMANT_PER_DAY = 1
_KIND_PLACE = {kind: place for place, kind in enumerate(KIND_ORDER)}


# How many coming days (with something planned) are shown after today's plan, everywhere; the
# rest on request. A backlog of a thousand items would otherwise be a page, or an answer, of a
# thousand items: slow to build and to read.
COMING_DAYS = 7


@dataclass(frozen=True, slots=True)
class Plan:
    """Today's plan (`items`), the days after it (`later`, each day with its items, in order),
    how many things were done today and how many items are due in all (plan and later)."""

    today: date
    size: int
    items: tuple[AgendaItem, ...]
    later: tuple[tuple[date, tuple[AgendaItem, ...]], ...]
    done_today: int
    total_due: int

    @property
    def goal(self) -> int:
        """How many actions today's plan holds, done ones included ("3 of 5 done")."""
        return max(self.size, self.done_today + len(self.items))

    @property
    def is_done(self) -> bool:
        """Nothing left in today's plan although something was done or is still due later."""
        return not self.items and (self.done_today > 0 or bool(self.later))

    @property
    def later_count(self) -> int:
        return sum(len(items) for _, items in self.later)

    def coming(
        self, days: int | None = COMING_DAYS
    ) -> tuple[tuple[date, tuple[AgendaItem, ...]], ...]:
        """The first `days` coming days that have something planned (all of them with None):
        what Today, `mutuals today` and /api/today show unless asked for everything."""
        return self.later if days is None else self.later[:days]


def plan_order(item: AgendaItem) -> tuple[int, tuple[object, ...]]:
    """The plan's order: by kind (the agenda's kind order), then as within a kind."""
    return _KIND_PLACE[item.kind], rank_key(item)


def not_before(item: AgendaItem, today: date) -> date:
    """The first day an item may be planned: an occasion on its own day, the rest today."""
    if item.kind == ItemKind.OCCASION and item.due_on is not None and item.due_on > today:
        return item.due_on
    return today


def make_plan(
    items: Iterable[AgendaItem],
    today: date,
    *,
    size: int = DEFAULT_PLAN_SIZE,
    done_today: int = 0,
    extra: int = 0,
) -> Plan:
    """Spread every due item over today and the coming days (module docstring)."""
    size = max(1, size)
    ordered = sorted(items, key=plan_order)
    first_room = max(0, size - done_today) + max(0, extra)
    days: list[_Day] = []
    first_open = 0  # every day before it is full: the search for room starts there
    # Every day before it is full or has its dormant ties: where a dormant tie's search starts
    # (without it, each of a thousand dormant ties walked past every day already planned).
    first_dormant = 0
    for item in ordered:
        offset = max(first_open, (not_before(item, today) - today).days)
        if item.kind == ItemKind.DORMANT:
            offset = max(offset, first_dormant)
        while True:
            while len(days) <= offset:
                days.append(_Day(first_room if not days else size))
            if days[offset].takes(item):
                days[offset].add(item)
                break
            offset += 1
        while first_open < len(days) and days[first_open].is_full:
            first_open += 1
        first_dormant = max(first_dormant, first_open)
        while first_dormant < len(days) and not days[first_dormant].has_dormant_room:
            first_dormant += 1
    planned = [tuple(day.items) for day in days]
    later = tuple(
        (today + timedelta(days=offset), day_items)
        for offset, day_items in enumerate(planned)
        if offset > 0 and day_items
    )
    return Plan(
        today=today,
        size=size,
        items=planned[0] if planned else (),
        later=later,
        done_today=done_today,
        total_due=len(ordered),
    )


class _Day:
    __slots__ = ("dormant", "items", "people", "room")

    def __init__(self, room: int) -> None:
        self.room = room
        self.items: list[AgendaItem] = []
        self.people: set[int] = set()
        self.dormant = 0

    @property
    def is_full(self) -> bool:
        return len(self.items) >= self.room

    @property
    def has_dormant_room(self) -> bool:
        return not self.is_full and self.dormant < MAX_DORMANT_PER_DAY

    def takes(self, item: AgendaItem) -> bool:
        if self.is_full:
            return False
        if item.kind == ItemKind.DORMANT and self.dormant >= MAX_DORMANT_PER_DAY:
            return False
        return item.person_id is None or item.person_id not in self.people

    def add(self, item: AgendaItem) -> None:
        self.items.append(item)
        if item.person_id is not None:
            self.people.add(item.person_id)
        self.dormant += item.kind == ItemKind.DORMANT


def flatten_later(plan: Plan) -> Sequence[tuple[date, AgendaItem]]:
    """The later items one by one, each with the day it is planned for."""
    return [(day, item) for day, items in plan.later for item in items]
