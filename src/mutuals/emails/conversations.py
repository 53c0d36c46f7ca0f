"""E-mail conversations, derived from the kept messages (issue 18): one per thread and day
(`core.mail.threads`), keyed "email:<thread>:<day>", so the same messages give the same
conversations whatever brought them and in whatever order.

`rederive` brings the conversations of some threads in line with all their messages (added,
changed, removed; the people they touch refreshed); `move_threads` keeps each message's thread
as the links now say; `relink` derives again the threads some addresses are on.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from mutuals.core.mail.threads import KEY_PREFIX, ThreadMessage, conversations
from mutuals.emails.models import Message, Participant
from mutuals.emails.report import MailReport, chunks
from mutuals.emails.selectors import addresses_of_people, my_addresses
from mutuals.interactions.models import Interaction
from mutuals.interactions.services import refresh_contact_stats
from mutuals.people import bulk

INTERACTION_COLUMNS = (
    "owner",
    "is_demo",
    "occurred_on",
    "summary",
    "kind",
    "initiated_by",
    "notes",
    "source_key",
    "created_at",
    "updated_at",
)


def move_threads(owner: AbstractBaseUser, stored: list[Message], keys: dict[str, str]) -> None:
    moved: dict[str, list[int]] = defaultdict(list)
    for message in stored:
        key = keys[message.message_id]
        if key != message.thread:
            moved[key].append(message.pk)
    for key, pks in moved.items():
        for part in chunks(pks):
            Message.objects.filter(owner=owner, pk__in=part).update(thread=key)


def days_of(messages: Iterable[Message]) -> set[tuple[str, dt.date]]:
    return {(m.thread, day_of(m.sent_at)) for m in messages}


def day_of(when: dt.datetime) -> dt.date:
    """The day a moment falls on where you are (the install's time zone)."""
    return when.astimezone(timezone.get_current_timezone()).date()


def rederive(
    owner: AbstractBaseUser,
    threads: set[str],
    me: set[str],
    report: MailReport,
    old_days: Iterable[tuple[str, dt.date]] = (),
    messages: list[ThreadMessage] | None = None,
) -> None:
    """Bring the conversations of these threads in line with their messages (read from the
    database unless given: every message of these threads): add, change and remove
    interactions keyed "email:<thread>:<day>"; refresh the people they touch."""
    if messages is None:
        messages = thread_messages(owner, threads=sorted(threads))
    people = addresses_of_people(owner)
    wanted = {
        c.key: c
        for c in conversations(messages, is_me=me.__contains__, people=people, day_of=day_of)
    }
    existing: dict[str, Interaction] = {}
    if Interaction.objects.filter(owner=owner, source_key__startswith=f"{KEY_PREFIX}:").exists():
        candidates = (
            set(wanted)
            | {_key(t, d) for t, d in old_days}
            | {_key(m.thread, day_of(m.sent_at)) for m in messages}
        )
        for part in chunks(sorted(candidates)):
            for interaction in Interaction.objects.filter(owner=owner, source_key__in=part):
                existing[interaction.source_key] = interaction
    through = Interaction.people.through
    people_of: dict[int, set[int]] = defaultdict(set)
    for part in chunks([i.pk for i in existing.values()]):
        for iid, pid in through.objects.filter(interaction_id__in=part).values_list(
            "interaction_id", "person_id"
        ):
            people_of[iid].add(pid)
    touched: set[int] = set()
    # Removed: conversations whose messages now make none (or moved to another thread).
    gone = [i for key, i in existing.items() if key not in wanted]
    for interaction in gone:
        touched |= people_of[interaction.pk]
    for part in chunks([i.pk for i in gone]):
        Interaction.objects.filter(owner=owner, pk__in=part).delete()
    report.conversations_removed += len(gone)
    # Changed: the same thread and day with other people, starter or summary.
    links: list[Any] = []
    for key, talk in wanted.items():
        interaction = existing.get(key)
        if interaction is None:
            continue
        ids = set(talk.person_ids)
        same = (
            people_of[interaction.pk] == ids
            and interaction.initiated_by == talk.initiated_by
            and interaction.summary == talk.summary
        )
        if same:
            continue
        touched |= people_of[interaction.pk] | ids
        interaction.initiated_by = talk.initiated_by
        interaction.summary = talk.summary
        interaction.save(update_fields=["initiated_by", "summary", "updated_at"])
        if people_of[interaction.pk] != ids:
            through.objects.filter(interaction_id=interaction.pk).delete()
            links += [through(interaction_id=interaction.pk, person_id=p) for p in ids]
        report.conversations_changed += 1
    # Added, with one executemany per table (as recording._write_fresh does), their ids read
    # back by key.
    new = [talk for key, talk in wanted.items() if key not in existing]
    now = timezone.now()
    for part in chunks(new, 20_000):
        bulk.insert_values(
            Interaction,
            INTERACTION_COLUMNS,
            [
                (owner.pk, False, t.day, t.summary, "email", t.initiated_by, "", t.key, now, now)
                for t in part
            ],
        )
    created: dict[str, int] = {}
    for part in chunks([t.key for t in new]):
        created.update(
            Interaction.objects.filter(owner=owner, source_key__in=part).values_list(
                "source_key", "id"
            )
        )
    pairs = [(created[t.key], p) for t in new for p in t.person_ids]
    pairs += [(link.interaction_id, link.person_id) for link in links]
    for part in chunks(pairs, 20_000):
        bulk.insert_values(through, ("interaction", "person"), part)
    touched |= {p for t in new for p in t.person_ids}
    report.conversations_added += len(new)
    if touched:
        refresh_contact_stats(owner=owner, person_ids=touched)
    report.touched |= touched


def _key(thread: str, day: dt.date) -> str:
    return f"{KEY_PREFIX}:{thread}:{day.isoformat()}"


def thread_messages(
    owner: AbstractBaseUser, *, threads: Sequence[str] = (), pks: Sequence[int] = ()
) -> list[ThreadMessage]:
    """The stored messages of these threads, or with these ids, as conversations read them."""
    rows: list[tuple[int, str, str, dt.datetime, str, str, str, str]] = []
    columns = (
        "id",
        "message_id",
        "thread",
        "sent_at",
        "sender",
        "subject",
        "root_hint",
        "reply_to",
    )
    for part in chunks(threads):
        rows += Message.objects.filter(owner=owner, thread__in=part).values_list(*columns)
    for ids in chunks(pks):
        rows += Message.objects.filter(owner=owner, pk__in=ids).values_list(*columns)
    recipients: dict[int, list[str]] = defaultdict(list)
    for part in chunks([r[0] for r in rows]):
        for mid, address in Participant.objects.filter(message_id__in=part, sent=False).values_list(
            "message_id", "address"
        ):
            recipients[mid].append(address)
    return [
        ThreadMessage(
            message_id=message_id,
            thread=thread,
            sent_at=sent_at,
            sender=sender,
            recipients=tuple(recipients[pk]),
            subject=subject,
            is_reply=bool(root or reply),
        )
        for pk, message_id, thread, sent_at, sender, subject, root, reply in rows
    ]


def relink(*, owner: AbstractBaseUser, addresses: Iterable[str]) -> None:
    """Conversations again for the threads these addresses are on (someone gained them)."""
    wanted = sorted({a.strip().lower() for a in addresses if a.strip()})
    threads: set[str] = set()
    for part in chunks(wanted):
        threads |= set(
            Participant.objects.filter(owner=owner, address__in=part).values_list(
                "message__thread", flat=True
            )
        )
    if threads:
        rederive(owner, threads, set(my_addresses(owner)), MailReport(source=""))
