"""Contacts from CSV files: Google Contacts and Outlook exports, and any CSV with a column map.

Google's and Outlook's own layouts are read by `google_contacts` and `outlook_contacts` (their
parsers are importable from here too); what every CSV shares (encodings, delimiters, rows and
lines, the file's dates read together) is `csv_rows`.

Any other CSV is read through a map from Contact fields to its columns, guessed from common
column names (`guess_mapping`) or given (`parse_mapping_option`, the CLI's --map). A column
named "ID" or "UID" is the record's own id (`Contact.uid`): mutuals' own CSV export writes there
the same `urn:uuid:` as its vCard UID, so the export reads back as the same people. Several
emails, phones or circles may share a cell. Columns the map leaves out that carry a value are
listed in `Contact.unmapped` ("column 'Closeness'"). A cell a formula-safe export prefixed with
"'" reads as its text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from mutuals.core.formats import csv_rows
from mutuals.core.formats.csv_rows import Row, split
from mutuals.core.formats.file_dates import FileDates
from mutuals.core.formats.google_contacts import GOOGLE_HEADER, parse_google_csv
from mutuals.core.formats.outlook_contacts import OUTLOOK_HEADER, parse_outlook_csv
from mutuals.core.formats.person_names import display_name
from mutuals.core.formats.records import Contact, FileRejected, Labelled, Parsed, Skipped
from mutuals.core.formats.safe_csv import restore

__all__ = [
    "FIELDS",
    "GOOGLE_HEADER",
    "OUTLOOK_HEADER",
    "guess_mapping",
    "parse_generic_csv",
    "parse_google_csv",
    "parse_mapping_option",
    "parse_outlook_csv",
    "read_headers",
]

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
    "anniversary": ("anniversary", "wedding anniversary"),
    "prefix": ("prefix", "name prefix", "salutation", "honorific"),
    "suffix": ("suffix", "name suffix"),
    "phonetic_name": ("phonetic name", "pronunciation", "name pronunciation", "reading"),
    "uid": ("id", "uid", "contact id"),
}
FIELDS = tuple(_ALIASES)
_DATE_FIELDS = ("connected_on", "birthday", "anniversary")


def read_headers(data: bytes) -> list[str]:
    """The column names of a CSV file (its first non-empty row), for mapping its columns."""
    return csv_rows.header(csv_rows.rows(data), "Name,Email,Company")


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
    found = csv_rows.rows(data)
    header = csv_rows.header(found, ",".join(mapping.values()))
    by_simple = {h.casefold(): h for h in header}
    missing = [column for column in mapping.values() if column.casefold() not in by_simple]
    if missing:
        raise FileRejected(
            f"Column(s) not in the file: {', '.join(missing)}; its columns are "
            f"{', '.join(header)}.",
            line=1,
        )
    columns = {field_name: by_simple[column.casefold()] for field_name, column in mapping.items()}
    unmapped = csv_rows.Unmapped.of(
        header, lambda name: None if name in columns.values() else csv_rows.column(name)
    )
    # A cell a formula-safe export prefixed with "'" reads back as its text.
    rows = [
        (line, {f: restore(row.get(c, "")) for f, c in columns.items()}, unmapped.in_row(row))
        for line, row in csv_rows.table(found, header)
    ]
    extra = {line: others for line, _row, others in rows}

    def build(line: int, value: Row, dates: FileDates) -> tuple[Contact, list[Skipped]]:
        return _generic_contact(line, value, dates, extra[line])

    return csv_rows.collect(
        [(line, value) for line, value, _others in rows],
        build,
        _DATE_FIELDS,
        hint=csv_rows.day_first_hint(header),
    )


def _generic_contact(
    line: int, value: Row, dates: FileDates, unmapped: list[str]
) -> tuple[Contact, list[Skipped]]:
    get = value.get
    notes: list[Skipped] = []
    birthday = csv_rows.date_in(line, "birthday", get("birthday", ""), dates, notes)
    anniversary = csv_rows.date_in(line, "anniversary", get("anniversary", ""), dates, notes)
    connected = csv_rows.date_in(line, "connected_on", get("connected_on", ""), dates, notes)
    if connected is not None and connected.year is None:
        notes.append(Skipped(line, f"connected_on '{get('connected_on')}' has no year; left out"))
    first, middle, last = get("first_name", ""), get("middle_name", ""), get("last_name", "")
    contact = Contact(
        line,
        full_name=get("full_name") or display_name(first, middle, last),
        first_name=first,
        middle_name=middle,
        last_name=last,
        nickname=get("nickname", ""),
        emails=tuple(Labelled(e) for e in split(get("email", ""), r"\s*(?::::|[,;\s])\s*")),
        phones=tuple(Labelled(p) for p in split(get("phone", ""), r"\s*(?::::|[,;])\s*")),
        linkedin_url=csv_rows.linkedin_url(get("linkedin_url", "")),
        organization=get("organization", ""),
        title=get("title", ""),
        location=get("location", ""),
        notes=get("notes", ""),
        circles=tuple(dict.fromkeys(split(get("circles", ""), r"\s*(?::::|[,;])\s*"))),
        connected_on=connected.to_date() if connected is not None else None,
        birthday=birthday,
        prefix=get("prefix", ""),
        suffix=get("suffix", ""),
        phonetic_name=get("phonetic_name", ""),
        uid=get("uid", ""),
        anniversary=anniversary,
        unmapped=tuple(unmapped),
    )
    return contact, notes
