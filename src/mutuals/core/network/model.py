"""The words of warm paths: people, ties, knows edges, hops and paths, and the info weight."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final, Literal

Mode = Literal["intro", "info"]
MODES: Final = ("intro", "info")
ME: Final = -1  # your id in paths; people's ids are database keys, never negative
INFO_PEAK: Final = 0.35
MAX_HOPS: Final = 4


@dataclass(frozen=True, slots=True)
class Knows:
    """`person` knows `knows` (and the other way round), with a strength in [0, 1]."""

    person: int
    knows: int
    strength: float
    source: str = ""


@dataclass(frozen=True, slots=True)
class Hop:
    from_id: int
    to_id: int
    strength: float
    weight: float  # what the ranking used: the strength, or the info-mode weight
    source: str
    yours: bool  # your own tie (the first hop), not a knows edge


@dataclass(frozen=True, slots=True)
class Path:
    people: tuple[int, ...]  # ids, you (the network's `me`) first
    score: float  # the product of the hops' weights
    hops: tuple[Hop, ...]
    mode: Mode

    @property
    def first_hop(self) -> int:
        return self.people[1]


@dataclass(frozen=True, slots=True)
class Acquaintance:
    person: int
    strength: float
    source: str


def info_weight(strength: float, peak: float = INFO_PEAK) -> float:
    """The info-mode weight of your tie: 1 at `peak`, lower for weaker and stronger ties."""
    x = strength / peak
    return float(x * math.exp(1.0 - x))
