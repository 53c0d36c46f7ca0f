"""Words, not numbers: a tie's strength and its direction, the give-and-take balance and a warm
path's warmth, said the way a person would, each with a step for a small five-step mark.

Screens show these words (the number stays available on hover and in JSON); the models keep
their numbers. Every threshold comes from the scale of the model behind it:

- strength (`core.strength`, in [0, 1]): the model's own labels, faint below 0.15, weak from
  0.15, steady from 0.35, strong from 0.6; and "very strong" from 0.7, which needs declared
  closeness near the top (inner circle, 1.0) together with recent, frequent, two-way contact:
  in the demo network only inner-circle ties reach it (their median is 0.75, close ties 0.63).
- change: "cooling" once more than twice the cadence (a year when none is set) has passed
  since the last conversation, which is when the model's recency part, 2^-(days / cadence),
  falls below a quarter: one missed catch-up is only "due", two in a row is a tie fading;
  "growing" when, within the cadence, a tie of three conversations or more is new (the
  first within the 90 days the model's intensity remembers best, its half-life) or quickening
  (the last three gaps average less than half the gaps before them); otherwise "holding
  steady". Nothing is said before a first conversation.
- balance (`core.reciprocity`, in [-1, 1]): "even" within the model's leaning of 0.2 either
  way; "much more" beyond 0.5, about what one introduction or referral with nothing back scores
  (an introduction alone 0.556, a referral alone 0.6). Said as who has given lately, never as a
  debt, since keeping score out loud is what the balance is meant to avoid.
- warm path (a product of hop weights, each a tie strength, in [0, 1]): the strength thresholds
  squared, so a path is "warm" when it is as good as two strong ties in a row and "fairly warm"
  when as good as two steady ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from mutuals.core.cadence import describe_ago
from mutuals.core.reciprocity import LEANING
from mutuals.core.strength import HALF_LIFE_DAYS, RECENCY_DEFAULT_CADENCE, ContactStats, TieInputs

STEPS = 5


@dataclass(frozen=True, slots=True)
class Level:
    """A word and where it sits on a five-step mark.

    `step` runs from 1 (lowest) to 5 for strength and paths; for the balance it runs from -2
    (they have given much more) through 0 (even) to +2 (you have given much more).
    `slug` names the word in CSS classes.
    """

    word: str
    step: int
    slug: str
    short: str  # the word for a narrow column, e.g. a terminal table


def _level(word: str, step: int, short: str = "") -> Level:
    return Level(word, step, word.replace(" ", "-"), short or word)


# ---- tie strength ---------------------------------------------------------------------------

VERY_STRONG = 0.7
STRENGTH_STEPS: tuple[tuple[float, str], ...] = (
    (VERY_STRONG, "very strong"),
    (0.6, "strong"),
    (0.35, "steady"),
    (0.15, "weak"),
)


def strength_level(score: float) -> Level:
    """A tie strength in words: very strong, strong, steady, weak or faint (steps 5 to 1)."""
    for rank, (floor, word) in enumerate(STRENGTH_STEPS):
        if score >= floor:
            return _level(word, STEPS - rank)
    return _level("faint", 1)


GROWING = "growing"
HOLDING = "holding steady"
COOLING = "cooling"
RECENT_GAPS = 3
COOLING_CADENCES = 2


def tie_change(inputs: TieInputs, today: date, recent: Sequence[date] = ()) -> str:
    """Which way the tie is going: "growing", "holding steady", "cooling", or "" before any
    conversation. `recent` holds the days of the latest conversations (any order, any number;
    the person page has them already): with at least four, a quickening pace counts as growth.
    """
    stats = inputs.stats
    first, last = stats.first_contact_on, stats.last_contact_on
    if first is None or last is None:
        return ""
    cadence = inputs.cadence_days or RECENCY_DEFAULT_CADENCE
    if (today - last).days > COOLING_CADENCES * cadence:
        return COOLING
    if stats.interaction_count >= 3 and (
        (today - first).days <= HALF_LIFE_DAYS or _quickening(stats, sorted(set(recent)))
    ):
        return GROWING
    return HOLDING


def _quickening(stats: ContactStats, days: list[date]) -> bool:
    """The latest three gaps average less than half the gaps before them."""
    if len(days) <= RECENT_GAPS or stats.first_contact_on is None:
        return False
    start = days[-1 - RECENT_GAPS]
    earlier_count = stats.interaction_count - 1 - RECENT_GAPS
    if earlier_count <= 0 or start <= stats.first_contact_on:
        return False
    recent_gap = (days[-1] - start).days / RECENT_GAPS
    earlier_gap = (start - stats.first_contact_on).days / earlier_count
    return recent_gap * 2 < earlier_gap


# Average days between conversations -> how often, in words (upper bounds, exclusive).
RHYTHMS: tuple[tuple[int, str], ...] = (
    (4, "every few days"),
    (11, "about every week"),
    (22, "about every two weeks"),
    (45, "about every month"),
    (75, "about every two months"),
    (135, "about every three months"),
    (270, "about twice a year"),
    (540, "about once a year"),
)


def talk_rhythm(stats: ContactStats) -> str:
    """How often you have talked, over the whole history: "you have talked about every month",
    "you have talked twice", "you have talked once", or "" before any conversation."""
    count = stats.interaction_count
    if count <= 0 or stats.first_contact_on is None or stats.last_contact_on is None:
        return ""
    if count <= 2:
        return "you have talked once" if count == 1 else "you have talked twice"
    gap = (stats.last_contact_on - stats.first_contact_on).days / (count - 1)
    for bound, words in RHYTHMS:
        if gap < bound:
            return f"you have talked {words}"
    return "you have talked every few years"


def tie_summary(inputs: TieInputs, today: date) -> str:
    """How often and how lately, e.g. "you have talked about every month; last talked 21 days
    ago"; for someone never talked to, "no conversation logged yet"."""
    stats = inputs.stats
    if stats.last_contact_on is None:
        return "no conversation logged yet"
    last = f"last talked {describe_ago(max(0, (today - stats.last_contact_on).days))}"
    return f"{talk_rhythm(stats)}; {last}"


def reasons_beyond_summary(reasons: Sequence[str]) -> tuple[str, ...]:
    """The strength model's reasons (`Strength.reasons`) less what `tie_summary` already says:
    when you last talked, or that you never have."""
    said = ("you talked ", "no conversations logged yet")
    return tuple(reason for reason in reasons if not reason.startswith(said))


# ---- give and take --------------------------------------------------------------------------

MUCH = 0.5


def balance_level(score: float, anything: bool = True) -> Level:
    """The give-and-take balance in words, from your side: who has given more lately."""
    if not anything:
        return _level("nothing exchanged yet", 0, "nothing yet")
    if score > MUCH:
        return _level("you have given much more lately", 2, "you gave much more")
    if score > LEANING:
        return _level("you have given more lately", 1, "you gave more")
    if score < -MUCH:
        return _level("they have given much more lately", -2, "they gave much more")
    if score < -LEANING:
        return _level("they have given more lately", -1, "they gave more")
    return _level("even", 0)


# ---- warm paths -----------------------------------------------------------------------------

PATH_STEPS: tuple[tuple[float, str], ...] = tuple(
    (floor * floor, word)
    for floor, word in (
        (VERY_STRONG, "very warm"),
        (0.6, "warm"),
        (0.35, "fairly warm"),
        (0.15, "cool"),
    )
)


def path_level(score: float) -> Level:
    """A warm path's score in words: very warm, warm, fairly warm, cool or cold (5 to 1)."""
    for rank, (floor, word) in enumerate(PATH_STEPS):
        if score >= floor:
            return _level(word, STEPS - rank)
    return _level("cold", 1)
