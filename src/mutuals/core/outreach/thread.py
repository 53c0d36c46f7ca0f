"""The thread before a draft: whether your last messages to someone went unanswered.

Idea: a chase is a fact about the conversation, not about the draft's words. If the last
messages in the log between you and the recipient were written by you and nothing came back,
whatever the draft asks is asked again of someone who has not answered yet, however it is
worded. The outreach review reads two numbers (`OutreachContext.unanswered` and
`OutreachContext.days_since_you_wrote`); this module works them out from the log.

Formula in words: walk the recipient's conversations from the newest. Each written message you
started (an e-mail or a message, "I reached out") counts one unanswered message; the first
anything else stops the count — they wrote, you talked (a call, a coffee, a meeting, an event),
or the log does not say who started it (an unknown direction is never read as silence).
`days_since_you_wrote` is the days from your newest written message to `today`, answered or
not (None when the log holds none). Both are bounded so a hand-given value and a long log read
the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

WRITTEN_KINDS = frozenset({"email", "message"})  # one-way messages that can go unanswered
BY_ME = "me"
UNANSWERED_MAX = 50  # more than this many in a row reads the same
DAYS_MAX = 36_500  # a hundred years: more is a typo


@dataclass(frozen=True, slots=True)
class Entry:
    """One conversation in the log, as the thread sees it."""

    on: dt.date
    kind: str  # the interaction's kind ("email", "message", "call", "coffee"...)
    initiated_by: str  # "me", "them" or "" (not recorded)

    @property
    def written_by_me(self) -> bool:
        return self.initiated_by == BY_ME and self.kind in WRITTEN_KINDS


@dataclass(frozen=True, slots=True)
class Thread:
    unanswered: int = 0
    days_since_you_wrote: int | None = None


def thread(entries: Iterable[Entry], today: dt.date) -> Thread:
    """The thread facts of `entries`, newest first (the log's order). Pure; never raises."""
    unanswered = 0
    counting = True
    last_written: dt.date | None = None
    for entry in entries:
        mine = entry.written_by_me
        if mine and last_written is None:
            last_written = entry.on
        if counting and mine:
            unanswered += 1
        else:
            counting = False
        if not counting and last_written is not None:
            break
    days = None
    if last_written is not None:
        days = min(max((today - last_written).days, 0), DAYS_MAX)
    return Thread(unanswered=min(unanswered, UNANSWERED_MAX), days_since_you_wrote=days)
