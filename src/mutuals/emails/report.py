"""What recording e-mail did, in counts (`MailReport`) and in words (`counted`: "1 message",
"2,000 messages"), and the batches every query of the e-mail modules is split into (`chunks`:
SQLite allows only so many variables a statement)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

SKIPPED_LIMIT = 200
CHUNK = 2_000
T = TypeVar("T")


@dataclass
class MailReport:
    """What recording messages did (or would do), in counts; `skipped` names a few messages."""

    source: str
    dry_run: bool = False
    read: int = 0  # messages handed in
    automated: int = 0  # left out: lists, newsletters, automatic replies, no-reply senders
    undated: int = 0  # left out: no date that can be read
    unaddressed: int = 0  # left out: no sender address that can be read
    known: int = 0  # already recorded, from this source or another
    added: int = 0  # new messages recorded
    conversations_added: int = 0
    conversations_changed: int = 0
    conversations_removed: int = 0
    people: int = 0  # your people whose conversations changed
    offered: int = 0  # people you wrote with, newly offered as people to add
    me: list[str] = field(default_factory=list)  # addresses taken as yours by this run
    touched: set[int] = field(default_factory=set, repr=False)  # people ids, not reported
    skipped: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def skip(self, number: int, message_id: str, reason: str) -> None:
        if len(self.skipped) < SKIPPED_LIMIT:
            self.skipped.append({"message": number, "message_id": message_id, "reason": reason})

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "dry_run": self.dry_run,
            "written": not self.dry_run,
            "read": self.read,
            "automated": self.automated,
            "undated": self.undated,
            "unaddressed": self.unaddressed,
            "known": self.known,
            "added": self.added,
            "conversations_added": self.conversations_added,
            "conversations_changed": self.conversations_changed,
            "conversations_removed": self.conversations_removed,
            "people": self.people,
            "offered": self.offered,
            "me": self.me,
            "skipped": self.skipped,
            "notes": self.notes,
        }


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """`items` a batch at a time (`CHUNK` unless told)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def counted(count: int, one: str, many: str = "") -> str:
    """A count and its noun, the noun singular for exactly one: `counted(1, "message")` is
    "1 message", `counted(2000, "message")` "2,000 messages"; `many` for an irregular plural
    (`counted(3, "person", "people")`)."""
    return f"{count:,} {one if count == 1 else (many or one + 's')}"
