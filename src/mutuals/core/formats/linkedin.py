"""LinkedIn's data export: Connections.csv, messages.csv, Invitations.csv and Positions.csv,
alone or zipped.

Quirks handled, as the files really arrive:
- Connections.csv opens with a "Notes:" preamble before its header, is often translated
  (German "Vorname,Nachname,...", French, Spanish), carries a byte-order mark and CRLF, and
  leaves most emails empty. Rows with only a date are members who hide their details: skipped.
  Exports from about 2018 have no URL column, dates like "1/8/18, 6:14 PM", and member URNs
  ("urn:li:member:...") where emails should be: those are not emails and are dropped. A date
  that cannot be read keeps the connection, undated, and says so in the skipped list.
- The same file opened and saved again in Excel loses its preamble, may lose or gain a
  byte-order mark, may be separated by semicolons (where the decimal mark is a comma), and has
  its dates rewritten ("9-Sep-22", "1/9/2022"): `file_dates` reads them, deciding day/month
  order for the whole file and saying how in `Parsed.notes`.
- messages.csv has one row per message with varying trailing columns; sponsored InMail
  ("LinkedIn Member" senders, spam/sponsored folders) and drafts are skipped. "Me" is the
  most frequent sender profile URL (or sender name, when there are no URLs). Messages are
  grouped by conversation id; older exports without ids ("From,To,Date,Subject,Content,
  Direction,Folder") are grouped by the other person.
- Invitations.csv: "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl".
- Positions.csv (your own work history): "Company Name,Title,Description,Location,Started On,
  Finished On", months written "Mar 2019" (sometimes only "2019"), an empty Finished On for
  where you work now, descriptions spanning several lines inside quotes, and the same job
  sometimes written twice: kept once (`core.formats.source_keys.position_key`).
- The export zip: files are found by name anywhere in it. Zip bombs are refused (`safe_zip`):
  too many members, one member over MAX_MEMBER_BYTES, or the files read together over
  MAX_EXPORT_BYTES uncompressed, declared sizes checked first and real bytes counted while
  decompressing, since declared sizes can lie.
All times are read as UTC. Profile URLs are normalised (https, www.linkedin.com, lower-case
path, no query or trailing slash) because that is the key duplicates are found by.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TypeVar

from mutuals.core import positions
from mutuals.core.formats import safe_zip, text
from mutuals.core.formats.csv_rows import column
from mutuals.core.formats.file_dates import MONTHS, read_dates
from mutuals.core.formats.records import (
    Contact,
    Conversation,
    FileRejected,
    Invitation,
    Labelled,
    Message,
    Parsed,
    Skipped,
)

MAX_MEMBER_BYTES = 200 * 1024 * 1024
MAX_EXPORT_BYTES = 250 * 1024 * 1024  # the files read, together, uncompressed
MAX_MEMBERS = 10_000

CONNECTION_COLUMNS = {
    "first": ("First Name", "Vorname", "Prénom", "Nombre"),
    "last": ("Last Name", "Nachname", "Nom", "Apellidos"),
    "url": ("URL",),
    "email": (
        "Email Address",
        "E-Mail-Adresse",
        "Adresse e-mail",
        "Dirección de correo electrónico",
    ),
    "company": ("Company", "Unternehmen", "Entreprise", "Empresa"),
    "position": ("Position", "Poste", "Cargo"),
    "connected": ("Connected On", "Verbunden am", "Date de connexion", "Conectado el"),
}
MESSAGE_COLUMNS = {
    "id": ("CONVERSATION ID",),
    "title": ("CONVERSATION TITLE",),
    "from": ("FROM",),
    "from_url": ("SENDER PROFILE URL",),
    "to": ("TO",),
    "to_urls": ("RECIPIENT PROFILE URLS",),
    "date": ("DATE",),
    "subject": ("SUBJECT",),
    "content": ("CONTENT",),
    "folder": ("FOLDER",),
    "direction": ("DIRECTION",),
}
INVITATION_COLUMNS = {
    "from": ("From",),
    "to": ("To",),
    "sent": ("Sent At",),
    "message": ("Message",),
    "direction": ("Direction",),
    "from_url": ("inviterProfileUrl",),
    "to_url": ("inviteeProfileUrl",),
}
POSITION_COLUMNS = {
    "company": ("Company Name",),
    "title": ("Title",),
    "description": ("Description",),
    "location": ("Location",),
    "started": ("Started On",),
    "finished": ("Finished On",),
}
CONNECTIONS_REQUIRED = ("first", "last")
POSITIONS_REQUIRED = ("company", "title", "started")
MESSAGES_REQUIRED = ("from", "date", "content")
INVITATIONS_REQUIRED = ("from", "to", "sent", "direction")

_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\.?\s+([^\W\d_]+)\.?\s+(\d{4})")
_US_DATE = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})\s*([AaPp][Mm]))?"
)
_URL = re.compile(r"(?:https?://)?([^/?#\s]+)([^?#\s]*)", re.IGNORECASE)
_NORMAL_URL_PREFIX = "https://www.linkedin.com/in/"
_SPONSORED_FOLDERS = ("SPAM", "SPONSORED")


def normalize_linkedin_url(url: str) -> str:
    """The canonical form of a LinkedIn URL, or "" when `url` is not one."""
    url = url.strip()
    if (
        url.startswith(_NORMAL_URL_PREFIX)
        and url.islower()
        and not url.endswith("/")
        and "?" not in url
        and "#" not in url
    ):
        return url
    match = _URL.fullmatch(url) or _URL.match(url)
    if match is None:
        return ""
    host = match.group(1).lower().rsplit("@", 1)[-1].split(":", 1)[0]
    if host != "linkedin.com" and not host.endswith(".linkedin.com"):
        return ""
    path = match.group(2).rstrip("/").lower()
    return f"https://www.linkedin.com{path}" if path else ""


# Connections.csv


def parse_connections(data: bytes) -> Parsed[Contact]:
    """The connections in a Connections.csv, in file order."""
    table = text.find_table(text.decode(data), CONNECTION_COLUMNS, CONNECTIONS_REQUIRED)
    if table is None:
        raise FileRejected(
            "this doesn't look like LinkedIn's Connections.csv: no header with First Name and "
            "Last Name; export Connections from LinkedIn's 'Get a copy of your data' page"
        )
    others = table.other_columns()
    rows = list(text.cells(table, tuple(CONNECTION_COLUMNS), [index for index, _ in others]))
    dates = read_dates((row[6] for _, row in rows), day_first_hint=_locale(table))
    on_day = {value: day.to_date() if day else None for value, day in dates.dates.items()}
    contacts: list[Contact] = []
    skipped: list[Skipped] = []
    for line, cells in rows:
        first, last, url, email, company, position, connected, *extra = cells
        if not first and not last:
            hidden = connected and not (url or email or company or position or any(extra))
            reason = "a hidden member: LinkedIn gives only the date" if hidden else "no name"
            skipped.append(Skipped(line, reason))
            continue
        on = on_day.get(connected) if connected else None
        if connected and on is None:
            skipped.append(Skipped(line, f"date {connected!r} not understood; kept undated"))
        contacts.append(
            Contact(
                line=line,
                full_name=f"{first} {last}".strip(),
                first_name=first,
                last_name=last,
                emails=(Labelled(email),) if "@" in email and ":" not in email else (),
                linkedin_url=normalize_linkedin_url(url) if url else "",
                organization=company,
                title=position,
                connected_on=on,
                unmapped=_unmapped(others, extra) if extra else (),
            )
        )
    return Parsed(tuple(contacts), tuple(skipped), (dates.note,) if dates.note else ())


def _unmapped(others: tuple[tuple[int, str], ...], cells: list[str]) -> tuple[str, ...]:
    return tuple(column(name) for (_, name), v in zip(others, cells, strict=True) if v)


_DAY_FIRST_LOCALES = {"vorname": "German", "prenom": "French", "nombre": "Spanish"}


def _locale(table: text.Table) -> str:
    """What in the file says its dates are written day first, or ""."""
    first = text.fold(table.header[table.columns["first"]]) if table.header else ""
    language = _DAY_FIRST_LOCALES.get(first)
    return f"the file's {language} column names" if language else ""


def parse_linkedin_datetime(value: str) -> datetime | None:
    """A UTC datetime from the forms LinkedIn has used, or None when unreadable.

    "14 Feb 2023" (and translated months), "1/8/18, 6:14 PM" (US month first), ISO
    "2023-02-14 18:14:03 UTC".
    """
    value = value.strip()
    try:
        if value[:4].isdigit():
            return _iso(value)
        if match := _DAY_MONTH_YEAR.fullmatch(value):
            day, month, year = match.groups()
            return datetime(int(year), MONTHS[month.casefold()], int(day), tzinfo=UTC)
        if match := _US_DATE.fullmatch(value):
            return _us_datetime(*match.groups())
    except (ValueError, KeyError, OverflowError):
        return None
    return None


def _iso(value: str) -> datetime:
    if value.endswith(" UTC"):
        value = value[:-4]
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _us_datetime(
    month: str, day: str, year: str, hour: str | None, minute: str | None, noon: str | None
) -> datetime:
    full_year = int(year) + (2000 if len(year) == 2 else 0)
    hours = 0
    if hour is not None and noon is not None:
        hours = int(hour) % 12 + (12 if noon.upper() == "PM" else 0)
    return datetime(full_year, int(month), int(day), hours, int(minute or 0), tzinfo=UTC)


# messages.csv


def parse_message_rows(data: bytes) -> Parsed[Message]:
    """Every message of a messages.csv, with `from_me` set; sponsored rows and drafts skipped."""
    table = text.find_table(text.decode(data), MESSAGE_COLUMNS, MESSAGES_REQUIRED)
    if table is None:
        raise FileRejected(
            "this doesn't look like LinkedIn's messages.csv: no header with FROM, DATE and "
            "CONTENT; export Messages from LinkedIn's 'Get a copy of your data' page"
        )
    kept: list[tuple[Message, str]] = []
    skipped: list[Skipped] = []
    for line, cells in text.cells(table, tuple(MESSAGE_COLUMNS)):
        message, direction, reason = _message(line, dict(zip(MESSAGE_COLUMNS, cells, strict=True)))
        if message is None:
            skipped.append(Skipped(line, reason))
        else:
            kept.append((message, direction))
    return Parsed(tuple(_mark_mine(kept)), tuple(skipped))


def _message(line: int, row: dict[str, str]) -> tuple[Message | None, str, str]:
    sender, folder = row["from"], row["folder"].upper()
    if folder in ("DRAFT", "DRAFTS"):
        return None, "", "a draft, never sent"
    if sender.casefold() == "linkedin member" or any(f in folder for f in _SPONSORED_FOLDERS):
        return None, "", "sponsored or spam message"
    sent_at = parse_linkedin_datetime(row["date"])
    if sent_at is None:
        return None, "", f"date {row['date']!r} not understood"
    direction = row["direction"].upper()
    recipients = tuple(n.strip() for n in row["to"].split(",") if n.strip())
    message = Message(
        line=line,
        conversation_id=row["id"] or _old_conversation_id(sender, recipients, direction),
        sent_at=sent_at,
        sender_name=sender,
        sender_url=normalize_linkedin_url(row["from_url"]),
        recipient_names=recipients,
        recipient_urls=tuple(
            u for u in map(normalize_linkedin_url, row["to_urls"].split(",")) if u
        ),
        subject=row["subject"] or row["title"],
        content=row["content"],
    )
    return message, direction, ""


def _old_conversation_id(sender: str, recipients: tuple[str, ...], direction: str) -> str:
    other = ", ".join(recipients) if direction == "OUTGOING" else sender
    return f"with {other}"


def _mark_mine(kept: list[tuple[Message, str]]) -> Iterator[Message]:
    by_url = Counter(m.sender_url for m, _ in kept if m.sender_url)
    by_name = Counter(m.sender_name for m, _ in kept if m.sender_name)
    my_url = by_url.most_common(1)[0][0] if by_url else ""
    my_name = by_name.most_common(1)[0][0] if by_name and not my_url else ""
    for message, direction in kept:
        if direction:
            mine = direction == "OUTGOING"
        elif my_url:
            mine = message.sender_url == my_url
        else:
            mine = message.sender_name == my_name
        yield dataclasses.replace(message, from_me=True) if mine else message


def parse_messages(data: bytes) -> Parsed[Conversation]:
    """The conversations of a messages.csv, in the order they first appear in the file."""
    rows = parse_message_rows(data)
    my_names = {m.sender_name for m in rows.records if m.from_me}
    my_urls = {m.sender_url for m in rows.records if m.from_me}
    threads: dict[str, list[Message]] = {}
    for message in rows.records:
        threads.setdefault(message.conversation_id, []).append(message)
    conversations = (_conversation(ms, my_names, my_urls) for ms in threads.values())
    return Parsed(tuple(conversations), rows.skipped)


def _conversation(messages: list[Message], my_names: set[str], my_urls: set[str]) -> Conversation:
    names: dict[str, None] = {}
    urls: dict[str, None] = {}
    for m in messages:
        names.update(dict.fromkeys((m.sender_name, *m.recipient_names)))
        urls.update(dict.fromkeys((m.sender_url, *m.recipient_urls)))
    in_order = sorted(messages, key=lambda m: m.sent_at)
    return Conversation(
        conversation_id=messages[0].conversation_id,
        other_names=tuple(n for n in names if n and n not in my_names),
        other_urls=tuple(u for u in urls if u and u not in my_urls),
        started_at=in_order[0].sent_at,
        last_at=in_order[-1].sent_at,
        days=tuple(sorted({m.sent_at.date() for m in messages})),
        first_from_me=in_order[0].from_me,
        message_count=len(messages),
        subject=next((m.subject for m in messages if m.subject), ""),
        line=messages[0].line,
    )


# Invitations.csv


def parse_invitations(data: bytes) -> Parsed[Invitation]:
    """The invitations in an Invitations.csv; `name` and `profile_url` are the other person."""
    table = text.find_table(text.decode(data), INVITATION_COLUMNS, INVITATIONS_REQUIRED)
    if table is None:
        raise FileRejected(
            "this doesn't look like LinkedIn's Invitations.csv: no header with From, To, "
            "Sent At and Direction"
        )
    invitations: list[Invitation] = []
    skipped: list[Skipped] = []
    for line, cells in text.cells(table, tuple(INVITATION_COLUMNS)):
        row = dict(zip(INVITATION_COLUMNS, cells, strict=True))
        direction = row["direction"].upper()
        sent_at = parse_linkedin_datetime(row["sent"])
        outgoing = direction == "OUTGOING"
        name = row["to"] if outgoing else row["from"]
        url = normalize_linkedin_url(row["to_url"] if outgoing else row["from_url"])
        if direction not in ("OUTGOING", "INCOMING"):
            skipped.append(Skipped(line, f"direction {direction!r} is neither sent nor received"))
        elif sent_at is None:
            skipped.append(Skipped(line, f"date {row['sent']!r} not understood"))
        elif not name and not url:
            skipped.append(Skipped(line, "no name or profile for the other person"))
        else:
            invitations.append(
                Invitation(line, name, url, sent_at, outgoing, message=row["message"])
            )
    return Parsed(tuple(invitations), tuple(skipped))


# Positions.csv


@dataclass(frozen=True, slots=True)
class Position:
    """One of your own positions: where you worked, as what, and the months (the first of
    each); `finished_on` None means you work there now."""

    line: int
    company: str
    title: str = ""
    location: str = ""
    description: str = ""
    started_on: date | None = None
    finished_on: date | None = None


def parse_positions(data: bytes) -> Parsed[Position]:
    """Your positions in a Positions.csv, in file order. A row without a company, or with an
    end that cannot be read (it would look current), is left out and says why; a start that
    cannot be read keeps the position, undated."""
    table = text.find_table(text.decode(data), POSITION_COLUMNS, POSITIONS_REQUIRED)
    if table is None:
        raise FileRejected(
            "this doesn't look like LinkedIn's Positions.csv: no header with Company Name, "
            "Title and Started On"
        )
    found: list[Position] = []
    skipped: list[Skipped] = []
    for line, cells in text.cells(table, tuple(POSITION_COLUMNS)):
        company, title, description, location, started, finished = cells
        if not company:
            skipped.append(Skipped(line, "a position without a company name"))
            continue
        finished_on = positions.read_month(finished)
        if finished and finished_on is None:
            skipped.append(Skipped(line, f"end {finished!r} not understood; left out"))
            continue
        started_on = positions.read_month(started)
        if started and started_on is None:
            skipped.append(Skipped(line, f"start {started!r} not understood; kept undated"))
        found.append(Position(line, company, title, location, description, started_on, finished_on))
    return Parsed(tuple(found), tuple(skipped))


# The export as a whole


@dataclass(frozen=True, slots=True)
class LinkedInExport:
    """What an export contained; None for a file that was not in it."""

    connections: Parsed[Contact] | None = None
    messages: Parsed[Conversation] | None = None
    invitations: Parsed[Invitation] | None = None
    positions: Parsed[Position] | None = None


_FILES = {
    "connections.csv": "connections",
    "messages.csv": "messages",
    "invitations.csv": "invitations",
    "positions.csv": "positions",
}


def read_export(data: bytes) -> LinkedInExport:
    """An export zip as downloaded, or one of its CSV files on its own."""
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return _export(_read_zip(data))
    kind = _sniff(data)
    if kind is None:
        raise FileRejected(
            "this is neither LinkedIn's export zip nor its Connections.csv, messages.csv, "
            "Invitations.csv or Positions.csv"
        )
    return _export({kind: ("", data)})


def _sniff(data: bytes) -> str | None:
    decoded = text.decode(data)
    for kind, columns, required in (
        ("invitations", INVITATION_COLUMNS, INVITATIONS_REQUIRED),
        ("messages", MESSAGE_COLUMNS, MESSAGES_REQUIRED),
        ("connections", CONNECTION_COLUMNS, CONNECTIONS_REQUIRED),
        ("positions", POSITION_COLUMNS, POSITIONS_REQUIRED),
    ):
        if text.find_table(decoded, columns, required) is not None:
            return kind
    return None


def _export(files: dict[str, tuple[str, bytes]]) -> LinkedInExport:
    return LinkedInExport(
        connections=_parse_file(files.get("connections"), parse_connections),
        messages=_parse_file(files.get("messages"), parse_messages),
        invitations=_parse_file(files.get("invitations"), parse_invitations),
        positions=_parse_file(files.get("positions"), parse_positions),
    )


_R = TypeVar("_R")


def _parse_file(
    file: tuple[str, bytes] | None, parse: Callable[[bytes], Parsed[_R]]
) -> Parsed[_R] | None:
    if file is None:
        return None
    name, content = file
    try:
        return parse(content)
    except FileRejected as error:
        if not name:
            raise
        raise FileRejected(f"in {name}: {error.message}", line=error.line) from None


def _read_zip(data: bytes) -> dict[str, tuple[str, bytes]]:
    limits = safe_zip.Limits(MAX_MEMBERS, MAX_MEMBER_BYTES, MAX_EXPORT_BYTES)
    found = safe_zip.read_members(data, lambda name: _FILES.get(name.casefold()), limits)
    if not found:
        raise FileRejected(
            "the zip has no Connections.csv, messages.csv, Invitations.csv or Positions.csv; "
            "is it LinkedIn's data export?"
        )
    return found
