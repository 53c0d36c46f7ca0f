"""Hints in a conversation's words: a promise you made, help given or received, a need heard.

Idea: the advice to write down, right after a conversation, what you promised and what the other
person needs (PRODUCT.md, P1 and P2) is easy to skip. When the summary or notes of a logged
conversation already say it ("I'll send you the deck", "she's looking for a UX role", "thanks for
the referral"), mutuals offers to record it; nothing is recorded without the user's word.

How, in words: the text is cut into sentences; each sentence is tried against a short list of
patterns (`PATTERNS`, data: a kind, a regular expression with a `what` group, and how the record
reads); a match becomes a `Hint` with the words to record, whom it is about (a name from
`names` the sentence uses, else "" for the conversation's person) and its span in the text.
"you"/"your" in a promise become the person's name ("send you the deck" -> "send Priya the
deck"). The same record is offered once. `find_hints` never raises and its spans always lie
inside the text (property tests check both).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache


class HintKind(StrEnum):
    PROMISE = "promise"  # something you said you would do
    NEED = "need"  # something they need
    GAVE = "gave"  # help you gave them
    RECEIVED = "received"  # help they gave you


@dataclass(frozen=True, slots=True)
class Hint:
    """A suggestion to record: `text` in the record's own words, `person` a name as written in
    `names` (or "" for the conversation's person), `detail` the need's or exchange's kind, and
    `start`/`end` the passage it was read from (text[start:end])."""

    kind: HintKind
    text: str
    person: str
    detail: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Pattern:
    """`regex` (with `{who}` for a pronoun or one of the names, and a `what` group) and how the
    record reads: `template` with `{what}` (and `{who}` for the person's name)."""

    kind: HintKind
    regex: str
    template: str


WHAT_MAX = 120  # characters of a suggestion's text
_ME = r"(?:I|we)"
_FUTURE = (
    r"(?:I'll|I will|I'm going to|I am going to|I promised to|I offered to|I said I'd|"
    r"I said I would|I'd be happy to|I can|we'll|we will|promised to|offered to)"
)
_PROMISE_VERBS = (
    r"(?:send|introduce|intro|share|forward|connect|follow up|check|ask|look|find|e-?mail|"
    r"call|ping|put|review|read|pass|get back|write|recommend|refer|text|message|dig up|"
    r"set up|arrange|mention|flag|keep an eye)"
)
_LOOKING = r"(?:looking for|searching for|hunting for|hoping to find|on the lookout for|after)"
_NEEDS = r"(?:needs|wants|would like|would love|could use|is after)"
_NEED_OBJECT = (
    r"(?:a|an|some|help|advice|feedback|an? intro|intros?|introductions?|someone|contacts?|"
    r"leads?|a referral|referrals?|tips|ideas|info|information|mentoring)"
)

PATTERNS: tuple[Pattern, ...] = (
    # Promises: "I'll send you the deck", "I promised to introduce her to Tom".
    Pattern(HintKind.PROMISE, rf"\b{_FUTURE}\s+(?P<what>{_PROMISE_VERBS}\b.+)", "{what}"),
    # Their needs: "she's looking for a UX role", "Priya is hiring a backend engineer".
    Pattern(
        HintKind.NEED,
        rf"\b{{who}}(?:'s|'re|\s+is|\s+are|\s+was|\s+were)?\s+(?:still\s+)?{_LOOKING}\s+"
        r"(?P<what>.+)",
        "Looking for {what}",
    ),
    Pattern(
        HintKind.NEED,
        rf"\b{{who}}\s+(?:really\s+)?{_NEEDS}\s+(?P<what>{_NEED_OBJECT}\b.+)",
        "Needs {what}",
    ),
    Pattern(
        HintKind.NEED,
        r"\b{who}(?:'s|'re|\s+is|\s+are)\s+(?:now\s+|also\s+)?hiring\s+(?P<what>.+)",
        "Hiring {what}",
    ),
    # Help received: "she introduced me to Tom", "thanks for the referral", "he gave me tips".
    Pattern(
        HintKind.RECEIVED,
        r"\b{who}\s+(?P<what>(?:introduced|connected|put)\s+(?:me|us)\s+(?:in touch\s+)?"
        r"(?:to|with)\s+.+)",
        "{what}",
    ),
    Pattern(
        HintKind.RECEIVED,
        r"\b{who}\s+(?P<what>(?:referred|recommended|vouched for)\s+me\b.*)",
        "{what}",
    ),
    Pattern(
        HintKind.RECEIVED,
        r"\b{who}\s+(?P<what>(?:gave|sent|shared with|forwarded|passed)\s+(?:me|us)\s+.+)",
        "{what}",
    ),
    Pattern(
        HintKind.RECEIVED,
        r"\bthank(?:s|ed)?(?:\s+(?:you|{who}))?(?:\s+so much)?\s+for\s+(?:the|your|her|his|their)"
        r"\s+(?P<what>(?:referral|intro(?:duction)?|advice|tips?|recommendation|feedback|help|"
        r"reference)\b.*)",
        "{what}",
    ),
    # Help given: "I introduced her to Tom", "I sent him the posting", "she thanked me for…".
    Pattern(
        HintKind.GAVE,
        rf"\b{_ME}\s+(?P<what>(?:introduced|connected|referred|recommended)\s+{{who}}\b.*)",
        "{what}",
    ),
    Pattern(
        HintKind.GAVE,
        rf"\b{_ME}\s+(?P<what>(?:sent|shared|forwarded|gave|passed on)\s+{{who}}\s+.+)",
        "{what}",
    ),
    Pattern(
        HintKind.GAVE,
        r"\b{who}\s+thanked\s+(?:me|us)\s+for\s+(?:the|my|our)\s+(?P<what>.+)",
        "{what}",
    ),
)

_PRONOUNS = ("she", "he", "they")
_OBJECT_PRONOUNS = ("her", "him", "them")
_SENTENCE = re.compile(r"[^.!?;\n]+")
# Where a clause ends inside a sentence: what follows is another thought.
_CLAUSE_END = re.compile(
    r"\s*(?:,\s*(?:and|but|so|then|which)\b|\s(?:but|because|although|and then|so that|"
    r"and (?:I|she|he|they|we))\b)",
    re.IGNORECASE,
)
_EXCHANGE_WORDS: tuple[tuple[str, str], ...] = (
    ("introduc", "introduction"),
    ("intro", "introduction"),
    ("connect", "introduction"),
    ("in touch", "introduction"),
    ("referr", "referral"),
    ("refer", "referral"),
    ("reference", "recommendation"),
    ("recommend", "recommendation"),
    ("vouch", "recommendation"),
    ("advice", "advice"),
    ("tip", "advice"),
    ("feedback", "advice"),
    ("help", "favour"),
)
_NEED_WORDS: tuple[tuple[str, str], ...] = (
    ("hiring", "hire"),
    ("intro", "introduction"),
    ("referr", "referral"),
    ("advice", "advice"),
    ("mentor", "advice"),
    ("feedback", "advice"),
    ("tips", "advice"),
    ("role", "job_lead"),
    ("job", "job_lead"),
    ("position", "job_lead"),
    ("opening", "job_lead"),
    ("work", "job_lead"),
    ("information", "information"),
    ("info", "information"),
)


def find_hints(text: str, *, names: Sequence[str] = (), default_name: str = "") -> list[Hint]:
    """Suggestions to record from a conversation's `text`. `names` are how its people are
    called (a first name, a full name), to say whom a suggestion is about; `default_name` is
    what "you", "her" or "him" become in a record when the conversation was with one person."""
    if not isinstance(text, str) or not text.strip():
        return []
    usable = tuple(sorted({n.strip() for n in names if isinstance(n, str) and n.strip()}))
    compiled = _compile(usable)
    found: list[Hint] = []
    seen: set[tuple[HintKind, str]] = set()
    for start, clause in _clauses(_normalise(text)):
        for pattern, regex in compiled:
            match = regex.search(clause)
            if match is None:
                continue
            hint = _hint(pattern, match, start, usable, default_name.strip())
            if hint is not None and (hint.kind, hint.text.casefold()) not in seen:
                seen.add((hint.kind, hint.text.casefold()))
                found.append(hint)
    return found


def _clauses(text: str) -> list[tuple[int, str]]:
    """The text's sentences cut where another thought starts, each with where it starts."""
    pieces: list[tuple[int, str]] = []
    for sentence in _SENTENCE.finditer(text):
        start = sentence.start()
        for cut in _CLAUSE_END.finditer(sentence.group()):
            pieces.append((start, text[start : sentence.start() + cut.start()]))
            start = sentence.start() + cut.end()
        pieces.append((start, text[start : sentence.end()]))
    return pieces


def _normalise(text: str) -> str:
    """Curly apostrophes as straight ones, one character for one, so spans stay in place."""
    return text.replace("\u2019", "'").replace("\u2018", "'")


@lru_cache(maxsize=64)
def _compile(names: tuple[str, ...]) -> tuple[tuple[Pattern, re.Pattern[str]], ...]:
    alternatives = [re.escape(name) for name in sorted(names, key=len, reverse=True)]
    who = "(?P<who>" + "|".join([*alternatives, *_PRONOUNS]) + ")"
    object_who = "(?P<who>" + "|".join([*alternatives, *_OBJECT_PRONOUNS]) + ")"
    compiled = []
    for pattern in PATTERNS:
        # After a verb the person is an object ("introduced her"), before it a subject.
        subject = pattern.kind is not HintKind.GAVE or pattern.regex.startswith(r"\b{who}")
        source = pattern.regex.replace("{who}", who if subject else object_who)
        compiled.append((pattern, re.compile(source, re.IGNORECASE)))
    return tuple(compiled)


def _hint(
    pattern: Pattern, match: re.Match[str], offset: int, names: tuple[str, ...], default: str
) -> Hint | None:
    raw = match.group("what")
    what = " ".join(raw.split()).strip(" ,:-\u2013\u2014'\"")
    if not what:
        return None
    who = match.groupdict().get("who") or ""
    person = _named(who, names)
    if pattern.kind is HintKind.PROMISE:
        what = _about_them(what, default)
    elif default and not person and who.casefold() in _OBJECT_PRONOUNS:
        what = re.sub(rf"\b{who}\b", default, what, count=1, flags=re.IGNORECASE)
    words = _short(pattern.template.format(what=what))
    if not words:
        return None
    start = offset + match.start()
    end = offset + match.start("what") + len(raw.rstrip())
    return Hint(
        kind=pattern.kind,
        text=words[0].upper() + words[1:],
        person=person,
        detail=_detail(pattern.kind, words),
        start=start,
        end=max(end, start),
    )


def _named(who: str, names: tuple[str, ...]) -> str:
    """The name `who` is, as given in `names`; "" for a pronoun."""
    folded = who.casefold()
    return next((name for name in names if name.casefold() == folded), "")


def _about_them(what: str, name: str) -> str:
    """ "send you the deck" -> "send Priya the deck"; "review your CV" -> "review Priya's CV"."""
    if not name:
        name_object, name_possessive = "them", "their"
    else:
        name_object, name_possessive = name, f"{name}'s"
    # Functions, not strings, as replacements: a name is text, never a template ("\\1" in a
    # name would otherwise be read as a group).
    what = re.sub(r"\byour\b", lambda _: name_possessive, what, flags=re.IGNORECASE)
    return re.sub(r"\byou\b", lambda _: name_object, what, flags=re.IGNORECASE)


def _short(text: str) -> str:
    if len(text) <= WHAT_MAX:
        return text
    cut = text[: WHAT_MAX - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "\u2026"


def _detail(kind: HintKind, words: str) -> str:
    """The need's kind or the exchange's kind the words suggest."""
    folded = words.casefold()
    if kind is HintKind.NEED:
        return next((k for word, k in _NEED_WORDS if word in folded), "other")
    if kind is HintKind.PROMISE:
        return ""
    return next((k for word, k in _EXCHANGE_WORDS if word in folded), "information")
