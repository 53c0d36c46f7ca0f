"""Google Contacts exports ("Google CSV"), current and older.

Google writes two headers. The current one (`First Name,Middle Name,Last Name,Phonetic First
Name,...,Name Prefix,Name Suffix,Nickname,File As,...,Labels,E-mail 1 - Label,E-mail 1 -
Value,...,Event 1 - Label,Event 1 - Value,...`) and the older one (`Name,Given Name,Additional
Name,Family Name,Yomi Name,...,Group Membership,E-mail 1 - Type,E-mail 1 - Value,...`).

The display name is the older "Name", else "File As" (what the user chose to be shown), else
built from the parts. One cell may hold several addresses or numbers separated by ` ::: `;
labels and groups look like `* myContacts ::: Work`, where the starred system groups are not
circles and a leading `* ` marks the primary label. A LinkedIn profile hides among the websites.
Birthdays are `1985-04-12`, or `--04-12` without a year; an anniversary is an event labelled
"Anniversary". Columns mutuals has no place for (relations, instant messaging, street
addresses, custom fields, other events) are listed in `Contact.unmapped`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mutuals.core.formats import csv_rows
from mutuals.core.formats.csv_rows import Row, joined, label, split
from mutuals.core.formats.file_dates import FileDates
from mutuals.core.formats.person_names import display_name, phonetic_name
from mutuals.core.formats.records import (
    Contact,
    FileRejected,
    Labelled,
    Parsed,
    PartialDate,
    Skipped,
)

GOOGLE_HEADER = "First Name,Middle Name,Last Name,...,E-mail 1 - Label,E-mail 1 - Value,..."
_SYSTEM_GROUPS = {"mycontacts", "starred"}
_NUMBERED = re.compile(r"(.+?) (\d+) - (.+)")
_READ = frozenset(
    {
        *("Name", "Given Name", "Additional Name", "Family Name", "First Name", "Middle Name"),
        *("Last Name", "Name Prefix", "Name Suffix", "Nickname", "File As", "Initials"),
        *("Phonetic First Name", "Phonetic Middle Name", "Phonetic Last Name", "Yomi Name"),
        *("Given Name Yomi", "Additional Name Yomi", "Family Name Yomi"),
        *("Organization Name", "Organization Title", "Birthday", "Notes", "Labels"),
        *("Group Membership", "Location"),
    }
)
_NOTHING = {name: frozenset({"Normal"}) for name in ("Sensitivity", "Priority")}
_IN_WORDS = {
    "Organization Department": "department",
    "Organization Yomi Name": "phonetic organisation name",
    "Photo": "photo link",
}


def parse_google_csv(data: bytes) -> Parsed[Contact]:
    """The contacts of a Google Contacts export (current or older "Google CSV" header)."""
    found = csv_rows.rows(data)
    names = csv_rows.header(found, GOOGLE_HEADER)
    columns = set(names)
    is_google = "Given Name" in columns or (
        "First Name" in columns and ("E-mail 1 - Value" in columns or "Labels" in columns)
    )
    if not is_google:
        raise FileRejected(
            "This is not a Google Contacts export: expected a header like "
            f"{GOOGLE_HEADER} (from contacts.google.com, Export, Google CSV).",
            line=1,
        )
    unmapped = csv_rows.Unmapped.of(names, _in_words, _NOTHING)
    events = [name for name in names if _NUMBERED.fullmatch(name) and name.startswith("Event ")]
    dates = ["Birthday", *(name for name in events if name.endswith(" - Value"))]

    def build(line: int, row: Row, dates: FileDates) -> tuple[Contact, list[Skipped]]:
        return _contact(line, row, dates, unmapped.in_row(row))

    return csv_rows.collect(csv_rows.table(found, names), build, dates)


def _in_words(name: str) -> str | None:
    """What the report calls a column the contact does not read, or None."""
    if name in _READ:
        return None
    numbered = _NUMBERED.fullmatch(name)
    if numbered is None:
        return _IN_WORDS.get(name, csv_rows.column(name))
    kind, number, part = numbered.groups()
    if part in ("Label", "Type", "Service") or kind in ("E-mail", "Phone", "Website", "Event"):
        return None
    if kind == "Address":
        return _address(int(number), part)
    if kind == "Organization":
        return _organization(int(number), part)
    if part == "Value":
        return {
            "Relation": "related people",
            "IM": "instant messaging",
            "Custom Field": "custom field",
            "External ID": "external id",
        }.get(kind, csv_rows.column(name))
    return csv_rows.column(name)


def _address(number: int, part: str) -> str | None:
    if part in ("City", "Region", "Country"):
        return None if number == 1 else "another address"
    return "street address"


def _organization(number: int, part: str) -> str | None:
    if number > 1:
        return "another organisation" if part == "Name" else None
    return {
        "Name": None,
        "Title": None,
        "Department": "department",
        "Yomi Name": "phonetic organisation name",
    }.get(part, f"organisation {part.lower()}")


def _contact(
    line: int, row: Row, dates: FileDates, unmapped: list[str]
) -> tuple[Contact, list[Skipped]]:
    first = row.get("First Name") or row.get("Given Name", "")
    middle = row.get("Middle Name") or row.get("Additional Name", "")
    last = row.get("Last Name") or row.get("Family Name", "")
    full_name = row.get("Name") or row.get("File As") or display_name(first, middle, last)
    notes: list[Skipped] = []
    birthday, anniversary = _dates(line, row, dates, notes, unmapped)
    contact = Contact(
        line,
        full_name=full_name,
        first_name=first,
        middle_name=middle,
        last_name=last,
        nickname=row.get("Nickname", ""),
        emails=tuple(Labelled(v, kind) for kind, v in _numbered(row, "E-mail")),
        phones=tuple(Labelled(v, kind) for kind, v in _numbered(row, "Phone")),
        linkedin_url=_websites(row, unmapped),
        organization=row.get("Organization Name") or row.get("Organization 1 - Name", ""),
        title=row.get("Organization Title") or row.get("Organization 1 - Title", ""),
        location=joined(
            *(row.get(f"Address 1 - {part}", "") for part in ("City", "Region", "Country")),
            sep=", ",
        )
        or row.get("Location", ""),
        notes=row.get("Notes", ""),
        circles=_circles(row.get("Labels") or row.get("Group Membership", "")),
        birthday=birthday,
        prefix=row.get("Name Prefix", ""),
        suffix=row.get("Name Suffix", ""),
        phonetic_name=_phonetic(row, full_name),
        anniversary=anniversary,
        unmapped=tuple(unmapped),
    )
    return contact, notes


def _numbered(row: Row, kind: str) -> Iterator[tuple[str, str]]:
    """(label, value) of "E-mail 1 - Value", "E-mail 2 - Value"..., one per ` ::: ` part."""
    number = 1
    while f"{kind} {number} - Value" in row:
        found = row.get(f"{kind} {number} - Label") or row.get(f"{kind} {number} - Type", "")
        for value in split(row[f"{kind} {number} - Value"]):
            yield label(found), value
        number += 1


def _websites(row: Row, unmapped: list[str]) -> str:
    profile = ""
    for _label, website in _numbered(row, "Website"):
        url = csv_rows.linkedin_url(website)
        if url:
            profile = profile or url
        else:
            unmapped.append("website")
    return profile


def _dates(
    line: int, row: Row, dates: FileDates, notes: list[Skipped], unmapped: list[str]
) -> tuple[PartialDate | None, PartialDate | None]:
    birthday = csv_rows.date_in(line, "birthday", row.get("Birthday", ""), dates, notes)
    anniversary = None
    for kind, value in _numbered(row, "Event"):
        if kind.casefold() == "anniversary" and anniversary is None:
            anniversary = csv_rows.date_in(line, "anniversary", value, dates, notes)
        elif kind.casefold() == "birthday" and birthday is None:
            birthday = csv_rows.date_in(line, "birthday", value, dates, notes)
        else:
            unmapped.append("other date")
    return birthday, anniversary


def _phonetic(row: Row, name: str) -> str:
    given = row.get("Phonetic First Name") or row.get("Given Name Yomi", "")
    middle = row.get("Phonetic Middle Name") or row.get("Additional Name Yomi", "")
    family = row.get("Phonetic Last Name") or row.get("Family Name Yomi", "")
    return phonetic_name(given, middle, family, name=name) or row.get("Yomi Name", "")


def _circles(text: str) -> tuple[str, ...]:
    circles = (label(part) for part in split(text))
    return tuple(
        dict.fromkeys(c for c in circles if c and c.lower().replace(" ", "") not in _SYSTEM_GROUPS)
    )
