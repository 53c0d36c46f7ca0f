"""Conversations an import brings: LinkedIn conversations and calendar meetings become
interactions with the people they involve, keyed by where they came from (`source_key`), so a
second import of the same file adds nothing. No message text is kept: a LinkedIn
conversation's interaction says how many messages and its subject, a meeting its title.

LinkedIn participants are matched by normalised profile URL, then by name; meeting attendees
by email. A conversation with nobody you know is left out, with its line. A past meeting with
two or more of your people also becomes an event (events.services.events_from_meetings), found
again by the same source key on a re-import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from mutuals.core.formats import linkedin
from mutuals.core.formats.records import Conversation, Meeting, Parsed
from mutuals.core.names import fold
from mutuals.events.services import events_from_meetings
from mutuals.interactions.models import Interaction
from mutuals.interactions.services import refresh_contact_stats
from mutuals.people.models import EmailAddress, Person

if TYPE_CHECKING:
    from mutuals.imports.services import Report

SUMMARY_MAX = 200


# ---- conversations ---------------------------------------------------------------------------


def _people_by_profile(owner: AbstractBaseUser) -> tuple[dict[str, int], dict[str, int]]:
    by_url: dict[str, int] = {}
    by_name: dict[str, int] = {}
    for pid, url, name in Person.objects.filter(owner=owner).values_list(
        "id", "linkedin_url", "full_name"
    ):
        if url:
            by_url.setdefault(linkedin.normalize_linkedin_url(url), pid)
        by_name.setdefault(fold(name), pid)
    return by_url, by_name


def add_conversations(
    owner: AbstractBaseUser, parsed: Parsed[Conversation], report: Report
) -> None:
    for skipped in parsed.skipped:
        report.skip(skipped.line, skipped.reason)
    by_url, by_name = _people_by_profile(owner)
    planned: list[tuple[str, dt.date, str, str, list[int]]] = []
    for talk in parsed.records:
        ids = []
        for name, url in zip(
            talk.other_names, _padded(talk.other_urls, talk.other_names), strict=True
        ):
            pid = by_url.get(linkedin.normalize_linkedin_url(url)) if url else None
            pid = pid or by_name.get(fold(name))
            if pid is not None:
                ids.append(pid)
        if not ids:
            report.skip(talk.line, "nobody in this conversation is in your records")
            continue
        count = f"{talk.message_count} message{'s' if talk.message_count != 1 else ''}"
        summary = f"LinkedIn conversation ({count})"
        if talk.subject:
            summary += f": {talk.subject}"
        for number, day in enumerate(talk.days):
            starter = ("me" if talk.first_from_me else "them") if number == 0 else ""
            key = f"linkedin:{talk.conversation_id}:{day.isoformat()}"
            planned.append((key, day, summary[:SUMMARY_MAX], starter, sorted(set(ids))))
    _add_interactions(owner, planned, "message", report)


def _padded(urls: Sequence[str], names: Sequence[str]) -> tuple[str, ...]:
    return tuple(urls[i] if i < len(urls) else "" for i in range(len(names)))


def add_meetings(owner: AbstractBaseUser, parsed: Parsed[Meeting], report: Report) -> None:
    for skipped in parsed.skipped:
        report.skip(skipped.line, skipped.reason)
    by_email: dict[str, int] = {}
    for pid, address in EmailAddress.objects.filter(person__owner=owner).values_list(
        "person_id", "address"
    ):
        by_email.setdefault(address.lower(), pid)
    planned = []
    gatherings = []
    for meeting in parsed.records:
        ids = sorted({by_email[e] for e in meeting.attendee_emails if e in by_email})
        if not ids:
            report.skip(meeting.line, "no attendee is in your records (matched by email)")
            continue
        day = timezone.localtime(meeting.start).date()
        summary = (meeting.summary or "Meeting")[:SUMMARY_MAX]
        key = f"ics:{meeting.uid}:{day.isoformat()}"
        planned.append((key, day, summary, "", ids))
        gatherings.append((key, day, summary, meeting.location, ids))
    _add_interactions(owner, planned, "meeting", report)
    # A past meeting with several of your people is also an event (a meetup) with them.
    added = events_from_meetings(owner=owner, meetings=gatherings)
    if added:
        become = "would become" if report.dry_run else "became"
        report.notes.append(
            f"{added} past meeting{'s' if added != 1 else ''} with several of your people "
            f"{become} {'events' if added != 1 else 'an event'}."
        )


def _add_interactions(
    owner: AbstractBaseUser,
    planned: list[tuple[str, dt.date, str, str, list[int]]],
    kind: str,
    report: Report,
) -> None:
    """Create the planned interactions whose source key is new; refresh their people."""
    keys = [key for key, *_ in planned]
    seen = set(
        Interaction.objects.filter(owner=owner, source_key__in=keys).values_list(
            "source_key", flat=True
        )
    )
    fresh = [p for p in planned if p[0] not in seen]
    fresh = list({p[0]: p for p in fresh}.values())  # one per key, even inside one file
    rows = Interaction.objects.bulk_create(
        Interaction(
            owner=owner,
            occurred_on=day,
            summary=summary,
            kind=kind,
            initiated_by=starter,
            source_key=key[:300],
        )
        for key, day, summary, starter, _ in fresh
    )
    through = Interaction.people.through
    through.objects.bulk_create(
        through(interaction_id=row.pk, person_id=pid)
        for row, (*_, ids) in zip(rows, fresh, strict=True)
        for pid in ids
    )
    report.interactions += len(rows)
    touched = {pid for *_, ids in fresh for pid in ids}
    if touched:
        refresh_contact_stats(owner=owner, person_ids=touched)
