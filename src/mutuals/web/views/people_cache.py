"""What the People list reads that stays the same until the owner's records change.

On a 30,000-person network, before showing the first 50 people the list checked every row for
faded strengths (15 ms: one query that reads the whole table), counted who matches (2 ms),
counted who has no closeness yet and read 3,000 organisation names for the filter's
suggestions. Between two changes the answers are the same, so each is kept with the stamp it
was computed under (`changes.tracking.stamp`: the owner's version, everyone's, and this
process's own writes), read before computing, as Today keeps its plan (`agenda.cache`). A
request that changed records gives the owner a new version, so every process reads again; the
day is part of every key, so strengths still fade at midnight.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser

from mutuals.changes.tracking import stamp
from mutuals.people import services

T = TypeVar("T")

# Answers kept per process (owner, day, what, filters), least recently used dropped first.
KEPT = 512

_lock = threading.Lock()
_kept: OrderedDict[tuple[Hashable, ...], tuple[tuple[object, ...], Any]] = OrderedDict()


class Kept:
    """One request's view of the kept answers of an owner: reads the stamp once."""

    def __init__(self, owner: AbstractBaseUser, today: dt.date) -> None:
        self.owner_id = int(owner.pk)
        self.owner = owner
        self.today = today
        self.stamp = stamp(self.owner_id)

    def get(self, what: Hashable, compute: Callable[[], T]) -> T:
        """The answer to `what`, computed again only when something changed since."""
        key = (self.owner_id, self.today, what)
        with _lock:
            found = _kept.get(key)
            if found is not None and found[0] == self.stamp:
                _kept.move_to_end(key)
                return found[1]  # type: ignore[no-any-return]
        value = compute()
        with _lock:
            _kept[key] = (self.stamp, value)
            _kept.move_to_end(key)
            while len(_kept) > KEPT:
                _kept.popitem(last=False)
        return value

    def refresh_scores(self) -> None:
        """`people.services.refresh_scores` for today, skipped while nothing changed since it
        last ran: its own writes give a new version, so it runs once more and then rests."""
        self.get("fresh", lambda: services.refresh_scores(owner=self.owner, today=self.today))


def forget() -> None:
    """Drop every kept answer."""
    with _lock:
        _kept.clear()
