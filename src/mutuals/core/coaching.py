"""What a coach may see of a client: three levels the client chooses, per coach.

`progress` shares counts only (goals, streaks, conversations, gives and asks, promises kept,
how many leads at each stage) and no names; `plan` adds today's plan, the leads and the drafts
the client sends for review, with people's names; `network` adds the client's people (names,
organisations, closeness). Whatever the level, a coach never sees private notes, the text of
conversations, the text of needs or who knows whom (`NEVER_SHARED`). Pure data, no Django.
"""

from __future__ import annotations

from enum import StrEnum


class Level(StrEnum):
    PROGRESS = "progress"
    PLAN = "plan"
    NETWORK = "network"


LEVELS = (Level.PROGRESS, Level.PLAN, Level.NETWORK)

LEVEL_NAMES = {
    Level.PROGRESS: "Progress",
    Level.PLAN: "Plan",
    Level.NETWORK: "Network",
}

LEVEL_WORDS = {
    Level.PROGRESS: "counts, goals, streaks and how many leads are at each stage; no names",
    Level.PLAN: "adds today's plan, your leads and the drafts you send for review, with names",
    Level.NETWORK: "adds your people: their names, organisations and closeness",
}

NEVER_SHARED = (
    "private notes",
    "what your conversations said",
    "what your needs say",
    "who knows whom",
)


def allows(granted: str, needed: str) -> bool:
    """Whether a link at level `granted` shows what needs level `needed`."""
    return LEVELS.index(Level(granted)) >= LEVELS.index(Level(needed))
