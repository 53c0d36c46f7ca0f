"""Writes for e-mail history (issue 18): recording the headers of messages an mbox import or an
IMAP sync read, and the conversations they make with your people.

`record_messages` keeps each message once per owner by its Message-ID, whichever source
brought it (a source is a name such as "mbox:takeout.mbox" or "imap:<connection>"), then
derives the conversations of every thread the new messages touch (`core.mail.threads`: one per
thread and day, channel e-mail, who wrote first): the same messages give the same conversations
whatever the source and the order, and recording them again adds nothing. Mail sent by
machines (lists, newsletters, automatic replies, no-reply senders) is left out by its headers.
People you exchanged several messages with who are not in your records are offered as new
people (`Correspondent`), never created. One transaction; `dry_run` reports and keeps nothing.

`forget_source` removes what only that source brought: its messages that no other source
carried, and the conversations they alone made.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from mutuals.core.mail.headers import EMAIL_MAX, ID_MAX, NAME_MAX, SUBJECT_MAX, MailHeaders
from mutuals.core.mail.threads import (
    KEY_PREFIX,
    MAX_RECIPIENTS,
    ThreadMessage,
    conversations,
    likely_me,
    thread_keys,
    worth_offering,
)
from mutuals.emails.models import Correspondent, MailSource, Message, MyAddress, Participant
from mutuals.emails.selectors import addresses_of_people, my_addresses
from mutuals.interactions.models import Interaction
from mutuals.interactions.services import refresh_contact_stats
from mutuals.people import bulk
from mutuals.people import services as people_services
from mutuals.people.models import Person

SOURCE_MAX = 200
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
MESSAGE_COLUMNS = (
    "owner",
    "message_id",
    "root_hint",
    "reply_to",
    "thread",
    "sent_at",
    "sender",
    "from_me",
    "recipient_count",
    "subject",
)
SKIPPED_LIMIT = 200
CHUNK = 2_000
Progress = Callable[[int, int], None]
T = TypeVar("T")


class _DryRun(Exception):
    pass


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


@dataclass(frozen=True, slots=True)
class _Row:
    """A message as kept: what threads, conversations and correspondents need."""

    message_id: str
    root_hint: str
    reply_to: str
    sent_at: dt.datetime
    sender: str
    sender_name: str
    recipients: tuple[tuple[str, str], ...]  # (address, name)
    subject: str


def _chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _clean_source(source: str) -> str:
    source = " ".join(source.split())[:SOURCE_MAX]
    if not source:
        raise ValidationError({"source": ["Say where the messages came from."]})
    return source


# ---- recording -------------------------------------------------------------------------------


def record_messages(
    *,
    owner: AbstractBaseUser,
    messages: Iterable[MailHeaders],
    source: str,
    dry_run: bool = False,
    me: Iterable[str] = (),
    progress: Progress | None = None,
) -> MailReport:
    """Record these messages' headers from `source` and the conversations they make, in one
    transaction (nested in the caller's, if any); idempotent. `me`: addresses that are you,
    added to your list first. `progress(done, total)` while new messages are written. See the
    module's docstring."""
    report = MailReport(source=_clean_source(source), dry_run=dry_run)
    mine = _clean_addresses(me)
    rows = _rows(messages, report)  # read before the transaction: no lock while a file is read
    try:
        with transaction.atomic():
            if mine and not set(mine) <= set(my_addresses(owner)):
                add_my_addresses(owner=owner, addresses=mine)
            _record(owner, rows, report, progress)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def _rows(messages: Iterable[MailHeaders], report: MailReport) -> list[_Row]:
    rows: dict[str, _Row] = {}
    latest = timezone.now() + dt.timedelta(days=1)
    for number, headers in enumerate(messages, 1):
        report.read += 1
        if headers.automated:
            report.automated += 1
            continue
        if headers.sender is None:
            report.unaddressed += 1
            report.skip(number, headers.message_id, "no sender address could be read")
            continue
        if headers.date is None:
            report.undated += 1
            report.skip(number, headers.message_id, "no date could be read")
            continue
        if headers.date > latest:
            report.undated += 1
            report.skip(number, headers.message_id, "dated in the future (a wrong clock)")
            continue
        # Clipped to the columns' sizes: parse_headers keeps within them, a caller's own
        # MailHeaders may not.
        mid = headers.message_id[:ID_MAX]
        if mid in rows:
            report.known += 1
            continue
        root = (headers.references[0] if headers.references else "")[:ID_MAX]
        replied = (headers.in_reply_to or "")[:ID_MAX]
        rows[mid] = _Row(
            message_id=mid,
            root_hint=root if root != mid else "",
            reply_to=replied if replied != mid else "",
            sent_at=headers.date,
            sender=headers.sender.email[:EMAIL_MAX],
            sender_name=headers.sender.name[:NAME_MAX],
            recipients=tuple((a.email[:EMAIL_MAX], a.name[:NAME_MAX]) for a in headers.recipients),
            subject=headers.subject[:SUBJECT_MAX],
        )
    return list(rows.values())


def _record(
    owner: AbstractBaseUser, rows: list[_Row], report: MailReport, progress: Progress | None
) -> None:
    source = MailSource.objects.get_or_create(owner=owner, name=report.source)[0]
    me = set(my_addresses(owner))
    if not me and rows:
        guess = likely_me([(r.sender, [a for a, _ in r.recipients]) for r in rows])
        if guess is not None:
            MyAddress.objects.get_or_create(owner=owner, address=guess)
            me.add(guess)
            report.me.append(guess)
            report.notes.append(
                f"{guess} is on most of these messages, so it was taken as your address."
            )
        else:
            report.notes.append(
                "Which address is yours could not be told from these messages, so who wrote "
                "first is not known: say it with --me ADDRESS (or on the E-mail page)."
            )
    known = _known_ids(owner, [r.message_id for r in rows])
    report.known += len(known)
    _link_sources(source, list(known.values()))
    fresh = [r for r in rows if r.message_id not in known]
    report.added = len(fresh)
    if progress:
        progress(0, len(fresh))
    if fresh:
        _write_fresh(owner, fresh, me, source, report, progress)
    report.people = len(report.touched)


def _known_ids(owner: AbstractBaseUser, ids: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for part in _chunks(ids):
        found.update(
            Message.objects.filter(owner=owner, message_id__in=part).values_list("message_id", "id")
        )
    return found


def _link_sources(source: MailSource, message_ids: Sequence[int], *, fresh: bool = False) -> None:
    """Note that `source` carried these messages (`fresh`: new ones, linked to nothing yet)."""
    through = Message.sources.through
    wanted = list(message_ids)
    if not fresh:
        have: set[int] = set()
        for part in _chunks(wanted):
            have |= set(
                through.objects.filter(mailsource_id=source.pk, message_id__in=part).values_list(
                    "message_id", flat=True
                )
            )
        wanted = [pk for pk in wanted if pk not in have]
    for part in _chunks(wanted, 20_000):
        bulk.insert_values(through, ("message", "mailsource"), [(pk, source.pk) for pk in part])


def _write_fresh(
    owner: AbstractBaseUser,
    fresh: list[_Row],
    me: set[str],
    source: MailSource,
    report: MailReport,
    progress: Progress | None,
) -> None:
    # The threads: the new messages with every stored message their links reach.
    stored = _closure(owner, {x for r in fresh for x in (r.message_id, r.root_hint, r.reply_to)})
    links: dict[str, tuple[str, str]] = {m.message_id: (m.root_hint, m.reply_to) for m in stored}
    links.update({r.message_id: (r.root_hint, r.reply_to) for r in fresh})
    keys = thread_keys(links)
    old_threads = {m.thread for m in stored}
    _move_threads(owner, stored, keys)
    # The new messages, their addresses and their source, each table with one executemany
    # (Django's bulk_create prepares every value one by one: most of an import's time).
    bulk.insert_values(
        Message,
        MESSAGE_COLUMNS,
        [
            (
                owner.pk,
                r.message_id,
                r.root_hint,
                r.reply_to,
                keys[r.message_id],
                r.sent_at,
                r.sender,
                r.sender in me,
                len(r.recipients),
                r.subject,
            )
            for r in fresh
        ],
    )
    ids = _known_ids(owner, [r.message_id for r in fresh])
    if progress:
        progress(len(fresh), len(fresh))
    participants = [
        (owner.pk, ids[r.message_id], address, name, sent)
        for r in fresh
        for address, name, sent in (
            (r.sender, r.sender_name, True),
            *((a, n, False) for a, n in r.recipients if a != r.sender),
        )
    ]
    for part in _chunks(participants, 20_000):
        bulk.insert_values(Participant, ("owner", "message", "address", "name", "sent"), part)
    _link_sources(source, list(ids.values()), fresh=True)
    threads = old_threads | {keys[r.message_id] for r in fresh}
    messages = _thread_messages(owner, pks=[m.pk for m in stored]) + [
        ThreadMessage(
            message_id=r.message_id,
            thread=keys[r.message_id],
            sent_at=r.sent_at,
            sender=r.sender,
            recipients=tuple(a for a, _ in r.recipients if a != r.sender),
            subject=r.subject,
            is_reply=bool(r.root_hint or r.reply_to),
        )
        for r in fresh
    ]
    _rederive(owner, threads, me, report, old_days=_days_of(stored), messages=messages)
    addresses = {a for _, _, a, _, _ in participants} - me
    _count_correspondents(owner, addresses, me, report)


def _closure(owner: AbstractBaseUser, ids: set[str]) -> list[Message]:
    """Every stored message the ids reach through message ids and the ids messages name."""
    seen = {i for i in ids if i}
    frontier = sorted(seen)
    loaded: dict[int, Message] = {}
    fields = ("id", "message_id", "root_hint", "reply_to", "thread", "sent_at")
    while frontier:
        found: list[Message] = []
        for part in _chunks(frontier):
            found += Message.objects.filter(
                Q(message_id__in=part) | Q(root_hint__in=part) | Q(reply_to__in=part),
                owner=owner,
            ).only(*fields)
        step: set[str] = set()
        for message in found:
            if message.pk in loaded:
                continue
            loaded[message.pk] = message
            for other in (message.message_id, message.root_hint, message.reply_to):
                if other and other not in seen:
                    seen.add(other)
                    step.add(other)
        frontier = sorted(step)
    return list(loaded.values())


def _move_threads(owner: AbstractBaseUser, stored: list[Message], keys: dict[str, str]) -> None:
    moved: dict[str, list[int]] = defaultdict(list)
    for message in stored:
        key = keys[message.message_id]
        if key != message.thread:
            moved[key].append(message.pk)
    for key, pks in moved.items():
        for part in _chunks(pks):
            Message.objects.filter(owner=owner, pk__in=part).update(thread=key)


def _days_of(messages: Iterable[Message]) -> set[tuple[str, dt.date]]:
    return {(m.thread, _day(m.sent_at)) for m in messages}


def _day(when: dt.datetime) -> dt.date:
    """The day a moment falls on where you are (the install's time zone)."""
    return when.astimezone(timezone.get_current_timezone()).date()


# ---- conversations ---------------------------------------------------------------------------


def _rederive(
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
        messages = _thread_messages(owner, threads=sorted(threads))
    people = addresses_of_people(owner)
    wanted = {
        c.key: c for c in conversations(messages, is_me=me.__contains__, people=people, day_of=_day)
    }
    existing: dict[str, Interaction] = {}
    if Interaction.objects.filter(owner=owner, source_key__startswith=f"{KEY_PREFIX}:").exists():
        candidates = (
            set(wanted)
            | {_key(t, d) for t, d in old_days}
            | {_key(m.thread, _day(m.sent_at)) for m in messages}
        )
        for part in _chunks(sorted(candidates)):
            for interaction in Interaction.objects.filter(owner=owner, source_key__in=part):
                existing[interaction.source_key] = interaction
    through = Interaction.people.through
    people_of: dict[int, set[int]] = defaultdict(set)
    for part in _chunks([i.pk for i in existing.values()]):
        for iid, pid in through.objects.filter(interaction_id__in=part).values_list(
            "interaction_id", "person_id"
        ):
            people_of[iid].add(pid)
    touched: set[int] = set()
    # Removed: conversations whose messages now make none (or moved to another thread).
    gone = [i for key, i in existing.items() if key not in wanted]
    for interaction in gone:
        touched |= people_of[interaction.pk]
    for part in _chunks([i.pk for i in gone]):
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
    # Added, with one executemany per table (see _write_fresh), their ids read back by key.
    new = [talk for key, talk in wanted.items() if key not in existing]
    now = timezone.now()
    for part in _chunks(new, 20_000):
        bulk.insert_values(
            Interaction,
            INTERACTION_COLUMNS,
            [
                (owner.pk, False, t.day, t.summary, "email", t.initiated_by, "", t.key, now, now)
                for t in part
            ],
        )
    created: dict[str, int] = {}
    for part in _chunks([t.key for t in new]):
        created.update(
            Interaction.objects.filter(owner=owner, source_key__in=part).values_list(
                "source_key", "id"
            )
        )
    pairs = [(created[t.key], p) for t in new for p in t.person_ids]
    pairs += [(link.interaction_id, link.person_id) for link in links]
    for part in _chunks(pairs, 20_000):
        bulk.insert_values(through, ("interaction", "person"), part)
    touched |= {p for t in new for p in t.person_ids}
    report.conversations_added += len(new)
    if touched:
        refresh_contact_stats(owner=owner, person_ids=touched)
    report.touched |= touched


def _key(thread: str, day: dt.date) -> str:
    return f"{KEY_PREFIX}:{thread}:{day.isoformat()}"


def _thread_messages(
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
    for part in _chunks(threads):
        rows += Message.objects.filter(owner=owner, thread__in=part).values_list(*columns)
    for ids in _chunks(pks):
        rows += Message.objects.filter(owner=owner, pk__in=ids).values_list(*columns)
    recipients: dict[int, list[str]] = defaultdict(list)
    for part in _chunks([r[0] for r in rows]):
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


# ---- people you wrote with -------------------------------------------------------------------


def _count_correspondents(
    owner: AbstractBaseUser, addresses: set[str], me: set[str], report: MailReport | None
) -> None:
    """Recount, from the kept messages, how much you wrote with each of these addresses that
    is neither you nor one of your people; offer the ones worth it."""
    known = addresses_of_people(owner)
    wanted = sorted(a for a in addresses if a not in me and a not in known and a)
    counts: dict[str, dict[str, Any]] = {}
    for part in _chunks(wanted):
        base = Participant.objects.filter(
            owner=owner, address__in=part, message__recipient_count__lte=MAX_RECIPIENTS
        )
        sent = base.filter(sent=False, message__from_me=True)
        received = base.filter(sent=True, message__from_me=False)
        for name, query in (("sent", sent), ("received", received)):
            for row in query.values("address").annotate(
                n=Count("id"), first=Min("message__sent_at"), last=Max("message__sent_at")
            ):
                entry = counts.setdefault(row["address"], {"sent": 0, "received": 0})
                entry[name] = row["n"]
                entry["first"] = min(filter(None, (entry.get("first"), row["first"])))
                entry["last"] = max(filter(None, (entry.get("last"), row["last"])))
    names = _names(owner, list(counts))
    existing = {
        c.address: c
        for part in _chunks(list(counts))
        for c in Correspondent.objects.filter(owner=owner, address__in=part)
    }
    new: list[Correspondent] = []
    changed: list[Correspondent] = []
    for address, entry in counts.items():
        offered = worth_offering(entry["sent"], entry["received"])
        values = {
            "name": names.get(address, ""),
            "sent": entry["sent"],
            "received": entry["received"],
            "first_on": _day(entry["first"]),
            "last_on": _day(entry["last"]),
            "offered": offered,
        }
        row = existing.get(address)
        if row is None:
            new.append(Correspondent(owner=owner, address=address, **values))
            if offered and report is not None:
                report.offered += 1
            continue
        if offered and not row.offered and row.status == "open" and report is not None:
            report.offered += 1
        for name, value in values.items():
            setattr(row, name, value)
        changed.append(row)
    Correspondent.objects.bulk_create(new, batch_size=CHUNK)
    Correspondent.objects.bulk_update(
        changed, ["name", "sent", "received", "first_on", "last_on", "offered"], batch_size=500
    )
    # Addresses no message names any more (a source forgotten) and nobody decided on.
    gone = [a for a in wanted if a not in counts]
    for part in _chunks(gone):
        Correspondent.objects.filter(owner=owner, address__in=part, status="open").delete()


def _names(owner: AbstractBaseUser, addresses: list[str]) -> dict[str, str]:
    """The name each address was last written with."""
    names: dict[str, tuple[dt.datetime, str]] = {}
    for part in _chunks(addresses):
        for address, name, when in (
            Participant.objects.filter(owner=owner, address__in=part)
            .exclude(name="")
            .values_list("address", "name", "message__sent_at")
        ):
            if address not in names or when > names[address][0]:
                names[address] = (when, name)
    return {address: name for address, (_, name) in names.items()}


# ---- forgetting a source ---------------------------------------------------------------------


@transaction.atomic
def forget_source(*, owner: AbstractBaseUser, source: str) -> int:
    """Remove what only `source` brought: its messages no other source carried, and the
    conversations they alone made (others are brought in line). Returns how many messages
    were removed; 0 for a source never recorded."""
    found = MailSource.objects.filter(owner=owner, name=_clean_source(source)).first()
    if found is None:
        return 0
    carried = Message.sources.through.objects.filter(mailsource_id=found.pk).values("message_id")
    only = list(
        Message.objects.filter(owner=owner, pk__in=carried)
        .annotate(n=Count("sources"))
        .filter(n=1)
        .only("id", "message_id", "thread", "sent_at")
    )
    threads = {m.thread for m in only}
    before = _days_of(
        m
        for part in _chunks(sorted(threads))
        for m in Message.objects.filter(owner=owner, thread__in=part).only("thread", "sent_at")
    )
    addresses: set[str] = set()
    for part in _chunks([m.pk for m in only]):
        addresses |= set(
            Participant.objects.filter(message_id__in=part).values_list("address", flat=True)
        )
        Message.objects.filter(owner=owner, pk__in=part).delete()
    found.delete()
    me = set(my_addresses(owner))
    # What is left of those threads may have fallen apart: thread it again.
    left = [
        m
        for part in _chunks(sorted(threads))
        for m in Message.objects.filter(owner=owner, thread__in=part).only(
            "id", "message_id", "root_hint", "reply_to", "thread", "sent_at"
        )
    ]
    keys = thread_keys({m.message_id: (m.root_hint, m.reply_to) for m in left})
    _move_threads(owner, left, keys)
    report = MailReport(source=found.name)
    _rederive(owner, threads | set(keys.values()), me, report, old_days=before)
    _count_correspondents(owner, addresses, me, None)
    return len(only)


# ---- your addresses, and everything again ----------------------------------------------------


def set_my_addresses(*, owner: AbstractBaseUser, addresses: Iterable[str]) -> list[str]:
    """Make these (with your account's e-mail) the addresses that are you; the messages and
    conversations are read again with them. Returns the addresses kept."""
    wanted = _clean_addresses(addresses)
    with transaction.atomic():
        MyAddress.objects.filter(owner=owner).exclude(address__in=wanted).delete()
        have = set(MyAddress.objects.filter(owner=owner).values_list("address", flat=True))
        MyAddress.objects.bulk_create(
            MyAddress(owner=owner, address=a) for a in wanted if a not in have
        )
        rebuild(owner=owner)
    return my_addresses(owner)


def add_my_addresses(*, owner: AbstractBaseUser, addresses: Iterable[str]) -> list[str]:
    """Add addresses that are you (`--me`); nothing is read again when all were known."""
    wanted = _clean_addresses(addresses)
    if set(wanted) <= set(my_addresses(owner)):
        return my_addresses(owner)
    return set_my_addresses(owner=owner, addresses=[*my_addresses(owner, own=True), *wanted])


def remove_my_address(*, owner: AbstractBaseUser, address: str) -> list[str]:
    """Stop taking an address you listed as yours (your account's e-mail stays)."""
    gone = address.strip().lower()
    kept = [a for a in my_addresses(owner, own=True) if a != gone]
    return set_my_addresses(owner=owner, addresses=kept)


def _clean_addresses(addresses: Iterable[str]) -> list[str]:
    out: list[str] = []
    for raw in addresses:
        address = raw.strip().lower()
        if not address:
            continue
        if len(address) > EMAIL_MAX or "@" not in address or " " in address:
            raise ValidationError({"addresses": [f"'{raw.strip()}' is not an e-mail address."]})
        if address not in out:
            out.append(address)
    return out


@transaction.atomic
def rebuild(*, owner: AbstractBaseUser) -> MailReport:
    """Read every kept message again: which are yours, their conversations, the people you
    wrote with. What changing your addresses or adding people from e-mail calls."""
    me = set(my_addresses(owner))
    Message.objects.filter(owner=owner).exclude(sender__in=me).update(from_me=False)
    Message.objects.filter(owner=owner, sender__in=me).update(from_me=True)
    report = MailReport(source="")
    threads = set(Message.objects.filter(owner=owner).values_list("thread", flat=True))
    stale = set(
        Interaction.objects.filter(
            owner=owner, source_key__startswith=f"{KEY_PREFIX}:"
        ).values_list("source_key", flat=True)
    )
    old_days = {(k.split(":")[1], dt.date.fromisoformat(k.split(":")[2])) for k in stale}
    _rederive(owner, threads | {t for t, _ in old_days}, me, report, old_days=old_days)
    addresses = set(Participant.objects.filter(owner=owner).values_list("address", flat=True))
    addresses |= set(Correspondent.objects.filter(owner=owner).values_list("address", flat=True))
    _count_correspondents(owner, addresses, me, report)
    Correspondent.objects.filter(owner=owner, address__in=me).delete()
    return report


def relink(*, owner: AbstractBaseUser, addresses: Iterable[str]) -> None:
    """Conversations again for the threads these addresses are on (someone gained them)."""
    wanted = sorted({a.strip().lower() for a in addresses if a.strip()})
    threads: set[str] = set()
    for part in _chunks(wanted):
        threads |= set(
            Participant.objects.filter(owner=owner, address__in=part).values_list(
                "message__thread", flat=True
            )
        )
    if threads:
        _rederive(owner, threads, set(my_addresses(owner)), MailReport(source=""))


# ---- people offered from e-mail --------------------------------------------------------------


def _offer(owner: AbstractBaseUser, correspondent_id: int) -> Correspondent:
    found = Correspondent.objects.filter(owner=owner, pk=correspondent_id).first()
    if found is None:
        raise ValidationError({"correspondent": ["No one with that number was offered to you."]})
    return found


@transaction.atomic
def add_correspondent(
    *,
    owner: AbstractBaseUser,
    correspondent_id: int,
    name: str = "",
    tier: str | None = None,
) -> Person:
    """Add someone you wrote with as a person (with their address); their past messages
    become conversations. `name` defaults to the name their mail carried, else the address."""
    found = _offer(owner, correspondent_id)
    if found.status == "added" and found.person_id is not None:
        raise ValidationError({"correspondent": ["They are already among your people."]})
    if found.address in addresses_of_people(owner):
        raise ValidationError({"correspondent": ["Someone you have already has that address."]})
    chosen = " ".join((name or found.name or found.address.partition("@")[0]).split())
    person = people_services.create_person(
        owner=owner,
        name=chosen,
        emails=[found.address],
        tier=tier or None,
        how_met="E-mail",
    )
    found.status, found.person, found.decided_at = "added", person, timezone.now()
    found.save(update_fields=["status", "person", "decided_at"])
    relink(owner=owner, addresses=[found.address])
    return person


def dismiss_correspondent(
    *, owner: AbstractBaseUser, correspondent_id: int, undo: bool = False
) -> Correspondent:
    """Stop offering someone (`undo`: offer them again)."""
    found = _offer(owner, correspondent_id)
    if found.status == "added":
        raise ValidationError({"correspondent": ["They are already among your people."]})
    found.status = "open" if undo else "dismissed"
    found.decided_at = None if undo else timezone.now()
    found.save(update_fields=["status", "decided_at"])
    return found
