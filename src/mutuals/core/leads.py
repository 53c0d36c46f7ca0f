"""A lead's stages and the moves between them (PRODUCT.md P8: most openings travel through
people before they are posted).

A lead is an opportunity: a role at an organisation, or only "they might be hiring". It goes
heard → exploring → warm path → introduction asked → referred → applied → interviewing →
offer, and ends accepted or closed. The rules, in words:

- among the open stages (heard … offer) any move is allowed, forwards or back: real searches
  skip steps (you may apply without a referral) and people correct a wrong click;
- closing needs a reason ("they hired internally"), from any stage but closed itself;
- accepting needs an offer first: only `offer` moves to `accepted`;
- an accepted lead can go back to `offer` (a slip of the hand), a closed one reopens into any
  open stage.

Plain data, no Django: the services check every move here and log it on the lead's timeline.
"""

from __future__ import annotations

from dataclasses import dataclass

from mutuals.core.lead_words import (
    MAX_REASON as MAX_REASON,
)
from mutuals.core.lead_words import (
    OPEN_STAGES as OPEN_STAGES,
)
from mutuals.core.lead_words import (
    ROLE_WORDS as ROLE_WORDS,
)
from mutuals.core.lead_words import (
    ROLES as ROLES,
)
from mutuals.core.lead_words import (
    SOURCE_WORDS as SOURCE_WORDS,
)
from mutuals.core.lead_words import (
    SOURCES as SOURCES,
)
from mutuals.core.lead_words import (
    STAGE_DONE_WORDS as STAGE_DONE_WORDS,
)
from mutuals.core.lead_words import (
    STAGE_WORDS as STAGE_WORDS,
)
from mutuals.core.lead_words import (
    STAGES as STAGES,
)


@dataclass(frozen=True, slots=True)
class Refused:
    """Why a move is not allowed, as a sentence for the person who asked for it."""

    field: str  # "stage" or "reason"
    message: str


def is_open(stage: str) -> bool:
    return stage in OPEN_STAGES


def next_stage(stage: str) -> str | None:
    """The usual next step: the following open stage, `accepted` after an offer, else None."""
    if stage == "offer":
        return "accepted"
    if stage in OPEN_STAGES:
        return OPEN_STAGES[OPEN_STAGES.index(stage) + 1]
    return None


def allowed_moves(stage: str) -> tuple[str, ...]:
    """Every stage a lead in `stage` may move to, in stage order."""
    if stage in OPEN_STAGES:
        targets = [s for s in OPEN_STAGES if s != stage] + ["closed"]
        if stage == "offer":
            targets.insert(len(OPEN_STAGES) - 1, "accepted")
        return tuple(targets)
    if stage == "accepted":
        return ("offer",)
    if stage == "closed":
        return OPEN_STAGES
    return ()


def check_move(current: str, target: str, reason: str = "") -> Refused | None:
    """None when a lead may move from `current` to `target` (with `reason` when closing)."""
    if target not in STAGES:
        return Refused("stage", f"Unknown stage '{target}'. Choose one of: {', '.join(STAGES)}.")
    if target == current:
        return Refused("stage", f"This lead is already at “{STAGE_WORDS[current]}”.")
    if target not in allowed_moves(current):
        if target == "accepted":
            return Refused("stage", "Only an offer can be accepted: move the lead to Offer first.")
        return Refused(
            "stage",
            f"A lead at “{STAGE_WORDS.get(current, current)}” cannot move to "
            f"“{STAGE_WORDS[target]}”.",
        )
    if target == "closed" and not reason.strip():
        return Refused("reason", "Say why you are closing it, e.g. 'they hired internally'.")
    if len(reason.strip()) > MAX_REASON:
        return Refused("reason", f"Keep the reason under {MAX_REASON} characters.")
    return None


def move_words(current: str | None, target: str, reason: str = "") -> str:
    """What the timeline says about a move: "Applied (was: Referred)", "Closed: no budget"."""
    said = STAGE_DONE_WORDS[target]
    if target == "closed" and reason.strip():
        said = f"{said}: {reason.strip()}"
    elif current == "closed":
        said = f"Reopened at “{STAGE_WORDS[target]}”"
    if current is not None and current != "closed" and STAGES.index(target) < STAGES.index(current):
        said = f"Moved back to “{STAGE_WORDS[target]}”"
    return said
