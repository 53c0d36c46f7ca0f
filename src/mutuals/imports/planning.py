"""Deciding, row by row, what an import will do to your people — without writing anything.

Planning runs outside the write transaction (so a large import does not lock everyone else
out while it thinks); `imports.writing` then carries the plan out in one short transaction.

For each person a file describes, in this order:
1. Its source key (`core.formats.source_keys`) was imported before: it is that person again
   (`unchanged`, or `updated` when the row brings something new). If you deleted that person
   since, the row is left out: a re-import does not bring back someone you removed.
2. Its UID is one of our own vCard/CSV export's: it is that person.
3. `core.formats.dedupe` finds a certain match (a personal email, phone or profile, and names
   that agree): the row fills in what your record lacks (`updated`; undoable).
4. It is the same person as an earlier row of this file: folded into that row (`merged`;
   undoable).
5. Anyone else is created; a likely match (a close name, a shared office phone) is paired for
   review.
Nothing you wrote is ever overwritten: rows only fill blanks and add emails, phones, circles.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db.models import Count, Max

from mutuals.core.formats.dedupe import Candidate, Index
from mutuals.core.formats.records import Contact
from mutuals.imports.extras import Extras, Held, extras_of
from mutuals.imports.models import SourceRecord
from mutuals.people import bulk
from mutuals.people.models import EmailAddress, Person, PhoneNumber
from mutuals.people.services import EMAIL, NOTES_LIMIT, split_full_name

NEW_ID = -1  # people created by this import get negative ids until they are saved
PROGRESS_EVERY = 500
Progress = Callable[[int, int], None]
Skip = Callable[[int, str], None]


@dataclass(frozen=True)
class Incoming:
    """One row of a file that describes a person, with the key its source knows it by."""

    contact: Contact
    key: str
    how_met: str = ""
    tier: str | None = None


@dataclass
class NewPerson:
    """Someone this import creates (from the first row that describes them)."""

    line: int
    key: str
    contact: Contact
    draft: bulk.PersonDraft
    cleaned: dict[str, Any]
    keys: list[str] = field(default_factory=list)  # every source key that leads to them
    extras: Extras = field(default_factory=Extras)


@dataclass
class Joined:
    """A row that went to a person who exists already or is created by an earlier row.

    `person` is an existing id (> 0) or `NEW_ID - index` for `Plan.new[index]`. `added` is
    what this row brings that the person lacked (fields, organisation, emails, phones,
    circles); `undoable` rows become a Merge that can split the row off again."""

    line: int
    key: str
    person: int
    outcome: str  # "updated", "merged" or "unchanged"
    why: str
    name: str
    added: dict[str, Any]
    draft: bulk.PersonDraft | None = None
    cleaned: dict[str, Any] | None = None
    undoable: bool = False


@dataclass
class Plan:
    new: list[NewPerson] = field(default_factory=list)
    joined: list[Joined] = field(default_factory=list)
    likely: list[tuple[int, int, tuple[str, ...], float]] = field(default_factory=list)
    companies: list[str] = field(default_factory=list)
    left_out: list[tuple[int, str, str]] = field(default_factory=list)  # line, name, why


@dataclass
class State:
    """What planning reads of your records: people as light rows, their details, the dedupe
    index, the source keys imported before, and a stamp to notice a change since."""

    people: dict[int, SimpleNamespace]
    known: dict[int, bulk.Known]
    index: Index
    sources: dict[str, int | None]
    own_uids: dict[str, int]
    stamp: tuple[Any, ...]
    saved_keys: frozenset[str] = frozenset()  # the source keys already in the database
    held: Held = field(default_factory=lambda: Held({}, set(), set()))


_EXISTING_FIELDS = (
    "id",
    "full_name",
    "organization_id",
    "organization__name",
    "updated_at",
    *bulk.FILLABLE,
)


def stamp(owner: AbstractBaseUser) -> tuple[Any, ...]:
    """Changes whenever someone's people, emails, phones or source records change (two
    aggregate queries and two counts), so a plan made before the write lock can be checked."""
    people = Person.objects.filter(owner=owner).aggregate(
        n=Count("id"), top=Max("id"), changed=Max("updated_at")
    )
    return (
        people["n"],
        people["top"],
        people["changed"],
        EmailAddress.objects.filter(person__owner=owner).count(),
        PhoneNumber.objects.filter(person__owner=owner).count(),
        SourceRecord.objects.filter(owner=owner).aggregate(n=Count("id"), top=Max("id"))["top"],
    )


def read_state(owner: AbstractBaseUser, kind: str) -> State:
    """Everything planning needs, read once (no model instances: 30,000 cost seconds)."""
    from mutuals.exports.selectors import person_uid

    before = stamp(owner)
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
    sources = dict(
        SourceRecord.objects.filter(owner=owner, kind=kind).values_list("key", "person_id")
    )
    from mutuals.core.formats.source_keys import uid_key

    own_uids = {uid_key(person_uid(owner, pid)): pid for pid in people}
    known = bulk.known_details(owner=owner, emails=emails, phones=phones)
    held = Held.read(owner)
    return State(people, known, index, sources, own_uids, before, frozenset(sources), held)


# ---- one row at a time -----------------------------------------------------------------------


def draft_of(contact: Contact, tier: str | None, how_met: str) -> bulk.PersonDraft:
    """The person a row describes, as the bulk writer takes it."""
    first, middle, last = contact.first_name, contact.middle_name, contact.last_name
    if not (first or last or contact.nickname):
        parts = split_full_name(contact.full_name)
        first, middle, last = parts["first_name"], parts["middle_name"], parts["last_name"]
    draft = bulk.PersonDraft(
        first_name=first[:100],
        middle_name=middle[:100],
        last_name=last[:100],
        nickname=contact.nickname[:100],
        linkedin_url=contact.linkedin_url,
        organization=contact.organization[:200],
        title=contact.title[:200],
        location=contact.location[:200],
        notes=contact.notes[:NOTES_LIMIT],
        how_met=(contact.how_met or how_met)[:300],
        tier=tier,
        known_since=contact.connected_on,
        circles=tuple(c[:60] for c in contact.circles),
        emails=tuple((e.value, e.label) for e in contact.emails),
        phones=tuple((p.value[:40], p.label) for p in contact.phones),
    )
    _names_as_written(draft, contact)
    return draft


def _names_as_written(draft: bulk.PersonDraft, contact: Contact) -> None:
    """The display name, prefix, suffix and phonetic name, where the draft can hold them."""
    values = {
        "display_name": contact.full_name[:320],
        "name_prefix": getattr(contact, "prefix", "")[:40],
        "name_suffix": getattr(contact, "suffix", "")[:40],
        "phonetic_name": getattr(contact, "phonetic_name", "")[:200],
    }
    for name, value in values.items():
        if hasattr(draft, name):
            setattr(draft, name, value)


def candidate_of(pid: int, draft: bulk.PersonDraft, full_name: str = "") -> Candidate:
    name = " ".join(p for p in (draft.first_name, draft.middle_name, draft.last_name) if p)
    return Candidate(
        id=pid,
        full_name=full_name or name or draft.nickname,
        emails=tuple(a for a, _ in draft.emails),
        phones=tuple(n for n, _ in draft.phones),
        linkedin_url=draft.linkedin_url,
        organization=draft.organization,
    )


def _valid_emails(draft: bulk.PersonDraft, line: int, skip: Skip) -> None:
    kept = []
    for address, label in draft.emails:
        try:
            EMAIL(address)
        except ValidationError:
            skip(line, f"'{address[:60]}' is not an email address; left out")
        else:
            kept.append((address, label))
    draft.emails = tuple(kept)


def cleaned_of(draft: bulk.PersonDraft, line: int, skip: Skip, today: Any) -> dict[str, Any] | None:
    """The draft's cleaned fields; an optional field that fails is left out with a note."""
    _valid_emails(draft, line, skip)
    for _ in range(4):
        try:
            return bulk.clean_draft(draft, today)
        except ValidationError as error:
            fields = error.message_dict
            optional = set(bulk.FILLABLE) | {"notes", "display_name"}
            if not set(fields) <= optional:
                skip(line, " ".join(m for ms in fields.values() for m in ms))
                return None
            for name, messages in fields.items():
                skip(line, f"{name.replace('_', ' ')} left out: {' '.join(messages)}")
                setattr(draft, name, None if name == "known_since" else "")
    return None


# ---- the plan ---------------------------------------------------------------------------------


class Planner:
    """Plans one file's people against `state`; `plan` holds the result."""

    def __init__(self, state: State, skip: Skip, today: Any) -> None:
        self.state = state
        self.skip = skip
        self.today = today
        self.plan = Plan()
        # What each existing person has gained so far from earlier rows of this file.
        self._gained: dict[int, dict[str, Any]] = {}
        # Dates and photos to add, by planning id (negative: a person this import creates).
        self.extras: list[tuple[int, Extras]] = []

    def run(self, rows: Sequence[Incoming], progress: Progress | None = None) -> Plan:
        drafts = [
            None
            if row.contact.is_organization_only
            else draft_of(row.contact, row.tier, row.how_met)
            for row in rows
        ]
        # Declared first, so an email or phone two rows carry under different names (a
        # switchboard, a family address) is known to be shared before anyone is matched by it.
        incoming = [
            candidate_of(0, draft, row.contact.full_name)
            for row, draft in zip(rows, drafts, strict=True)
            if draft is not None
        ]
        self.state.index.note_incoming(incoming)
        total = len(rows)
        for done, (row, draft) in enumerate(zip(rows, drafts, strict=True), start=1):
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, total)
            if draft is None:
                self.plan.companies.append(row.contact.organization)
            else:
                self.add(row, draft)
        if progress is not None:
            progress(total, total)
        return self.plan

    def add(self, row: Incoming, draft: bulk.PersonDraft) -> None:
        contact = row.contact
        name = contact.full_name or candidate_of(0, draft).full_name
        if len(contact.notes) > NOTES_LIMIT:
            self.skip(contact.line, f"notes cut to their first {NOTES_LIMIT:,} characters")
        known = self._known_source(row.key, getattr(contact, "uid", ""))
        if known is not None:
            pid, why = known
            if pid is None:
                self.plan.left_out.append(
                    (contact.line, name, "you removed this person after an earlier import")
                )
            elif pid < 0:
                self._fold_into_new(row, draft, name, pid, why)
            else:
                self._fill(row, draft, name, pid, why, undoable=False)
            return
        incoming = candidate_of(0, draft, contact.full_name)
        match = self.state.index.lookup(incoming)
        if match is not None and match.certainty == "certain":
            why = ", ".join(match.reasons)
            if match.a < 0:
                self._fold_into_new(row, draft, name, match.a, why)
            else:
                self._fill(row, draft, name, match.a, why, undoable=True)
            return
        self._create(row, draft, incoming, match)

    def _known_source(self, key: str, uid: str) -> tuple[int | None, str] | None:
        sources = self.state.sources
        if key in sources:
            pid = sources[key]
            if key in self.state.saved_keys:
                return pid, "the same record as an earlier import"
            return pid, "the same record twice in this file"
        if uid:
            from mutuals.core.formats.source_keys import uid_key

            pid = self.state.own_uids.get(uid_key(uid))
            if pid is not None:
                return pid, "exported from mutuals: the same UID"
        return None

    def _create(
        self, row: Incoming, draft: bulk.PersonDraft, incoming: Candidate, match: Any
    ) -> None:
        cleaned = cleaned_of(draft, row.contact.line, self.skip, self.today)
        if cleaned is None:
            return
        new = self.plan.new
        new.append(NewPerson(row.contact.line, row.key, row.contact, draft, cleaned, [row.key]))
        pid = NEW_ID - len(new) + 1
        extras = self.state.held.take(pid, extras_of(row.contact, self.today, self.skip))
        if extras:
            self.extras.append((pid, extras))
        self.state.index.add(incoming, as_id=pid, by_name=False)
        self.state.sources[row.key] = pid
        if match is not None:
            # `match.a` is someone you had, or (negative) an earlier row's new person: a
            # switchboard shared by two cards in one file makes a pair to review too.
            self.plan.likely.append((len(new) - 1, match.a, match.reasons, match.score))

    def _fold_into_new(
        self, row: Incoming, draft: bulk.PersonDraft, name: str, pid: int, why: str
    ) -> None:
        """The same person as an earlier row of this file: add what this row brings."""
        line = row.contact.line
        cleaned = cleaned_of(draft, line, self.skip, self.today)
        if cleaned is None:
            return
        first = self.plan.new[NEW_ID - pid]
        added: dict[str, Any] = {
            name: cleaned[name]
            for name in bulk.FILLABLE
            if cleaned.get(name) and not first.cleaned.get(name)
        }
        first.cleaned.update(added)
        if draft.organization and not first.draft.organization:
            first.draft.organization = added["organization"] = draft.organization
        for key in ("emails", "phones", "circles"):
            have = getattr(first.draft, key)
            extra = tuple(v for v in dict.fromkeys(getattr(draft, key)) if v not in have)
            if extra:
                setattr(first.draft, key, have + extra)
                added[key] = extra
        self._take_extras(pid, row, added)
        if row.key not in first.keys:
            first.keys.append(row.key)
            self.state.sources[row.key] = pid
        self._learn(pid, draft, first.contact.full_name or first.cleaned.get("display_name", ""))
        why = why if why.startswith("the same") else f"{why}, as on line {first.line}"
        self.plan.joined.append(
            Joined(line, row.key, pid, "merged", why, name, added, draft, cleaned, bool(added))
        )

    def _fill(
        self,
        row: Incoming,
        draft: bulk.PersonDraft,
        name: str,
        pid: int,
        why: str,
        *,
        undoable: bool,
    ) -> None:
        """A person you have: fill in what they lack (never overwrite)."""
        person = self.state.people[pid]
        gained = self._gained.get(pid, {})
        known = self.state.known.get(pid)
        line = row.contact.line
        joined = Joined(line, row.key, pid, "unchanged", why, name, {})
        self.plan.joined.append(joined)
        self.state.sources[row.key] = pid
        added: dict[str, Any] = {}
        self._take_extras(pid, row, added)
        # Compared raw first: cleaning 30,000 unchanged rows is wasted work.
        if not added and not bulk.missing_from(person, known, draft, draft.fields()):
            return
        cleaned = cleaned_of(draft, line, self.skip, self.today)
        if cleaned is None:
            return
        changes = bulk.missing_from(person, known, draft, cleaned)
        for key, value in changes.items():
            if key in ("emails", "phones", "circles"):
                extra = tuple(v for v in value if v not in gained.get(key, ()))
                if extra:
                    added[key] = extra
            elif key not in gained:
                added[key] = value
        if not added:
            return
        for key, value in added.items():
            if key in ("dates", "photo"):
                continue
            gained[key] = gained.get(key, ()) + value if isinstance(value, tuple) else value
        self._gained[pid] = gained
        self._learn(pid, draft, person.full_name)
        joined.outcome, joined.added = "updated", added
        joined.draft, joined.cleaned, joined.undoable = draft, cleaned, undoable

    def _take_extras(self, pid: int, row: Incoming, added: dict[str, Any]) -> None:
        """The row's dates and photo the person lacks: to add, and noted in `added` so an
        undo moves them to the row's own person."""
        want_photo = not self.state.held.has_photo(pid)
        extras = extras_of(row.contact, self.today, self.skip, photo=want_photo)
        taken = self.state.held.take(pid, extras) if extras else extras
        if not taken:
            return
        self.extras.append((pid, taken))
        if taken.dates:
            added["dates"] = [list(d) for d in taken.dates]
        if taken.photo is not None:
            added["photo"] = taken.photo.sha256

    def _learn(self, pid: int, draft: bulk.PersonDraft, known_name: str) -> None:
        """The person now also has the row's identifiers (and its name, if they had none), so
        later rows are compared with all of it."""
        name = known_name or " ".join(p for p in (draft.first_name, draft.last_name) if p)
        self.state.index.add(candidate_of(pid, draft, name), as_id=pid, by_name=False)

    @property
    def updates(self) -> dict[int, dict[str, Any]]:
        """What each existing person gains, merged over the file's rows."""
        return self._gained
