"""Reciprocity: the give/receive balance of one relationship, and a warning before a one-sided ask.

Idea: Flynn ("How much should I give and how often?", Academy of Management Journal 2003; 161
engineers) found that frequent two-way exchange of favours went with higher productivity and
standing, while giving a lot and rarely receiving did not; Grant ("Give and Take", 2013) shows
that people stop helping a "taker". So mutuals shows the balance in both directions and, before
you ask, proposes something to give first, drawn from what that person needs. It states facts;
it does not moralise.

Formula in words:
- each exchange counts its kind's weight (what it costs the giver: referral 3, introduction 2.5,
  recommendation 2, favour 1.5, advice 1, information 0.5), halving every `half_life_days`
  (a year by default) of age, so old favours count less but never below zero;
- given and received are the sums of those weights in each direction;
- score = (given - received) / (given + received + 2), rounded to 3 decimals: +1 when you only
  give, -1 when you only receive, 0 when even or when nothing was exchanged. The damping 2 (two
  pieces of advice) keeps one small exchange from swinging the score to an extreme: one piece of
  information received alone scores -0.2, one referral received alone -0.6;
- the label is "you give more" above +0.2, "you receive more" below -0.2, "even" between;
- the warning before an ask fires when the score is below -0.2, or when you asked at least twice
  in the last 90 days with nothing given since (an unanswered ask counts 1.5, an answered one 1,
  and a load of 3 or more is a "warn" rather than a "caution"); it never fires while you have
  given more than you received.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from mutuals.core.cadence import describe_ago
from mutuals.core.reciprocity_words import (
    KIND_PHRASES as KIND_PHRASES,
)
from mutuals.core.reciprocity_words import (
    KIND_WEIGHTS as KIND_WEIGHTS,
)
from mutuals.core.reciprocity_words import (
    LEANING as LEANING,
)
from mutuals.core.reciprocity_words import (
    Direction as Direction,
)
from mutuals.core.reciprocity_words import (
    ExchangeKind as ExchangeKind,
)
from mutuals.core.reciprocity_words import (
    balance_label as balance_label,
)

HALF_LIFE_DAYS = 365
DAMPING = 2.0
ASK_WINDOW_DAYS = 90
ASK_LOAD = {True: 1.0, False: 1.5}  # answered -> load; an unanswered ask is still pending
PILE_UP_LOAD = 2.0
WARN_LOAD = 3.0
GIVE_FIRST_MAX = 3


@dataclass(frozen=True, slots=True)
class Exchange:
    on: date
    direction: Direction
    kind: ExchangeKind


@dataclass(frozen=True, slots=True)
class AskRecord:
    on: date
    answered: bool


@dataclass(frozen=True, slots=True)
class Balance:
    """The give/receive balance of one relationship.

    `given` and `received` are decayed, kind-weighted sums (3 decimals); `score` is in [-1, 1]:
    +1 all given, -1 all received, 0 even or nothing. `last_given_on` is the day of your latest
    give, which the ask warning needs to tell whether anything was given between asks.
    """

    given: float
    received: float
    score: float
    label: str
    reasons: tuple[str, ...]
    last_given_on: date | None = None


@dataclass(frozen=True, slots=True)
class OpenNeed:
    id: int
    text: str
    kind: str
    noted_on: date


@dataclass(frozen=True, slots=True)
class AskWarning:
    severity: str  # "warn" or "caution"
    message: str
    give_first: tuple[OpenNeed, ...]


def exchange_weight(exchange: Exchange, today: date, half_life_days: int = HALF_LIFE_DAYS) -> float:
    """How much one exchange counts today: its kind's weight, halving every `half_life_days`.

    Never negative and never above the kind's weight; an exchange dated after `today` counts in
    full, as if it happened today.
    """
    if half_life_days <= 0:
        raise ValueError("half_life_days must be a positive number of days.")
    age = max((today - exchange.on).days, 0)
    return KIND_WEIGHTS[exchange.kind] * math.pow(0.5, age / half_life_days)


def balance(
    exchanges: Iterable[Exchange], today: date, *, half_life_days: int = HALF_LIFE_DAYS
) -> Balance:
    """The balance of one relationship's exchanges (in any order) as of `today`."""
    ordered = sorted(exchanges, key=lambda e: (e.on, e.kind, e.direction))
    given = math.fsum(exchange_weight(e, today, half_life_days) for e in ordered if _gave(e))
    received = math.fsum(exchange_weight(e, today, half_life_days) for e in ordered if not _gave(e))
    # fsum is exact before its one rounding, so the sums do not depend on order, and adding a
    # give never lowers `given`; (given - received) and (given + received) mirror exactly in
    # floating point, so swapping every direction negates the score exactly.
    score = round((given - received) / (given + received + DAMPING), 3) + 0.0
    gifts = [e for e in ordered if _gave(e)]
    return Balance(
        given=round(given, 3),
        received=round(received, 3),
        score=score,
        label=balance_label(score, bool(ordered)),
        reasons=_reasons(ordered, today),
        last_given_on=gifts[-1].on if gifts else None,
    )


def _gave(exchange: Exchange) -> bool:
    return exchange.direction == Direction.GAVE


def _reasons(ordered: list[Exchange], today: date) -> tuple[str, ...]:
    if not ordered:
        return ("no gives or receives logged yet",)
    reasons = []
    for direction, verb, participle in (
        (Direction.GAVE, "gave", "given"),
        (Direction.RECEIVED, "received", "received"),
    ):
        mine = [e for e in ordered if e.direction == direction]
        if not mine:
            reasons.append(f"nothing {participle} yet")
            continue
        latest = mine[-1]
        things = "1 thing" if len(mine) == 1 else f"{len(mine)} things"
        reasons.append(
            f"you {verb} {things}, the latest {KIND_PHRASES[latest.kind]} "
            f"{describe_ago((today - latest.on).days)}"
        )
    return tuple(reasons)


def ask_warning(
    current: Balance,
    asks: Iterable[AskRecord],
    open_needs: Iterable[OpenNeed],
    today: date,
    *,
    name: str = "them",
) -> AskWarning | None:
    """A warning before asking someone, or None when asking is fine.

    `asks` and `open_needs` belong to the person being asked (`name`). The warning fires when
    the balance leans against you (score below -0.2) or when your asks since your last give in
    the last 90 days pile up; never while you have given more than you received. It proposes up
    to 3 of their open needs, the oldest first, since those have waited longest.
    """
    if current.given > current.received:
        return None
    recent = _recent_asks(asks, current.last_given_on, today)
    load = sum(ASK_LOAD[ask.answered] for ask in recent)
    against = current.score < -LEANING
    piled = load >= PILE_UP_LOAD
    if not (against or piled):
        return None
    severity = "warn" if (against and piled) or load >= WARN_LOAD else "caution"
    give_first = tuple(sorted(open_needs, key=lambda n: (n.noted_on, n.id))[:GIVE_FIRST_MAX])
    return AskWarning(severity, _message(name, against, recent, give_first), give_first)


def _recent_asks(
    asks: Iterable[AskRecord], last_given_on: date | None, today: date
) -> list[AskRecord]:
    def counts(ask: AskRecord) -> bool:
        in_window = 0 <= (today - ask.on).days < ASK_WINDOW_DAYS
        return in_window and (last_given_on is None or ask.on > last_given_on)

    return [ask for ask in asks if counts(ask)]


def _message(
    name: str, against: bool, recent: list[AskRecord], give_first: tuple[OpenNeed, ...]
) -> str:
    parts = []
    if against:
        parts.append(f"You have received more from {name} than you have given lately")
    if len(recent) >= 2:
        unanswered = sum(1 for ask in recent if not ask.answered)
        pending = f" ({unanswered} still unanswered)" if unanswered else ""
        asked = f"asked {name} {len(recent)} times in the last {ASK_WINDOW_DAYS} days{pending}"
        asked += " with nothing given in between"
        parts.append(f"and {asked}" if parts else f"You have {asked}")
    opening = ", ".join(parts)
    if give_first:
        return f"{opening}; something to give first:"
    return f"{opening}; asking what they need at the moment is a good way to give first."
