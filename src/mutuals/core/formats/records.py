"""Plain records the parsers produce and the writers consume: the formats' common language."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Generic, TypeVar


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
class Contact:
    """One person as a file describes them. Empty strings for what the file leaves out.

    `line` is where the record starts in the file (1-based), for reports. A card or row that
    names only an organisation has an empty `full_name` and a non-empty `organization`.
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
    birthday: date | None = None
    photo: bytes | None = None
    photo_type: str = ""
    how_met: str = ""  # what the file says of how you know them (a LinkedIn invitation)

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
    """A readable file: the records in file order, and what was left out."""

    records: tuple[R, ...]
    skipped: tuple[Skipped, ...] = field(default=())
