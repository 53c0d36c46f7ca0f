"""Recording the headers of messages an mbox import or an IMAP sync read (issue 18), and
forgetting what one source brought.

`record_messages` keeps each message once per owner by its Message-ID, whichever source
brought it (a source is a name such as "mbox:takeout.mbox" or "imap:<connection>"), then
derives the conversations of every thread the new messages touch (`emails.conversations`): the
same messages give the same conversations whatever the source and the order, and recording them
again adds nothing. Mail sent by machines (lists, newsletters, automatic replies, no-reply
senders) is left out by its headers. People you exchanged several messages with who are not in
your records are counted and offered (`emails.correspondents`). One transaction; `dry_run`
reports and keeps nothing.

`forget_source` removes what only that source brought: its messages that no other source
carried, and the conversations they alone made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from mutuals.core.mail.headers import EMAIL_MAX, ID_MAX, NAME_MAX, SUBJECT_MAX, MailHeaders
from mutuals.core.mail.threads import ThreadMessage, likely_me, thread_keys
from mutuals.emails.addresses import add_my_addresses, clean_addresses
from mutuals.emails.conversations import days_of, move_threads, rederive, thread_messages
from mutuals.emails.correspondents import count_correspondents
from mutuals.emails.models import MailSource, Message, MyAddress, Participant
from mutuals.emails.report import MailReport, chunks
from mutuals.emails.selectors import my_addresses
from mutuals.people import bulk

SOURCE_MAX = 200
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
Progress = Callable[[int, int], None]


class _DryRun(Exception):
    pass


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
    mine = clean_addresses(me)
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
    for part in chunks(ids):
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
        for part in chunks(wanted):
            have |= set(
                through.objects.filter(mailsource_id=source.pk, message_id__in=part).values_list(
                    "message_id", flat=True
                )
            )
        wanted = [pk for pk in wanted if pk not in have]
    for part in chunks(wanted, 20_000):
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
    move_threads(owner, stored, keys)
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
    for part in chunks(participants, 20_000):
        bulk.insert_values(Participant, ("owner", "message", "address", "name", "sent"), part)
    _link_sources(source, list(ids.values()), fresh=True)
    threads = old_threads | {keys[r.message_id] for r in fresh}
    messages = thread_messages(owner, pks=[m.pk for m in stored]) + [
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
    rederive(owner, threads, me, report, old_days=days_of(stored), messages=messages)
    addresses = {a for _, _, a, _, _ in participants} - me
    count_correspondents(owner, addresses, me, report)


def _closure(owner: AbstractBaseUser, ids: set[str]) -> list[Message]:
    """Every stored message the ids reach through message ids and the ids messages name."""
    seen = {i for i in ids if i}
    frontier = sorted(seen)
    loaded: dict[int, Message] = {}
    fields = ("id", "message_id", "root_hint", "reply_to", "thread", "sent_at")
    while frontier:
        found: list[Message] = []
        for part in chunks(frontier):
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
    before = days_of(
        m
        for part in chunks(sorted(threads))
        for m in Message.objects.filter(owner=owner, thread__in=part).only("thread", "sent_at")
    )
    addresses: set[str] = set()
    for part in chunks([m.pk for m in only]):
        addresses |= set(
            Participant.objects.filter(message_id__in=part).values_list("address", flat=True)
        )
        Message.objects.filter(owner=owner, pk__in=part).delete()
    found.delete()
    me = set(my_addresses(owner))
    # What is left of those threads may have fallen apart: thread it again.
    left = [
        m
        for part in chunks(sorted(threads))
        for m in Message.objects.filter(owner=owner, thread__in=part).only(
            "id", "message_id", "root_hint", "reply_to", "thread", "sent_at"
        )
    ]
    keys = thread_keys({m.message_id: (m.root_hint, m.reply_to) for m in left})
    move_threads(owner, left, keys)
    report = MailReport(source=found.name)
    rederive(owner, threads | set(keys.values()), me, report, old_days=before)
    count_correspondents(owner, addresses, me, None)
    return len(only)
