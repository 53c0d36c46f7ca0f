"""Which side a match is on, and how relevant it is, in words.

A text you might act on for yourself (a job posting) means different things for different needs:
- **lead**: one of your people is hiring or offering something the text is about ("Sam is
  hiring a backend engineer at Copperleaf"): ask them before you apply;
- **share**: one of your people is looking for something like it ("Mina is looking for a
  similar role"): forward it to them;
- **yours**: one of your own needs.

Within a group the order is the matching score (ranking.py). The score itself means little to a
reader (a sum of idf weights that depends on how many needs you have), so it is said in words
from two shares in [0, 1]: the score as a share of the best score of this text, and the share of
the need's own words the text contains; their geometric mean (both must be high for a close
match: the best of a weak lot, or a one-word need the text happens to contain, is not), in five
steps.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from mutuals.core.matching.direction import OFFERING
from mutuals.core.matching.ranking import Match

LEAD = "lead"
SHARE = "share"
YOURS = "yours"
GROUPS = (LEAD, SHARE, YOURS)
GROUP_HEADINGS = {
    LEAD: "Leads: people hiring or offering",
    SHARE: "To share: people looking for something like this",
    YOURS: "Your own needs",
}

RELEVANCE_WORDS = {
    5: "very close match",
    4: "close match",
    3: "good match",
    2: "partial match",
    1: "loose match",
}
RELEVANCE_STEPS = len(RELEVANCE_WORDS)


def group_of(found: Match) -> str:
    """`lead` for someone hiring or offering, `share` for someone looking, `yours` for yours."""
    if found.person_id is None:
        return YOURS
    return LEAD if found.direction == OFFERING else SHARE


def grouped(matches: Iterable[Match], per_group: int) -> dict[str, list[Match]]:
    """Matches by group, each in the order given (best first), at most `per_group` each."""
    groups: dict[str, list[Match]] = {group: [] for group in GROUPS}
    for found in matches:
        members = groups[group_of(found)]
        if len(members) < per_group:
            members.append(found)
    return groups


@dataclass(frozen=True, slots=True)
class Relevance:
    steps: int  # 1 (loose) to RELEVANCE_STEPS (very close)
    words: str


def relevance(score: float, best: float, coverage: float) -> Relevance:
    """How relevant a match is, in words: from its score against the best score of the same
    text and the share of the need's words the text contains (each clamped to [0, 1])."""
    relative = _share(score / best) if best > 0 else 0.0
    level = math.sqrt(relative * _share(coverage))
    steps = 1 + min(RELEVANCE_STEPS - 1, int(level * RELEVANCE_STEPS))
    return Relevance(steps, RELEVANCE_WORDS[steps])


def _share(value: float) -> float:
    return min(1.0, max(0.0, value)) if value == value else 0.0  # NaN counts as nothing
