"""Sorting people: a suggested closeness for someone not sorted yet, from what is known.

Idea: after an import most people carry no closeness, and the user sorts them one at a time.
What the records already say narrows the choice: Gilbert & Karahalios (CHI 2009) found days
since the last contact, how often you talked and mutual friends among the best predictors of
tie strength; Granovetter (1973) adds reciprocity. The suggestion is only a starting point the
user confirms with one key.

Formula in words: evidence earns points, each part capped so no single one decides alone:
- conversations: 1 point each, at most 12;
- the last conversation: 4 points within 3 months, 2 within a year, 1 within 3 years;
- two-way: 2 points when both of you have started conversations;
- favours exchanged (a give or a receive): 2 points;
- mutual connections: 0.5 each, at most 3; each one you hold close adds 0.5 more, at most 2;
- introduced by someone you know: 1 point; others you know at their organisation: 0.25 each,
  at most 1.
Closeness follows the points: 16 or more close, 9 good friend, 4 meaningful, else
acquaintance. Close also needs a conversation in the last year, so mutual connections alone
never make anyone close, and nothing at all suggests acquaintance. Every part only grows with
more evidence (more conversations, a later last conversation, more mutuals), so more evidence
never suggests a lower closeness. Inner circle and dormant are never suggested: the inner
circle is the user's own call, and a faded tie is still an acquaintance to reconnect with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mutuals.core.cadence import TIER_LABELS, Tier, describe_ago

# From the lowest suggestion to the highest; a suggestion is always one of these.
SUGGESTED_TIERS = (Tier.ACQUAINTANCE, Tier.MEANINGFUL, Tier.FRIEND, Tier.CLOSE)
THRESHOLDS: tuple[tuple[float, Tier], ...] = (
    (16.0, Tier.CLOSE),
    (9.0, Tier.FRIEND),
    (4.0, Tier.MEANINGFUL),
)
CLOSE_NEEDS_CONTACT_WITHIN_DAYS = 365
CONVERSATIONS_CAP = 12
MUTUALS_CAP = 6
CLOSE_MUTUALS_CAP = 4
COLLEAGUES_CAP = 4


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the records say about one person (all counts are 0 when nothing is known).

    `mutuals`: people you have who know them; `close_mutuals`: those of them you hold as inner
    circle, close or good friend; `colleagues`: other contacts of yours at their organisation.
    """

    conversations: int = 0
    started_by_me: int = 0
    started_by_them: int = 0
    last_contact_on: date | None = None
    exchanges: bool = False
    mutuals: int = 0
    close_mutuals: int = 0
    introduced: bool = False
    colleagues: int = 0


@dataclass(frozen=True, slots=True)
class Suggestion:
    tier: Tier
    points: float
    reason: str

    @property
    def label(self) -> str:
        return TIER_LABELS[self.tier]


def points(evidence: Evidence, today: date) -> float:
    """The evidence's points (see the module's formula); never negative."""
    total = float(min(max(evidence.conversations, 0), CONVERSATIONS_CAP))
    total += _recency_points(evidence.last_contact_on, today)
    if evidence.started_by_me > 0 and evidence.started_by_them > 0:
        total += 2.0
    if evidence.exchanges:
        total += 2.0
    total += 0.5 * min(max(evidence.mutuals, 0), MUTUALS_CAP)
    total += 0.5 * min(max(evidence.close_mutuals, 0), CLOSE_MUTUALS_CAP)
    if evidence.introduced:
        total += 1.0
    total += 0.25 * min(max(evidence.colleagues, 0), COLLEAGUES_CAP)
    return total


def suggest(evidence: Evidence, today: date) -> Suggestion:
    """The suggested closeness for someone not sorted yet, with a one-line reason in words."""
    score = points(evidence, today)
    tier = Tier.ACQUAINTANCE
    for threshold, candidate in THRESHOLDS:
        if score >= threshold:
            tier = candidate
            break
    if tier is Tier.CLOSE and not _talked_within(evidence, today, CLOSE_NEEDS_CONTACT_WITHIN_DAYS):
        tier = Tier.FRIEND
    return Suggestion(tier=tier, points=round(score, 2), reason=_reason(evidence, today))


def rank(tier: Tier) -> int:
    """A suggested tier's place from acquaintance (0) to close (3), for comparing them."""
    return SUGGESTED_TIERS.index(tier)


def _recency_points(last: date | None, today: date) -> float:
    if last is None:
        return 0.0
    days = (today - last).days
    if days <= 90:
        return 4.0
    if days <= 365:
        return 2.0
    if days <= 3 * 365:
        return 1.0
    return 0.0


def _talked_within(evidence: Evidence, today: date, days: int) -> bool:
    last = evidence.last_contact_on
    return evidence.conversations > 0 and last is not None and (today - last).days <= days


def _reason(evidence: Evidence, today: date) -> str:
    """The strongest pieces of evidence as one sentence: what talks for the suggestion."""
    parts: list[str] = []
    if evidence.conversations > 0:
        times = "once" if evidence.conversations == 1 else f"{evidence.conversations} times"
        talked = f"you talked {times}"
        if evidence.last_contact_on is not None:
            talked += f", the last {describe_ago((today - evidence.last_contact_on).days)}"
        parts.append(talked)
        if evidence.started_by_me > 0 and evidence.started_by_them > 0:
            parts.append("both of you reach out")
        elif evidence.started_by_them > 0:
            parts.append("they reached out")
    if evidence.exchanges:
        parts.append("you have helped each other")
    if evidence.mutuals > 0:
        mutual = f"they know {evidence.mutuals} of your people"
        if evidence.close_mutuals > 0:
            mutual += f" ({evidence.close_mutuals} close to you)"
        parts.append(mutual)
    if evidence.introduced:
        parts.append("someone you know introduced you")
    if evidence.colleagues > 0:
        parts.append(f"you know {_count(evidence.colleagues, 'other')} where they work")
    if not parts:
        return "Nothing recorded together yet: start as an acquaintance and let conversations tell."
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
