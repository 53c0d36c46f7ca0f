"""Sentences and words of a draft, with spans into the original text.

A sentence ends at `.`, `!`, `?` or `…` (not after an abbreviation such as "Dr."), and at a line
break unless the line only wraps: a long line with no closing punctuation followed by a line
starting with a letter or digit ("...refer me\\nfor it?"). Greetings, sign-offs and names are
lines of their own. Curly apostrophes are made straight, keeping every offset.

Each sentence also has a *plain* form, which is what the review reads: chat spellings and
abbreviations written out ("r u" → "are you", "pls" → "please", "tmrw" → "tomorrow"; the list is
data, `lexicon/spellings.txt`), with a map from every plain offset back to the text, so a
finding found in the plain form still points at the words the writer wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from mutuals.core.outreach.lexicon import lines


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or a line: greetings and sign-offs are lines) as `text[start:end]`."""

    start: int
    end: int
    text: str  # the slice with curly apostrophes made straight (same length)
    words: tuple[str, ...]  # lower-cased plain words, contractions kept whole ("i'm")
    plain: str = ""  # `text` with chat spellings written out ("r u" → "are you")
    origin: tuple[int, ...] = ()  # offset in `text` of each offset 0..len(plain) of `plain`
    low: str = ""  # `plain` lower-cased, offset for offset (what the word lists are read on)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text behind `plain[start:end]`, as offsets into the draft."""
        return self.start + self.origin[start], self.start + self.origin[end]


def sentence(start: int, end: int, text: str) -> Sentence:
    """The sentence `text` (already straightened) found at `start..end` of a draft."""
    plain, origin = spell_out(text)
    low = plain.lower()
    if len(low) != len(plain):  # a few letters ("İ") lower-case to two characters
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in plain)
    words = tuple(word.lower() for word in WORD.findall(plain))
    return Sentence(start, end, text, words, plain, origin, low)


@cache
def _spellings() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {}
    for entry in lines("spellings"):
        spelling, _, words = entry.partition("=")
        table[spelling.strip().lower()] = words.strip()
    alternatives = "|".join(sorted(map(re.escape, table), key=len, reverse=True))
    # A whole word: not inside another word, not a contraction's part, not "U.S." or "u-turn".
    return re.compile(rf"(?<![\w'.-])(?:{alternatives})(?![\w'-]|\.\w)", re.IGNORECASE), table


def spell_out(text: str) -> tuple[str, tuple[int, ...]]:
    """`text` with chat spellings written out, and the offset in `text` of each plain offset."""
    found, table = _spellings()
    pieces: list[str] = []
    origin: list[int] = []
    done = 0
    for match in found.finditer(text):
        pieces.append(text[done : match.start()])
        origin.extend(range(done, match.start()))
        words = table[match.group(0).lower()]
        if match.group(0)[:1].isupper():
            words = words[:1].upper() + words[1:]
        pieces.append(words)
        width = match.end() - match.start()
        origin.extend(
            match.start() + min(width - 1, i * width // len(words)) for i in range(len(words))
        )
        done = match.end()
    pieces.append(text[done:])
    origin.extend(range(done, len(text) + 1))
    return "".join(pieces), tuple(origin)


STRAIGHTEN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_FLAT = str.maketrans({"\n": " ", "\r": " ", "\t": " "})
_LINE = re.compile(r"[^\n\r]+")
_LINE_ENDS = (".", "!", "?", "\u2026", ":", ",", ";")
# A sentence ends at its stop, or at a smiley standing alone ("hope ur good :) send me the
# list" is two sentences, as a chat writer means it).
_END = re.compile(r"(?:[.!?\u2026]+[\"'\u201d)\]]*|(?<!\S)[:;]-?[()DPp])(?=\s|$)")
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_ABBREVIATION = re.compile(r"(?<!\w)(?:mr|mrs|ms|dr|prof|st|jr|sr|vs|etc|e\.g|i\.e|approx)$", re.I)
_NUMBER_SIGN = re.compile(r"(?<!\w)no$", re.I)
# A line that so far holds only initials ("A. Mensah", "J. R. Moreau") has not ended.
_INITIALS = re.compile(r"(?:[A-Z]\.\s*)*[A-Z]")


def tokenize(text: str) -> tuple[Sentence, ...]:
    """Split `text` into sentences and words; every span lies inside `text`."""
    straight = text.translate(STRAIGHTEN)
    found: list[Sentence] = []
    for start, end in _blocks(straight):
        piece_start = start
        for stop in _END.finditer(straight, start, end):
            # "No." abbreviates a number only before one ("No. 5"): "Yes or no. Thanks!" ends.
            numbered = _NUMBER_SIGN.search(straight, piece_start, stop.start()) is not None and (
                straight[stop.end() : stop.end() + 3].strip()[:1].isdigit()
            )
            if (
                numbered
                or _ABBREVIATION.search(straight, piece_start, stop.start())
                or (
                    stop.group(0) == "."
                    and _INITIALS.fullmatch(straight[piece_start : stop.start()].strip())
                )
            ):
                continue
            _add(found, straight, piece_start, stop.end())
            piece_start = stop.end()
        _add(found, straight, piece_start, end)
    return tuple(found)


def _blocks(straight: str) -> list[tuple[int, int]]:
    blocks: list[tuple[int, int]] = []
    for line in _LINE.finditer(straight):
        if blocks and _wraps(straight, blocks[-1], line.start()):
            blocks[-1] = (blocks[-1][0], line.end())
        else:
            blocks.append((line.start(), line.end()))
    return blocks


def _wraps(straight: str, block: tuple[int, int], next_start: int) -> bool:
    between = straight[block[1] : next_start]
    if between.count("\n") + between.count("\r") - between.count("\r\n") > 1:
        return False  # a blank line: a new paragraph
    previous = straight[block[0] : block[1]].rstrip()
    following = straight[next_start : next_start + 1]
    return (
        len(WORD.findall(previous)) > 5
        and not previous.endswith(_LINE_ENDS)
        and following.isalnum()
    )


def _add(found: list[Sentence], straight: str, start: int, end: int) -> None:
    while start < end and straight[start].isspace():
        start += 1
    while end > start and straight[end - 1].isspace():
        end -= 1
    piece = sentence(start, end, straight[start:end].translate(_FLAT))
    if piece.words:
        found.append(piece)
