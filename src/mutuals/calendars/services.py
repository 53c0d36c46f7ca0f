"""Recording what a calendar sync read (connections/calendar_sync.py): the occurrences with your
people, and a conversation for each past one.

In words, for one account and the occurrences its calendars hold inside the sync's window
(core.calendars), all in the caller's transaction:
- only occurrences with at least one of your people (by attendee or organiser address, as the
  one-off .ics import matches them) are kept; one row per (UID, recurrence id);
- a known occurrence that moved or changed its title or people is updated; one no longer in the
  calendar (cancelled, deleted) is removed, unless it already became a conversation: that
  conversation is yours now and stays, with its row, so it is never made twice;
- a past occurrence (started before now) becomes a conversation (an interaction of kind
  meeting, on its local day, its title as summary, with its people) once; a later sync never
  writes that conversation again, so what you wrote in it stays. Its source key
  (`calendar:<account>:<uid>:<recurrence id>`) finds it again should its row be gone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from mutuals.calendars.models import Occurrence, source_key
from mutuals.connections.models import Connection
from mutuals.core import calendars as core
from mutuals.interactions.models import Interaction
from mutuals.interactions.services import refresh_contact_stats
from mutuals.people.models import EmailAddress

SUMMARY_MAX = 200
CHUNK = 500


def people_by_email(owner: AbstractBaseUser) -> dict[str, int]:
    """Each address of your people (lower-case) and whose it is; archived people too, as the
    .ics import does (a meeting with them is still a conversation with them)."""
    by_email: dict[str, int] = {}
    rows = EmailAddress.objects.filter(person__owner=owner).order_by("person_id", "id")
    for person_id, address in rows.values_list("person_id", "address"):
        by_email.setdefault(address.strip().lower(), person_id)
    return by_email


def record(
    *,
    owner: AbstractBaseUser,
    connection: Connection,
    occurrences: Sequence[core.Occurrence],
    since: dt.datetime,
    now: dt.datetime,
) -> dict[str, int]:
    """Record the occurrences the account's calendars hold from `since` on (the sync's window)
    and make the past ones conversations; the counts: meetings (new), changed, removed,
    conversations (new), upcoming (kept, still ahead). Runs in the caller's transaction."""
    by_email = people_by_email(owner)
    wanted = {o.key: (o, people) for o in occurrences if (people := core.people_in(o, by_email))}
    known = {
        (row.uid, row.recurrence_id): row
        for row in Occurrence.objects.filter(connection=connection).prefetch_related("people")
    }
    counts = {"meetings": 0, "changed": 0, "removed": 0, "conversations": 0, "upcoming": 0}
    touched: set[int] = set()

    gone = [
        row.pk
        for key, row in known.items()
        if key not in wanted and row.interaction_id is None and row.start >= since
    ]
    for start in range(0, len(gone), CHUNK):
        Occurrence.objects.filter(pk__in=gone[start : start + CHUNK]).delete()
    counts["removed"] = len(gone)

    fresh: list[tuple[Occurrence, tuple[int, ...]]] = []
    changed: list[Occurrence] = []
    repeople: list[tuple[Occurrence, tuple[int, ...]]] = []
    for key, (found, people) in wanted.items():
        row = known.get(key)
        if row is None:
            fresh.append((_row(owner, connection, found), people))
            continue
        fields = (found.start, found.end, found.all_day, found.title)
        if (row.start, row.end, row.all_day, row.title) != fields:
            row.start, row.end, row.all_day, row.title = fields
            changed.append(row)
        if tuple(sorted(p.pk for p in row.people.all())) != people:
            repeople.append((row, people))
    created = Occurrence.objects.bulk_create([row for row, _ in fresh], batch_size=CHUNK)
    Occurrence.objects.bulk_update(changed, ["start", "end", "all_day", "title"], batch_size=CHUNK)
    through = Occurrence.people.through
    through.objects.filter(occurrence_id__in=[row.pk for row, _ in repeople]).delete()
    through.objects.bulk_create(
        [
            through(occurrence_id=row.pk, person_id=pid)
            for row, people in [*zip(created, (p for _, p in fresh), strict=True), *repeople]
            for pid in people
        ],
        batch_size=CHUNK,
    )
    counts["meetings"] = len(created)
    counts["changed"] = len({row.pk for row in changed} | {row.pk for row, _ in repeople})
    counts["upcoming"] = sum(1 for found, _ in wanted.values() if found.start >= now)
    counts["conversations"] = _past_become_conversations(owner, connection, now, touched)
    if touched:
        refresh_contact_stats(owner=owner, person_ids=touched)
    return counts


def _row(owner: AbstractBaseUser, connection: Connection, found: core.Occurrence) -> Occurrence:
    return Occurrence(
        owner=owner,
        connection=connection,
        uid=found.uid[:255],
        recurrence_id=found.recurrence_id,
        start=found.start,
        end=found.end,
        all_day=found.all_day,
        title=found.title,
    )


def _past_become_conversations(
    owner: AbstractBaseUser, connection: Connection, now: dt.datetime, touched: set[int]
) -> int:
    """A conversation for each past occurrence that has none yet; how many were made."""
    waiting = list(
        Occurrence.objects.filter(connection=connection, interaction__isnull=True, start__lt=now)
        .prefetch_related("people")
        .order_by("start", "id")
    )
    if not waiting:
        return 0
    keys = [row.source_key for row in waiting]
    existing: dict[str, int] = {}
    for start in range(0, len(keys), CHUNK):
        existing.update(
            Interaction.objects.filter(
                owner=owner, source_key__in=keys[start : start + CHUNK]
            ).values_list("source_key", "id")
        )
    new_rows: list[tuple[Occurrence, Interaction]] = []
    for row in waiting:
        if row.source_key in existing:
            row.interaction_id = existing[row.source_key]
            continue
        new_rows.append((row, _conversation(owner, row)))
    created = Interaction.objects.bulk_create([i for _, i in new_rows], batch_size=CHUNK)
    through = Interaction.people.through
    links = []
    for (row, _), interaction in zip(new_rows, created, strict=True):
        row.interaction_id = interaction.pk
        for person in row.people.all():
            links.append(through(interaction_id=interaction.pk, person_id=person.pk))
            touched.add(person.pk)
    through.objects.bulk_create(links, batch_size=CHUNK)
    Occurrence.objects.bulk_update(waiting, ["interaction"], batch_size=CHUNK)
    return len(created)


def _conversation(owner: AbstractBaseUser, row: Occurrence) -> Interaction:
    day = row.start.date() if row.all_day else timezone.localtime(row.start).date()
    return Interaction(
        owner=owner,
        occurred_on=day,
        summary=(row.title or "Meeting")[:SUMMARY_MAX],
        kind="meeting",
        initiated_by="",
        source_key=source_key(row.connection_id, row.uid, row.recurrence_id),
    )


def forget(*, owner: AbstractBaseUser, connection: Connection) -> int:
    """Remove the conversations the account's meetings became (with the account's rows, which
    go with the account); how many. A conversation is found by its source key, so one you made
    yourself is never removed."""
    prefix = f"calendar:{connection.pk}:"
    found = Interaction.objects.filter(owner=owner, source_key__startswith=prefix)
    people = set(
        Interaction.people.through.objects.filter(interaction__in=found.values("pk")).values_list(
            "person_id", flat=True
        )
    )
    removed = found.count()
    found.delete()
    if people:
        refresh_contact_stats(owner=owner, person_ids=people)
    return removed
