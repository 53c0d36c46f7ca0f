"""Reading a pasted job posting: which organisation, which role, where.

Postings come in many shapes, so the reading is a handful of plain rules tried in order, each
a guess the person confirms before anything is saved:

1. labelled lines win: "Company: Orion", "Job title: Data Engineer", "Location: Portland, OR";
2. the organisation is the first of your people's organisations the text names (the same
   reading as Match, `core.matching.organisations_named`), else "Orion is hiring", "Join
   Orion", "About Orion", "at Orion";
3. the title is "hiring a Senior Data Engineer" / "looking for a …", else the first short line
   that holds a job word (engineer, manager, designer…), as job boards put the title first;
4. the location is "based in …", "located in …", a "City, ST" pair, or Remote/Hybrid;
   a job board's second line "Orion · Portland, OR (Hybrid)" gives both organisation and place.

Every answer is a piece of the text itself, trimmed and at most MAX_FIELD characters, and the
reading never fails: a text with nothing recognisable gives empty fields. Each regular
expression is linear (no nested repetition), so a 300-word posting reads in well under a
millisecond.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from mutuals.core.matching.organisations import organisations_named

MAX_FIELD = 200
MAX_TEXT = 100_000  # characters read; a posting is a few thousand
MAX_TITLE_LINE = 80

_LABEL = re.compile(
    r"^[ \t]*(?P<label>company|organi[sz]ation|employer|hiring company|job title|title|"
    r"position|role|location|job location|based in)[ \t]*[:\-\u2013\u2014][ \t]*"
    r"(?P<value>[^\n]{1,200})",
    re.IGNORECASE | re.MULTILINE,
)
_LABELS = {
    "company": "organisation",
    "organisation": "organisation",
    "organization": "organisation",
    "employer": "organisation",
    "hiring company": "organisation",
    "job title": "title",
    "title": "title",
    "position": "title",
    "role": "title",
    "location": "location",
    "job location": "location",
    "based in": "location",
}
# A name: capitalised words (with &, ., ', -) of up to six words.
_NAME = r"[A-Z0-9][\w&'.\-]*(?:[ \t][A-Z0-9&][\w&'.\-]*){0,5}"
_ORG_PATTERNS = (
    re.compile(rf"(?P<org>{_NAME})[ \t]+(?:is|are)[ \t]+(?:hiring|looking|growing|seeking)"),
    re.compile(rf"\b(?:Join|About)[ \t]+(?:us[ \t]+at[ \t]+)?(?P<org>{_NAME})"),
    re.compile(rf"\b(?:at|with)[ \t]+(?P<org>{_NAME})"),
)
_TITLE_WORDS = (
    "engineer|developer|manager|designer|scientist|analyst|director|lead|head|architect|"
    "specialist|consultant|coordinator|officer|administrator|recruiter|writer|researcher|"
    "associate|intern|assistant|advisor|adviser|strategist|product owner|owner|accountant|"
    "nurse|teacher|technician|representative|executive|vp|president|partner|editor|marketer|"
    "programmer|tester|devops|sre"
)
_TITLE_WORD = re.compile(rf"\b(?:{_TITLE_WORDS})s?\b", re.IGNORECASE)
_HIRING = re.compile(
    r"\b(?:hiring|looking[ \t]+for|seeking|recruiting|need|as)[ \t]+"
    r"(?:an?[ \t]+|our[ \t]+next[ \t]+|our[ \t]+|a[ \t]+new[ \t]+)?"
    r"(?P<title>(?:[A-Z][\w/&+\-]*[ \t]+){0,5}[A-Z][\w/&+\-]*)"
)
_PLACE = re.compile(
    r"\b(?P<place>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){0,2},[ \t]"
    r"(?:[A-Z]{2}|[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?))\b"
)
_BASED = re.compile(
    r"\b(?:based|located|office)[ \t]+in[ \t]+(?P<place>[A-Z][\w.\-]*(?:[ \t,]+[A-Z][\w.\-]*){0,3})"
)
_REMOTE = re.compile(r"\b(?P<place>remote|hybrid|on-site|onsite)\b", re.IGNORECASE)
_SEPARATOR = re.compile(r"[ \t]+[·•|][ \t]+")
_TRIMMED = " \t,.;:-\u2013\u2014·•|("  # dashes as postings write them
_NOT_ORG = frozenset(
    {"we", "our", "you", "the", "a", "an", "this", "us", "team", "company", "about", "i", "it"}
)


@dataclass(frozen=True, slots=True)
class Posting:
    """What a posting says, each "" when it does not say; `organisation_id` is one of yours."""

    organisation: str = ""
    organisation_id: int | None = None
    title: str = ""
    location: str = ""


def read_posting(text: str, organisations: Iterable[tuple[int, str]] = ()) -> Posting:
    """The organisation, title and location a pasted posting names (see the module's rules).

    `organisations` are your people's organisations as (id, name): a posting that names one of
    them is read as that organisation, by its own spelling in your records.
    """
    text = text[:MAX_TEXT].replace("\r\n", "\n").replace("\r", "\n")
    labelled = _labelled(text)
    organisation, organisation_id = _organisation(text, labelled, organisations)
    title = labelled.get("title") or _title(text, organisation)
    location = labelled.get("location") or _location(text)
    return Posting(
        organisation=_clip(organisation),
        organisation_id=organisation_id,
        title=_clip(title),
        location=_clip(location),
    )


def _clip(value: str) -> str:
    value = " ".join(value.split()).strip(_TRIMMED)
    if value.endswith(")") and value.count(")") > value.count("("):
        value = value[:-1].rstrip()
    return value[:MAX_FIELD].strip()


def _labelled(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _LABEL.finditer(text):
        kind = _LABELS[" ".join(match.group("label").lower().split())]
        value = _clip(match.group("value"))
        if value:
            found.setdefault(kind, value)
    return found


def _organisation(
    text: str, labelled: dict[str, str], organisations: Iterable[tuple[int, str]]
) -> tuple[str, int | None]:
    mentions = organisations_named(text, organisations)
    if "organisation" in labelled:
        said = labelled["organisation"]
        named = organisations_named(said, [(m.organisation_id, m.name) for m in mentions])
        return (named[0].name, named[0].organisation_id) if named else (said, None)
    if mentions:
        return mentions[0].name, mentions[0].organisation_id
    board = _board_line(text)
    if board[0]:
        return board[0], None
    for pattern in _ORG_PATTERNS:
        for match in pattern.finditer(text):
            name = _trim_name(match.group("org"))
            if name:
                return name, None
    return "", None


def _trim_name(name: str) -> str:
    """A name without the words that start sentences or say "we"."""
    words = name.split()
    while words and words[0].lower() in _NOT_ORG:
        words = words[1:]
    while words and (words[-1].lower() in _NOT_ORG or _TITLE_WORD.fullmatch(words[-1])):
        words = words[:-1]
    return " ".join(words)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _board_line(text: str) -> tuple[str, str]:
    """A job board's "Orion Robotics · Portland, OR (Hybrid)" in the first few lines."""
    for line in _lines(text)[:4]:
        parts = [part.strip() for part in _SEPARATOR.split(line) if part.strip()]
        if len(parts) >= 2 and len(parts[0]) <= MAX_TITLE_LINE and not _TITLE_WORD.search(parts[0]):
            return parts[0], parts[1]
    return "", ""


def _title(text: str, organisation: str) -> str:
    for line in _lines(text)[:6]:
        if len(line) <= MAX_TITLE_LINE and _TITLE_WORD.search(line) and not line.endswith("."):
            first = _SEPARATOR.split(line)[0].strip()
            if _TITLE_WORD.search(first) and first.lower() != organisation.lower():
                return first
    for match in _HIRING.finditer(text):
        title = match.group("title")
        if _TITLE_WORD.search(title):
            return title
    return ""


def _location(text: str) -> str:
    board = _board_line(text)[1]
    if board:
        place = _PLACE.search(board) or _REMOTE.search(board)
        if place:
            return place.group("place")
    for pattern in (_BASED, _PLACE, _REMOTE):
        match = pattern.search(text)
        if match:
            return match.group("place")
    return ""
