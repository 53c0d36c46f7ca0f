"""Plain records the parsers produce and the writers consume: the formats' common language.

Every string in a record is clean text: no NUL or other C0 control characters except newline
and tab (PostgreSQL rejects NUL in text, and the others only ever arrive as damage).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Generic, TypeVar

# A leap year: a day and month without a year may be 29 February.
_ANY_LEAP_YEAR = 2000
_ISO_PARTIAL = re.compile(r"(?:--|(\d{4})-)(\d{2})-(\d{2})", re.ASCII)


class FileRejected(Exception):
    """The file cannot be read at all; nothing in it should be imported.

    `line` is the 1-based line (or record number, for formats without lines) where reading
    failed, or None when the problem is the whole file (empty, not a zip, wrong format).
    """

    def __init__(self, message: str, *, line: int | None = None) -> None:
        self.message = message
        self.line = line
        super().__init__(f"line {line}: {message}" if line is not None else message)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record left out of a readable file, and why (shown in the import report)."""

    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class Labelled:
    """An email address or phone number with its label ("work", "mobile", "Home"...)."""

    value: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar day that may lack its year: a birthday kept as "--04-15" is still a birthday.

    Validates itself: a real day of the month (29 February only in a leap year, or without a
    year), a year from 1 to 9999 when there is one. ValueError otherwise.
    """

    year: int | None
    month: int
    day: int

    def __post_init__(self) -> None:
        year = _ANY_LEAP_YEAR if self.year is None else self.year
        date(year, self.month, self.day)  # raises ValueError for a day that does not exist

    def isoformat(self) -> str:
        """ "1985-04-15", or "--04-15" without a year (ISO 8601:2000, as vCard writes it)."""
        day = f"{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{day}" if self.year is not None else f"--{day}"

    @classmethod
    def fromisoformat(cls, text: str) -> PartialDate:
        """The date `isoformat` wrote; ValueError for anything else."""
        found = _ISO_PARTIAL.fullmatch(text)
        if found is None:
            raise ValueError(f"not a date in ISO form: {text!r}")
        year, month, day = found.groups()
        return cls(int(year) if year else None, int(month), int(day))

    def to_date(self) -> date | None:
        """The full date, or None when the year is unknown."""
        return date(self.year, self.month, self.day) if self.year is not None else None


@dataclass(frozen=True, slots=True)
class Contact:
    """One person as a file describes them. Empty strings for what the file leaves out.

    `line` is where the record starts in the file (1-based), for reports. A card or row that
    names only an organisation has an empty `full_name` and a non-empty `organization`.

    `full_name` is the display name exactly as the source writes it (vCard FN, LinkedIn's
    "First Last", Google's "Name" or "File As"); only a source without one has it built from
    the parts (`person_names.display_name`). `prefix` and `suffix` are "Dr." and "Jr."-like
    parts; `phonetic_name` is how the name is read, joined as a person would say it. `uid` is
    the record's own id in its source (vCard UID, a mapped "ID" column). `unmapped` names, in
    words ("instant messaging", "street address", "column 'Spouse'"), what the record carried
    that mutuals has no place for, for the import report's "not imported".
    """

    line: int
    full_name: str = ""
    first_name: str = ""
    middle_name: str = ""
    last_name: str = ""
    nickname: str = ""
    emails: tuple[Labelled, ...] = ()
    phones: tuple[Labelled, ...] = ()
    linkedin_url: str = ""
    organization: str = ""
    title: str = ""
    location: str = ""
    notes: str = ""
    circles: tuple[str, ...] = ()
    connected_on: date | None = None
    birthday: PartialDate | None = None
    photo: bytes | None = None
    photo_type: str = ""
    how_met: str = ""  # what the file says of how you know them (a LinkedIn invitation)
    prefix: str = ""
    suffix: str = ""
    phonetic_name: str = ""
    uid: str = ""
    anniversary: PartialDate | None = None
    unmapped: tuple[str, ...] = ()

    @property
    def is_organization_only(self) -> bool:
        return not self.full_name and bool(self.organization)


@dataclass(frozen=True, slots=True)
class Message:
    """One message of a conversation (LinkedIn messages.csv)."""

    line: int
    conversation_id: str
    sent_at: datetime
    sender_name: str
    sender_url: str
    recipient_names: tuple[str, ...]
    recipient_urls: tuple[str, ...]
    subject: str = ""
    content: str = ""
    from_me: bool = False


@dataclass(frozen=True, slots=True)
class Conversation:
    """A conversation with one or more people: becomes one interaction per day it was active."""

    conversation_id: str
    other_names: tuple[str, ...]
    other_urls: tuple[str, ...]
    started_at: datetime
    last_at: datetime
    days: tuple[date, ...]
    first_from_me: bool
    message_count: int
    subject: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Invitation:
    """A LinkedIn invitation (Invitations.csv): who invited whom, when, with what message."""

    line: int
    name: str
    profile_url: str
    sent_at: datetime
    outgoing: bool
    message: str = ""


@dataclass(frozen=True, slots=True)
class Meeting:
    """A calendar event (.ics) with the attendees' emails (organiser included, lower-cased)."""

    line: int
    uid: str
    summary: str
    start: datetime
    end: datetime | None
    attendee_emails: tuple[str, ...]
    organizer_email: str = ""
    location: str = ""
    description: str = ""


R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Parsed(Generic[R]):
    """A readable file: the records in file order, what was left out, and what the report
    should say about the file as a whole (`notes`: sentences, e.g. how its dates were read)."""

    records: tuple[R, ...]
    skipped: tuple[Skipped, ...] = field(default=())
    notes: tuple[str, ...] = field(default=())
