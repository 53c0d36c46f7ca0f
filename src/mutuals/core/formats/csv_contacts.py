"""Contacts from CSV files: Google Contacts and Outlook exports, and any CSV with a column map.

Google writes two headers. The current one (`First Name,Middle Name,Last Name,...,Labels,
E-mail 1 - Label,E-mail 1 - Value,...`) and the older one (`Name,Given Name,Additional Name,
Family Name,...,Group Membership,E-mail 1 - Type,E-mail 1 - Value,...`). One cell may hold
several addresses or numbers separated by ` ::: `; labels and groups look like
`* myContacts ::: Work`, where the starred system groups are not circles and a leading `* `
marks the primary label. A LinkedIn profile hides among the websites. Birthdays are
`1985-04-12`, or `--04-12` without a year (kept as no birthday: a date needs a year).

Outlook's header (`First Name,Middle Name,Last Name,Title,...,E-mail Address,...,Categories,
Birthday,Web Page`) has one column per kind of phone, `;`-separated categories, `Title` meaning
"Mr."/"Dr." (the job is `Job Title`), birthdays as `4/12/1985` (month first) and `0/0/00` for
none. Exchange users' addresses can be directory paths without an `@`.

For every file: UTF-8 with or without BOM, UTF-16 (Outlook), Windows-1252 as a fallback;
comma, semicolon or tab separated (decided from the header line); CRLF; quoted newlines.
Columns are found by name, never by position. `Contact.line` is the physical line where the
row starts. Rows of empty cells are ignored; rows with nothing to identify a person are
skipped with a reason; addresses without `@` are left out with a note on their line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date

from mutuals.core.formats.records import Contact, FileRejected, Labelled, Parsed, Skipped
from mutuals.core.formats.safe_csv import restore

Row = dict[str, str]

_ALIASES: dict[str, tuple[str, ...]] = {
    "full_name": ("name", "full name", "display name", "contact name", "contact"),
    "first_name": ("first name", "given name", "first", "forename", "vorname"),
    "middle_name": ("middle name", "additional name"),
    "last_name": ("last name", "surname", "family name", "last", "nachname"),
    "nickname": ("nickname", "nick name"),
    "email": (
        "email",
        "e-mail",
        "email address",
        "e-mail address",
        "mail",
        "primary email",
        "emails",
    ),
    "phone": (
        "phone",
        "mobile",
        "phone number",
        "mobile phone",
        "cell",
        "telephone",
        "tel",
        "phones",
    ),
    "organization": ("company", "organisation", "organization", "employer", "company name"),
    "title": ("job title", "title", "position", "role"),
    "location": ("location", "city", "address"),
    "notes": ("notes", "note", "comments"),
    "circles": ("tags", "labels", "groups", "categories", "circles"),
    "linkedin_url": ("linkedin", "linkedin url", "linkedin profile", "profile url", "url"),
    "connected_on": ("connected on", "connected", "date connected"),
    "birthday": ("birthday", "date of birth", "dob"),
}
FIELDS = tuple(_ALIASES)

_OUTLOOK_PHONES = (
    ("Mobile Phone", "mobile"),
    ("Business Phone", "work"),
    ("Business Phone 2", "work"),
    ("Company Main Phone", "work"),
    ("Home Phone", "home"),
    ("Home Phone 2", "home"),
    ("Primary Phone", "main"),
    ("Other Phone", "other"),
)
_GOOGLE_SYSTEM_GROUPS = {"mycontacts", "starred"}
_LINKEDIN = re.compile(r"linkedin\.com/in/([^/?#\s]+)", re.IGNORECASE)
_MONTHS = {
    month: number
    for number, month in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


# Reading the file


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    head = data[:400]
    if head.count(b"\x00") > len(head) // 4:
        # UTF-16 without a byte order mark: the zero bytes show which half is the ASCII one.
        odd_zeros = head[1::2].count(b"\x00") >= head[0::2].count(b"\x00")
        return data.decode("utf-16-le" if odd_zeros else "utf-16-be", errors="replace")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    """(line where the row starts, cells) for every row with a non-empty cell."""
    text = _decode(data).replace("\x00", "")
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield start, [cell.replace("\r\n", "\n").strip() for cell in cells]
            start = reader.line_num + 1
    except csv.Error as error:
        raise FileRejected(f"The CSV cannot be read: {error}.", line=start) from error


def _header(rows: Iterator[tuple[int, list[str]]], expected: str) -> list[str]:
    for _line, cells in rows:
        return cells
    raise FileRejected(f"The file is empty; expected a header like {expected}.")


def _table(
    rows: Iterator[tuple[int, list[str]]], header: Sequence[str]
) -> Iterator[tuple[int, Row]]:
    for line, cells in rows:
        yield line, dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))


# Values


def _linkedin_url(value: str) -> str:
    """https://www.linkedin.com/in/slug for any form of a profile address, else ""."""
    found = _LINKEDIN.search(value)
    return f"https://www.linkedin.com/in/{found.group(1).lower()}" if found else ""


def _split(value: str, separators: str = r" ::: ") -> list[str]:
    return [part.strip() for part in re.split(separators, value) if part.strip()]


def _label(text: str) -> str:
    return text.removeprefix("*").strip()


def _date(text: str) -> date | None:
    """A date in the forms contact files use; None when absent, year-less or unreadable."""
    text = text.strip()
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?", text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"(\d{1,2})[ -]([A-Za-z]{3})[a-z]*\.?[ ,-]+(\d{4})", text):
            return date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
        if m := re.fullmatch(r"([A-Za-z]{3})[a-z]*\.? (\d{1,2}),? (\d{4})", text):
            return date(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
        if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", text):
            month, day, year = int(m[1]), int(m[2]), int(m[3])
            if month > 12:  # a day-first date (UK Outlook); month-first is the US default
                month, day = day, month
            if year < 100:  # Outlook's two-digit years: 00-29 this century, the rest the last
                year += 2000 if year < 30 else 1900
            return date(year, month, day)
        if m := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text):
            return date(int(m[3]), int(m[2]), int(m[1]))
    except (ValueError, KeyError):
        return None
    return None


def _joined(*parts: str, sep: str = " ") -> str:
    return sep.join(part for part in parts if part)


def _vetted(contact: Contact) -> tuple[Contact | None, list[Skipped]]:
    """The contact without its invalid addresses, or None when nothing identifies anyone."""
    line = contact.line
    notes = [
        Skipped(line, f"'{e.value}' is not an email address; left out")
        for e in contact.emails
        if "@" not in e.value
    ]
    emails = tuple(dict.fromkeys(e for e in contact.emails if "@" in e.value))
    contact = replace(contact, emails=emails)
    if not (
        contact.full_name
        or contact.organization
        or contact.emails
        or contact.phones
        or contact.linkedin_url
    ):
        notes.append(Skipped(line, "no name, organisation, email, phone or LinkedIn profile"))
        return None, notes
    return contact, notes


Builder = Callable[[int, Row], tuple[Contact, list[Skipped]]]


def _collect(rows: Iterator[tuple[int, Row]], build: Builder) -> Parsed[Contact]:
    contacts: list[Contact] = []
    skipped: list[Skipped] = []
    for line, row in rows:
        built, notes = build(line, row)
        contact, more_notes = _vetted(built)
        skipped.extend(notes + more_notes)
        if contact is not None:
            contacts.append(contact)
    return Parsed(tuple(contacts), tuple(skipped))


# Google


GOOGLE_HEADER = "First Name,Middle Name,Last Name,...,E-mail 1 - Label,E-mail 1 - Value,..."


def parse_google_csv(data: bytes) -> Parsed[Contact]:
    """The contacts of a Google Contacts export (current or older "Google CSV" header)."""
    rows = _rows(data)
    header = _header(rows, GOOGLE_HEADER)
    names = set(header)
    is_google = "Given Name" in names or (
        "First Name" in names and ("E-mail 1 - Value" in names or "Labels" in names)
    )
    if not is_google:
        raise FileRejected(
            "This is not a Google Contacts export: expected a header like "
            f"{GOOGLE_HEADER} (from contacts.google.com, Export, Google CSV).",
            line=1,
        )
    return _collect(_table(rows, header), _google_contact)


def _google_contact(line: int, row: Row) -> tuple[Contact, list[Skipped]]:
    first = row.get("First Name") or row.get("Given Name", "")
    middle = row.get("Middle Name") or row.get("Additional Name", "")
    last = row.get("Last Name") or row.get("Family Name", "")
    websites = [v for _label_, v in _google_numbered(row, "Website")]
    contact = Contact(
        line,
        full_name=row.get("Name") or _joined(first, middle, last),
        first_name=first,
        middle_name=middle,
        last_name=last,
        nickname=row.get("Nickname", ""),
        emails=tuple(Labelled(v, label) for label, v in _google_numbered(row, "E-mail")),
        phones=tuple(Labelled(v, label) for label, v in _google_numbered(row, "Phone")),
        linkedin_url=next(filter(None, map(_linkedin_url, websites)), ""),
        organization=row.get("Organization Name") or row.get("Organization 1 - Name", ""),
        title=row.get("Organization Title") or row.get("Organization 1 - Title", ""),
        location=_joined(
            *(row.get(f"Address 1 - {part}", "") for part in ("City", "Region", "Country")),
            sep=", ",
        )
        or row.get("Location", ""),
        notes=row.get("Notes", ""),
        circles=_google_circles(row.get("Labels") or row.get("Group Membership", "")),
        birthday=_date(row.get("Birthday", "")),
    )
    return contact, []


def _google_numbered(row: Row, kind: str) -> Iterator[tuple[str, str]]:
    """(label, value) of "E-mail 1 - Value", "E-mail 2 - Value"..., one per ` ::: ` part."""
    number = 1
    while f"{kind} {number} - Value" in row:
        label = row.get(f"{kind} {number} - Label") or row.get(f"{kind} {number} - Type", "")
        for value in _split(row[f"{kind} {number} - Value"]):
            yield _label(label), value
        number += 1


def _google_circles(text: str) -> tuple[str, ...]:
    circles = (_label(part) for part in _split(text))
    return tuple(
        dict.fromkeys(
            c for c in circles if c and c.lower().replace(" ", "") not in _GOOGLE_SYSTEM_GROUPS
        )
    )


# Outlook


OUTLOOK_HEADER = "First Name,Middle Name,Last Name,Title,...,E-mail Address,...,Categories,..."


def parse_outlook_csv(data: bytes) -> Parsed[Contact]:
    """The contacts of an Outlook (desktop or Outlook.com) CSV export."""
    rows = _rows(data)
    header = _header(rows, OUTLOOK_HEADER)
    names = set(header)
    markers = {"E-mail Address", "Business Phone", "Mobile Phone", "Categories", "Job Title"}
    if "First Name" not in names or not names & markers:
        raise FileRejected(
            "This is not an Outlook contacts export: expected a header like "
            f"{OUTLOOK_HEADER} (from Outlook, Export contacts, CSV).",
            line=1,
        )
    return _collect(_table(rows, header), _outlook_contact)


def _outlook_contact(line: int, row: Row) -> tuple[Contact, list[Skipped]]:
    first, middle, last = (
        row.get("First Name", ""),
        row.get("Middle Name", ""),
        row.get("Last Name", ""),
    )
    emails = [row.get(f"E-mail{n} Address", "") for n in ("", " 2", " 3")]
    phones = [Labelled(row[column], label) for column, label in _OUTLOOK_PHONES if row.get(column)]
    pages = (row.get("Web Page", ""), row.get("Personal Web Page", ""))
    contact = Contact(
        line,
        full_name=_joined(first, middle, last),
        first_name=first,
        middle_name=middle,
        last_name=last,
        nickname=row.get("Nickname", ""),
        emails=tuple(Labelled(e) for e in emails if e),
        phones=tuple(phones),
        linkedin_url=next(filter(None, map(_linkedin_url, pages)), ""),
        organization=row.get("Company", ""),
        title=row.get("Job Title", ""),
        location=_outlook_location(row),
        notes=row.get("Notes", ""),
        circles=tuple(dict.fromkeys(_split(row.get("Categories", ""), ";"))),
        birthday=_date(row.get("Birthday", "")),
    )
    return contact, []


def _outlook_location(row: Row) -> str:
    for place in ("Business", "Home"):
        country = row.get(f"{place} Country/Region") or row.get(f"{place} Country", "")
        found = _joined(
            row.get(f"{place} City", ""), row.get(f"{place} State", ""), country, sep=", "
        )
        if found:
            return found
    return ""


# Any CSV, with a map from Contact fields to its columns


def read_headers(data: bytes) -> list[str]:
    """The column names of a CSV file (its first non-empty row), for mapping its columns."""
    return _header(_rows(data), "Name,Email,Company")


def _simple(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def guess_mapping(headers: Sequence[str]) -> dict[str, str]:
    """A proposed map from Contact fields to the given column names, by common names."""
    by_simple = {_simple(h): h for h in reversed(headers)}  # the first of equal names wins
    mapping: dict[str, str] = {}
    for field_name, aliases in _ALIASES.items():
        for alias in aliases:
            header = by_simple.get(_simple(alias))
            if header is not None and header not in mapping.values():
                mapping[field_name] = header
                break
    return mapping


def parse_mapping_option(text: str) -> dict[str, str]:
    """The map written as `full_name=Name,email=E-mail` (the CLI's --map option)."""
    mapping: dict[str, str] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        field_name, equals, header = (s.strip() for s in part.partition("="))
        if not equals or not field_name or not header:
            raise ValueError(
                f"'{part}' is not field=Column; write e.g. full_name=Name,email=E-mail."
            )
        if field_name not in FIELDS:
            raise ValueError(
                f"'{field_name}' is not a contact field; use one of {', '.join(FIELDS)}."
            )
        if field_name in mapping:
            raise ValueError(f"'{field_name}' is mapped twice; give each field one column.")
        mapping[field_name] = header
    if not mapping:
        raise ValueError("The map is empty; write e.g. full_name=Name,email=E-mail.")
    return mapping


def parse_generic_csv(data: bytes, mapping: Mapping[str, str]) -> Parsed[Contact]:
    """The contacts of any CSV file, reading each mapped field from its column."""
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise FileRejected(
            f"Unknown contact field(s): {', '.join(unknown)}; use one of {', '.join(FIELDS)}."
        )
    rows = _rows(data)
    header = _header(rows, ",".join(mapping.values()))
    by_simple = {h.casefold(): h for h in header}
    missing = [column for column in mapping.values() if column.casefold() not in by_simple]
    if missing:
        raise FileRejected(
            f"Column(s) not in the file: {', '.join(missing)}; its columns are "
            f"{', '.join(header)}.",
            line=1,
        )
    columns = {field_name: by_simple[column.casefold()] for field_name, column in mapping.items()}

    def build(line: int, row: Row) -> tuple[Contact, list[Skipped]]:
        # A cell a formula-safe export prefixed with "'" reads back as its text.
        return _generic_contact(line, {f: restore(row.get(c, "")) for f, c in columns.items()})

    return _collect(_table(rows, header), build)


def _generic_contact(line: int, value: dict[str, str]) -> tuple[Contact, list[Skipped]]:
    get = value.get
    notes: list[Skipped] = []
    dates: dict[str, date | None] = {}
    for field_name in ("connected_on", "birthday"):
        text = get(field_name, "")
        dates[field_name] = _date(text) if text else None
        if text and dates[field_name] is None:
            notes.append(Skipped(line, f"{field_name} '{text}' is not a date; left out"))
    first, middle, last = get("first_name", ""), get("middle_name", ""), get("last_name", "")
    contact = Contact(
        line,
        full_name=get("full_name") or _joined(first, middle, last),
        first_name=first,
        middle_name=middle,
        last_name=last,
        nickname=get("nickname", ""),
        emails=tuple(Labelled(e) for e in _split(get("email", ""), r"\s*(?::::|[,;\s])\s*")),
        phones=tuple(Labelled(p) for p in _split(get("phone", ""), r"\s*(?::::|[,;])\s*")),
        linkedin_url=_linkedin_url(get("linkedin_url", "")),
        organization=get("organization", ""),
        title=get("title", ""),
        location=get("location", ""),
        notes=get("notes", ""),
        circles=tuple(dict.fromkeys(_split(get("circles", ""), r"\s*(?::::|[,;])\s*"))),
        connected_on=dates["connected_on"],
        birthday=dates["birthday"],
    )
    return contact, notes
