"""Outlook contact exports (desktop Outlook and Outlook.com), as CSV.

The header (`First Name,Middle Name,Last Name,Title,Suffix,...,E-mail Address,...,Categories,
Birthday,Anniversary,Web Page`) has one column per kind of phone, `;`-separated categories,
`Title` meaning "Mr."/"Dr." (the job is `Job Title`) and `Suffix` "Jr.", and Outlook.com adds
the Japanese reading of the name as `Given Yomi` and `Surname Yomi`. There is no display name
column: the name is built from its parts. Dates are numbers (`4/12/1985`, month first in the
US, day first in the UK: decided per file), `0/0/00` meaning none. Exchange users' addresses
can be directory paths without an `@`. Columns filled with Outlook's defaults ("Normal",
"Unspecified", "False") carry nothing; other columns mutuals has no place for ("Spouse",
"Manager's Name", street addresses) are listed in `Contact.unmapped`.
"""

from __future__ import annotations

import re

from mutuals.core.formats import csv_rows
from mutuals.core.formats.csv_rows import Row, joined, split
from mutuals.core.formats.file_dates import FileDates
from mutuals.core.formats.person_names import display_name, phonetic_name
from mutuals.core.formats.records import (
    Contact,
    FileRejected,
    Labelled,
    Parsed,
    Skipped,
)

OUTLOOK_HEADER = "First Name,Middle Name,Last Name,Title,...,E-mail Address,...,Categories,..."
PHONES = (
    ("Mobile Phone", "mobile"),
    ("Business Phone", "work"),
    ("Business Phone 2", "work"),
    ("Company Main Phone", "work"),
    ("Home Phone", "home"),
    ("Home Phone 2", "home"),
    ("Primary Phone", "main"),
    ("Other Phone", "other"),
    ("Car Phone", "car"),
    ("Pager", "pager"),
    ("Business Fax", "work fax"),
    ("Home Fax", "home fax"),
    ("Other Fax", "fax"),
    ("Assistant's Phone", "assistant"),
    ("Callback", "callback"),
    ("Radio Phone", "radio"),
    ("ISDN", "ISDN"),
    ("TTY/TDD Phone", "TTY"),
    ("Telex", "telex"),
)
_PLACES = ("Business", "Home", "Other")
_EMAILS = ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address")
_READ = frozenset(
    {
        *("First Name", "Middle Name", "Last Name", "Title", "Suffix", "Nickname", "Initials"),
        *("Given Yomi", "Surname Yomi", "Company", "Job Title", "Notes", "Categories"),
        *("Birthday", "Anniversary", "Web Page", "Personal Web Page", "Location"),
        *_EMAILS,
        *(f"E-mail{n} {part}" for n in ("", " 2", " 3") for part in ("Type", "Display Name")),
        *(phone for phone, _label in PHONES),
        *(
            f"{place} {part}"
            for place in _PLACES
            for part in ("City", "State", "Country", "Country/Region")
        ),
    }
)
_STREET = re.compile(r"(Business|Home|Other) (Street( \d)?|Address( PO Box)?|Postal Code)")
_NOTHING = {
    "Gender": frozenset({"Unspecified"}),
    "Sensitivity": frozenset({"Normal"}),
    "Priority": frozenset({"Normal"}),
    "Private": frozenset({"False"}),
}
_IN_WORDS = {
    "Department": "department",
    "IMAddress": "instant messaging",
    "Internet Free Busy": "calendar address",
    "Company Yomi": "phonetic organisation name",
}


def parse_outlook_csv(data: bytes) -> Parsed[Contact]:
    """The contacts of an Outlook (desktop or Outlook.com) CSV export."""
    found = csv_rows.rows(data)
    names = csv_rows.header(found, OUTLOOK_HEADER)
    columns = set(names)
    markers = {"E-mail Address", "Business Phone", "Mobile Phone", "Categories", "Job Title"}
    if "First Name" not in columns or not columns & markers:
        raise FileRejected(
            "This is not an Outlook contacts export: expected a header like "
            f"{OUTLOOK_HEADER} (from Outlook, Export contacts, CSV).",
            line=1,
        )
    unmapped = csv_rows.Unmapped.of(names, _in_words, _NOTHING)

    def build(line: int, row: Row, dates: FileDates) -> tuple[Contact, list[Skipped]]:
        return _contact(line, row, dates, unmapped.in_row(row))

    return csv_rows.collect(csv_rows.table(found, names), build, ("Birthday", "Anniversary"))


def _in_words(name: str) -> str | None:
    if name in _READ:
        return None
    if _STREET.fullmatch(name):
        return "street address"
    return _IN_WORDS.get(name, csv_rows.column(name))


def _contact(
    line: int, row: Row, dates: FileDates, unmapped: list[str]
) -> tuple[Contact, list[Skipped]]:
    first = row.get("First Name", "")
    middle = row.get("Middle Name", "")
    last = row.get("Last Name", "")
    full_name = display_name(first, middle, last)
    emails = [row.get(column, "") for column in _EMAILS]
    phones = [Labelled(row[column], label) for column, label in PHONES if row.get(column)]
    notes: list[Skipped] = []
    contact = Contact(
        line,
        full_name=full_name,
        first_name=first,
        middle_name=middle,
        last_name=last,
        nickname=row.get("Nickname", ""),
        emails=tuple(Labelled(e) for e in emails if e),
        phones=tuple(phones),
        linkedin_url=_web_pages(row, unmapped),
        organization=row.get("Company", ""),
        title=row.get("Job Title", ""),
        location=_location(row, unmapped) or row.get("Location", ""),
        notes=row.get("Notes", ""),
        circles=tuple(dict.fromkeys(split(row.get("Categories", ""), ";"))),
        birthday=csv_rows.date_in(line, "birthday", row.get("Birthday", ""), dates, notes),
        prefix=row.get("Title", ""),
        suffix=row.get("Suffix", ""),
        phonetic_name=phonetic_name(
            row.get("Given Yomi", ""), "", row.get("Surname Yomi", ""), name=full_name
        ),
        anniversary=csv_rows.date_in(line, "anniversary", row.get("Anniversary", ""), dates, notes),
        unmapped=tuple(unmapped),
    )
    return contact, notes


def _web_pages(row: Row, unmapped: list[str]) -> str:
    profile = ""
    for page in (row.get("Web Page", ""), row.get("Personal Web Page", "")):
        url = csv_rows.linkedin_url(page)
        if url:
            profile = profile or url
        elif page:
            unmapped.append("website")
    return profile


def _location(row: Row, unmapped: list[str]) -> str:
    """City, state and country of the first of the business, home and other addresses."""
    location = ""
    for place in _PLACES:
        country = row.get(f"{place} Country/Region") or row.get(f"{place} Country", "")
        found = joined(
            row.get(f"{place} City", ""), row.get(f"{place} State", ""), country, sep=", "
        )
        if found and location and found != location:
            unmapped.append("another address")
        location = location or found
    return location
