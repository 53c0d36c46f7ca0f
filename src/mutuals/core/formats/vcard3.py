"""One person as a vCard 3.0 (RFC 2426) card, for phones' address books over CardDAV.

vCard 3.0 because it is what iOS and macOS Contacts read without surprises, and DAVx5 reads it
too; the file export stays vCard 4.0 (`vcard.write_vcards`). The lines' syntax (escaping of
backslashes, commas, semicolons and line breaks; folding at 75 octets) is `vcard_syntax`'s.

What goes on the card is what a phone needs to recognise a caller or write to someone: FN and N,
ORG and TITLE, each e-mail and phone with its label, the birthday and the photo, and a UID that
never changes. Private notes, circles and everything else mutuals knows stay in mutuals.

Birthdays without a year follow Apple's convention, which vCard 3.0 has no syntax for: the
year 1604 with X-APPLE-OMIT-YEAR=1604 ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15"); iOS, macOS
and DAVx5 show such a day without a year, and `vcard.parse_vcards` reads it back as one.
A card with only an organisation is a company card (Apple's X-ABShowAs:COMPANY).
"""

from __future__ import annotations

import base64

from mutuals.core.formats.records import Contact, Labelled, PartialDate
from mutuals.core.formats.vcard_syntax import escape, fold

PRODID = "-//mutuals//address book//EN"
APPLE_NO_YEAR = 1604
UNNAMED = "Unnamed contact"
_TYPES = {"home": "HOME", "work": "WORK", "mobile": "CELL", "fax": "FAX", "pager": "PAGER"}
_PHOTO_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/gif": "GIF"}


def write_vcard3(contact: Contact, uid: str) -> str:
    """The contact as one vCard 3.0 card (CRLF line ends, folded), its UID `uid`."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"PRODID:{PRODID}"]
    lines.append(f"FN:{escape(_shown_name(contact))}")
    names = (contact.last_name, contact.first_name, contact.middle_name)
    lines.append("N:" + ";".join(escape(n) for n in (*names, contact.prefix, contact.suffix)))
    if contact.is_organization_only:
        lines.append("X-ABShowAs:COMPANY")
    lines += _labelled("EMAIL", contact.emails, ("INTERNET",))
    lines += _labelled("TEL", contact.phones, ())
    if contact.organization:
        lines.append(f"ORG:{escape(contact.organization)}")
    if contact.title:
        lines.append(f"TITLE:{escape(contact.title)}")
    lines += _birthday(contact.birthday)
    if contact.photo is not None:
        kind = _PHOTO_TYPES.get(contact.photo_type, "JPEG")
        encoded = base64.b64encode(contact.photo).decode("ascii")
        lines.append(f"PHOTO;ENCODING=b;TYPE={kind}:{encoded}")
    lines.append(f"UID:{escape(uid)}")
    lines.append("END:VCARD")
    return "".join(fold(line) for line in lines)


def _shown_name(contact: Contact) -> str:
    """FN is required: the name, else the organisation, else an address or a number."""
    for candidate in (contact.full_name, contact.organization):
        if candidate.strip():
            return candidate
    for entry in (*contact.emails, *contact.phones):
        if entry.value.strip():
            return entry.value
    return UNNAMED


def _labelled(name: str, entries: tuple[Labelled, ...], always: tuple[str, ...]) -> list[str]:
    """Each value with its label: a TYPE when vCard has one, else Apple's grouped X-ABLabel."""
    lines: list[str] = []
    for number, entry in enumerate(entries, start=1):
        value = escape(entry.value)
        label = entry.label.strip()
        if not label or label.lower() in _TYPES:
            types = [*always, *([_TYPES[label.lower()]] if label else [])]
            params = f";TYPE={','.join(types)}" if types else ""
            lines.append(f"{name}{params}:{value}")
        else:
            group = f"{name.lower()}{number}"
            params = f";TYPE={','.join(always)}" if always else ""
            lines.append(f"{group}.{name}{params}:{value}")
            lines.append(f"{group}.X-ABLabel:{escape(label)}")
    return lines


def _birthday(day: PartialDate | None) -> list[str]:
    if day is None:
        return []
    if day.year is None:
        omitted = f"{APPLE_NO_YEAR:04d}-{day.month:02d}-{day.day:02d}"
        return [f"BDAY;X-APPLE-OMIT-YEAR={APPLE_NO_YEAR}:{omitted}"]
    return [f"BDAY;VALUE=date:{day.year:04d}-{day.month:02d}-{day.day:02d}"]
