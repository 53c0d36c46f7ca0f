"""Importing a file (issue 5, made trustworthy in issue 11): parse it with `core.formats`,
plan what each row does (`imports.planning`: who each row is, by its source key, our own
export's UID, a certain match or an earlier row; nothing you wrote is overwritten), then write
the plan in one short transaction (`imports.writing`).

Parsing and planning run before the write transaction, so other writes are not locked out
while a large file is read; if your records changed in the meantime, the plan is made again
inside the transaction. Your own positions (LinkedIn's Positions.csv) are kept by their
source key like the people (`people.positions.import_positions`). Conversations (LinkedIn
messages, calendar meetings) become interactions keyed by where they came from, so a second
import of the same file creates nothing new. A file that cannot be read is rejected with its
line and changes nothing; `dry_run` reports without writing.

The report says, for each row, the person it went to and why; a row that joined someone you
had by a match can be split off again (`mutuals dedupe --undo`, the report and the
duplicates pages). It is bounded: at most `ROWS_LIMIT` rows and `SKIPPED_LIMIT` notes are
kept, the most telling first, with the totals.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mutuals.core.formats import csv_contacts, ical, linkedin, vcard
from mutuals.core.formats.records import Contact, FileRejected, Invitation, Parsed
from mutuals.core.formats.source_keys import contact_key, invitation_key, position_key
from mutuals.imports.conversations import add_conversations, add_meetings
from mutuals.imports.models import KIND_CHOICES, ImportRun
from mutuals.imports.planning import Incoming, Planner, read_state, stamp
from mutuals.imports.writing import write_plan
from mutuals.people import bulk
from mutuals.people.positions import IncomingPosition, import_positions

KINDS = tuple(kind for kind, _ in KIND_CHOICES)
ROWS_LIMIT = 1_000
SKIPPED_LIMIT = 500
Progress = Callable[[int, int], None]
# Which rows the report keeps first when it has to leave some out: the undoable ones.
_ROW_ORDER = {"updated": 0, "merged": 1, "to review": 2, "left out": 3, "unchanged": 4}


class _DryRun(Exception):
    pass


@dataclass
class Report:
    """What an import did (or would do): counts, where each row went, and what was left out."""

    kind: str
    file: str = ""
    dry_run: bool = False
    today: dt.date = field(default_factory=timezone.localdate)
    created: int = 0
    updated: int = 0
    merged: int = 0
    unchanged: int = 0
    possible_duplicates: int = 0
    organizations: int = 0
    interactions: int = 0
    important_dates: int = 0
    photos: int = 0
    positions: int = 0  # your own past and current positions added (LinkedIn Positions.csv)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    not_imported: Counter[str] = field(default_factory=Counter)

    @property
    def rejected(self) -> bool:
        return bool(self.errors)

    def skip(self, line: int, reason: str) -> None:
        self.skipped.append({"line": line, "reason": reason})

    def as_dict(self) -> dict[str, Any]:
        rows = sorted(self.rows, key=lambda r: (_ROW_ORDER.get(r["outcome"], 5), r["line"]))
        if self.dry_run:  # nothing was kept: the ids would name no one
            rows = [{**r, "person_id": None, "merge_id": None} for r in rows]
        return {
            "kind": self.kind,
            "file": self.file,
            "dry_run": self.dry_run,
            "written": not self.dry_run and not self.rejected,
            "created": self.created,
            "updated": self.updated,
            "merged": self.merged,
            "unchanged": self.unchanged,
            "possible_duplicates": self.possible_duplicates,
            "organizations": self.organizations,
            "interactions": self.interactions,
            "important_dates": self.important_dates,
            "photos": self.photos,
            "positions": self.positions,
            "skipped": self.skipped[:SKIPPED_LIMIT],
            "skipped_total": len(self.skipped),
            "errors": self.errors,
            "rows": rows[:ROWS_LIMIT],
            "rows_total": len(self.rows),
            "notes": self.notes,
            "not_imported": dict(self.not_imported.most_common(50)),
        }


@dataclass
class Source:
    """A parsed file: the rows that describe people, and what else it brings."""

    people: list[Incoming] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    conversations: Any = None
    meetings: Any = None
    positions: list[IncomingPosition] = field(default_factory=list)


def import_file(
    *,
    owner: AbstractBaseUser,
    kind: str,
    data: bytes,
    filename: str = "",
    dry_run: bool = False,
    mapping: Mapping[str, str] | None = None,
    tier: str | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Import `data` as `kind` (linkedin, vcard, google, outlook, ics or csv with `mapping`).

    New people get closeness `tier` (None: people you know of, off the agenda until you set
    it). Returns the report as a dict (see `Report.as_dict`); it is also kept as an ImportRun.
    """
    if kind not in KINDS:
        raise ValidationError({"kind": [f"Choose one of: {', '.join(KINDS)}."]})
    if kind == "csv" and not mapping:
        raise ValidationError({"mapping": ["Say which column holds what, e.g. name=Name."]})
    if tier is not None:
        bulk.clean_draft(bulk.PersonDraft(first_name="x", tier=tier))  # rejects a bad tier
    report = Report(kind=kind, file=filename[:255], dry_run=dry_run)
    try:
        source = _parse(kind, data, mapping or {}, tier)
        _run(owner, kind, source, report, progress)
    except FileRejected as error:
        report = Report(kind=kind, file=filename[:255], dry_run=dry_run)
        report.errors.append({"line": error.line, "message": _sentence(error)})
    except _DryRun:
        pass
    result = report.as_dict()
    ImportRun.objects.create(
        owner=owner,
        kind=kind,
        filename=filename[:255],
        dry_run=dry_run,
        rejected=report.rejected,
        report=result,
    )
    return result


def _sentence(error: FileRejected) -> str:
    where = f"Line {error.line}: " if error.line is not None else ""
    message = error.message[:1].upper() + error.message[1:]
    return f"{where}{message}. Nothing was imported."


# ---- reading the file (no database) ----------------------------------------------------------


def _parse(kind: str, data: bytes, mapping: Mapping[str, str], tier: str | None) -> Source:
    source = Source()
    if kind == "linkedin":
        export = linkedin.read_export(data)
        if export.connections is not None:
            _take(source, export.connections)
            source.people += [
                Incoming(c, contact_key(c, linkedin_connection=True), "Connected on LinkedIn", tier)
                for c in export.connections.records
            ]
        if export.invitations is not None:
            _take(source, export.invitations)
            source.people += [
                Incoming(_invited(i), invitation_key(i)) for i in export.invitations.records
            ]
        source.conversations = export.messages
        if export.positions is not None:
            _take(source, export.positions)
            source.positions = [_your_position(p) for p in export.positions.records]
        return source
    if kind == "ics":
        source.meetings = ical.parse_calendar(data, now=timezone.now())
        return source
    parsed = {
        "vcard": lambda: vcard.parse_vcards(data),
        "google": lambda: csv_contacts.parse_google_csv(data),
        "outlook": lambda: csv_contacts.parse_outlook_csv(data),
        "csv": lambda: csv_contacts.parse_generic_csv(data, mapping),
    }[kind]()
    _take(source, parsed)
    source.people += [Incoming(c, contact_key(c), "", tier) for c in parsed.records]
    return source


def _take(source: Source, parsed: Parsed[Any]) -> None:
    source.skipped += [(s.line, s.reason) for s in parsed.skipped]
    source.notes += [n for n in getattr(parsed, "notes", ()) if n not in source.notes]


def _your_position(position: linkedin.Position) -> IncomingPosition:
    return IncomingPosition(
        line=position.line,
        key=position_key(position.company, position.title, position.started_on),
        organization=position.company,
        title=position.title,
        location=position.location,
        notes=position.description,
        started_on=position.started_on,
        ended_on=position.finished_on,
    )


def _invited(invitation: Invitation) -> Contact:
    """An invitation as a person: someone you invited or who invited you, and when.
    Connections are already in Connections.csv; a pending one adds a person you know of."""
    day = invitation.sent_at.date().isoformat()
    how = (
        f"LinkedIn invitation you sent on {day}"
        if invitation.outgoing
        else f"invited you on LinkedIn on {day}"
    )
    note = f"LinkedIn invitation: {invitation.message}" if invitation.message else ""
    return Contact(
        line=invitation.line,
        full_name=invitation.name,
        linkedin_url=invitation.profile_url,
        notes=note,
        how_met=how,
    )


# ---- planning and writing --------------------------------------------------------------------


def _plan(
    owner: AbstractBaseUser, kind: str, source: Source, report: Report, progress: Progress | None
) -> tuple[Any, Planner, list[tuple[int, str]], list[Any]]:
    """Who each row is, and the new people's rows ready to insert (no writes)."""
    notes: list[tuple[int, str]] = []
    state = read_state(owner, kind)
    planner = Planner(state, lambda line, reason: notes.append((line, reason)), report.today)
    planner.run(source.people, progress)
    prepared = bulk.prepare_people([(n.draft, n.cleaned) for n in planner.plan.new])
    return state, planner, notes, prepared


def _run(
    owner: AbstractBaseUser,
    kind: str,
    source: Source,
    report: Report,
    progress: Progress | None,
) -> None:
    for line, reason in source.skipped:
        report.skip(line, reason)
    report.notes += source.notes
    for incoming in source.people:
        report.not_imported.update(getattr(incoming.contact, "unmapped", ()))
    state, planner, notes, prepared = _plan(owner, kind, source, report, progress)
    with transaction.atomic():
        if source.people and stamp(owner) != state.stamp:
            # Your records changed while the file was read: plan again, now under the lock.
            state, planner, notes, prepared = _plan(owner, kind, source, report, None)
        for line, reason in notes:
            report.skip(line, reason)
        if source.people:
            counts = write_plan(
                owner=owner,
                kind=kind,
                filename=report.file,
                planner=planner,
                state=state,
                add_row=report.rows.append,
                prepared=prepared,
            )
            for name, count in counts.items():
                setattr(report, name, getattr(report, name) + count)
        if source.conversations is not None:
            add_conversations(owner, source.conversations, report)
        if source.meetings is not None:
            add_meetings(owner, source.meetings, report)
        if source.positions:
            imported = import_positions(owner=owner, rows=source.positions)
            report.positions += imported.added
            if imported.ended:
                ended = f"{imported.ended} of your positions"
                report.notes.append(f"{ended} gained the end date this file gives.")
        if report.dry_run:
            raise _DryRun
