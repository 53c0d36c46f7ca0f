"""vCard address books (.vcf): versions 2.1, 3.0 and 4.0 read, 4.0 (RFC 6350) written.

The syntax of lines (folding, parameters, escapes, quoted-printable) is `vcard_syntax`; this
module is what a card means, as the address books that write them mean it.

Names: FN is the display name, kept exactly as written; only a card without FN has one built
from N (`person_names.display_name`: "王小明" from N:王;小明). N gives family, given, middle
(a comma list: "Richter,James"), prefix and suffix. The reading of the name comes from Apple's
and Google's X-PHONETIC-FIRST/MIDDLE/LAST-NAME, Android's 2.1 "SOUND;X-IRMC-N" or vCard 4's
N;SORT-AS. A card with only ORG (or KIND:org, or Apple's X-ABShowAs:COMPANY) is a company; a
contact group (KIND:group, Apple's X-ADDRESSBOOKSERVER-KIND:group) is skipped.

Labels: Apple groups a value with its label ("item1.EMAIL" + "item1.X-ABLabel:Work"); otherwise
labels come from TYPE (cell is "mobile"; internet, pref, voice say nothing). Outlook writes
extra numbers as X-MS-TEL. LinkedIn profiles come from URL, X-SOCIALPROFILE or SOCIALPROFILE
(RFC 9554); Android's X-ANDROID-CUSTOM rows carry nicknames, events and relations.

Dates (`file_dates.parse_day`): BDAY with or without a year ("--0412", Apple's
X-APPLE-OMIT-YEAR, the year 1604 that Apple and Thunderbird's CardBook use for none), with a time
or not. Anniversaries are vCard 4's ANNIVERSARY, X-ANNIVERSARY (Thunderbird, khard),
X-MS-ANNIVERSARY (Outlook), X-EVOLUTION-ANNIVERSARY, Apple's grouped X-ABDATE labelled
_$!<Anniversary>!$_ and Android's event of type 1. Photos are kept when inline (base64 or a
data: URI); photo links are not followed. UID is the card's own id.

What a card carries that mutuals has no place for (instant messaging, street addresses, time
zones, related people...) is listed in `Contact.unmapped`, in words; bookkeeping (VERSION,
PRODID, REV, Apple's and Outlook's layout fields) is not.

Writing: one vCard 4.0 per contact, CRLF, folded at 75 octets. FN is the display name, N
carries prefix and suffix, BDAY and ANNIVERSARY are "--MMDD" without a year. The location goes
in the ADR locality, so address books show it and it reads back exactly. Labels other than
home/work/mobile/fax/pager use Apple's grouped X-ABLabel, the one way other apps keep a
free-text label.
"""

from __future__ import annotations

import base64
import binascii
import functools
import re
import urllib.parse
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from mutuals.core.formats import text
from mutuals.core.formats.file_dates import parse_day
from mutuals.core.formats.linkedin import normalize_linkedin_url
from mutuals.core.formats.person_names import display_name, phonetic_name
from mutuals.core.formats.records import (
    Contact,
    FileRejected,
    Labelled,
    Parsed,
    PartialDate,
    Skipped,
)
from mutuals.core.formats.vcard_syntax import (
    Property,
    components,
    escape,
    fold,
    properties,
    split,
    unescape,
)
from mutuals.core.formats.vcard_unmapped import not_imported

# Line by line, so the search for END:VCARD only looks at line starts.
_CARD = re.compile(
    r"^BEGIN:VCARD[ \t]*\n((?:.*\n)*?)END:VCARD[ \t]*$", re.IGNORECASE | re.MULTILINE
)
_NESTED_BEGIN = re.compile(r"^BEGIN:VCARD[ \t]*$", re.IGNORECASE | re.MULTILINE)
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_")
_LABEL_NOISE = {"internet", "pref", "voice", "x400", "x-internet"}
_TYPE_LABELS = {"cell": "mobile"}
_SIMPLE_LABELS = {"home": "home", "work": "work", "mobile": "cell", "fax": "fax", "pager": "pager"}
_LINKS = ("URL", "X-SOCIALPROFILE", "SOCIALPROFILE")
_ANNIVERSARIES = ("ANNIVERSARY", "X-ANNIVERSARY", "X-MS-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY")
_PHONETIC = ("X-PHONETIC-FIRST-NAME", "X-PHONETIC-MIDDLE-NAME", "X-PHONETIC-LAST-NAME")
_PHONETIC_SOURCES = frozenset({*_PHONETIC, "SOUND"})
_READ = frozenset(
    {
        *("FN", "N", "NICKNAME", "ORG", "TITLE", "NOTE", "EMAIL", "TEL", "X-MS-TEL", "ADR"),
        *("BDAY", "PHOTO", "CATEGORIES", "KIND", "X-ADDRESSBOOKSERVER-KIND", "X-ABSHOWAS"),
        *("X-ABLABEL", "UID", "X-ABDATE", "X-ANDROID-CUSTOM", "SOUND"),
        *_LINKS,
        *_ANNIVERSARIES,
        *_PHONETIC,
    }
)
# Android's event types (ContactsContract.CommonDataKinds.Event)
_ANDROID_ANNIVERSARY, _ANDROID_BIRTHDAY = "1", "3"
# Google's and Android's built-in groups ("myContacts", "My Contacts"), not circles the user made
_SYSTEM = {"mycontacts", "starred"}
NOTHING_USABLE = "card has no name, organisation, email or phone"
A_GROUP = "a contact group, not a person (its members are cards of their own)"


# Reading


def parse_vcards(data: bytes) -> Parsed[Contact]:
    """The contacts in a .vcf file, in file order."""
    decoded = text.decode(data)
    contacts: list[Contact] = []
    skipped: list[Skipped] = []
    position, number = 0, 1  # the end of the last card, and the line number there
    for match in _CARD.finditer(decoded):
        _reject_text_between(decoded, position, match.start(), number)
        number += decoded.count("\n", position, match.start())
        body = match.group(1)
        nested = _NESTED_BEGIN.search(body) if "BEGIN" in body.upper() else None
        if nested:
            inner = number + 1 + body.count("\n", 0, nested.start())
            raise FileRejected(f"the card starting on line {number} has no END:VCARD", line=inner)
        _add_card(number, body, contacts, skipped)
        number += decoded.count("\n", match.start(), match.end())
        position = match.end()
    if position == 0 and "BEGIN:VCARD" not in decoded.upper():
        raise FileRejected("this is not a vCard file: no BEGIN:VCARD; export contacts as .vcf")
    _reject_text_between(decoded, position, len(decoded), number)
    return Parsed(tuple(contacts), tuple(skipped))


def _reject_text_between(decoded: str, start: int, end: int, number: int) -> None:
    gap = decoded[start:end]
    text_left = gap.lstrip()
    if not text_left:
        return
    line = number + gap.count("\n", 0, len(gap) - len(text_left))
    if text_left[:11].upper() == "BEGIN:VCARD":
        raise FileRejected(f"the card starting on line {line} has no END:VCARD", line=line)
    raise FileRejected("text outside a vCard (BEGIN:VCARD ... END:VCARD)", line=line)


def _add_card(start: int, body: str, contacts: list[Contact], skipped: list[Skipped]) -> None:
    card, others = properties(body, _READ)
    props: dict[str, list[Property]] = {}
    for prop in card:
        props.setdefault(prop.name, []).append(prop)
    if _is_group(props):
        skipped.append(Skipped(start, A_GROUP))
        return
    notes: list[str] = []
    contact = _contact(start, props, [not_imported(name) for name in others], notes)
    skipped.extend(Skipped(start, note) for note in notes)
    if contact.full_name or contact.organization or contact.emails or contact.phones:
        contacts.append(contact)
    else:
        skipped.append(Skipped(start, NOTHING_USABLE))


def _first(props: dict[str, list[Property]], name: str) -> str:
    found = props.get(name)
    return found[0].value if found else ""


def _contact(
    start: int, props: dict[str, list[Property]], unmapped: list[str], notes: list[str]
) -> Contact:
    family, given, middle, prefix, suffix = components(_first(props, "N"), 5)
    written = unescape(_first(props, "FN")) or display_name(given, middle, family)
    full_name = written
    org = split(_first(props, "ORG"), ";")
    if any(org[1:]):
        unmapped.append("department")
    organization = org[0]
    if _is_company(props):
        organization, full_name = organization or full_name, ""
    labels = {p.group: _apple_label(p.value) for p in props.get("X-ABLABEL", ()) if p.group}
    android = _Android.read(props.get("X-ANDROID-CUSTOM", ()), unmapped)
    photo, photo_type = _photo(props.get("PHOTO", ()), notes, unmapped)
    return Contact(
        line=start,
        full_name=full_name,
        first_name=given,
        middle_name=middle,
        last_name=family,
        nickname=", ".join([*_values(props.get("NICKNAME", ())), *android.nicknames]),
        emails=_labelled(props.get("EMAIL", ()), labels),
        phones=_labelled([*props.get("TEL", ()), *props.get("X-MS-TEL", ())], labels),
        linkedin_url=_links([p for name in _LINKS for p in props.get(name, ())], unmapped),
        organization=organization,
        title=unescape(_first(props, "TITLE")),
        location=_location(props.get("ADR", ()), unmapped),
        notes="\n".join(n for n in (unescape(p.value) for p in props.get("NOTE", ())) if n),
        circles=tuple(dict.fromkeys(_circles(props.get("CATEGORIES", ())))),
        birthday=_birthday(props, android, notes),
        photo=photo,
        photo_type=photo_type,
        prefix=prefix,
        suffix=suffix,
        phonetic_name=_phonetic(props, written),
        uid=unescape(_first(props, "UID")),
        anniversary=_anniversary(props, labels, android, notes, unmapped),
        unmapped=tuple(dict.fromkeys(u for u in unmapped if u)),
    )


def _is_company(props: dict[str, list[Property]]) -> bool:
    kind = unescape(_first(props, "KIND")).lower()
    shows_as = _first(props, "X-ABSHOWAS").strip().upper()
    return kind in ("org", "organization") or shows_as == "COMPANY"


def _is_group(props: dict[str, list[Property]]) -> bool:
    kinds = (_first(props, "KIND"), _first(props, "X-ADDRESSBOOKSERVER-KIND"))
    return any(unescape(kind).lower() == "group" for kind in kinds)


def _values(found: Iterable[Property]) -> list[str]:
    return [v for p in found for v in split(p.value, ",") if v]


def _circles(found: Iterable[Property]) -> list[str]:
    return [c for c in _values(found) if c.casefold().replace(" ", "") not in _SYSTEM]


def _apple_label(value: str) -> str:
    label = unescape(value)
    match = _APPLE_LABEL.fullmatch(label)
    return match.group(1) if match else label


def _labelled(found: Iterable[Property], labels: dict[str, str]) -> tuple[Labelled, ...]:
    kept: list[Labelled] = []
    for prop in found:
        value = unescape(prop.value)
        if value[:4].lower() == "tel:":
            value = value[4:]  # 4.0 phones may be tel: URIs
        if not value:
            continue
        if prop.group in labels:
            kept.append(Labelled(value, labels[prop.group]))
            continue
        kept.append(Labelled(value, _type_label(",".join(prop.params.get("TYPE", ())))))
    return tuple(kept)


@functools.lru_cache(maxsize=256)
def _type_label(types: str) -> str:
    """The label TYPE values make: "CELL,VOICE" is "mobile", "WORK,FAX" is "work fax"."""
    words = (_TYPE_LABELS.get(t, t) for t in types.lower().split(",") if t)
    return " ".join(dict.fromkeys(w for w in words if w not in _LABEL_NOISE))


def _links(found: list[Property], unmapped: list[str]) -> str:
    """The first LinkedIn profile among the links; the other links are listed as unmapped."""
    linkedin = ""
    for prop in found:
        url = normalize_linkedin_url(unescape(prop.value))
        user = prop.params.get("X-USER", ("",))[0]
        types = [t.lower() for t in prop.params.get("TYPE", ())]
        if not url and user and "linkedin" in types:
            url = normalize_linkedin_url(f"https://www.linkedin.com/in/{user}")
        if url:
            linkedin = linkedin or url
        elif prop.value.strip():
            unmapped.append("website" if prop.name == "URL" else "social profile")
    return linkedin


def _location(found: Iterable[Property], unmapped: list[str]) -> str:
    """Locality, region and country of the first address that has them."""
    location = ""
    for prop in found:
        parts = (split(prop.value, ";") + [""] * 7)[:7]
        if any(parts[i] for i in (0, 1, 2, 5)):  # PO box, extended, street, postal code
            unmapped.append("street address")
        place = ", ".join(p for p in (parts[3], parts[4], parts[6]) if p)
        if place and location and place != location:
            unmapped.append("another address")
        location = location or place
    return location


def _phonetic(props: dict[str, list[Property]], name: str) -> str:
    has_sort_as = "N" in props and "SORT-AS" in props["N"][0].params
    if not has_sort_as and not _PHONETIC_SOURCES & props.keys():
        return ""
    given, middle, family = (unescape(_first(props, field)) for field in _PHONETIC)
    if not (given or middle or family):
        for sound in props.get("SOUND", ()):
            if "X-IRMC-N" in (t.upper() for t in sound.params.get("TYPE", ())):
                family, given, middle = components(sound.value, 3)
                break
    if not (given or middle or family) and has_sort_as:
        n = props["N"][0]
        sort_as = [*(s.strip() for s in n.params.get("SORT-AS", ())), "", ""][:2]
        if sort_as != components(n.value, 2):  # a sort key that is the name says nothing new
            family, given = sort_as
    return phonetic_name(given, middle, family, name=name)


def _date(prop: Property | None, what: str, notes: list[str]) -> PartialDate | None:
    if prop is None:
        return None
    value = unescape(prop.value)
    found = parse_day(value)
    if found is None:
        if value:
            notes.append(f"{what} {value!r} not understood; left out")
        return None
    omitted = prop.params.get("X-APPLE-OMIT-YEAR", ("",))[0].strip()
    if found.year is not None and omitted == str(found.year):
        return PartialDate(None, found.month, found.day)
    return found


def _birthday(
    props: dict[str, list[Property]], android: _Android, notes: list[str]
) -> PartialDate | None:
    if "BDAY" in props:
        return _date(props["BDAY"][0], "birthday", notes)
    return _date(android.birthday, "birthday", notes)


def _anniversary(
    props: dict[str, list[Property]],
    labels: dict[str, str],
    android: _Android,
    notes: list[str],
    unmapped: list[str],
) -> PartialDate | None:
    found = [p for name in _ANNIVERSARIES for p in props.get(name, ())]
    for prop in props.get("X-ABDATE", ()):
        if labels.get(prop.group, "").casefold() == "anniversary":
            found.append(prop)
        elif prop.value.strip():
            unmapped.append("other date")
    found += android.anniversaries
    for prop in found:
        date = _date(prop, "anniversary", notes)
        if date is not None:
            return date
    return None


@dataclass(slots=True)
class _Android:
    """What Android's X-ANDROID-CUSTOM rows say: "vnd.android.cursor.item/KIND;data;type;..."."""

    nicknames: list[str] = field(default_factory=list)
    anniversaries: list[Property] = field(default_factory=list)
    birthday: Property | None = None

    @classmethod
    def read(cls, found: Iterable[Property], unmapped: list[str]) -> _Android:
        android = cls()
        for prop in found:
            kind, data, kind_type = ([*split(prop.value, ";"), "", ""])[:3]
            kind = kind.rsplit("/", 1)[-1].lower()
            if not data:
                continue
            if kind == "nickname":
                android.nicknames.append(data)
            elif kind == "contact_event" and kind_type == _ANDROID_ANNIVERSARY:
                android.anniversaries.append(prop._replace(value=data))
            elif kind == "contact_event" and kind_type == _ANDROID_BIRTHDAY:
                android.birthday = android.birthday or prop._replace(value=data)
            elif kind == "contact_event":
                unmapped.append("other date")
            elif kind == "relation":
                unmapped.append("related people")
            else:
                unmapped.append("Android custom field")
        return android


def _photo(
    found: Sequence[Property], notes: list[str], unmapped: list[str]
) -> tuple[bytes | None, str]:
    if not found:
        return None, ""
    prop = found[0]
    value = prop.value.strip()
    encoding = prop.params.get("ENCODING", ("",))[0].lower()
    try:
        if value[:5].lower() == "data:":
            header, _, payload = value[5:].partition(",")
            if header.lower().endswith(";base64"):
                return _kept(base64.b64decode(payload), header[:-7])
            return _kept(urllib.parse.unquote_to_bytes(payload), header)
        if encoding in ("b", "base64"):
            kind = prop.params.get("TYPE", ("",))[0].lower()
            mime = kind if "/" in kind or not kind else f"image/{kind}"
            return _kept(base64.b64decode("".join(value.split())), mime)
    except (binascii.Error, ValueError):
        notes.append("photo not readable; left out")
        return None, ""
    if value:
        unmapped.append("photo link")
    return None, ""


def _kept(photo: bytes, mime: str) -> tuple[bytes | None, str]:
    return (photo, text.clean(mime)) if photo else (None, "")


# Writing


def write_vcards(contacts: Iterable[Contact], uids: Sequence[str] | None = None) -> str:
    """The contacts as vCard 4.0 text; `uids`, when given, are their UIDs in the same order
    (else each contact's own `uid`)."""
    contacts = list(contacts)
    if uids is not None and len(uids) != len(contacts):
        raise ValueError("write_vcards needs exactly one uid per contact")
    return "".join(
        _write_card(contact, uids[index] if uids is not None else contact.uid)
        for index, contact in enumerate(contacts)
    )


def _write_card(contact: Contact, uid: str) -> str:
    lines = ["BEGIN:VCARD", "VERSION:4.0"]
    if contact.is_organization_only:
        lines += ["KIND:org", f"FN:{escape(contact.organization)}"]
    else:
        if contact.full_name and contact.full_name == contact.organization:
            lines.append("KIND:individual")  # else readers would take it for a company
        lines.append(f"FN:{escape(contact.full_name)}")
    names = (contact.last_name, contact.first_name, contact.middle_name)
    lines.append("N:" + ";".join(escape(n) for n in (*names, contact.prefix, contact.suffix)))
    lines += _optional("X-PHONETIC-FIRST-NAME", contact.phonetic_name)
    lines += _optional("NICKNAME", contact.nickname)
    lines += _write_labelled(contact)
    lines += _optional("ORG", contact.organization)
    lines += _optional("TITLE", contact.title)
    if contact.location:
        lines.append(f"ADR:;;;{escape(contact.location)};;;")
    lines += _write_date("BDAY", contact.birthday)
    lines += _write_date("ANNIVERSARY", contact.anniversary)
    if contact.linkedin_url:
        lines.append(f"URL:{contact.linkedin_url}")
    lines += _optional("NOTE", contact.notes)
    if contact.circles:
        lines.append("CATEGORIES:" + ",".join(escape(c) for c in contact.circles))
    if contact.photo is not None:
        encoded = base64.b64encode(contact.photo).decode("ascii")
        lines.append(f"PHOTO:data:{contact.photo_type};base64,{encoded}")
    lines += _optional("UID", uid)
    lines.append("END:VCARD")
    return "".join(fold(line) for line in lines)


def _optional(name: str, value: str) -> list[str]:
    return [f"{name}:{escape(value)}"] if value else []


def _write_date(name: str, day: PartialDate | None) -> list[str]:
    if day is None:
        return []
    year = f"{day.year:04d}" if day.year is not None else "--"
    return [f"{name}:{year}{day.month:02d}{day.day:02d}"]


def _write_labelled(contact: Contact) -> list[str]:
    lines: list[str] = []
    items = 0
    for name, entries in (("EMAIL", contact.emails), ("TEL", contact.phones)):
        for entry in entries:
            value = escape(entry.value)
            if not entry.label:
                lines.append(f"{name}:{value}")
            elif entry.label in _SIMPLE_LABELS:
                lines.append(f"{name};TYPE={_SIMPLE_LABELS[entry.label]}:{value}")
            else:
                items += 1
                lines.append(f"item{items}.{name}:{value}")
                lines.append(f"item{items}.X-ABLabel:{escape(entry.label)}")
    return lines
