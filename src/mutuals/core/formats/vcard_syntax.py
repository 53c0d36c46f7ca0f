"""The syntax of vCard content lines (RFC 2425/2426/6350 and the 2.1 specification).

Reading, as files really arrive: lines end in CRLF, LF or CR (already "\\n" here); a line
starting with a space or tab continues the previous one (folding), and in 2.1 quoted-printable
values also continue after a trailing "=" (soft line break); 2.1 base64 photos may run on
unindented until a blank line. A property is `group.NAME;params:value`; parameters may be bare
(2.1 "TEL;CELL;VOICE:"), repeated, quoted (holding ":" and ";") or comma lists. Values are
unescaped ("\\," "\\;" "\\n" "\\\\"), QUOTED-PRINTABLE ones decoded with their CHARSET (an unknown
charset reads as UTF-8), and decoded text is cleaned like the rest of the file.

Writing: escaping as RFC 6350 3.4 says, and lines folded at 75 octets without splitting a
UTF-8 character, with CRLF.
"""

from __future__ import annotations

import binascii
import codecs
import functools
import re
from collections.abc import Iterator, Mapping
from typing import NamedTuple

from mutuals.core.formats.text import clean

_FOLD = re.compile(r"\n[ \t]")
# group.NAME;params:value -- lines that do not match (no colon, odd names) say nothing usable
_PROPERTY = re.compile(r"^([^:;\n]+)((?:;[^:\n]*)?):(.*)$", re.MULTILINE)
_NO_PARAMS: Mapping[str, tuple[str, ...]] = {}
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)


class Property(NamedTuple):
    """One content line: upper-case group and name, parameters by upper-case name, raw value."""

    group: str
    name: str
    params: Mapping[str, tuple[str, ...]]
    value: str


def properties(body: str, wanted: frozenset[str]) -> tuple[list[Property], list[str]]:
    """The `wanted` properties of a card's body in order, and the names of the others that
    carry a value (for the report of what was not imported)."""
    upper = body.upper()
    if "BASE64" in upper or ("=\n" in body and "QUOTED-PRINTABLE" in upper):
        body = "\n".join(_unfolded(body.split("\n")))
    elif "\n " in body or "\n\t" in body:
        body = _FOLD.sub("", body)
    card: list[Property] = []
    others: list[str] = []
    # One regular expression splits most lines; only quoted parameters need the slow path.
    for match in _PROPERTY.finditer(body):
        name, params, value = match.groups()
        group, _, name = name.upper().rpartition(".")
        name = name.strip()
        if name not in wanted:
            if value.strip():
                others.append(name)
        elif not params:
            card.append(Property(group, name, _NO_PARAMS, value))
        elif '"' in params:
            card.append(_property(match.group()))
        else:
            card.append(_with_params(group, name, params[1:].split(";"), value))
    return card, others


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


def _property(line: str) -> Property:
    colon = _value_start(line)
    if colon < 0:  # an unbalanced quote: the first colon is all there is
        colon = line.find(":")
    head, value = line[:colon], line[colon + 1 :]
    parts = _split_outside_quotes(head)
    group, _, name = parts[0].rpartition(".")
    return _with_params(group, name, parts[1:], value)


def _with_params(group: str, name: str, parts: list[str], value: str) -> Property:
    params = _params(tuple(parts))
    if params.get("ENCODING", ("",))[0].upper() == "QUOTED-PRINTABLE":
        value = _decode_quoted_printable(value, params.get("CHARSET", ("utf-8",))[0])
    return Property(group.upper(), name.strip().upper(), params, value)


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
        values = value.split(",") if key in ("TYPE", "SORT-AS") else [value]
        params[key] = params.get(key, ()) + tuple(v.strip().strip('"') for v in values)
    return params


def _decode_quoted_printable(value: str, charset: str) -> str:
    raw = binascii.a2b_qp(value.encode("utf-8"))
    try:
        codecs.lookup(charset)
    except (LookupError, ValueError):  # unknown, or not even a name ("utf\x00")
        charset = "utf-8"
    return clean(raw.decode(charset, errors="replace"))


def unescape(value: str) -> str:
    """A text value without its escapes, stripped."""
    if "\\" not in value:
        return value.strip()
    quick = value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";")
    if "\\" not in quick:
        return quick.strip()
    return _ESCAPED.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value).strip()


def split(value: str, separator: str) -> list[str]:
    """`value` split at unescaped separators, each part unescaped."""
    if "\\" not in value:
        return [part.strip() for part in value.split(separator)]
    return [unescape(part) for part in _raw_split(value, separator)]


def components(value: str, count: int) -> list[str]:
    """A structured value's `count` components (N, ADR), each a list joined with spaces.

    "Doe;John;Richter,James;Mr.;Sr." gives the middle names "Richter James"; an escaped comma
    ("Richter\\, James") is a comma in the name. Missing components are "".
    """
    if "\\" not in value:
        parts = [" ".join(filter(None, map(str.strip, p.split(",")))) for p in value.split(";")]
    else:
        parts = [_joined_list(part) for part in _raw_split(value, ";")]
    return (parts + [""] * count)[:count]


def _raw_split(value: str, separator: str) -> list[str]:
    """`value` split at unescaped separators, escapes kept."""
    parts: list[str] = []
    current: list[str] = []
    chars = iter(value)
    for char in chars:
        if char == "\\":
            current += (char, next(chars, ""))
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    return [*parts, "".join(current)]


def _joined_list(component: str) -> str:
    return " ".join(filter(None, (unescape(item) for item in _raw_split(component, ","))))


# Writing


def escape(value: str) -> str:
    """A text value escaped for a content line; line breaks of any kind become "\\n"."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def fold(line: str) -> str:
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
