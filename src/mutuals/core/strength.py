"""Tie strength: how strong a relationship is today, as a number in [0, 1] with its reasons.

Idea: Granovetter (1973) describes tie strength as a mix of time, emotional intensity, intimacy
and reciprocal services; Gilbert & Karahalios ("Predicting tie strength with social media",
CHI 2009) showed that a weighted sum of such dimensions separates strong from weak ties, with
days since the last contact among the best single predictors. Dunbar's friendship layers:
emotional closeness fades about 15% a year without contact.

Formula in words: strength is a weighted sum of seven parts, each in [0, 1]:
- 0.30 closeness: the closeness the user declared through the tier, times 0.85 for every year
  since the last conversation (or since they met, when there has been none);
- 0.20 intensity: the sum of interaction weights (coffee 3, call 2, message 1, group 0.3), each
  halving every 90 days, squashed as 1 - exp(-sum / 10);
- 0.15 recency: 2 ^ -(days since the last conversation / cadence), the cadence 365 days when
  none is set, and 0 when never contacted;
- 0.12 duration: log(1 + years) / log(11), capped at 1, where years run from when you met to the
  last conversation, so silence never adds to it;
- 0.10 two-wayness: 2 * min(mine, theirs) / (mine + theirs) over who started conversations;
- 0.08 services: favours exchanged, full at 5;
- 0.05 mutual connections, full at 10.
Nothing in it grows while nothing happens: evaluated later with no new contact, it never rises.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from mutuals.core.cadence import (
    DAYS_PER_YEAR,
    DECLARED_CLOSENESS,
    Tier,
    describe_ago,
    describe_span,
)

INTERACTION_KINDS = ("coffee", "call", "email", "message", "meeting", "event", "other")
KIND_WEIGHTS: dict[str, float] = {
    "coffee": 3.0,
    "meeting": 3.0,
    "call": 2.0,
    "email": 1.0,
    "message": 1.0,
    "other": 1.0,
    "event": 0.3,
}
GROUP_FACTOR = 0.3
GROUP_MIN_OTHERS = 2
HALF_LIFE_DAYS = 90
CLOSENESS_KEPT_PER_YEAR = 0.85
INTENSITY_SCALE = 10.0
RECENCY_DEFAULT_CADENCE = 365
DURATION_FULL_YEARS = 10
SERVICES_FULL = 5
MUTUAL_FULL = 10


def interaction_weight(kind: str, participant_count: int) -> float:
    """How much one interaction counts; `participant_count` is the number of OTHER people.

    In person counts most, then calls, then written messages. With two or more others it is a
    group conversation and counts 0.3 as much; an "event" is already weighted as a group.
    """
    weight = KIND_WEIGHTS.get(kind, 1.0)
    if kind != "event" and participant_count >= GROUP_MIN_OTHERS:
        return weight * GROUP_FACTOR
    return weight


@dataclass(frozen=True, slots=True)
class InteractionEvent:
    on: date
    weight: float
    initiated_by: str  # "me", "them" or "" (unknown)


@dataclass(frozen=True, slots=True)
class ContactStats:
    """Everything tie strength needs from a contact's interaction history, in a few numbers.

    `intensity` is the decayed sum of weights as of `intensity_on` (the last contact);
    `peak_intensity` is the highest that sum ever reached, on `peak_on`.
    """

    EMPTY: ClassVar[ContactStats]

    first_contact_on: date | None
    last_contact_on: date | None
    interaction_count: int
    intensity: float
    intensity_on: date | None
    peak_intensity: float
    initiated_by_me: int
    initiated_by_them: int
    peak_on: date | None = None


EMPTY_STATS = ContactStats(
    first_contact_on=None,
    last_contact_on=None,
    interaction_count=0,
    intensity=0.0,
    intensity_on=None,
    peak_intensity=0.0,
    initiated_by_me=0,
    initiated_by_them=0,
)
ContactStats.EMPTY = EMPTY_STATS


def _decay(amount: float, days: int) -> float:
    return amount * math.pow(0.5, max(days, 0) / HALF_LIFE_DAYS)


def summarize(events: Iterable[InteractionEvent]) -> ContactStats:
    """Fold a contact's interactions (in any order) into `ContactStats`."""
    ordered = sorted(events, key=lambda e: (e.on, e.weight, e.initiated_by))
    if not ordered:
        return EMPTY_STATS
    intensity, peak, peak_on, previous = 0.0, 0.0, ordered[0].on, ordered[0].on
    for event in ordered:
        intensity = _decay(intensity, (event.on - previous).days) + event.weight
        previous = event.on
        if intensity > peak:
            peak, peak_on = intensity, event.on
    return ContactStats(
        first_contact_on=ordered[0].on,
        last_contact_on=ordered[-1].on,
        interaction_count=len(ordered),
        intensity=intensity,
        intensity_on=ordered[-1].on,
        peak_intensity=peak,
        initiated_by_me=sum(1 for e in ordered if e.initiated_by == "me"),
        initiated_by_them=sum(1 for e in ordered if e.initiated_by == "them"),
        peak_on=peak_on,
    )


def intensity_on(stats: ContactStats, today: date) -> float:
    """The stored intensity decayed to `today`; it never grows, and future days count as 0."""
    if stats.intensity_on is None:
        return 0.0
    return _decay(stats.intensity, (today - stats.intensity_on).days)


@dataclass(frozen=True, slots=True)
class TieInputs:
    """What is known about one relationship.

    `cadence_days` is the effective cadence, `effective_cadence(tier, override)`; None means no
    cadence. Tie strength reads it as given, so the tier only ever moves declared closeness.
    """

    tier: Tier | None
    cadence_days: int | None
    known_since: date | None
    stats: ContactStats
    services_exchanged: int = 0
    mutual_connections: int = 0


@dataclass(frozen=True, slots=True)
class StrengthWeights:
    """How much each part counts; the defaults sum to 1 (starting heuristics, to calibrate)."""

    closeness: float = 0.30
    intensity: float = 0.20
    recency: float = 0.15
    duration: float = 0.12
    two_way: float = 0.10
    services: float = 0.08
    mutual: float = 0.05

    def as_dict(self) -> dict[str, float]:
        return {
            "closeness": self.closeness,
            "intensity": self.intensity,
            "recency": self.recency,
            "duration": self.duration,
            "two_way": self.two_way,
            "services": self.services,
            "mutual": self.mutual,
        }


DEFAULT_WEIGHTS = StrengthWeights()


@dataclass(frozen=True, slots=True)
class Strength:
    score: float
    label: str
    components: dict[str, float] = field(hash=False)
    reasons: tuple[str, ...]

    def explain(self) -> str:
        """One sentence, e.g. "Steady tie: you talked 12 days ago; you count them as close."."""
        return f"{self.label.capitalize()} tie: {'; '.join(self.reasons)}."


def strength_label(score: float) -> str:
    if score >= 0.6:
        return "strong"
    if score >= 0.35:
        return "steady"
    if score >= 0.15:
        return "weak"
    return "faint"


def tie_strength(
    inputs: TieInputs, today: date, weights: StrengthWeights = DEFAULT_WEIGHTS
) -> Strength:
    """Strength of one tie on `today`: score, label, the parts and the reasons behind it."""
    components = _components(inputs, today)
    contributions = {name: w * components[name] for name, w in weights.as_dict().items()}
    score = tie_score(inputs, today, weights)
    return Strength(
        score=score,
        label=strength_label(score),
        components=components,
        reasons=_reasons(inputs, today, contributions),
    )


def tie_score(inputs: TieInputs, today: date, weights: StrengthWeights = DEFAULT_WEIGHTS) -> float:
    """Just `tie_strength(...).score`, without the words: for ranking thousands of ties."""
    stats = inputs.stats
    total = (
        weights.closeness * _closeness(inputs, today)
        + weights.intensity * (1.0 - math.exp(-intensity_on(stats, today) / INTENSITY_SCALE))
        + weights.recency * _recency(inputs, today)
        + weights.duration * _duration(inputs)
        + weights.two_way * _two_way(stats)
        + weights.services * min(1.0, max(0, inputs.services_exchanged) / SERVICES_FULL)
        + weights.mutual * min(1.0, max(0, inputs.mutual_connections) / MUTUAL_FULL)
    )
    return _bounded(total)


def _bounded(total: float) -> float:
    return round(min(1.0, max(0.0, total)), 3)


def _components(inputs: TieInputs, today: date) -> dict[str, float]:
    stats = inputs.stats
    return {
        "closeness": _closeness(inputs, today),
        "intensity": 1.0 - math.exp(-intensity_on(stats, today) / INTENSITY_SCALE),
        "recency": _recency(inputs, today),
        "duration": _duration(inputs),
        "two_way": _two_way(stats),
        "services": min(1.0, max(0, inputs.services_exchanged) / SERVICES_FULL),
        "mutual": min(1.0, max(0, inputs.mutual_connections) / MUTUAL_FULL),
    }


def _days_between(start: date | None, end: date) -> int:
    return 0 if start is None else max(0, (end - start).days)


def _closeness(inputs: TieInputs, today: date) -> float:
    if inputs.tier is None:
        return 0.0
    anchor = inputs.stats.last_contact_on or inputs.known_since
    years = _days_between(anchor, today) / DAYS_PER_YEAR
    return DECLARED_CLOSENESS[inputs.tier] * math.pow(CLOSENESS_KEPT_PER_YEAR, years)


def _recency(inputs: TieInputs, today: date) -> float:
    last = inputs.stats.last_contact_on
    if last is None:
        return 0.0
    given = inputs.cadence_days
    cadence = given if given is not None and given > 0 else RECENCY_DEFAULT_CADENCE
    return math.pow(2.0, -_days_between(last, today) / cadence)


def _met_on(inputs: TieInputs) -> date | None:
    known = [d for d in (inputs.known_since, inputs.stats.first_contact_on) if d is not None]
    return min(known) if known else None


def _duration_days(inputs: TieInputs) -> int:
    last = inputs.stats.last_contact_on
    return 0 if last is None else _days_between(_met_on(inputs), last)


def _duration(inputs: TieInputs) -> float:
    years = _duration_days(inputs) / DAYS_PER_YEAR
    return min(1.0, math.log1p(years) / math.log1p(DURATION_FULL_YEARS))


def _two_way(stats: ContactStats) -> float:
    mine, theirs = max(0, stats.initiated_by_me), max(0, stats.initiated_by_them)
    if mine + theirs == 0:
        return 0.0
    return 2 * min(mine, theirs) / (mine + theirs)


def _reasons(inputs: TieInputs, today: date, contributions: dict[str, float]) -> tuple[str, ...]:
    stats = inputs.stats
    # Recency and who reaches out are worth saying even when they add nothing to the score.
    candidates = [
        (contributions["closeness"], False, _closeness_reason(inputs, today)),
        (contributions["intensity"], False, _intensity_reason(inputs, today)),
        (contributions["recency"], True, _recency_reason(stats, today)),
        (contributions["duration"], False, _duration_reason(inputs, today)),
        (contributions["two_way"], True, _two_way_reason(stats)),
        (
            contributions["services"],
            False,
            _plural(inputs.services_exchanged, "favour") + " exchanged",
        ),
        (contributions["mutual"], False, _plural(inputs.mutual_connections, "mutual connection")),
    ]
    kept = [(c, text) for c, always, text in candidates if text and (c > 0 or always)]
    reasons = [text for _, text in sorted(kept, key=lambda pair: -pair[0])]
    if stats.last_contact_on is None:
        reasons.append("no conversations logged yet")
    return tuple(reasons)


TIER_PHRASES: dict[Tier, str] = {
    Tier.INNER: "they are in your inner circle",
    Tier.CLOSE: "you count them as close",
    Tier.FRIEND: "you count them as a good friend",
    Tier.MEANINGFUL: "you count them as a meaningful contact",
    Tier.ACQUAINTANCE: "you count them as an acquaintance",
    Tier.DORMANT: "you marked the tie dormant",
}


def _closeness_reason(inputs: TieInputs, today: date) -> str:
    if inputs.tier is None:
        return ""
    phrase = TIER_PHRASES[inputs.tier]
    silence = _days_between(inputs.stats.last_contact_on or inputs.known_since, today)
    if silence < 365:
        return phrase
    return f"{phrase}, fading after {describe_span(silence)} without contact"


def _intensity_reason(inputs: TieInputs, today: date) -> str:
    stats = inputs.stats
    if stats.first_contact_on is None:
        return ""
    level = 1.0 - math.exp(-intensity_on(stats, today) / INTENSITY_SCALE)
    lately = "often lately" if level >= 0.5 else "some lately" if level >= 0.2 else "few lately"
    count = _plural(stats.interaction_count, "conversation")
    return f"{count} since {stats.first_contact_on.year}, {lately}"


def _recency_reason(stats: ContactStats, today: date) -> str:
    if stats.last_contact_on is None:
        return ""
    return f"you talked {describe_ago(_days_between(stats.last_contact_on, today))}"


def _duration_reason(inputs: TieInputs, today: date) -> str:
    span = describe_span(_duration_days(inputs))
    if _days_between(inputs.stats.last_contact_on, today) < 365:
        return f"you have known each other {span}"
    return f"you were in touch over {span}"


def _two_way_reason(stats: ContactStats) -> str:
    mine, theirs = max(0, stats.initiated_by_me), max(0, stats.initiated_by_them)
    if mine + theirs == 0:
        return ""
    if _two_way(stats) >= 0.8:
        return "you both reach out"
    who = "you" if mine > theirs else "they"
    if min(mine, theirs) == 0:
        return f"{who} start every conversation"
    return f"{who} start most conversations"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
