"""vCard address books (.vcf): versions 2.1, 3.0 and 4.0 read, 4.0 (RFC 6350) written.

Reading, as files really arrive: lines end in CRLF, LF or CR; a line starting with a space or
tab continues the previous one (folding), and in 2.1 quoted-printable values also continue
after a trailing "=" (soft line break); 2.1 base64 photos may run on unindented until a blank
line. Parameters may be bare (2.1 "TEL;CELL;VOICE:"), repeated, quoted or comma lists. Values
are unescaped ("\\," "\\;" "\\n" "\\\\"); QUOTED-PRINTABLE values are decoded with their
CHARSET. Apple groups a value with its label ("item1.EMAIL" + "item1.X-ABLabel:Work");
otherwise labels come from TYPE (cell is "mobile"; internet, pref, voice say nothing). The name
is FN, else built from N; a card with only ORG (or KIND:org, or Apple's X-ABShowAs:COMPANY) is
a company. LinkedIn profiles come from URL, X-SOCIALPROFILE or SOCIALPROFILE (RFC 9554).
Birthdays without a year ("--0412", Apple's X-APPLE-OMIT-YEAR) are left out and listed as
skipped with the card's line: a date needs a year. Photos are kept when inline (base64 or a
data: URI); photo links are not followed.

Writing: one vCard 4.0 per contact, CRLF, lines folded at 75 octets without splitting a UTF-8
character. The location goes in the ADR locality, so address books show it and it reads back
exactly. Labels other than home/work/mobile/fax/pager use Apple's grouped X-ABLabel, the one
way other apps keep a free-text label.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import functools
import re
import urllib.parse
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import NamedTuple

from mutuals.core.formats import text
from mutuals.core.formats.linkedin import normalize_linkedin_url
from mutuals.core.formats.records import Contact, FileRejected, Labelled, Parsed, Skipped

# Line by line, so the search for END:VCARD only looks at line starts.
_CARD = re.compile(
    r"^BEGIN:VCARD[ \t]*\n((?:.*\n)*?)END:VCARD[ \t]*$", re.IGNORECASE | re.MULTILINE
)
_NESTED_BEGIN = re.compile(r"^BEGIN:VCARD[ \t]*$", re.IGNORECASE | re.MULTILINE)
_FOLD = re.compile(r"\n[ \t]")
# group.NAME;params:value -- lines that do not match (no colon, odd names) say nothing usable
_PROPERTY = re.compile(r"^([^:;\n]+)((?:;[^:\n]*)?):(.*)$", re.MULTILINE)
_NO_PARAMS: Mapping[str, tuple[str, ...]] = {}
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_")
_BIRTHDAY = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")
_LABEL_NOISE = {"internet", "pref", "voice", "x400", "x-internet"}
_TYPE_LABELS = {"cell": "mobile"}
_SIMPLE_LABELS = {"home": "home", "work": "work", "mobile": "cell", "fax": "fax", "pager": "pager"}
_LINKS = ("URL", "X-SOCIALPROFILE", "SOCIALPROFILE")
_READ = {
    *("FN", "N", "NICKNAME", "ORG", "TITLE", "NOTE", "EMAIL", "TEL", "ADR", "BDAY", "PHOTO"),
    *("CATEGORIES", "KIND", "X-ABSHOWAS", "X-ABLABEL", *_LINKS),
}
# Google's built-in groups, not circles the user made
_SYSTEM = {"myContacts", "starred"}
NOTHING_USABLE = "card has no name, organisation, email or phone"


class _Property(NamedTuple):
    group: str
    name: str
    params: Mapping[str, tuple[str, ...]]
    value: str


# Reading


def parse_vcards(data: bytes) -> Parsed[Contact]:
    """The contacts in a .vcf file, in file order."""
    decoded = text.decode(data).replace("\r\n", "\n").replace("\r", "\n")
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
        _add_card(number, _properties(body), contacts, skipped)
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


def _properties(body: str) -> list[_Property]:
    upper = body.upper()
    if "BASE64" in upper or ("=\n" in body and "QUOTED-PRINTABLE" in upper):
        body = "\n".join(_unfolded(body.split("\n")))
    elif "\n " in body or "\n\t" in body:
        body = _FOLD.sub("", body)
    card: list[_Property] = []
    # One regular expression splits most lines; only quoted parameters need the slow path.
    for match in _PROPERTY.finditer(body):
        name, params, value = match.groups()
        group, _, name = name.upper().rpartition(".")
        name = name.strip()
        if name not in _READ:
            continue
        if not params:
            card.append(_Property(group, name, _NO_PARAMS, value))
        elif '"' in params:
            card.append(_property(match.group()))
        else:
            card.append(_with_params(group, name, params[1:].split(";"), value))
    return card


def _unfolded(lines: list[str]) -> Iterator[str]:
    """Logical lines: folding, quoted-printable soft breaks and 2.1 base64 runs undone."""
    i, count = 0, len(lines)
    while i < count:
        line = lines[i]
        i += 1
        while i < count:
            following = lines[i]
            if line.endswith("=") and _is_quoted_printable(line):
                line = line[:-1] + following
            elif following[:1] in (" ", "\t") and following:
                line += following[1:]
            elif following and ":" not in following and _is_2_1_base64(line):
                line += following.strip()
            else:
                break
            i += 1
        yield line


def _is_quoted_printable(line: str) -> bool:
    return "QUOTED-PRINTABLE" in line.partition(":")[0].upper()


def _is_2_1_base64(line: str) -> bool:
    return "BASE64" in line.partition(":")[0].upper()


def _property(line: str) -> _Property:
    colon = _value_start(line)
    if colon < 0:  # an unbalanced quote: the first colon is all there is
        colon = line.find(":")
    head, value = line[:colon], line[colon + 1 :]
    parts = _split_outside_quotes(head)
    group, _, name = parts[0].rpartition(".")
    return _with_params(group, name, parts[1:], value)


def _with_params(group: str, name: str, parts: list[str], value: str) -> _Property:
    params = _params(tuple(parts))
    if params.get("ENCODING", ("",))[0].upper() == "QUOTED-PRINTABLE":
        value = _decode_quoted_printable(value, params.get("CHARSET", ("utf-8",))[0])
    return _Property(group.upper(), name.strip().upper(), params, value)


def _split_outside_quotes(head: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    inside = False
    for char in head:
        if char == '"':
            inside = not inside
        if char == ";" and not inside:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    return [*parts, "".join(current)]


def _value_start(line: str) -> int:
    """Where the value starts: the first colon outside double quotes, or -1."""
    inside = False
    for index, char in enumerate(line):
        if char == '"':
            inside = not inside
        elif char == ":" and not inside:
            return index
    return -1


@functools.lru_cache(maxsize=1024)
def _params(parts: tuple[str, ...]) -> Mapping[str, tuple[str, ...]]:
    """Parameters by upper-case name; cached, since a file repeats the same few endlessly."""
    params: dict[str, tuple[str, ...]] = {}
    for part in parts:
        key, equals, value = part.partition("=")
        if not equals:
            key, value = "TYPE", key
        key = key.strip().upper()
        values = value.split(",") if key == "TYPE" else [value]
        params[key] = params.get(key, ()) + tuple(v.strip().strip('"') for v in values)
    return params


def _decode_quoted_printable(value: str, charset: str) -> str:
    raw = binascii.a2b_qp(value.encode("utf-8"))
    try:
        codecs.lookup(charset)
    except (LookupError, ValueError):  # unknown, or not even a name ("utf\x00")
        charset = "utf-8"
    return raw.decode(charset, errors="replace").replace("\r\n", "\n")


def _unescape(value: str) -> str:
    if "\\" not in value:
        return value.strip()
    quick = value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";")
    if "\\" not in quick:
        return quick.strip()
    return _ESCAPED.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value).strip()


def _split(value: str, separator: str) -> list[str]:
    """`value` split at unescaped separators, each part unescaped."""
    if "\\" not in value:
        return [part.strip() for part in value.split(separator)]
    parts: list[str] = []
    current: list[str] = []
    chars = iter(value)
    for char in chars:
        if char == "\\":
            current += (char, next(chars, ""))
        elif char == separator:
            parts.append(_unescape("".join(current)))
            current = []
        else:
            current.append(char)
    parts.append(_unescape("".join(current)))
    return parts


def _add_card(
    start: int, card: list[_Property], contacts: list[Contact], skipped: list[Skipped]
) -> None:
    notes: list[str] = []
    contact = _contact(start, card, notes)
    skipped.extend(Skipped(start, note) for note in notes)
    if contact.full_name or contact.organization or contact.emails or contact.phones:
        contacts.append(contact)
    else:
        skipped.append(Skipped(start, NOTHING_USABLE))


def _contact(start: int, card: list[_Property], notes: list[str]) -> Contact:
    props: dict[str, list[_Property]] = {}
    for prop in card:
        props.setdefault(prop.name, []).append(prop)
    first = {name: found[0].value for name, found in props.items()}
    names = _padded(_split(first["N"], ";") if "N" in first else [], 5)
    family, given, middle = names[0], names[1], names[2]
    full_name = _unescape(first.get("FN", ""))
    full_name = full_name or " ".join(p for p in (names[3], given, middle, family, names[4]) if p)
    organization = _split(first["ORG"], ";")[0] if "ORG" in first else ""
    if _is_company(first):
        organization, full_name = organization or full_name, ""
    labels = {p.group: _apple_label(p.value) for p in props.get("X-ABLABEL", ()) if p.group}
    photo, photo_type = _photo(props["PHOTO"][0], notes) if "PHOTO" in props else (None, "")
    return Contact(
        line=start,
        full_name=full_name,
        first_name=given,
        middle_name=middle,
        last_name=family,
        nickname=", ".join(_values(props.get("NICKNAME", ()))),
        emails=_labelled(props.get("EMAIL", ()), labels),
        phones=_labelled(props.get("TEL", ()), labels),
        linkedin_url=_linkedin([p for name in _LINKS for p in props.get(name, ())]),
        organization=organization,
        title=_unescape(first.get("TITLE", "")),
        location=_location(props.get("ADR", ())),
        notes="\n".join(n for n in (_unescape(p.value) for p in props.get("NOTE", ())) if n),
        circles=tuple(dict.fromkeys(_circles(props.get("CATEGORIES", ())))),
        birthday=_birthday(props["BDAY"][0], notes) if "BDAY" in props else None,
        photo=photo,
        photo_type=photo_type,
    )


def _padded(parts: list[str], length: int) -> list[str]:
    return parts + [""] * (length - len(parts))


def _is_company(first: dict[str, str]) -> bool:
    kind = _unescape(first.get("KIND", "")).lower()
    shows_as = first.get("X-ABSHOWAS", "").strip().upper()
    return kind in ("org", "organization") or shows_as == "COMPANY"


def _values(found: Iterable[_Property]) -> list[str]:
    return [v for p in found for v in _split(p.value, ",") if v]


def _circles(found: Iterable[_Property]) -> list[str]:
    return [circle for circle in _values(found) if circle not in _SYSTEM]


def _apple_label(value: str) -> str:
    label = _unescape(value)
    match = _APPLE_LABEL.fullmatch(label)
    return match.group(1) if match else label


def _labelled(found: Iterable[_Property], labels: dict[str, str]) -> tuple[Labelled, ...]:
    kept: list[Labelled] = []
    for prop in found:
        value = _unescape(prop.value)
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


def _linkedin(found: list[_Property]) -> str:
    for prop in found:
        url = normalize_linkedin_url(_unescape(prop.value))
        user = prop.params.get("X-USER", ("",))[0]
        types = [t.lower() for t in prop.params.get("TYPE", ())]
        if not url and user and "linkedin" in types:
            url = normalize_linkedin_url(f"https://www.linkedin.com/in/{user}")
        if url:
            return url
    return ""


def _location(found: Iterable[_Property]) -> str:
    for prop in found:
        parts = _padded(_split(prop.value, ";"), 7)
        location = ", ".join(p for p in (parts[3], parts[4], parts[6]) if p)
        if location:
            return location
    return ""


def _birthday(prop: _Property, notes: list[str]) -> date | None:
    value = prop.value.strip()
    if value.startswith("--") or "X-APPLE-OMIT-YEAR" in prop.params:
        notes.append(f"birthday {value!r} has no year; left out")
        return None
    match = _BIRTHDAY.match(value)
    try:
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        pass
    notes.append(f"birthday {value!r} not understood; left out")
    return None


def _photo(prop: _Property, notes: list[str]) -> tuple[bytes | None, str]:
    value = prop.value.strip()
    encoding = prop.params.get("ENCODING", ("",))[0].lower()
    try:
        if value[:5].lower() == "data:":
            header, _, payload = value[5:].partition(",")
            if header.lower().endswith(";base64"):
                return base64.b64decode(payload), header[:-7]
            return urllib.parse.unquote_to_bytes(payload), header
        if encoding in ("b", "base64"):
            kind = prop.params.get("TYPE", ("",))[0].lower()
            mime = kind if "/" in kind or not kind else f"image/{kind}"
            return base64.b64decode("".join(value.split())), mime
    except (binascii.Error, ValueError):
        notes.append("photo not readable; left out")
    return None, ""


# Writing


def write_vcards(contacts: Iterable[Contact], uids: Sequence[str] | None = None) -> str:
    """The contacts as vCard 4.0 text; `uids`, when given, are their UIDs in the same order."""
    contacts = list(contacts)
    if uids is not None and len(uids) != len(contacts):
        raise ValueError("write_vcards needs exactly one uid per contact")
    return "".join(
        _write_card(contact, uids[index] if uids is not None else "")
        for index, contact in enumerate(contacts)
    )


def _write_card(contact: Contact, uid: str) -> str:
    lines = ["BEGIN:VCARD", "VERSION:4.0"]
    if contact.is_organization_only:
        lines += ["KIND:org", f"FN:{_escape(contact.organization)}"]
    else:
        if contact.full_name and contact.full_name == contact.organization:
            lines.append("KIND:individual")  # else readers would take it for a company
        lines.append(f"FN:{_escape(contact.full_name)}")
    names = (contact.last_name, contact.first_name, contact.middle_name, "", "")
    lines.append("N:" + ";".join(_escape(n) for n in names))
    lines += _optional("NICKNAME", contact.nickname)
    lines += _write_labelled(contact)
    lines += _optional("ORG", contact.organization)
    lines += _optional("TITLE", contact.title)
    if contact.location:
        lines.append(f"ADR:;;;{_escape(contact.location)};;;")
    if contact.birthday:
        birthday = contact.birthday
        lines.append(f"BDAY:{birthday.year:04d}{birthday.month:02d}{birthday.day:02d}")
    if contact.linkedin_url:
        lines.append(f"URL:{contact.linkedin_url}")
    lines += _optional("NOTE", contact.notes)
    if contact.circles:
        lines.append("CATEGORIES:" + ",".join(_escape(c) for c in contact.circles))
    if contact.photo is not None:
        encoded = base64.b64encode(contact.photo).decode("ascii")
        lines.append(f"PHOTO:data:{contact.photo_type};base64,{encoded}")
    lines += _optional("UID", uid)
    lines.append("END:VCARD")
    return "".join(_fold(line) for line in lines)


def _optional(name: str, value: str) -> list[str]:
    return [f"{name}:{_escape(value)}"] if value else []


def _write_labelled(contact: Contact) -> list[str]:
    lines: list[str] = []
    items = 0
    for name, entries in (("EMAIL", contact.emails), ("TEL", contact.phones)):
        for entry in entries:
            value = _escape(entry.value)
            if not entry.label:
                lines.append(f"{name}:{value}")
            elif entry.label in _SIMPLE_LABELS:
                lines.append(f"{name};TYPE={_SIMPLE_LABELS[entry.label]}:{value}")
            else:
                items += 1
                lines.append(f"item{items}.{name}:{value}")
                lines.append(f"item{items}.X-ABLabel:{_escape(entry.label)}")
    return lines


def _escape(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def _fold(line: str) -> str:
    """The line with CRLF, folded so no physical line exceeds 75 octets (RFC 6350 3.2)."""
    if line.isascii():
        if len(line) <= 75:
            return line + "\r\n"
        rest = [line[i : i + 74] for i in range(75, len(line), 74)]
        return "\r\n ".join([line[:75], *rest]) + "\r\n"
    chunks: list[str] = []
    current: list[str] = []
    size, limit = 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            chunks.append("".join(current))
            current, size, limit = [], 0, 74
        current.append(char)
        size += width
    chunks.append("".join(current))
    return "\r\n ".join(chunks) + "\r\n"
