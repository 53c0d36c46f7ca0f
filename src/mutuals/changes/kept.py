"""Answers computed from an owner's records, kept in memory until those records change.

Between two changes, Today's plan, the People list's counts and suggestions and a person's
page are the same answers, yet computing them reads most of the records (the plan: ~100 ms on a
30,000-person network). `Kept(owner, today)` reads the owner's stamp once per request
(`tracking.stamp`: their version, everyone's, and this process's writes; one query), and
`get(what, compute)` answers from memory while the stamp it was kept under is the same, or
computes and keeps. A request that changed records gives the owner's version a new token, so
every process computes again; the day is part of every key, so what depends on the date (due
items, faded strengths) changes at midnight.

Answers live on shelves (`Shelf`), each with its own bound, least recently used dropped first,
so that visiting many people's pages does not push out Today's plan. An answer wanted by several
requests at once (the first seconds after a change or a start) is computed once; the others
wait for it. They are per process, and
shared by the requests of every thread: callers keep them unchanged (lists, not querysets, and
model instances whose related records were read in advance). The CLI runs once per command and
does not keep anything.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser

from mutuals.changes import tracking

T = TypeVar("T")


class _Flight:
    """An answer being computed: requests that want it meanwhile wait for it."""

    __slots__ = ("done", "ok", "thread", "value")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.ok = False
        self.value: Any = None
        self.thread = threading.get_ident()


class Shelf:
    """At most `size` kept answers, least recently used dropped first."""

    def __init__(self, name: str, size: int) -> None:
        self.name = name
        self.size = size
        self._lock = threading.Lock()
        self._kept: OrderedDict[Hashable, tuple[tuple[object, ...], Any]] = OrderedDict()
        self._flights: dict[tuple[Hashable, tuple[object, ...]], _Flight] = {}
        _shelves.append(self)

    def find_or_compute(
        self, key: Hashable, stamp: tuple[object, ...], compute: Callable[[], T]
    ) -> T:
        """The answer kept under `stamp`, or computed once however many requests want it at
        the same moment (after a change, or as a server starts, twenty visitors would
        otherwise each compute the same plan at once); the others wait for it."""
        with self._lock:
            found = self._kept.get(key)
            if found is not None and found[0] == stamp:
                self._kept.move_to_end(key)
                return found[1]  # type: ignore[no-any-return]
            flight = self._flights.get((key, stamp))
            leading = flight is None
            if flight is None:
                flight = self._flights[(key, stamp)] = _Flight()
        if not leading:
            if flight.thread == threading.get_ident():
                return compute()  # asked again while computing it: never wait for oneself
            if flight.done.wait(WAIT_SECONDS) and flight.ok:
                return flight.value  # type: ignore[no-any-return]
            return compute()  # it failed or is slow: compute it here too
        try:
            value = compute()
            flight.value, flight.ok = value, True
            self.keep(key, stamp, value)
            return value
        finally:
            with self._lock:
                self._flights.pop((key, stamp), None)
            flight.done.set()

    def keep(self, key: Hashable, stamp: tuple[object, ...], value: Any) -> None:
        with self._lock:
            self._kept[key] = (stamp, value)
            self._kept.move_to_end(key)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)

    def __len__(self) -> int:
        return len(self._kept)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


_shelves: list[Shelf] = []
# How long a request waits for an answer another is computing before computing it itself.
WAIT_SECONDS = 30.0

# The People list's counts and suggestions, and what a person's page shares with others.
ANSWERS = Shelf("answers", 512)


class Kept:
    """One request's view of an owner's kept answers: reads their stamp once, when made."""

    def __init__(self, owner: AbstractBaseUser, today: dt.date) -> None:
        self.owner_id = int(owner.pk)
        self.today = today
        self._generation = tracking.generation()
        self.stamp = tracking.stamp(self.owner_id)

    def get(self, what: Hashable, compute: Callable[[], T], shelf: Shelf = ANSWERS) -> T:
        """The answer to `what` (owner and day are added to the key), computed again only when
        something changed since it was kept. Once this request has written records, or this
        process wrote outside any request, the stamp read at the start no longer says what the
        records are: answers are then computed and not kept."""
        if self._changed_since():
            return compute()
        return shelf.find_or_compute((self.owner_id, self.today, what), self.stamp, compute)

    def _changed_since(self) -> bool:
        return tracking.wrote_here() or tracking.generation() != self._generation


def forget() -> None:
    """Drop every kept answer of every shelf."""
    for shelf in _shelves:
        shelf.clear()
