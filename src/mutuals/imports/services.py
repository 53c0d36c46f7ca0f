"""The write step of every import (issue 5): parse with `core.formats`, match each record to
the people you have (`core.formats.dedupe`), and write everything in one transaction.

For each person a file describes:
- a certain match (same email, LinkedIn profile or phone) fills in what your record lacks
  (blank fields, new emails, phones and circles; nothing you wrote is overwritten): `updated`,
  or `unchanged` when there was nothing to add;
- the same person twice in one file: `merged` into the first;
- a likely match (close name, same or no organisation) is created and paired with the
  existing record for review (`possible_duplicates`; `mutuals dedupe`, the review page);
- anyone else is created: `created`.
Conversations (LinkedIn messages, calendar meetings) become interactions keyed by where they
came from, so a second import of the same file creates nothing new. A file that cannot be read
is rejected with its line and changes nothing; `dry_run` reports without writing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mutuals.core.formats import csv_contacts, ical, linkedin, vcard
from mutuals.core.formats.dedupe import Candidate, Index
from mutuals.core.formats.records import (
    Contact,
    FileRejected,
    Invitation,
    Parsed,
)
from mutuals.imports.conversations import add_conversations, add_meetings
from mutuals.imports.models import KIND_CHOICES, ImportRun
from mutuals.people import bulk
from mutuals.people.models import EmailAddress, Person, PhoneNumber
from mutuals.people.services import EMAIL, split_full_name

KINDS = tuple(kind for kind, _ in KIND_CHOICES)
NEW_ID = -1  # candidates created in this import get negative ids until they are saved
PROGRESS_EVERY = 500
Progress = Callable[[int, int], None]


class _DryRun(Exception):
    pass


@dataclass
class Report:
    """What an import did (or would do): counts, and the lines left out with why."""

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
    skipped: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def rejected(self) -> bool:
        return bool(self.errors)

    def skip(self, line: int, reason: str) -> None:
        self.skipped.append({"line": line, "reason": reason})

    def as_dict(self) -> dict[str, Any]:
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
            "skipped": self.skipped,
            "errors": self.errors,
        }


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
        with transaction.atomic():
            _import(owner, kind, data, mapping or {}, tier, report, progress)
            if dry_run:
                raise _DryRun
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


def _import(
    owner: AbstractBaseUser,
    kind: str,
    data: bytes,
    mapping: Mapping[str, str],
    tier: str | None,
    report: Report,
    progress: Progress | None,
) -> None:
    if kind == "linkedin":
        export = linkedin.read_export(data)
        if export.connections is not None:
            _people(owner, export.connections, tier, report, progress, "Connected on LinkedIn")
        if export.invitations is not None:
            _people(owner, _invited(export.invitations), None, report, None, "")
        if export.messages is not None:
            add_conversations(owner, export.messages, report)
        return
    if kind == "ics":
        add_meetings(owner, ical.parse_calendar(data, now=timezone.now()), report)
        return
    parsed = {
        "vcard": lambda: vcard.parse_vcards(data),
        "google": lambda: csv_contacts.parse_google_csv(data),
        "outlook": lambda: csv_contacts.parse_outlook_csv(data),
        "csv": lambda: csv_contacts.parse_generic_csv(data, mapping),
    }[kind]()
    _people(owner, parsed, tier, report, progress, "")


def _invited(parsed: Parsed[Invitation]) -> Parsed[Contact]:
    """Invitations as people: someone you invited or who invited you, and when. Connections
    are already in Connections.csv; a pending invitation adds a person you know of."""
    contacts = []
    for invitation in parsed.records:
        day = invitation.sent_at.date().isoformat()
        how = (
            f"LinkedIn invitation you sent on {day}"
            if invitation.outgoing
            else f"invited you on LinkedIn on {day}"
        )
        note = f"LinkedIn invitation: {invitation.message}" if invitation.message else ""
        contacts.append(
            Contact(
                line=invitation.line,
                full_name=invitation.name,
                linkedin_url=invitation.profile_url,
                notes=note,
                how_met=how,
            )
        )
    return Parsed(tuple(contacts), parsed.skipped)


# ---- people ----------------------------------------------------------------------------------


def _draft(contact: Contact, tier: str | None, how_met: str) -> bulk.PersonDraft:
    first, middle, last = contact.first_name, contact.middle_name, contact.last_name
    if not (first or last or contact.nickname):
        parts = split_full_name(contact.full_name)
        first, middle, last = parts["first_name"], parts["middle_name"], parts["last_name"]
    return bulk.PersonDraft(
        first_name=first[:100],
        middle_name=middle[:100],
        last_name=last[:100],
        nickname=contact.nickname[:100],
        linkedin_url=contact.linkedin_url,
        organization=contact.organization[:200],
        title=contact.title[:200],
        location=contact.location[:200],
        notes=contact.notes,
        how_met=contact.how_met or how_met,
        tier=tier,
        known_since=contact.connected_on,
        circles=tuple(c[:60] for c in contact.circles),
        emails=tuple((e.value, e.label) for e in contact.emails),
        phones=tuple((p.value[:40], p.label) for p in contact.phones),
    )


def _valid_emails(draft: bulk.PersonDraft, line: int, report: Report) -> None:
    kept = []
    for address, label in draft.emails:
        try:
            EMAIL(address)
        except ValidationError:
            report.skip(line, f"'{address[:60]}' is not an email address; left out")
        else:
            kept.append((address, label))
    draft.emails = tuple(kept)


def _cleaned(draft: bulk.PersonDraft, line: int, report: Report) -> dict[str, Any] | None:
    """The draft's cleaned fields; an optional field that fails is left out with a note."""
    _valid_emails(draft, line, report)
    for _ in range(3):
        try:
            return bulk.clean_draft(draft, report.today)
        except ValidationError as error:
            fields = error.message_dict
            if not set(fields) <= set(bulk.FILLABLE) | {"notes"}:
                report.skip(line, " ".join(m for ms in fields.values() for m in ms))
                return None
            for name, messages in fields.items():
                report.skip(line, f"{name.replace('_', ' ')} left out: {' '.join(messages)}")
                setattr(draft, name, None if name == "known_since" else "")
    return None


def _candidate(pid: int, draft: bulk.PersonDraft) -> Candidate:
    name = " ".join(p for p in (draft.first_name, draft.middle_name, draft.last_name) if p)
    return Candidate(
        id=pid,
        full_name=name or draft.nickname,
        emails=tuple(a for a, _ in draft.emails),
        phones=tuple(n for n, _ in draft.phones),
        linkedin_url=draft.linkedin_url,
        organization=draft.organization,
    )


_EXISTING_FIELDS = ("id", "full_name", "organization_id", "organization__name", *bulk.FILLABLE)


def _existing(owner: AbstractBaseUser) -> tuple[dict[int, SimpleNamespace], Index]:
    """The owner's people as light rows (no model instances: 30,000 of them cost seconds)."""
    people = {
        row[0]: SimpleNamespace(**dict(zip(_EXISTING_FIELDS, row, strict=True)))
        for row in Person.objects.filter(owner=owner).values_list(*_EXISTING_FIELDS)
    }
    emails: dict[int, list[str]] = {}
    for pid, address in EmailAddress.objects.filter(person__owner=owner).values_list(
        "person_id", "address"
    ):
        emails.setdefault(pid, []).append(address)
    phones: dict[int, list[str]] = {}
    for pid, number in PhoneNumber.objects.filter(person__owner=owner).values_list(
        "person_id", "number"
    ):
        phones.setdefault(pid, []).append(number)
    index = Index(
        Candidate(
            id=p.id,
            full_name=p.full_name,
            emails=tuple(emails.get(p.id, ())),
            phones=tuple(phones.get(p.id, ())),
            linkedin_url=p.linkedin_url,
            organization=p.organization__name or "",
        )
        for p in people.values()
    )
    return people, index


def _people(
    owner: AbstractBaseUser,
    parsed: Parsed[Contact],
    tier: str | None,
    report: Report,
    progress: Progress | None,
    how_met: str,
) -> None:
    for skipped in parsed.skipped:
        report.skip(skipped.line, skipped.reason)
    people, index = _existing(owner)
    known = bulk.known_details(owner=owner)
    new: list[tuple[bulk.PersonDraft, dict[str, Any]]] = []
    updates: dict[int, tuple[Person, dict[str, Any]]] = {}
    likely: list[tuple[int, int, tuple[str, ...], float]] = []  # (new index, existing id...)
    companies: list[str] = []
    total = len(parsed.records)
    for done, contact in enumerate(parsed.records, start=1):
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, total)
        if contact.is_organization_only:
            companies.append(contact.organization)
            continue
        draft = _draft(contact, tier, how_met)
        incoming = _candidate(0, draft)
        match = index.lookup(incoming)
        if match is not None and match.certainty == "certain":
            _same_person(match.a, draft, contact.line, people, known, new, updates, report, index)
            continue
        cleaned = _cleaned(draft, contact.line, report)
        if cleaned is None:
            continue
        new.append((draft, cleaned))
        index.add(incoming, as_id=NEW_ID - len(new) + 1, by_name=False)
        report.created += 1
        if match is not None and match.a > 0:
            likely.append((len(new) - 1, match.a, match.reasons, match.score))
    if progress is not None:
        progress(total, total)
    report.organizations += bulk.ensure_organizations(owner=owner, names=companies)
    created = bulk.create_people(owner=owner, drafts=new)
    if updates:
        full = Person.objects.filter(owner=owner).in_bulk(list(updates))
        bulk.fill_in(owner=owner, updates=[(full[pid], c) for pid, (_, c) in updates.items()])
    report.updated = len(updates)
    _pair_likely(owner, created, likely, report)


def _same_person(
    pid: int,
    draft: bulk.PersonDraft,
    line: int,
    people: dict[int, SimpleNamespace],
    known: dict[int, bulk.Known],
    new: list[tuple[bulk.PersonDraft, dict[str, Any]]],
    updates: dict[int, tuple[SimpleNamespace, dict[str, Any]]],
    report: Report,
    index: Index,
) -> None:
    if pid < 0:  # someone earlier in this same file: fold the row into theirs
        cleaned = _cleaned(draft, line, report)
        if cleaned is None:
            return
        first, first_cleaned = new[NEW_ID - pid]
        for name in bulk.FILLABLE:
            if cleaned.get(name) and not first_cleaned.get(name):
                first_cleaned[name] = cleaned[name]
        first.emails = tuple(dict.fromkeys(first.emails + draft.emails))
        first.phones = tuple(dict.fromkeys(first.phones + draft.phones))
        first.circles = tuple(dict.fromkeys(first.circles + draft.circles))
        report.merged += 1
        return
    person = people[pid]
    earlier = updates.get(pid, (person, {}))[1]
    if not bulk.missing_from(person, known.get(pid), draft, draft.fields()) and not earlier:
        report.unchanged += 1  # compared raw: cleaning 30,000 unchanged rows is wasted work
        return
    cleaned = _cleaned(draft, line, report)
    if cleaned is None:
        return
    changes = bulk.missing_from(person, known.get(pid), draft, cleaned)
    for key in ("emails", "phones", "circles"):
        if key in earlier and key in changes:
            changes[key] = tuple(dict.fromkeys(earlier[key] + changes[key]))
    merged = {**changes, **{k: v for k, v in earlier.items() if k not in changes}}
    if merged:
        updates[pid] = (person, merged)
        index.add(_candidate(pid, draft))
    elif not earlier:
        report.unchanged += 1


def _pair_likely(
    owner: AbstractBaseUser,
    created: list[int],
    likely: list[tuple[int, int, tuple[str, ...], float]],
    report: Report,
) -> None:
    if not likely:
        return
    from mutuals.imports.merge import record_possible_duplicate

    for position, existing_id, reasons, score in likely:
        pair = record_possible_duplicate(
            owner=owner,
            person_id=existing_id,
            other_id=created[position],
            certainty="likely",
            reasons=reasons,
            score=score,
        )
        report.possible_duplicates += pair is not None
