"""Messages into threads, threads into conversations, and who is worth offering as a person.

The grain: one conversation per thread per day. "Last contact" is a day, the agenda reads
days, and tie strength counts conversations with a 90-day half-life: twenty replies on one
afternoon are one conversation (as a call would be), while a thread that comes back to life
three weeks later is a second one. LinkedIn conversations are imported on the same grain.

- A thread is what In-Reply-To and References link together (a union of every message with
  the first id its References names and the message it replies to). Its key is a digest of
  the smallest id in it, so the same messages make the same threads in any order.
- A message counts towards conversations when it has at most `MAX_RECIPIENTS` recipients (an
  announcement to thirty people is not a conversation); its people are everyone on it but you.
- Who wrote first is said on the thread's first conversation: you when its first message is
  yours, them otherwise. When that first message is itself a reply (the one it answers is not
  in the mail read), the other side wrote first.
- Someone not in your records is offered as a person after `OFFER_MIN_MESSAGES` messages
  with at least one each way (`worth_offering`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

MAX_RECIPIENTS: Final = 10
OFFER_MIN_MESSAGES: Final = 3
SUMMARY_MAX: Final = 200
KEY_PREFIX: Final = "email"
_REPLY_PREFIX = re.compile(
    r"^\s*(?:(?:re|fw|fwd|aw|wg|sv|vs|tr|rv|antw)\s*(?:\[\d+\])?\s*:\s*)+", re.I
)


@dataclass(frozen=True, slots=True)
class ThreadMessage:
    """What a conversation needs from one message."""

    message_id: str
    thread: str
    sent_at: dt.datetime  # aware
    sender: str
    recipients: tuple[str, ...]  # To and Cc
    subject: str
    is_reply: bool  # it names a message it answers


@dataclass(frozen=True, slots=True)
class Conversation:
    """One thread's messages on one day, with the people on them you have in your records."""

    key: str  # the interaction's source_key: "email:<thread>:<day>"
    thread: str
    day: dt.date
    person_ids: tuple[int, ...]
    initiated_by: str  # "me", "them" or ""
    summary: str
    messages: int


def thread_key(smallest_id: str) -> str:
    return hashlib.sha256(smallest_id.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def thread_keys(links: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Each message id's thread key: messages are linked to the ids they name (union-find);
    a thread's key is a digest of the smallest id in it, named or present."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    for message_id, linked in links.items():
        parent.setdefault(message_id, message_id)
        for other in linked:
            if not other:
                continue
            parent.setdefault(other, other)
            a, b = find(message_id), find(other)
            if a != b:
                if b < a:
                    a, b = b, a
                parent[b] = a  # the smaller id stays the root
    return {message_id: thread_key(find(message_id)) for message_id in links}


def clean_subject(subject: str) -> str:
    """ "Re: Fwd: Coffee?" -> "Coffee?" """
    return _REPLY_PREFIX.sub("", subject).strip()


def conversations(
    messages: Iterable[ThreadMessage],
    *,
    is_me: Callable[[str], bool],
    people: Mapping[str, int],
    day_of: Callable[[dt.datetime], dt.date],
) -> list[Conversation]:
    """The conversations these messages make: one per thread and day with any of your
    people (`people`: address -> person id) on a message of no more than MAX_RECIPIENTS."""
    by_thread: dict[str, list[ThreadMessage]] = defaultdict(list)
    for message in messages:
        by_thread[message.thread].append(message)
    out: list[Conversation] = []
    for thread, items in by_thread.items():
        items.sort(key=lambda m: (m.sent_at, m.message_id))
        first = items[0]
        mine = is_me(first.sender)
        starter = ("them" if mine else "me") if first.is_reply else ("me" if mine else "them")
        days: dict[dt.date, list[ThreadMessage]] = defaultdict(list)
        for message in items:
            days[day_of(message.sent_at)].append(message)
        said = False
        for day in sorted(days):
            on_day = days[day]
            ids: set[int] = set()
            for message in on_day:
                if len(message.recipients) > MAX_RECIPIENTS:
                    continue
                for address in (message.sender, *message.recipients):
                    if not is_me(address) and address in people:
                        ids.add(people[address])
            if not ids:
                continue
            count = len(on_day)
            subject = clean_subject(on_day[0].subject) or clean_subject(first.subject)
            summary = f"E-mail ({count} message{'s' if count != 1 else ''})"
            if subject:
                summary += f": {subject}"
            out.append(
                Conversation(
                    key=f"{KEY_PREFIX}:{thread}:{day.isoformat()}",
                    thread=thread,
                    day=day,
                    person_ids=tuple(sorted(ids)),
                    initiated_by="" if said else starter,
                    summary=summary[:SUMMARY_MAX],
                    messages=count,
                )
            )
            said = True
    out.sort(key=lambda c: c.key)
    return out


def worth_offering(sent: int, received: int) -> bool:
    """Someone you exchanged several messages with, both ways."""
    return sent >= 1 and received >= 1 and sent + received >= OFFER_MIN_MESSAGES


def likely_me(addresses: Sequence[tuple[str, Sequence[str]]]) -> str | None:
    """The address on more than half of these messages (sender, recipients), and on more than
    any other: in a person's own mailbox that is them. None when no address is."""
    counts: dict[str, int] = defaultdict(int)
    for sender, recipients in addresses:
        for address in {sender, *recipients}:
            counts[address] += 1
    if not counts:
        return None
    ranked = sorted(counts.values(), reverse=True)
    best, count = max(counts.items(), key=lambda item: (item[1], item[0]))
    if len(ranked) > 1 and ranked[1] == count:
        return None  # a tie: one correspondent only, say, and nothing tells you apart
    return best if count * 2 > len(addresses) else None
